/**
 * The due-date burst (issue 10): N invoices due in the same minute, every customer with automatic
 * billing on and Stripe's test card 4242 saved as default, charged through the real invoice-work
 * handler fed as Lambda's SQS event source mapping would feed it (bench/burst/sqs-event-source.ts,
 * sized by functions/handlers/invoice-work-limits.ts), against the local system (DynamoDB Local, the
 * stream poller and the outbox consumer, the webhook through the local API) and the Stripe sandbox
 * set to Stripe's live rate limit and a realistic time per charge.
 *
 * The invoices live their automatic life in three phases, each metered (bench/burst/meters.ts):
 * issue (the outbox item written with each invoice: the issue email and two schedules), remind
 * (each reminder's message through the queue) and charge (the burst; then the webhooks, receipts and
 * schedules deleted that follow). The figure is the burst's time against the ideal, N / limit
 * seconds; the cost model prices everything counted over the three phases.
 */
import { loadavg } from 'node:os';
import { marshall } from '@aws-sdk/util-dynamodb';
import { outboxPut } from '../../functions/adapters/dynamodb/outbox-item.js';
import { DynamoInvoiceRepository } from '../../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { DynamoPaymentLedger } from '../../functions/adapters/dynamodb/dynamo-payment-ledger.js';
import { dynamoDocumentClient } from '../../functions/adapters/dynamodb/document-client.js';
import { config } from '../../functions/config.js';
import { addDays, calendarDateOf } from '../../functions/domain/calendar-date.js';
import {
  AUTOMATIC_CHARGE_SHARE, INVOICE_WORK_BATCH_SIZE, INVOICE_WORK_MAX_CONCURRENCY, INVOICE_WORK_VISIBILITY_TIMEOUT_SECONDS, STRIPE_REQUESTS_PER_SECOND,
} from '../../functions/handlers/invoice-work-limits.js';
import { FUNCTION_MEMORY_MB } from '../../lib/billing-function.js';
import { startLocalSystem } from '../../local/system.js';
import { issueEffects } from '../../functions/use-cases/create-invoice.js';
import { seedAutopayInvoices } from '../../test/support/autopay-invoices.js';
import { type CostModel, costModel, sumUsage } from './cost-model.js';
import { type TracedInvocation, instrument } from './instrument.js';
import { type AttributeValue, itemSize, writeUnits } from './request-units.js';
import type { Usage } from './meters.js';
import { type EventSourceSettings, type QueueStats, drainQueue } from './sqs-event-source.js';
import { type BurstOutcome, verifyBurst } from './verify-burst.js';

export interface BurstOptions {
  invoices: number;
  /** Stripe's rate limit and time per charge at the sandbox (live: 100 a second; the issue: 300 ms). */
  rateLimitPerSecond?: number;
  chargeLatencyMs?: number;
  /**
   * Runs the burst `timeScale` times slower on every clock the design is sized by, for a machine that
   * cannot do our own work fast enough (1: as in AWS). Stripe's limit is divided by it, its time per
   * charge and the event source mapping's scaling period are multiplied by it; the maximum
   * concurrency, sized by Little's law (limit × time per charge), stays what the CDK gives. So the
   * run is the same queueing system as the live one, slowed down, with our own work (DynamoDB, the
   * handler) weighing `timeScale` times less against Stripe's time than it does on this machine.
   * Not scaled: the rate-limit backoff's waits and the visibility timeout (only met after a 429).
   */
  timeScale?: number;
  /** The event source mapping; by default as invoice-work-limits.ts sizes it. */
  eventSource?: Partial<EventSourceSettings>;
  log?: (line: string) => void;
}

export interface PhaseFigures {
  readonly ms: number;
  /** Every function's usage in the phase, added up. */
  readonly usage: Usage;
}

