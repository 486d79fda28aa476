/**
 * What the burst bench counts, from inside the running system, without changing what it does:
 * every DynamoDB call the functions make (its latency and the request units AWS would bill), every
 * Stripe request (its time, and 429s), every Lambda invocation (its duration), every schedule created
 * or deleted, every email asked for. Each count goes to the phase the bench is in (issue, remind,
 * charge) and to the function that made it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import { marshall } from '@aws-sdk/util-dynamodb';
import type Stripe from 'stripe';
import {
  type AttributeValue, type TransactAction, indexesHolding, itemSize, keyOf, transactionWriteUnits, writeUnits,
} from './request-units.js';

export type FunctionName = 'invoice-work' | 'stripe-webhook' | 'outbox-consumer' | 'other';

/** What one invocation of the invoice-work handler spent, for the per-charge breakdown. */
export interface InvocationTrace {
  readonly fn: FunctionName;
  dynamoCalls: number;
  dynamoMs: number;
  stripeRequests: number;
  stripeMs: number;
  rateLimited: number;
}

/** Totals of one function in one phase. */
export interface Usage {
  dynamoCalls: number;
  dynamoMs: number;
  readUnits: number;
  writeUnits: number;
  /** Writes whose condition failed, and cancelled transactions (billed all the same). */
  failedWrites: number;
  invocations: number;
  invocationMs: number;
  stripeRequests: number;
  rateLimited: number;
  schedulesCreated: number;
  schedulesDeleted: number;
  emails: number;
  /** DynamoDB stream records handed to the function (the outbox consumer). */
  streamRecords: number;
  /** Log events the function wrote through its logger, and their bytes (CloudWatch Logs ingestion). */
  logEvents: number;
  logBytes: number;
}

export const emptyUsage = (): Usage => ({
  dynamoCalls: 0, dynamoMs: 0, readUnits: 0, writeUnits: 0, failedWrites: 0, invocations: 0, invocationMs: 0,
  stripeRequests: 0, rateLimited: 0, schedulesCreated: 0, schedulesDeleted: 0, emails: 0, streamRecords: 0, logEvents: 0, logBytes: 0,
});

/** Where a DynamoDB call without an invocation of ours around it comes from: the use case on its stack. */
const CALLERS: ReadonlyArray<[RegExp, FunctionName]> = [
  [/perform-outbox-effects/, 'outbox-consumer'],
  [/receive-webhook/, 'stripe-webhook'],
  [/charge-due-invoice|remind-invoice/, 'invoice-work'],
];

export class Meters {
  /** The invoice-work invocation a call belongs to (the bench runs that handler itself). */
  readonly invocation = new AsyncLocalStorage<InvocationTrace>();
  phase = 'setup';
  private readonly usage = new Map<string, Usage>();
  /** Sizes and indexes of the items seen so far, for sizing updates and failed writes. */
  private readonly items = new Map<string, { size: number; indexes: number }>();

  of(phase: string, fn: FunctionName): Usage {
    const key = `${phase}/${fn}`;
    let found = this.usage.get(key);
    if (!found) this.usage.set(key, found = emptyUsage());
    return found;
  }

  /** Every phase and function counted, as `[phase, fn, usage]`. */
  all(): Array<[string, FunctionName, Usage]> {
    return [...this.usage].map(([key, usage]) => {
      const [phase, fn] = key.split('/') as [string, FunctionName];
      return [phase, fn, usage];
    });
  }

  private current(): Usage {
    return this.of(this.phase, this.invocation.getStore()?.fn ?? callerOnStack());
  }

  /** Counts every call of the functions' DynamoDB client (shared by every handler in this process). */
  meterDynamoDb(db: DynamoDBDocumentClient): void {
    db.middlewareStack.add((next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input['ReturnConsumedCapacity'] = 'TOTAL';
      const started = performance.now();
      let units: { read: number; write: number };
      let failed = false;
      try {
        const result = await next(args);
        units = this.unitsOf(context.commandName ?? '', input, result.output as Record<string, unknown>);
        return result;
      } catch (error) {
        failed = true;
        units = { read: 0, write: this.failedWriteUnits(context.commandName ?? '', input) };
        throw error;
      } finally {
        const ms = performance.now() - started;
        const usage = this.current();
        usage.dynamoCalls++;
        usage.dynamoMs += ms;
        usage.readUnits += units!.read;
        usage.writeUnits += units!.write;
        if (failed && units!.write > 0) usage.failedWrites++;
        const trace = this.invocation.getStore();
        if (trace) {
          trace.dynamoCalls++;
          trace.dynamoMs += ms;
        }
      }
    }, { step: 'serialize', priority: 'high', name: 'burstBenchMeter' });
  }

  /** Counts every request to Stripe, through stripe-node's own `response` event. */
  meterStripe(stripe: Stripe): void {
    stripe.on('response', (event: Stripe.ResponseEvent) => {
      const usage = this.current();
      usage.stripeRequests++;
      if (event.status === 429) usage.rateLimited++;
      const trace = this.invocation.getStore();
      if (trace) {
        trace.stripeRequests++;
        trace.stripeMs += event.elapsed;
        if (event.status === 429) trace.rateLimited++;
      }
    });
  }

