import type { PaymentMethod } from '../domain/payment.js';
import type { ProcessorFee } from '../domain/processor-fee.js';

/**
 * Where a payment's processor fee is kept: on the payment itself, written once. The payment's money
 * is never changed by it (the fee is the processor's cost, not the customer's ledger).
 */
export interface PaymentFeeRecords {
  /**
   * Records the fee on the payment if it has none yet: `already_recorded` when it had one (a
   * redelivered outbox item, two consumers at once), and nothing changes.
   * @throws NotFoundError when there is no such payment
   */
  record(payment: { method: PaymentMethod; externalId: string }, fee: ProcessorFee): Promise<'recorded' | 'already_recorded'>;
}
