/**
 * How live Stripe behaves under load, for load tests and benchmarks. Every setting is off (0) by
 * default, so the sandbox answers as fast as it can and never refuses for load; set them at start
 * (`load` option) or at any time on `sandbox.load`.
 */
export interface StripeSandboxLoad {
  /**
   * Stripe's global rate limit, in API requests per second for the account (live mode 100, test mode
   * 25: docs.stripe.com/rate-limits). Above it a request is refused before it does anything, with 429
   * and a `Stripe-Rate-Limited-Reason: global-rate` header. 0: no limit.
   */
  rateLimitPerSecond: number;
  /** How long a charge (`POST /v1/payment_intents`) takes at the bank, in milliseconds. 0: at once. */
  chargeLatencyMs: number;
}

export const NO_LOAD: Readonly<StripeSandboxLoad> = { rateLimitPerSecond: 0, chargeLatencyMs: 0 };

/**
 * A token bucket, the kind of limiter Stripe describes for its request rate limit ("Scaling your API
 * with rate limiters", stripe.com/blog/rate-limiters, 2017): it holds at most one second's worth of
 * requests and refills continuously at the rate, so a burst of `rate` requests passes at once and
 * then no more than `rate` a second. A refused request takes no token.
 */
export class RateLimiter {
  private tokens = 0;
  private rate = 0;
  private last = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Whether one more request may go through now at `ratePerSecond`; 0 lets everything through. */
  take(ratePerSecond: number): boolean {
    if (ratePerSecond <= 0) return true;
    const now = this.now();
    if (ratePerSecond !== this.rate) {
      // A new rate starts with a full bucket.
      this.rate = ratePerSecond;
      this.tokens = ratePerSecond;
    } else {
      this.tokens = Math.min(ratePerSecond, this.tokens + ((now - this.last) / 1000) * ratePerSecond);
    }
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