export interface BurstResult {
  readonly invoices: number;
  readonly rateLimitPerSecond: number;
  readonly chargeLatencyMs: number;
  readonly timeScale: number;
  readonly eventSource: EventSourceSettings;
  readonly loadAverage: { readonly before: number[]; readonly after: number[] };
  readonly seedMs: number;
  readonly issue: PhaseFigures;
  readonly remind: PhaseFigures & { queue: QueueStats };
  readonly charge: PhaseFigures & { queue: QueueStats; aftermathMs: number; traces: TracedInvocation[]; byFunction: Array<[string, Usage]> };
  /** The burst at the share of Stripe's limit the automatic charges may use: invoices ÷ (limit × share), in ms. */
  readonly idealMs: number;
  /** From the first due-date message on the queue to the last one deleted, in ms. */
  readonly actualMs: number;
  /** idealMs ÷ actualMs: 1 is as fast as the share of Stripe's limit allows (target ≥ 0.9). */
  readonly ratio: number;
  /** 429s Stripe (the sandbox) answered during the burst. */
  readonly rateLimited: number;
  /** The sandbox's webhooks after the charges: events, those answered 2xx, attempts; the rest it gave up on. */
  readonly webhooks: { readonly events: number; readonly delivered: number; readonly attempts: number };
  readonly outcome: BurstOutcome;
  readonly cost: CostModel;
  readonly emailKinds: Array<[string, number]>;
  /** How each piece of invoice work ended, by phase (`charge paid`, `charge failed`…). */
  readonly workOutcomes: Array<[string, number]>;
  /** Every request the Stripe sandbox received during the burst and its aftermath, 429s included, by endpoint. */
  readonly stripeRequests: Array<[string, number]>;
}

const AMOUNT_MINOR = 4200;

