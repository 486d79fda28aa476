import type { Invoice } from '../../domain/invoice.js';

/** Why an open invoice needs staff's attention. */
export type AttentionReason = 'declined' | 'requires_action' | 'payment_pending';

/** An open invoice needing attention, as the dashboard lists it (amounts in minor units). */
export interface InvoiceNeedingAttention {
  readonly invoiceId: string;
  readonly number: number;
  readonly customerId: string;
  readonly currency: string;
  readonly amountDue: number;
  readonly dueDate: string;
  readonly reason: AttentionReason;
  /** The processor's reason for the last declined charge, as the customer was told. */
  readonly lastReason?: string;
  /** When the last automatic charge was tried (ISO 8601, UTC). */
  readonly lastAttemptAt?: string;
}

/** How many invoices need attention for each reason, and the first `listed` of them (longest due first). */
export interface NeedingAttention {
  readonly counts: Readonly<Record<AttentionReason, number>>;
  readonly invoices: readonly InvoiceNeedingAttention[];
}

/**
 * The open invoices whose last automatic charge was declined or needs the customer to authenticate
 * (`dunning.lastOutcome`), and those with a payment pending (crypto confirming, a PayPal capture
 * pending). A pending payment wins over an older declined charge: the money is on its way.
 */
export function needingAttention(invoices: readonly Invoice[], listed: number): NeedingAttention {
  const found: InvoiceNeedingAttention[] = [];
  for (const invoice of invoices) {
    const s = invoice.state;
    if (s.status !== 'open') continue;
    const outcome = s.dunning?.lastOutcome;
    const reason: AttentionReason | undefined = s.paymentPending ? 'payment_pending'
      : outcome === 'declined' || outcome === 'requires_action' ? outcome : undefined;
    if (!reason) continue;
    found.push({
      invoiceId: s.id, number: s.number, customerId: s.customerId, currency: s.currency, amountDue: invoice.amountDue.amountMinor,
      dueDate: s.dueDate, reason,
      ...(reason !== 'payment_pending' && s.dunning?.lastReason ? { lastReason: s.dunning.lastReason } : {}),
      ...(reason !== 'payment_pending' && s.dunning ? { lastAttemptAt: s.dunning.lastAt } : {}),
    });
  }
  const counts = { declined: 0, requires_action: 0, payment_pending: 0 };
  for (const item of found) counts[item.reason] += 1;
  found.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number - b.number);
  return { counts, invoices: found.slice(0, listed) };
}
