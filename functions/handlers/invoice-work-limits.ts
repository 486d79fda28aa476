import { CHARGE_ATTEMPT_LEASE_MS } from '../domain/invoice.js';

/**
 * How the invoice-work queue (EventBridge Scheduler → SQS → the invoice-work function) is sized, for
 * the CDK's event source mapping and queue.
 *
 * One message per invocation, so the function's concurrency is the number of due-date charges in
 * flight. Stripe's live limit is 100 requests a second; a due-date charge is one request of about
 * 0.3 s plus about 0.05 s of our own work, so 95 charges a second (5 % left for customers paying at
 * the same moment) need 95 × 0.35 ≈ 33 in flight (Little's law).
 */
export const INVOICE_WORK_BATCH_SIZE = 1;
/** The event source mapping's `ScalingConfig.MaximumConcurrency` (AWS allows 2 to 1,000). */
export const INVOICE_WORK_MAX_CONCURRENCY = 33;
/** The function's timeout: Stripe's own retries and the DynamoDB calls of one charge, with room to spare. */
export const INVOICE_WORK_TIMEOUT_SECONDS = 60;
/**
 * The queue's visibility timeout: at least six times the function's timeout, as AWS advises for an
 * SQS event source, and past a charge attempt's lease (CHARGE_ATTEMPT_LEASE_MS) plus one run, so a
 * message delivered again after a passing fault finds the attempt free to resume: 360 s.
 */
export const INVOICE_WORK_VISIBILITY_TIMEOUT_SECONDS = Math.max(
  6 * INVOICE_WORK_TIMEOUT_SECONDS,
  CHARGE_ATTEMPT_LEASE_MS / 1000 + INVOICE_WORK_TIMEOUT_SECONDS,
);
