import type { Money } from '../domain/money.js';

/**
 * Several invoices a customer chose to pay in one payment (mass pay), kept while the provider's page
 * takes the money: the webhook names only the batch, and this says which invoices and how much each.
 */
export interface PaymentBatch {
  readonly id: string;
  readonly customerId: string;
  readonly invoices: ReadonlyArray<{ readonly invoiceId: string; readonly amount: Money }>;
  readonly total: Money;
  readonly createdAt: string;
}

export interface PaymentBatches {
  save(batch: PaymentBatch): Promise<void>;
  get(id: string): Promise<PaymentBatch | undefined>;
}
