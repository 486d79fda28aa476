import type { CalendarDate } from './calendar-date.js';
import type { Money } from './money.js';
import type { ProcessorFee } from './processor-fee.js';

/**
 * How a customer pays, in the domain's words: never a company's name. Each method is served by one
 * provider at a time (cards by Stripe today), chosen where the adapters are built. `offline` is money
 * that reached the business outside the system (a bank transfer, cash, a cheque), recorded by staff.
 */
export const PAYMENT_METHODS = ['card', 'paypal', 'crypto', 'credit', 'offline'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * The methods whose money arrives through an outside provider (account credit is our own ledger;
 * offline money is recorded by staff, with no provider to ask).
 */
export type ProviderPaymentMethod = Exclude<PaymentMethod, 'credit' | 'offline'>;

/** How money received outside the system came. */
export const OFFLINE_PAYMENT_KINDS = ['bank_transfer', 'cash', 'cheque', 'other'] as const;
export type OfflinePaymentKind = (typeof OFFLINE_PAYMENT_KINDS)[number];

/** What staff wrote down about money received outside the system. */
export interface OfflinePaymentDetails {
  readonly kind: OfflinePaymentKind;
  /** The bank's reference, the cheque's number, the receipt's number: whatever finds it again. */
  readonly reference: string;
  /** The day the money arrived (it may be before the day it was recorded). */
  readonly receivedOn: CalendarDate;
}

/**
 * Money received. Immutable, and at most one per external payment id: the provider's id (a Stripe
 * PaymentIntent, a PayPal capture, a BTCPay invoice) is the record's key, so a webhook delivered a
 * hundred times, or a charge answered and then confirmed by webhook, is recorded once.
 *
 * Money that pays no invoice (Add Funds) has no `invoiceId` and became account credit in full; money
 * for an invoice that was already paid or void is recorded with that invoice, as credit, never dropped.
 */
export interface Payment {
  readonly method: PaymentMethod;
  readonly externalId: string;
  readonly customerId: string;
  readonly invoiceId?: string;
  readonly amount: Money;
  /** What went to the invoice; the rest (`amount - appliedToInvoice`) became account credit. */
  readonly appliedToInvoice: Money;
  readonly receivedAt: string;
  /**
   * The money arrived for an invoice that was already paid or void (a race at the provider): the
   * customer did not owe it, so it is refunded in full; until then, and if that fails, it is credit.
   */
  readonly unowed?: boolean;
  /** The card it came from, as the receipt shows it. */
  readonly card?: { readonly brand: string; readonly last4: string };
  readonly refund?: PaymentRefund;
  /** Money received outside the system: how, the reference and the day, as staff recorded them. */
  readonly offline?: OfflinePaymentDetails;
  /**
   * What staff (or the provider's dashboard) have refunded of this payment so far, besides the
   * automatic `refund` of money not owed; see functions/domain/refund.ts.
   */
  readonly refunded?: RefundedSoFar;
  /**
   * One payment for several invoices (mass pay): what went to each. `appliedToInvoice` is then their
   * sum, and `invoiceId` is absent.
   */
  readonly allocations?: readonly PaymentAllocation[];
  /** What the card processor kept of it, read after it was recorded (card payments only). */
  readonly processorFee?: ProcessorFee;
}

export interface PaymentAllocation {
  readonly invoiceId: string;
  readonly amount: Money;
}

/**
 * Money given back through the provider. `pending`: the ledger has set the amount aside and the
 * provider has been asked; `refunded`: the provider took it; `failed`: the provider would not, so the
 * amount went back to the customer's credit and staff are told.
 */
export interface PaymentRefund {
  readonly status: 'pending' | 'refunded' | 'failed';
  readonly amount: Money;
  readonly requestedAt: string;
  readonly refundId?: string;
  /** Why it failed, for staff. */
  readonly failure?: string;
}

/**
 * The running totals of a payment's refunds, kept on the payment so that one conditional write can
 * refuse a refund of more than is left. `fromInvoice` is the part that had paid its invoice(s); the
 * rest (`total - fromInvoice`) came out of the account credit the payment had become.
 */
export interface RefundedSoFar {
  readonly total: Money;
  readonly fromInvoice: Money;
}
