import { StripeProcessorFees } from '../../adapters/stripe/stripe-processor-fees.js';
import { StripeClients } from '../../adapters/stripe/stripe-client.js';
import { config } from '../../config.js';
import type { ProcessorFees } from '../../ports/payments/processor-fees.js';
import { stripeKeySource } from './payments.js';

/**
 * The card processor's fees, for the outbox consumer: built from Stripe's settings without reading
 * the secret (it is read on the first fee asked for), and unset in a stack without card payments,
 * where no card payment, and so no fee to read, can exist.
 */
export function processorFees(): ProcessorFees | undefined {
  const { stripe, region } = config();
  if (!stripe) return undefined;
  const api = stripe.apiUrl ? new URL(stripe.apiUrl) : undefined;
  return new StripeProcessorFees(new StripeClients(
    stripeKeySource(stripe, region),
    api ? { host: api.hostname, port: Number(api.port), protocol: api.protocol === 'https:' ? 'https' : 'http' } : undefined,
  ));
}
