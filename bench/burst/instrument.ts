import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { MiddlewareObj } from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { automation } from '../../functions/handlers/composition/automation.js';
import { scheduling } from '../../functions/handlers/composition/scheduling.js';
import { invokeAsLambda } from '../../local/lambda-invocation.js';
import { type FunctionName, type InvocationTrace, Meters } from './meters.js';

type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** An invoice-work invocation as the bench makes it, with what it spent. */
export interface TracedInvocation extends InvocationTrace {
  ms: number;
}

export interface InstrumentedSystem {
  meters: Meters;
  /** Calls the real invoice-work handler as Lambda would, metering everything it does. */
  invoiceWork(event: SQSEvent): Promise<SQSBatchResponse>;
  /** The invoice-work invocations so far, with their DynamoDB and Stripe time. */
  traces: TracedInvocation[];
}

/**
 * Puts the meters on the running local system: on the DynamoDB, Stripe and Scheduler clients the
 * functions built (one of each, shared by every handler in this process, as each Lambda function has
 * its own), on the emails they ask for, and around the webhook and outbox-consumer handlers (through
 * middy, which takes middlewares at any time). Nothing the functions do is changed.
 * Call after the local system has set the functions' environment.
 */
export async function instrument(): Promise<InstrumentedSystem> {
  const meters = new Meters();
  const deps = await automation();
  meters.meterDynamoDb(deps.db);
  if (!deps.stripeClients) throw new Error('The bench meters Stripe: run it with the local Stripe sandbox configured.');
  meters.meterStripe(await deps.stripeClients.client());
  // The invoice-work handler (automation) and the outbox consumer (scheduling) each compose their own
  // scheduler and emails, as their Lambda functions do: count both.
  for (const composed of [deps, await scheduling()]) {
    // The adapter keeps its client to itself; the bench reaches in only to count its calls.
    meters.meterScheduler((composed.scheduler as unknown as { client: SchedulerClient }).client);
    const send = composed.emails.send.bind(composed.emails);
    composed.emails.send = async (email, key) => {
      meters.countEmail(email.kind);
      return send(email, key);
    };
  }

  await meterLogs(meters);

  timeInvocations((await import('../../functions/handlers/stripe-webhook.js')).handler, 'stripe-webhook', meters);
  timeInvocations((await import('../../functions/handlers/outbox-consumer.js')).handler, 'outbox-consumer', meters);
  const handler = (await import('../../functions/handlers/invoice-work.js')).handler as unknown as SqsHandler;

  const traces: TracedInvocation[] = [];
  return {
    meters,
    traces,
    invoiceWork: async (event) => {
      const trace: TracedInvocation = { fn: 'invoice-work', dynamoCalls: 0, dynamoMs: 0, stripeRequests: 0, stripeMs: 0, rateLimited: 0, ms: 0 };
      const started = performance.now();
      try {
        return await meters.invocation.run(trace, () => invokeAsLambda('invoice-work', handler, event));
      } finally {
        trace.ms = performance.now() - started;
        traces.push(trace);
        meters.countInvocation('invoice-work', trace.ms);
      }
    },
  };
}

/**
 * Counts the lines the functions' logger writes, at the level they log at in AWS (the stack sets
 * none: Powertools' default, INFO), and keeps those below WARN off the terminal. Powertools writes
 * one JSON object a line to stdout or stderr; anything else passes through.
 */
async function meterLogs(meters: Meters): Promise<void> {
  const { logger } = await import('../../functions/handlers/http/logger.js');
  logger.setLogLevel('INFO');
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
      if (text.startsWith('{"level":') || (text.startsWith('{') && text.includes('"service":"billing"'))) {
        meters.countLog(Buffer.byteLength(text.trimEnd(), 'utf8'));
        const outcome = /"message":"Invoice work done".*"outcome":"(\w+)"/.exec(text)?.[1];
        if (outcome) meters.countWorkOutcome(outcome);
        else if (text.includes('"message":"Invoice work failed')) meters.countWorkOutcome('failed');
        // Warnings and errors still show: a burst that goes wrong says why.
        if (!/^\{"level":"(WARN|ERROR|CRITICAL)"/.test(text)) return true;
      }
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}

/** Counts a middy handler's invocations and their duration (from the handler's start to its answer). */
function timeInvocations(handler: unknown, fn: FunctionName, meters: Meters): void {
  const started = new WeakMap<object, number>();
  const done = (request: { event: unknown }) => meters.countInvocation(
    fn, performance.now() - (started.get(request) ?? performance.now()), (request.event as { Records?: unknown[] }).Records?.length ?? 0,
  );
  (handler as { use(middleware: MiddlewareObj): unknown }).use({
    before: (request) => { started.set(request, performance.now()); },
    after: (request) => { done(request); },
    onError: (request) => { done(request); },
  });
}
