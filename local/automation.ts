import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { OUTBOX_ITEM_TYPE } from '../functions/adapters/dynamodb/outbox-item.js';
import type { ScheduledWork } from '../functions/ports/scheduler.js';
import { invokeAsLambda } from './lambda-invocation.js';
import { type ServiceDays, startServiceDays } from './service-days.js';
import { type LocalScheduler, startLocalScheduler } from './scheduler/index.js';
import { type StreamPoller, startStreamPoller } from './stream-poller.js';

/** What the clock control shows: the local time, how far it was moved, and what happens next. */
export interface ClockState {
  /** The local clock (ISO 8601, UTC). */
  readonly now: string;
  /** How far it runs ahead of the machine's clock, in milliseconds. */
  readonly offsetMs: number;
  /** The next scheduled work (a reminder, the due-date charge or a retry of it), if any is left. */
  readonly next?: { readonly at: string; readonly invoiceId: string; readonly action: 'remind' | 'charge'; readonly step: number };
  /** When the daily service billing next issues an invoice (the earliest service's invoice date, at the billing hour). */
  readonly nextServiceInvoices?: { readonly at: string; readonly date: string; readonly serviceId: string };
}

export type ClockStep = 'hour' | 'day' | 'next-event';

export interface LocalAutomation {
  /** The environment the functions read to schedule work and to use this clock. */
  readonly environment: Record<string, string>;
  clock(): Promise<ClockState>;
  /**
   * Moves the clock forward and waits until everything that became due is done, emails included;
   * each billing hour it passes runs that day's service billing, in order.
   */
  advance(step: ClockStep): Promise<ClockState>;
  /** Waits until the outbox and the due schedules are done (tests). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;
const QUEUE_ARN = 'arn:aws:sqs:local:000000000000:invoice-work';

/** What the daily service billing answers (functions/handlers/service-billing-day.ts). */
interface ServiceBillingDay { issued: unknown[]; cancelled: unknown[]; overdue: number; suspended: unknown[] }

type Handler<E, R> = (event: E, context: Context) => Promise<R>;
const handlerOf = async <E, R>(name: string) => ((await import(`../functions/handlers/${name}.js`)) as { handler: Handler<E, R> }).handler;

/**
 * Due-date automation on one machine: a clock that can be moved forward (its offset kept with the
 * data), the local EventBridge Scheduler stand-in delivering fired schedules to the invoice-work
 * handler as SQS would, and the stream poller delivering outbox items to the outbox-consumer handler
 * as a DynamoDB stream event source mapping would. The handlers are the modules Lambda runs.
 *
 * Start it before the first handler runs (they read their configuration once), then `connect` the
 * stream once the table exists.
 */
export async function startLocalAutomation(options: {
  dynamoDbEndpoint: string;
  tableName: string;
  /** Where the clock offset, the schedules and the stream positions are kept; none: in memory. */
  stateFiles?: { clock: string; schedules: string; stream: string; serviceDays?: string };
  /** Waited on after each step of the clock, so that webhooks a charge caused are in before emails go. */
  providersIdle?: () => Promise<void>;
  log?: (line: string) => void;
}): Promise<LocalAutomation> {
  let offsetMs = readOffset(options.stateFiles?.clock);
  const setOffset = (value: number) => {
    offsetMs = value;
    process.env['BILLING_CLOCK_OFFSET_MS'] = String(value);
    if (options.stateFiles) writeFileSync(options.stateFiles.clock, JSON.stringify({ offsetMs: value }));
  };
  setOffset(offsetMs);
  const now = () => Date.now() + offsetMs;

  const invoiceWork = handlerOf<SQSEvent, SQSBatchResponse>('invoice-work');
  const scheduler: LocalScheduler = await startLocalScheduler({
    now,
    consumer: async (event) => invokeAsLambda('invoice-work', await invoiceWork, event),
    ...(options.stateFiles ? { stateFile: options.stateFiles.schedules } : {}),
    ...(options.log ? { log: options.log } : {}),
  });

  const serviceBilling = handlerOf<{ today: string }, ServiceBillingDay>('service-billing-day');
  const outboxConsumer = handlerOf<DynamoDBStreamEvent, DynamoDBBatchResponse>('outbox-consumer');
  const poller: StreamPoller = await startStreamPoller({
    endpoint: options.dynamoDbEndpoint,
    tableName: options.tableName,
    consumer: async (event) => invokeAsLambda('outbox-consumer', await outboxConsumer, event),
    // The event source mapping's filter in lib/: only new outbox items.
    filter: (record: DynamoDBRecord) => record.eventName === 'INSERT' && record.dynamodb?.NewImage?.['type']?.S === OUTBOX_ITEM_TYPE,
    ...(options.stateFiles ? { stateFile: options.stateFiles.stream } : {}),
    ...(options.log ? { log: options.log } : {}),
  });

  const serviceDays: ServiceDays = await startServiceDays({
    now,
    dynamoDbEndpoint: options.dynamoDbEndpoint,
    tableName: options.tableName,
    run: async (today) => {
      const done = await invokeAsLambda('service-billing-day', await serviceBilling, { today });
      return done.issued.length + done.cancelled.length + done.overdue + done.suspended.length > 0;
    },
    ...(options.stateFiles?.serviceDays ? { stateFile: options.stateFiles.serviceDays } : {}),
    ...(options.log ? { log: options.log } : {}),
  });

  const settle = async () => {
    // Work done may cause more (a charge's receipt, a decline's retry schedule): go on until nothing moves.
    for (let round = 0; round < 20; round++) {
      await poller.drain();
      const fired = await scheduler.tick();
      await options.providersIdle?.();
      await poller.drain();
      if (fired === 0) return;
    }
  };

  const clock = async (): Promise<ClockState> => {
    const next = scheduler.store.all()[0];
    const service = await serviceDays.next();
    return {
      now: new Date(now()).toISOString(),
      offsetMs,
      ...(next ? { next: { at: new Date(next.at).toISOString(), ...(JSON.parse(next.input) as ScheduledWork) } } : {}),
      ...(service ? { nextServiceInvoices: { at: new Date(service.at).toISOString(), date: service.date, serviceId: service.serviceId } } : {}),
    };
  };

  /** Moves the clock to `target`, stopping at each billing hour on the way to run that day's service billing. */
  const moveTo = async (target: number) => {
    await serviceDays.skipQuietDays(target);
    for (let day = serviceDays.dueBy(target); day; await serviceDays.skipQuietDays(target), day = serviceDays.dueBy(target)) {
      if (day.at > now()) setOffset(offsetMs + (day.at - now()));
      // Most days nothing happens: settle (a pass over the stream and the schedules) only when work is due or was done.
      const workDue = scheduler.store.next();
      if (workDue !== undefined && workDue <= now()) await settle();
      if (await serviceDays.runDay(day.date)) await settle();
    }
    setOffset(offsetMs + Math.max(0, target - now()));
    await settle();
  };

  return {
    environment: {
      ADJUSTABLE_CLOCK: 'true',
      SCHEDULE_GROUP_NAME: 'billing-local',
      INVOICE_WORK_QUEUE_ARN: QUEUE_ARN,
      SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/billing-local-scheduler',
      SCHEDULER_DLQ_ARN: 'arn:aws:sqs:local:000000000000:invoice-work-schedules-dlq',
      SCHEDULER_ENDPOINT: scheduler.endpoint,
    },
    clock,
    advance: (step) => serviceDays.exclusive(async () => {
      await settle();
      const nextWork = scheduler.store.next();
      const nextService = (await serviceDays.next())?.at;
      const next = [nextWork, nextService].filter((at): at is number => at !== undefined).sort((a, b) => a - b)[0];
      const by = step === 'hour' ? HOUR_MS : step === 'day' ? 24 * HOUR_MS : next !== undefined ? Math.max(0, next - now()) : 0;
      await moveTo(now() + by);
      return clock();
    }),
    settle,
    stop: async () => {
      await Promise.all([poller.stop(), scheduler.stop(), serviceDays.stop()]);
    },
  };
}

function readOffset(file: string | undefined): number {
  if (!file || !existsSync(file)) return 0;
  return Number((JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: number }).offsetMs) || 0;
}
