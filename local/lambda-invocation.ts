import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';
import type { Context } from 'aws-lambda';
import { lambdaContext } from './lambda-event.js';

let store: Promise<InvokeStoreBase> | undefined;

/**
 * Calls one of our functions' handlers as Lambda invokes it: with a Context of its own (the function's
 * name, a fresh request id), inside an invocation scope of its own.
 *
 * In AWS each function runs in its own environments, so each module-level Powertools Logger belongs to
 * one function; locally every function shares one process, and invocations overlap (a request while the
 * stream poller delivers outbox items), so the last `injectLambdaContext` would name the function on
 * every line. As Lambda's multi-concurrency runtime does, each invocation runs in its own
 * `InvokeStore` context, and AWS_LAMBDA_MAX_CONCURRENCY tells Powertools to keep its per-invocation
 * state (the context, the keys) there.
 */
export async function invokeAsLambda<E, R>(functionName: string, handler: (event: E, context: Context) => Promise<R>, event: E): Promise<R> {
  const scopes = await (store ??= InvokeStore.getInstanceAsync(true).then((instance) => {
    // Only once the store exists: Powertools throws when the variable is set and the store is not.
    process.env['AWS_LAMBDA_MAX_CONCURRENCY'] ??= '64';
    return instance;
  }));
  const context = lambdaContext(functionName);
  return scopes.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: context.awsRequestId }, () => handler(event, context));
}
