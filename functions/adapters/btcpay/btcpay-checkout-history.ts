import type { CheckoutHistory, ProviderCheckoutRecord } from '../../ports/payments/checkout-history.js';
import type { BtcpayClient } from './btcpay-client.js';
import { fromBtcpayAmount, isBillingCurrency } from './btcpay-money.js';

/** How many of an invoice's BTCPay invoices staff see (newest first): more means someone kept trying. */
const MAX_LISTED = 20;

/**
 * An invoice's BTCPay invoices (found by the `orderId` we gave them, which BTCPay indexes), each with
 * its payments per payment method, as BTCPay holds them now: what staff need to follow a crypto
 * payment, including one BTCPay marked invalid.
 */
export class BtcpayCheckoutHistory implements CheckoutHistory {
  constructor(private readonly client: BtcpayClient) {}

  async listForInvoice(invoiceId: string): Promise<readonly ProviderCheckoutRecord[]> {
    const invoices = (await this.client.listInvoicesByOrderId(invoiceId, MAX_LISTED))
      .filter((invoice) => invoice.metadata?.['invoiceId'] === invoiceId && isBillingCurrency(invoice.currency));
    return Promise.all(invoices.map(async (invoice) => {
      const methods = await this.client.getInvoicePaymentMethods(invoice.id, { includeInvalid: true });
      return {
        id: invoice.id,
        status: invoice.status,
        ...(invoice.additionalStatus && invoice.additionalStatus !== 'None' ? { detail: invoice.additionalStatus } : {}),
        amount: fromBtcpayAmount(invoice.amount, invoice.currency),
        paid: fromBtcpayAmount(invoice.paidAmount ?? '0', invoice.currency),
        createdAt: new Date(invoice.createdTime * 1000).toISOString(),
        expiresAt: new Date(invoice.expirationTime * 1000).toISOString(),
        payments: methods.flatMap((method) => method.payments.map((payment) => ({
          id: payment.id, method: method.paymentMethodId, amount: payment.value, currency: method.currency,
          status: payment.status, receivedAt: new Date(payment.receivedDate * 1000).toISOString(),
        }))),
      };
    }));
  }
}
