import { FullBatchFailureError } from '@aws-lambda-powertools/batch';

/**
 * A consumer's failure as the local runtime prints it. Powertools Batch throws FullBatchFailureError
 * ("See individual errors below") when every record of a batch failed, keeping each record's error in
 * `recordErrors`; Lambda's log would show the handler's own log lines for them, so the local runtime
 * prints them under the message, with their stacks.
 */
export function describeFailure(error: unknown): string {
  const causes = error instanceof FullBatchFailureError ? error.recordErrors : [];
  return `${String(error)}${causes.map((cause) => `\n  ${cause instanceof Error ? cause.stack : String(cause)}`).join('')}`;
}
