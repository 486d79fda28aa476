import type { PaymentMethod } from '../domain/payment.js';

/** A customer's payments as a history, for rules that look at how a customer has paid before. */
export interface PaymentHistory {
  /**
   * How many of the customer's invoices are paid, with money from one of `methods` applied to them
   * (an invoice paid in part by card and in part by credit counts for `card`). Counting stops at
   * `enough`, so the answer is at most that.
   */
  countPaidInvoices(customerId: string, methods: readonly PaymentMethod[], enough: number): Promise<number>;
}
