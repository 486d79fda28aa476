/**
 * How a charge waits out Stripe's rate limit before it gives up with a passing fault.
 *
 * stripe-node does not retry a 429 of the rate limiter (it retries a 429 only when Stripe marks it
 * `Stripe-Should-Retry: true`, which Stripe does for an object lock timeout, not for a rate limit:
 * RequestSender._shouldRetry), and Stripe asks callers to back off exponentially, with jitter
 * (docs.stripe.com/rate-limits). A request refused by the limiter did nothing, and the retry carries
 * the same idempotency key, so retrying can never charge twice.
 */
export interface RateLimitBackoff {
  /** Retries after the first 429; 0 gives the 429 back at once (someone is waiting for the answer). */
  readonly retries: number;
}

export const NO_RATE_LIMIT_RETRIES: RateLimitBackoff = { retries: 0 };

/**
 * For a customer waiting on "Pay": two retries, 0.75 to 1.5 s in all, so that a customer who pays
 * while a burst of due-date charges holds Stripe's limit is not told to come back for a moment's
 * crowding; a limit that lasts longer is still answered at once with "try again in a few minutes".
 */
export const CUSTOMER_RATE_LIMIT_RETRIES: RateLimitBackoff = { retries: 2 };

/** stripe-node's own network retry delays, reused for the same kind of wait: 0.5 s doubling, at most 5 s. */
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 5_000;

/**
 * The wait before retry `retry` (0, 1, 2…): 0.5 s doubling up to 5 s, each drawn between half and
 * all of it, so that charges refused together do not come back together.
 */
export function rateLimitDelayMs(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** retry);
  return ceiling * (0.5 + random() / 2);
}
