import type Stripe from 'stripe';
import { PaymentProviderError } from '../../ports/payments/provider-errors.js';
import type { CardDetails } from '../../ports/payments/saved-payment-methods.js';

/** A Stripe PaymentMethod as the public card details we keep; anything but a card is a fault. */
export function cardDetailsOf(method: Stripe.PaymentMethod): CardDetails {
  if (!method.card) throw new PaymentProviderError('unexpected', `PaymentMethod ${method.id} is not a card`);
  return { id: method.id, brand: method.card.brand, last4: method.card.last4, expMonth: method.card.exp_month, expYear: method.card.exp_year };
}
