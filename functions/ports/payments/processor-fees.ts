import type { ProcessorFeeReading } from '../../domain/processor-fee.js';

/**
 * Providers that say what they kept of a payment (Stripe: the fee on the balance transaction of the
 * PaymentIntent's charge). Asked after the payment is recorded, never while the customer waits.
 */
export interface ProcessorFees {
  /**
   * The fee of a payment that succeeded, by the provider's payment id (`pi_…`).
   * @throws PaymentProviderUnavailableError on a passing fault, or while the provider has not booked
   *   the payment yet: ask again later
   * @throws PaymentProviderError when the provider does not know the payment
   */
  feeOf(paymentId: string): Promise<ProcessorFeeReading>;
}
