import { api } from '../api/client.js';
import type { PayInvoiceRequest, PaymentResult } from '../api/types.js';
import type { PaymentAttempt } from './payment-methods.js';

/**
 * Asks the API to pay `invoiceId` as `request` says (`POST /v1/invoices/{id}/payments`) and gives its
 * answer as the selector shows it: continue on the provider's page, paid (in full or in part), paid
 * already before this attempt,
 * waiting for the provider, or refused with the API's sentence for the customer. Faults are thrown
 * as ApiErrors.
 */
export async function startInvoicePayment(invoiceId: string, request: PayInvoiceRequest): Promise<PaymentAttempt> {
  return paymentAttempt(await api.post<PaymentResult>(`/v1/invoices/${encodeURIComponent(invoiceId)}/payments`, request));
}

/** The selector's view of the API's PaymentResult. */
export function paymentAttempt(result: PaymentResult): PaymentAttempt {
  switch (result.status) {
    case 'redirect':
      return { kind: 'redirect', url: result.redirectUrl };
    case 'paid':
    case 'partly_paid':
      return { kind: 'paid', invoice: result.invoice };
    case 'subscribed':
      return { kind: 'paid', invoice: result.invoice, message: 'This service is paid by your PayPal subscription: its next payment pays this invoice.' };
    case 'already_paid':
      return { kind: 'already_paid', invoice: result.invoice };
    case 'processing':
      return { kind: 'processing' };
    case 'declined':
    case 'requires_action':
      return { kind: 'failed', message: result.message };
  }
}
