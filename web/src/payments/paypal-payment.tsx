import { paypalSupportsCurrency } from '../../../functions/adapters/paypal/paypal-money.js';
import { api } from '../api/client.js';
import type { PayInvoiceRequest, PaymentResult } from '../api/types.js';
import type { PaymentMethod } from './payment-methods.js';
import { startInvoicePayment } from './start-invoice-payment.js';

/**
 * Pay with PayPal, once: the customer approves on PayPal's page, which keeps their PayPal and bank
 * details; the server captures the approved payment and PayPal's webhook confirms it. PayPal takes
 * only some currencies (the same table the server checks with, imported like the currency exponents):
 * for an account in another one the option stays listed, with a note, and cannot be chosen to pay.
 */
export const paypalPayment: PaymentMethod = {
  id: 'paypal',
  label: 'PayPal',
  describe: ({ invoice }) => paypalSupportsCurrency(invoice.currency)
    ? 'Pay with your PayPal account or a card through PayPal'
    : `Not available for this account: PayPal does not take payments in ${invoice.currency}.`,
  available: ({ invoice }) => invoice.status === 'open',
  pay: async ({ invoice }) => {
    if (!paypalSupportsCurrency(invoice.currency)) {
      return { kind: 'failed', message: `PayPal does not take payments in ${invoice.currency}, the currency of this account. Please choose another way to pay.` };
    }
    return startInvoicePayment(invoice.id, { method: 'paypal' });
  },
};

/** Back from PayPal (`?payment=paypal&token=…`): the server captures the approved order, once, and says where the invoice stands. */
export async function confirmPayPalReturn(invoiceId: string, orderId: string): Promise<PaymentResult> {
  return api.post<PaymentResult>(`/v1/invoices/${encodeURIComponent(invoiceId)}/payments`, { method: 'paypal', orderId } satisfies PayInvoiceRequest);
}
