import type { PaymentMethod } from './payment.js';

/**
 * Who may pay by cryptocurrency: established customers only (DESIGN.md, issue 13). A crypto payment
 * cannot be reversed or disputed, so it is offered to accounts with a history of payments that can
 * be: at least `minAccountAgeDays` old, with at least `minPaidInvoices` invoices paid by card or
 * PayPal. The provider sets both numbers; by default 90 days and 2 invoices.
 */
export interface EstablishedCustomerRule {
  /** Whole days of 24 hours since the account was created. */
  readonly minAccountAgeDays: number;
  readonly minPaidInvoices: number;
}

export const DEFAULT_ESTABLISHED_CUSTOMER_RULE: EstablishedCustomerRule = { minAccountAgeDays: 90, minPaidInvoices: 2 };

/**
 * The payments that make a customer established. Account credit is money already in our books and a
 * crypto payment is the very thing the rule guards, so invoices paid that way do not count.
 */
export const ESTABLISHING_METHODS: readonly PaymentMethod[] = ['card', 'paypal'];

export type Establishment =
  | { readonly established: true }
  | {
      readonly established: false;
      /** For the customer: what is missing, and when they will qualify. */
      readonly reason: string;
      /** When the account is old enough (ISO 8601); absent when it already is. */
      readonly oldEnoughAt?: string;
      /** How many more invoices paid by card or PayPal are needed; 0 when none. */
      readonly paidInvoicesNeeded: number;
    };

const DAY_MS = 86_400_000;

/**
 * Whether a customer is established now. The age counts from the account's creation, to the
 * millisecond: an account created at 10:00 on 1 March is 90 days old from 10:00 on 30 May (UTC).
 * `paidInvoices` is how many of the customer's invoices are paid by card or PayPal (a count that
 * stops at the rule's minimum is enough).
 */
export function establishment(input: {
  accountCreatedAt: string;
  paidInvoices: number;
  rule: EstablishedCustomerRule;
  now: Date;
}): Establishment {
  const { rule } = input;
  const oldEnoughAt = new Date(Date.parse(input.accountCreatedAt) + rule.minAccountAgeDays * DAY_MS);
  const tooNew = input.now.getTime() < oldEnoughAt.getTime();
  const paidInvoicesNeeded = Math.max(0, rule.minPaidInvoices - input.paidInvoices);
  if (!tooNew && paidInvoicesNeeded === 0) return { established: true };

  const invoices = (n: number) => (n === 1 ? '1 invoice' : `${n} invoices`);
  const date = oldEnoughAt.toISOString().slice(0, 10);
  const missing = [
    ...(tooNew ? [`your account is ${rule.minAccountAgeDays} days old (on ${date})`] : []),
    ...(paidInvoicesNeeded > 0 ? [`${paidInvoicesNeeded} more ${paidInvoicesNeeded === 1 ? 'invoice is' : 'invoices are'} paid by card or PayPal`] : []),
  ];
  const when = tooNew && paidInvoicesNeeded === 0
    ? `You can pay by cryptocurrency from ${date}.`
    : `You can pay by cryptocurrency once ${missing.join(' and ')}.`;
  return {
    established: false,
    reason: `Cryptocurrency payments are for established customers: accounts at least ${rule.minAccountAgeDays} days old `
      + `with at least ${invoices(rule.minPaidInvoices)} paid by card or PayPal. ${when}`,
    ...(tooNew ? { oldEnoughAt: oldEnoughAt.toISOString() } : {}),
    paidInvoicesNeeded,
  };
}
