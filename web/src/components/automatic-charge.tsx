import type { Invoice } from '../api/types.js';
import { formatDateTime, formatTimestamp } from '../format.js';

type Charge = NonNullable<Invoice['automaticCharge']>;

/**
 * Where an invoice's automatic charges stand (dunning), in a line and a detail: the last outcome, the
 * declines so far, and when it is tried again; "No automatic billing" when the due date's charge
 * found automatic billing off or no usable card. Nothing for an invoice not yet due.
 */
export function AutomaticCharge({
  invoice,
  forCustomer = false,
}: {
  invoice: Pick<Invoice, 'status' | 'automaticCharge' | 'overdue'>;
  /** The customer's own invoice: their bank's request is addressed to them. */
  forCustomer?: boolean;
}) {
  const charge = invoice.automaticCharge;
  if (!charge) return invoice.overdue ? <span className="dunning">Not charged automatically</span> : null;
  const { summary, detail } = describe(charge, forCustomer);
  return (
    <span className="dunning">
      {summary}
      {detail ? <span className="dunning-detail">{detail}</span> : null}
    </span>
  );
}

function describe(charge: Charge, forCustomer: boolean): { summary: string; detail?: string } {
  const declines = charge.declines === 1 ? '1 decline so far' : `${charge.declines} declines so far`;
  const next = charge.nextAttemptAt ? `Next try ${formatDateTime(charge.nextAttemptAt)}.` : 'No retries left.';
  switch (charge.lastOutcome) {
    case 'paid':
      return { summary: `Paid automatically on ${formatTimestamp(charge.lastAttemptAt)}` };
    case 'not_charged':
      return charge.reason ? { summary: 'Not charged', detail: charge.reason } : { summary: 'No automatic billing' };
    case 'declined':
      return { summary: `Declined, ${declines}`, detail: [charge.reason, next].filter(Boolean).join(' ') };
    case 'requires_action':
      return {
        summary: forCustomer ? 'Your bank asks you to confirm this payment: pay it by card here' : 'Waiting for the customer to confirm with their bank',
        detail: [charge.declines > 0 ? `${declines}.` : '', next].filter(Boolean).join(' '),
      };
  }
}
