import { CHARGE_ATTEMPT_LEASE_MS } from '../domain/invoice.js';
import type { RateLimitBackoff } from '../adapters/stripe/rate-limit-backoff.js';

/**
 * How the invoice-work queue (EventBridge Scheduler → SQS → the invoice-work function) is sized so
 * that a burst of due invoices, say 10,000 due in the same minute, is charged as fast as Stripe
 * allows and no faster. For the CDK (the event source mapping and the queue) and the composition.
 *
 * The figures:
 * - Stripe's live rate limit is 100 API requests a second for the account (docs.stripe.com/rate-limits).
 *   A due-date charge makes ONE request (`POST /v1/payment_intents`, confirmed off-session; the
 *   customer's Stripe customer exists since the card was saved), and its webhook none.
 * - A charge takes about 300 ms at Stripe (the bank's answer included).
 * - Our own work around it is 9 DynamoDB calls one after the other (the invoice, customer, card and
 *   Stripe customer read; the attempt written; the payment's transaction; the outcome read and
 *   written), about 50 ms in AWS, plus the handler: about 0.35 s a charge in all.
 *
 * One message per invocation (batch size 1), so that the function's concurrency IS the number of
 * charges in flight: Powertools Batch would run the records of a bigger batch at once, and the
 * batch would then wait for its slowest record before the next one starts. By Little's law
 * (in flight = rate × time each), 95 charges a second (5 % of the limit left to customers paying at
 * the same moment) need 95 × 0.35 ≈ 33 in flight. If Stripe answers faster than that, the burst
 * goes over the limit for a moment: the charges refused with 429 wait and retry in place
 * (INVOICE_WORK_RATE_LIMIT_BACKOFF), which slows the whole consumer down until it fits again.
 *
 * Note: Stripe's page now also gives each endpoint a default of 25 requests a second. If the
 * account's `POST /v1/payment_intents` limit has not been raised, the rate here should be 25, not 100
 * (about 8 in flight), and a burst of 10,000 takes 7 minutes rather than 2.
 */
export const STRIPE_REQUESTS_PER_SECOND = 100;
/** The share of Stripe's limit the automatic charges may use. */
export const AUTOMATIC_CHARGE_SHARE = 0.95;
/** Seconds one due-date charge holds its place, in AWS: Stripe's 0.3 s and our 0.05 s. */
export const SECONDS_PER_CHARGE = 0.35;

/** The event source mapping's `BatchSize`. */
export const INVOICE_WORK_BATCH_SIZE = 1;
/** The event source mapping's `ScalingConfig.MaximumConcurrency` (2 to 1,000): 33. */
export const INVOICE_WORK_MAX_CONCURRENCY = Math.floor(STRIPE_REQUESTS_PER_SECOND * AUTOMATIC_CHARGE_SHARE * SECONDS_PER_CHARGE);

/**
 * How a due-date charge waits out a 429 before the message fails: 10 retries, waiting up to 0.5, 1,
 * 2, 4 and then 5 s each (rate-limit-backoff.ts), 18.75 to 37.5 s in all, the most the function's
 * timeout leaves room for. Long, because a message that fails comes back only after the visibility
 * timeout (6 minutes), which would outlast a whole burst: in the burst bench, with 4 retries, 23 of
 * 10,000 charges ran out of them while the limit was saturated; with 7, 6 of 3,000 did, while each
 * charge also made a second request to read its fee (BENCHMARKS.md). Waiting in place also holds the
 * charge's place in the queue's concurrency, which is what slows the consumer down to the limit. A
 * charge refused by the limiter did nothing, so it frees the invoice at once for the next delivery.
 */
export const INVOICE_WORK_RATE_LIMIT_BACKOFF: RateLimitBackoff = { retries: 10 };

/**
 * The function's timeout: one message; the rate-limit waits (under 38 s) and the DynamoDB calls fit,
 * and so do Stripe's own network retries (under 21 s, stripe-client.ts) in the usual case of a charge
 * that meets one kind of fault, not both. One that runs out of time is delivered again and resumed
 * under the same idempotency key.
 */
export const INVOICE_WORK_TIMEOUT_SECONDS = 60;

/**
 * The queue's visibility timeout: how long a failed message waits before it is delivered again. It
 * should outlast a charge attempt's lease (CHARGE_ATTEMPT_LEASE_MS, 2 minutes): a charge that failed
 * with a passing fault keeps its attempt until the lease runs out, and a delivery before that finds
 * the invoice "in progress" and fails again, spending one of the queue's receives (its DLQ takes a
 * message after INVOICE_WORK_MAX_RECEIVE_COUNT). AWS also asks for at least six
 * times the function's timeout (docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html).
 */
export const INVOICE_WORK_VISIBILITY_TIMEOUT_SECONDS = Math.max(6 * INVOICE_WORK_TIMEOUT_SECONDS, CHARGE_ATTEMPT_LEASE_MS / 1000 + INVOICE_WORK_TIMEOUT_SECONDS);
