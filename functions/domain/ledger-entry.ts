import { BusinessRuleError } from './errors.js';
import { type CurrencyCode, type Money, add, maxAmountText, zero } from './money.js';

/**
 * One movement of a customer's account credit. Entries are append-only and never change; the balance
 * is their sum and never goes below zero. At most one entry exists per external payment id.
 */
export const LEDGER_ENTRY_KINDS = [
  'funds_added', 'credit_applied', 'overpayment', 'refund_to_credit', 'adjustment',
  /** Credit given back to the card it came from (negative); `refund_failed` puts it back if the provider will not. */
  'refunded_to_card', 'refund_failed',
] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

export interface LedgerEntry {
  readonly id: string;
  readonly customerId: string;
  readonly kind: LedgerEntryKind;
  /** Signed: positive adds credit, negative spends it. */
  readonly amount: Money;
  readonly createdAt: string;
  readonly description: string;
  readonly invoiceId?: string;
  /** The invoices one entry paid together (mass pay from credit). */
  readonly invoiceIds?: readonly string[];
  /** The provider's payment id (Stripe PaymentIntent, PayPal capture, BTCPay invoice) behind it. */
  readonly externalPaymentId?: string;
  /** Who made it, when a person did (staff granting or removing credit): the audit trail. */
  readonly actor?: { readonly id: string; readonly name: string };
}

export function balanceOf(currency: CurrencyCode, entries: readonly LedgerEntry[]): Money {
  return entries.reduce((balance, entry) => add(balance, entry.amount), zero(currency));
}

/**
 * An entry would take the balance past MAX_AMOUNT_MINOR (money.ts), the most an account may hold.
 * The store refuses it in the same write that would add it, so nothing was written.
 */
export class CreditLimitError extends BusinessRuleError {
  constructor(readonly currency: CurrencyCode, options?: ErrorOptions) {
    super(`An account can hold at most ${maxAmountText(currency)} of credit: this would take the balance past it. Nothing was changed.`, options);
  }
}
