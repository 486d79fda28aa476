import type Stripe from 'stripe';
import { declineMessage } from '../decline-message.js';
import { eventBase, idOf, type EventTranslator } from './translator.js';

/** A charge attempt failed. `authentication_required` means: ask the customer to pay on-session. */
export const paymentIntentPaymentFailed: EventTranslator<Stripe.PaymentIntentPaymentFailedEvent> = async (event) => {
  const intent = event.data.object;
  const failure = intent.last_payment_error;
  const reason = failure?.decline_code ?? failure?.code ?? 'card_declined';
  return {
    type: 'payment.failed',
    method: 'card',
    ...eventBase(event),
    paymentId: intent.id,
    invoiceId: intent.metadata['invoiceId'],
    billingCustomerId: intent.metadata['customerId'],
    customerRef: idOf(intent.customer),
    reason,
    message: declineMessage(reason),
    requiresAction: reason === 'authentication_required' || failure?.code === 'authentication_required',
  };
};
