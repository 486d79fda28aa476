/**
 * The errors every payment provider adapter raises, in neutral terms. Expected outcomes (a decline,
 * "the bank wants the customer") are return values, not these.
 */

/** A passing fault at the provider (network, 5xx, rate limit). Nothing was charged twice. */
export class PaymentProviderUnavailableError extends Error {
  override readonly name: string = 'PaymentProviderUnavailableError';
  constructor(options?: { cause?: unknown }) {
    super(
      'Our payment provider had a temporary problem. Nothing was charged twice; please try again in a few minutes.',
      options,
    );
  }
}

/**
 * The provider's rate limiter refused the request before it did anything (Stripe's 429:
 * docs.stripe.com/rate-limits), so the request may be made again, even under a new idempotency key.
 */
export class PaymentProviderRateLimitedError extends PaymentProviderUnavailableError {
  override readonly name = 'PaymentProviderRateLimitedError';
}

/**
 * The provider refused a request for a reason that retrying will not fix: an amount it cannot charge
 * (`amount_not_accepted`, which the customer is told), or a bug or a bad setting (the rest).
 */
export class PaymentProviderError extends Error {
  override readonly name = 'PaymentProviderError';
  constructor(
    readonly reason: 'amount_not_accepted' | 'idempotency_key_reused' | 'invalid_request' | 'not_authorized' | 'unexpected',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A webhook whose signature is missing, wrong, or outside the time tolerance. Answer 400. */
export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
}
