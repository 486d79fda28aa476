import type { BillTo } from '../domain/invoice.js';
import type { Money } from '../domain/money.js';
import type { Payment } from '../domain/payment.js';
import type { ComposedEmail } from './invoice-email-composer.js';

/**
 * The receipt for money added to the account (Add Funds): who it goes to, the payment, and the
 * account's credit balance when the email is written (it may have been spent on an invoice since).
 */
export interface FundsReceiptEmail {
  readonly to: BillTo;
  readonly payment: Payment;
  readonly balance: Money;
}

/** Renders the receipt for funds added in the seller's look, with a link to the account's statement. Pure. */
export interface FundsReceiptComposer {
  compose(email: FundsReceiptEmail): ComposedEmail;
}
