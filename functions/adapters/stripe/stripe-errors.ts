import Stripe from 'stripe';
import { PaymentProviderError, PaymentProviderRateLimitedError, PaymentProviderUnavailableError } from '../../ports/payments/provider-errors.js';

/**
 * Sorts a Stripe SDK error that is not a card decline into the port's errors: passing faults
 * (network, 5xx, rate limit, a concurrent request holding the idempotency key) may be retried with the
 * same key; anything else is a bug or a bad setting. The SDK error is kept as the cause.
 */
export function providerError(error: unknown): Error {
  const { errors } = Stripe;
  if (error instanceof errors.StripeRateLimitError) return new PaymentProviderRateLimitedError({ cause: error });
  if (error instanceof errors.StripeConnectionError || error instanceof errors.StripeAPIError) {
    return new PaymentProviderUnavailableError({ cause: error });
  }
  if (error instanceof errors.StripeIdempotencyError) {
    return new PaymentProviderError('idempotency_key_reused', 'An idempotency key was reused with other parameters', { cause: error });
  }
  if (error instanceof errors.StripeAuthenticationError || error instanceof errors.StripePermissionError) {
    return new PaymentProviderError('not_authorized', 'Stripe refused the API key', { cause: error });
  }
  if (error instanceof errors.StripeInvalidRequestError && (error.code === 'amount_too_small' || error.code === 'amount_too_large')) {
    return new PaymentProviderError('amount_not_accepted', `Stripe cannot charge this amount (${error.code})`, { cause: error });
  }
  if (error instanceof errors.StripeInvalidRequestError) {
    return new PaymentProviderError('invalid_request', `Stripe refused the request: ${error.message}`, { cause: error });
  }
  if (error instanceof PaymentProviderError || error instanceof PaymentProviderUnavailableError) return error;
  return new PaymentProviderError('unexpected', 'Unexpected error from Stripe', { cause: error });
}

export function isMissingResource(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing';
}