  /** Counts the schedules created and deleted (a duplicate create or a delete of one gone counts too). */
  meterScheduler(client: SchedulerClient): void {
    client.middlewareStack.add((next, context) => async (args) => {
      const usage = this.current();
      if (context.commandName === 'CreateScheduleCommand') usage.schedulesCreated++;
      if (context.commandName === 'DeleteScheduleCommand') usage.schedulesDeleted++;
      return next(args);
    }, { step: 'initialize', name: 'burstBenchMeter' });
  }

  /** Emails asked for, by kind, over the whole run. */
  readonly emailKinds = new Map<string, number>();

  /** Counts one email asked for (the mailer sends each once per key). */
  countEmail(kind: string): void {
    this.current().emails++;
    this.emailKinds.set(kind, (this.emailKinds.get(kind) ?? 0) + 1);
  }

  /** Counts one invocation of a function, its duration, and the stream records it was given. */
  countInvocation(fn: FunctionName, ms: number, streamRecords = 0): void {
    const usage = this.of(this.phase, fn);
    usage.invocations++;
    usage.invocationMs += ms;
    usage.streamRecords += streamRecords;
  }

  /** How each piece of invoice work ended (its use case's result, or `failed`), by phase: `charge paid`… */
  readonly workOutcomes = new Map<string, number>();

  /** Counts how one piece of invoice work ended. */
  countWorkOutcome(outcome: string): void {
    const key = `${this.phase} ${outcome}`;
    this.workOutcomes.set(key, (this.workOutcomes.get(key) ?? 0) + 1);
  }

  /** Counts one line the functions' logger wrote. */
  countLog(bytes: number): void {
    const usage = this.current();
    usage.logEvents++;
    usage.logBytes += bytes;
  }

  private unitsOf(command: string, input: Record<string, unknown>, output: Record<string, unknown>): { read: number; write: number } {
    this.remember(input, output);
    const reported = [output['ConsumedCapacity']].flat().reduce<number>((sum, c) => sum + ((c as { CapacityUnits?: number } | undefined)?.CapacityUnits ?? 0), 0);
    switch (command) {
      case 'TransactWriteItemsCommand':
        return { read: 0, write: transactionWriteUnits(actionsOf(input), (key) => this.items.get(key)) };
      case 'PutItemCommand': case 'UpdateItemCommand': case 'DeleteItemCommand': case 'BatchWriteItemCommand':
        return { read: 0, write: reported };
      default:
        return { read: reported, write: 0 };
    }
  }

  /** AWS bills a write whose condition failed, and a cancelled transaction; DynamoDB Local reports neither. */
  private failedWriteUnits(command: string, input: Record<string, unknown>): number {
    if (command === 'TransactWriteItemsCommand') return transactionWriteUnits(actionsOf(input), (key) => this.items.get(key));
    if (command === 'PutItemCommand') return writeUnits(itemSize(attributes(input['Item'])!));
    if (command === 'UpdateItemCommand' || command === 'DeleteItemCommand') {
      return writeUnits(this.items.get(keyOf(attributes(input['Key'])!))?.size ?? 1);
    }
    return 0;
  }

  private remember(input: Record<string, unknown>, output: Record<string, unknown>): void {
    const seen = (item: Record<string, AttributeValue> | undefined) => {
      if (item?.['PK']) this.items.set(keyOf(item), { size: itemSize(item), indexes: indexesHolding(item) });
    };
    seen(attributes(input['Item']));
    seen(attributes(output['Item']));
    for (const item of (output['Items'] as unknown[] | undefined) ?? []) seen(attributes(item));
    for (const action of actionsOf(input)) seen(action.Put?.Item);
  }
}

/**
 * An item or key in DynamoDB's attribute-value form. The meter sits between the document client's
 * marshalling of the input and its unmarshalling of the output, so it may see either form.
 */
function attributes(item: unknown): Record<string, AttributeValue> | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  const pk = record['PK'];
  if (pk && typeof pk === 'object' && 'S' in pk) return record as Record<string, AttributeValue>;
  return marshall(record, { removeUndefinedValues: true, convertClassInstanceToMap: true }) as Record<string, AttributeValue>;
}

/** The actions of a TransactWriteItems, their items and keys in attribute-value form. */
function actionsOf(input: Record<string, unknown>): TransactAction[] {
  const actions = (input['TransactItems'] as Array<Record<string, { Item?: unknown; Key?: unknown } | undefined>> | undefined) ?? [];
  return actions.map((action) => ({
    ...(action['Put'] ? { Put: { Item: attributes(action['Put'].Item)! } } : {}),
    ...(action['Update'] ? { Update: { Key: attributes(action['Update'].Key)! } } : {}),
    ...(action['Delete'] ? { Delete: { Key: attributes(action['Delete'].Key)! } } : {}),
    ...(action['ConditionCheck'] ? { ConditionCheck: { Key: attributes(action['ConditionCheck'].Key)! } } : {}),
  }));
}

/** The function whose use case is on the stack (async frames included), for calls made outside our invocations. */
function callerOnStack(): FunctionName {
  const limit = Error.stackTraceLimit;
  const prepare = Error.prepareStackTrace;
  Error.stackTraceLimit = 60;
  // File names only: cheaper than formatting the whole stack.
  Error.prepareStackTrace = (_error, frames) => frames.map((frame) => frame.getFileName() ?? '').join('\n');
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder);
  const files = holder.stack ?? '';
  Error.stackTraceLimit = limit;
  Error.prepareStackTrace = prepare;
  return CALLERS.find(([pattern]) => pattern.test(files))?.[1] ?? 'other';
}
