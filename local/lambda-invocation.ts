import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';
import type { Context } from 'aws-lambda';
import { lambdaContext } from './lambda-event.js';

/**
 * The invocation scopes of Lambda's multi-concurrency runtime, made when this module loads: before any
 * AWS SDK call, since the SDK's first call (its recursion-detection middleware) otherwise makes the
 * process-wide store in its single-invocation form, in which every overlapping invocation shares one
 * context and Powertools' per-invocation state (a batch's failed records, the logger's keys) leaks
 * from one invocation into another: a failed SQS record could then be answered as a success, and its
 * message deleted.
 */
const scopes: Promise<InvokeStoreBase> = InvokeStore.getInstanceAsync(true).then(async (instance) => {
  await assertScopesApart(instance);
  // Only once the store exists: Powertools throws when the variable is set and the store is not.
  process.env['AWS_LAMBDA_MAX_CONCURRENCY'] ??= '64';
  return instance;
});
scopes.catch(() => undefined);

/**
 * Resolves once invocations run in scopes of their own; rejects, saying why, when the process-wide
 * store was made single-invocation before this module loaded. Awaited first by `startLocalSystem`.
 */
export function invocationScopes(): Promise<InvokeStoreBase> {
  return scopes;
}

/** Two overlapping invocations must each see their own request id. */
async function assertScopesApart(store: InvokeStoreBase): Promise<void> {
  const requestIdAfterAWait = (id: string) => store.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: id }, async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return store.getRequestId();
  });
  const seen = await Promise.all([requestIdAfterAWait('first'), requestIdAfterAWait('second')]);
  if (seen[0] !== 'first' || seen[1] !== 'second') {
    throw new Error('Lambda invocation scopes are shared: an AWS SDK call made the single-invocation InvokeStore before local/lambda-invocation.ts was loaded. Import it first.');
  }
}

/**
 * Calls one of our functions' handlers as Lambda invokes it: with a Context of its own (the function's
 * name, a fresh request id), inside an invocation scope of its own. Every local caller of a handler
 * (the API server, the scheduler, the stream poller, tests and benches) goes through here.
 *
 * In AWS each function runs in its own environments, so each module-level Powertools Logger belongs to
 * one function; locally every function shares one process, and invocations overlap (a request while the
 * stream poller delivers outbox items), so the last `injectLambdaContext` would name the function on
 * every line, and one invocation's batch state would be another's. As Lambda's multi-concurrency
 * runtime does, each invocation runs in its own `InvokeStore` context, and AWS_LAMBDA_MAX_CONCURRENCY
 * tells Powertools to keep its per-invocation state (the context, the keys, the batch) there.
 */
export async function invokeAsLambda<E, R>(functionName: string, handler: (event: E, context: Context) => Promise<R>, event: E): Promise<R> {
  const store = await scopes;
  const context = lambdaContext(functionName);
  return store.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: context.awsRequestId }, () => handler(event, context));
}
