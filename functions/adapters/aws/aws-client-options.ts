import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * How long one AWS call may take, attempt by attempt. The SDK's defaults would let a hung connection
 * wait for minutes (its socket timeout is 300 s), long past any function's own timeout; these make
 * a stuck call fail fast enough for the function to answer with an error.
 */
export interface CallLimits {
  /** Time to open the TCP/TLS connection, per attempt. */
  readonly connectionTimeoutMs: number;
  /** Time for a whole attempt, from sending to the last byte of the answer (connecting included). */
  readonly requestTimeoutMs: number;
  /** Attempts in all, the first included; timeouts, 5xx and throttling are retried. */
  readonly maxAttempts: number;
}

/**
 * DynamoDB answers in milliseconds; two seconds is a stuck attempt, not a slow one. Transactions are
 * safe to retry (the SDK sends a ClientRequestToken, so a retried TransactWriteItems is applied once).
 */
export const DYNAMODB_CALL_LIMITS: CallLimits = { connectionTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxAttempts: 3 };

/**
 * Cognito's AdminCreateUser sends the invitation email before it answers, so an attempt may take
 * longer; and it is not idempotent (a retry after a lost answer meets "user exists"), so it is tried
 * twice at most.
 */
export const COGNITO_CALL_LIMITS: CallLimits = { connectionTimeoutMs: 1_000, requestTimeoutMs: 3_000, maxAttempts: 2 };

/**
 * One SendEmail or SendRawEmail. SES answers in well under a second; a message with a PDF attached
 * takes longer to upload. Throttling (the account's sending rate) is retried by the SDK.
 */
export const SES_CALL_LIMITS: CallLimits = { connectionTimeoutMs: 1_000, requestTimeoutMs: 5_000, maxAttempts: 3 };

/** One GetSecretValue, on a cold start and then once per cache period. */
export const SECRETS_CALL_LIMITS: CallLimits = { connectionTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxAttempts: 3 };

/** EventBridge Scheduler: CreateSchedule and DeleteSchedule answer within a second or two. */
export const SCHEDULER_CALL_LIMITS: CallLimits = { connectionTimeoutMs: 1_000, requestTimeoutMs: 3_000, maxAttempts: 3 };

/** EventBridge PutEvents: one small entry, answered in milliseconds; a stuck call is retried by the outbox. */
export const EVENTBRIDGE_CALL_LIMITS: CallLimits = { connectionTimeoutMs: 1_000, requestTimeoutMs: 3_000, maxAttempts: 3 };

/**
 * For the local stand-ins (DynamoDB Local, cognito-local, a test's fake service): a single JVM or Node
 * process on a shared machine, where a burst of 200 connections or a busy CPU takes seconds to
 * answer. The tight limits above would turn that slowness into retried writes (a retried ticket or a
 * retried conditional put, whose first attempt did land), which AWS's own latency never causes.
 */
export const LOCAL_STAND_IN_CALL_LIMITS: CallLimits = { connectionTimeoutMs: 10_000, requestTimeoutMs: 60_000, maxAttempts: 3 };

/** The limits for a client: `aws` for the AWS service, LOCAL_STAND_IN_CALL_LIMITS when `endpoint` points at a stand-in. */
export function callLimitsFor(endpoint: string | undefined, aws: CallLimits): CallLimits {
  return endpoint ? LOCAL_STAND_IN_CALL_LIMITS : aws;
}

/**
 * The SDK's retry back-off (standard mode, @smithy/core retry): before retry n (n = 0, 1, …) it waits
 * a random time up to base × 2^n, capped at 20 s, with base 1 s after a throttling error and 50 ms
 * after any other. The worst case assumes every wait is the throttling one at its maximum.
 */
const THROTTLING_BACKOFF_BASE_MS = 1_000;
const MAX_BACKOFF_MS = 20_000;

/**
 * The longest one call can take before it resolves or throws: every attempt running to its request
 * timeout, plus the longest back-off between attempts. Lambda timeouts must cover this for each AWS
 * call a function makes in sequence (plus its own work).
 *
 * DynamoDB: 3 × 2 s + (1 s + 2 s) = 9 s. Cognito: 2 × 3 s + 1 s = 7 s. Secrets Manager: 9 s.
 */
export function worstCaseCallMs(limits: CallLimits): number {
  let backoff = 0;
  for (let retry = 0; retry < limits.maxAttempts - 1; retry++) {
    backoff += Math.min(MAX_BACKOFF_MS, THROTTLING_BACKOFF_BASE_MS * 2 ** retry);
  }
  return limits.maxAttempts * limits.requestTimeoutMs + backoff;
}

/** DYNAMODB_CALL_LIMITS' worst case: 9,000 ms. */
export const DYNAMODB_WORST_CASE_CALL_MS = worstCaseCallMs(DYNAMODB_CALL_LIMITS);
/** COGNITO_CALL_LIMITS' worst case: 7,000 ms. */
export const COGNITO_WORST_CASE_CALL_MS = worstCaseCallMs(COGNITO_CALL_LIMITS);
/** SES_CALL_LIMITS' worst case: 3 × 5 s + (1 s + 2 s) = 18,000 ms. */
export const SES_WORST_CASE_CALL_MS = worstCaseCallMs(SES_CALL_LIMITS);
/** SECRETS_CALL_LIMITS' worst case: 9,000 ms. */
export const SECRETS_WORST_CASE_CALL_MS = worstCaseCallMs(SECRETS_CALL_LIMITS);

/**
 * The configuration every AWS SDK client of the functions is built with: the region given (from
 * AWS_REGION, read by config.ts), credentials from the environment (Lambda puts the role's keys
 * there; reading them directly skips the default chain's file, SSO and metadata look-ups), and the
 * given call limits. `endpoint` is only set locally (DynamoDB Local, cognito-local, a test stand-in),
 * where the environment holds dummy keys; choose the limits with callLimitsFor.
 */
export function awsClientOptions(options: { region: string; endpoint?: string | undefined; limits: CallLimits }) {
  const { limits } = options;
  return {
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    credentials: fromEnv(),
    maxAttempts: limits.maxAttempts,
    requestHandler: {
      connectionTimeout: limits.connectionTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Without it the SDK only logs a warning when requestTimeout passes, and keeps waiting.
      throwOnRequestTimeout: true,
    },
  };
}
