import type { Money } from '../../domain/money.js';

/** One payment the provider saw on a checkout: in the cryptocurrency sent, as the provider counts it. */
export interface ProviderPaymentRecord {
  readonly id: string;
  /** The provider's payment method, e.g. `BTC-CHAIN`. */
  readonly method: string;
  /** Decimal string in `currency`, network fee included. */
  readonly amount: string;
  readonly currency: string;
  readonly status: 'Processing' | 'Settled' | 'Invalid';
  readonly receivedAt: string;
}

/** A provider's own record of one checkout opened for an invoice (a BTCPay invoice), for staff. */
export interface ProviderCheckoutRecord {
  /** The provider's id (the BTCPay invoice id). */
  readonly id: string;
  /** The provider's status, in its words: New, Processing, Settled, Expired, Invalid. */
  readonly status: string;
  /** Why it is in that status, when the provider says: PaidPartial, PaidOver, PaidLate, Marked. */
  readonly detail?: string;
  /** The fiat amount it asked for. */
  readonly amount: Money;
  /** The fiat amount paid on it so far, net of network fees. */
  readonly paid: Money;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly payments: readonly ProviderPaymentRecord[];
}

/** The checkouts a provider holds for an invoice, as it holds them now (staff see what BTCPay sees). */
export interface CheckoutHistory {
  /**
   * Newest first; at most a few dozen.
   * @throws PaymentProviderUnavailableError on a passing fault
   */
  listForInvoice(invoiceId: string): Promise<readonly ProviderCheckoutRecord[]>;
}
