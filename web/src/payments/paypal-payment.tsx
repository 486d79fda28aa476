import { useEffect, useId } from 'react';
import { paypalSupportsCurrency } from '../../../functions/adapters/paypal/paypal-money.js';
import { api } from '../api/client.js';
import type { Invoice, PayInvoiceRequest, PaymentResult } from '../api/types.js';
import { formatDate } from '../format.js';
import type { PaymentMethod, PaymentOptionsProps } from './payment-methods.js';
import { startInvoicePayment } from './start-invoice-payment.js';

/** On an invoice of a service: pay this one invoice, or set up a PayPal subscription that pays the service every cycle. */
export interface PayPalChoice { recurring: boolean }

/**
 * Pay with PayPal, once: the customer approves on PayPal's page, which keeps their PayPal and bank
 * details; the server captures the approved payment and PayPal's webhook confirms it. PayPal takes
 * only some currencies (the same table the server checks with, imported like the currency exponents):
 * for an account in another one the option stays listed, with a note, and cannot be chosen to pay.
 */
export const paypalPayment: PaymentMethod<PayPalChoice> = {
  id: 'paypal',
  label: 'PayPal',
  describe: ({ invoice }) => paypalSupportsCurrency(invoice.currency)
    ? 'Pay with your PayPal account or a card through PayPal'
    : `Not available for this account: PayPal does not take payments in ${invoice.currency}.`,
  available: ({ invoice }) => invoice.status === 'open',
  Options: PayPalOptions,
  pay: async ({ invoice }, choice) => {
    if (!paypalSupportsCurrency(invoice.currency)) {
      return { kind: 'failed', message: `PayPal does not take payments in ${invoice.currency}, the currency of this account. Please choose another way to pay.` };
    }
    const body: PayInvoiceRequest = { method: 'paypal', recurring: Boolean(invoice.service && choice?.recurring) };
    return startInvoicePayment(invoice.id, body);
  },
};

/** A service's subscription that is live: its payments pay this invoice, so no new one is offered. */
const liveSubscription = (invoice: Invoice) => {
  const s = invoice.service?.subscription;
  return s && (s.status === 'active' || s.status === 'suspended') ? s : undefined;
};

/** On an invoice of a service: "pay once" or "set up a PayPal subscription"; on any other invoice, nothing to choose. */
function PayPalOptions({ context, choice, onChoice, disabled }: PaymentOptionsProps<PayPalChoice>) {
  const name = useId();
  const service = context.invoice.service;
  useEffect(() => {
    if (!choice) onChoice({ recurring: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [choice]);
  if (!service) return null;
  const live = liveSubscription(context.invoice);
  if (live) {
    return (
      <p className="pay-note">
        {service.name} is paid by your PayPal subscription{live.nextBillingAt ? `; its next payment is on ${formatDate(live.nextBillingAt.slice(0, 10))}` : ''}.
        You can still pay this invoice once.
      </p>
    );
  }
  return (
    <fieldset className="pay-methods" disabled={disabled}>
      <legend>How to pay with PayPal</legend>
      <label className="pay-option">
        <input type="radio" name={name} checked={!choice?.recurring} onChange={() => onChoice({ recurring: false })} />
        <span>Pay this invoice once</span>
      </label>
      <label className="pay-option">
        <input type="radio" name={name} checked={choice?.recurring === true} onChange={() => onChoice({ recurring: true })} />
        <span>Set up a PayPal subscription: it pays this invoice and every {service.cycle === 'monthly' ? 'month' : service.cycle === 'quarterly' ? 'quarter' : 'year'} of {service.name} automatically</span>
      </label>
    </fieldset>
  );
}

/** Back from approving a subscription (`?subscription=paypal&subscription_id=I-…`): the server learns where it stands from PayPal. */
export async function confirmPayPalSubscription(invoiceId: string, subscriptionId: string): Promise<PaymentResult> {
  return api.post<PaymentResult>(`/v1/invoices/${encodeURIComponent(invoiceId)}/payments`, { method: 'paypal', subscriptionId } satisfies PayInvoiceRequest);
}

/** Back from PayPal (`?payment=paypal&token=…`): the server captures the approved order, once, and says where the invoice stands. */
export async function confirmPayPalReturn(invoiceId: string, orderId: string): Promise<PaymentResult> {
  return api.post<PaymentResult>(`/v1/invoices/${encodeURIComponent(invoiceId)}/payments`, { method: 'paypal', orderId } satisfies PayInvoiceRequest);
}