export async function burstBench(options: BurstOptions): Promise<BurstResult> {
  const log = options.log ?? (() => undefined);
  const timeScale = options.timeScale ?? 1;
  const rateLimitPerSecond = (options.rateLimitPerSecond ?? STRIPE_REQUESTS_PER_SECOND) / timeScale;
  const chargeLatencyMs = (options.chargeLatencyMs ?? 300) * timeScale;
  const eventSource: EventSourceSettings = {
    maxConcurrency: INVOICE_WORK_MAX_CONCURRENCY, batchSize: INVOICE_WORK_BATCH_SIZE,
    visibilityTimeoutMs: INVOICE_WORK_VISIBILITY_TIMEOUT_SECONDS * 1000, rampPerMinute: 300 / timeScale, ...options.eventSource,
  };
  const loadBefore = loadavg();
  const system = await startLocalSystem({ port: 0, inMemory: true });
  try {
    const probe = await instrument();
    const { meters } = probe;
    const db = dynamoDocumentClient({ region: 'us-east-1', endpoint: system.dynamoDbEndpoint });

    // The stream brings the outbox items to the consumer while the seeding goes on: that is issue work.
    meters.phase = 'issue';
    log(`seeding ${options.invoices} customers, cards and invoices…`);
    let started = performance.now();
    const now = new Date();
    const seeded = await seedAutopayInvoices(
      { db, tableName: system.tableName, stripe: { host: system.stripe.host, port: system.stripe.port } },
      { count: options.invoices, amountMinor: AMOUNT_MINOR, dueDate: addDays(calendarDateOf(now), 10), policy: config().schedule, now },
    );
    const seedMs = performance.now() - started;
    // The seeding writes the invoices itself, unmetered; what issuing one adds for the automation is
    // its outbox item, put in the invoice's transaction (twice the units of a plain write).
    const invoiceRepository = new DynamoInvoiceRepository(db, system.tableName);
    const sample = (await invoiceRepository.get(seeded[0]!.invoiceId))!;
    const outboxItem = outboxPut(system.tableName, issueEffects(sample, config().schedule, now), now)[0]!.Put!.Item!;
    const issueOutboxWriteUnits = 2 * writeUnits(itemSize(marshall(outboxItem) as Record<string, AttributeValue>));

    const phase = async (name: string, work: () => Promise<void>): Promise<PhaseFigures> => {
      meters.phase = name;
      const begun = performance.now();
      await work();
      const ms = performance.now() - begun;
      log(`${name}: ${(ms / 1000).toFixed(1)} s`);
      return { ms, usage: sumUsage(meters.all().filter(([p]) => p === name).map(([, , usage]) => usage)) };
    };
    const work = (action: 'remind' | 'charge') => seeded.map((s) => JSON.stringify({ invoiceId: s.invoiceId, action, step: 0 }));

    // The outbox items written with the invoices: the stream brings them to the outbox consumer.
    const issue = await phase('issue', () => system.automation.settle());

    let remindQueue: QueueStats | undefined;
    const remind = await phase('remind', async () => {
      remindQueue = await drainQueue(work('remind'), probe.invoiceWork, eventSource);
      await system.automation.settle();
    });

    Object.assign(system.stripe.load, { rateLimitPerSecond, chargeLatencyMs });
    const rateLimitedBefore = system.stripe.rateLimitedRequests();
    const requestsBefore = system.stripe.requests().length;
    const chargeStartedAt = Date.now();
    const tracesBefore = probe.traces.length;
    let chargeQueue: QueueStats | undefined;
    let aftermathMs = 0;
    const charge = await phase('charge', async () => {
      chargeQueue = await drainQueue(work('charge'), probe.invoiceWork, {
        ...eventSource, progress: (done, total) => log(`charged ${done} of ${total} (${system.stripe.rateLimitedRequests() - rateLimitedBefore} 429s so far)`),
      });
      started = performance.now();
      // What follows the charges: the webhooks, the receipts and the schedules deleted.
      await system.stripe.webhooksIdle();
      await system.automation.settle();
      aftermathMs = performance.now() - started;
    });
    const rateLimited = system.stripe.rateLimitedRequests() - rateLimitedBefore;
    const stripeRequests = new Map<string, number>();
    for (const request of system.stripe.requests().slice(requestsBefore)) {
      const endpoint = request.replace(/\/(pi|pm|cus|ch|txn|cs|seti)_\w+/g, '/{id}');
      stripeRequests.set(endpoint, (stripeRequests.get(endpoint) ?? 0) + 1);
    }
    const deliveries = system.stripe.deliveries().filter((d) => d.at >= chargeStartedAt);
    const webhooks = {
      events: new Set(deliveries.map((d) => d.eventId)).size,
      delivered: new Set(deliveries.filter((d) => typeof d.outcome === 'number' && d.outcome < 300).map((d) => d.eventId)).size,
      attempts: deliveries.length,
    };
    Object.assign(system.stripe.load, { rateLimitPerSecond: 0, chargeLatencyMs: 0 });

    meters.phase = 'verify';
    const outcome = await verifyBurst(
      { invoices: invoiceRepository, ledger: new DynamoPaymentLedger(db, system.tableName), captures: system.stripe.captures() },
      seeded, AMOUNT_MINOR,
    );
    const lifeUsage = sumUsage([issue.usage, remind.usage, charge.usage]);
    return {
      invoices: options.invoices, rateLimitPerSecond, chargeLatencyMs, timeScale, eventSource,
      loadAverage: { before: loadBefore, after: loadavg() },
      seedMs,
      issue,
      remind: { ...remind, queue: remindQueue! },
      charge: {
        ...charge, queue: chargeQueue!, aftermathMs, traces: probe.traces.slice(tracesBefore),
        byFunction: meters.all().filter(([p]) => p === 'charge').map(([, fn, usage]) => [fn, usage]),
      },
      idealMs: (options.invoices / (rateLimitPerSecond * AUTOMATIC_CHARGE_SHARE)) * 1000,
      actualMs: chargeQueue!.elapsedMs,
      ratio: (options.invoices / (rateLimitPerSecond * AUTOMATIC_CHARGE_SHARE)) * 1000 / chargeQueue!.elapsedMs,
      rateLimited,
      webhooks,
      outcome,
      cost: costModel({ invoices: options.invoices, usage: lifeUsage, queues: [remindQueue!, chargeQueue!], memoryMb: FUNCTION_MEMORY_MB, issueOutboxWriteUnits }),
      emailKinds: [...meters.emailKinds],
      workOutcomes: [...meters.workOutcomes],
      stripeRequests: [...stripeRequests],
    };
  } finally {
    await system.stop();
  }
}
