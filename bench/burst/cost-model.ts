import { AWS_PRICES } from './aws-prices.js';
import { type Usage, emptyUsage } from './meters.js';
import type { QueueStats } from './sqs-event-source.js';

/** One line of the cost per 1,000 invoices: what was counted, per invoice, and its price. */
export interface CostLine {
  readonly item: string;
  /** How much of it one invoice took (units, requests, GB-seconds…). */
  readonly perInvoice: number;
  readonly unit: string;
  readonly usdPer1000Invoices: number;
  /** Shown for comparison, left out of the totals. */
  readonly excluded?: boolean;
}

/**
 * What Lambda itself writes to CloudWatch Logs per invocation in the JSON log format the stack uses:
 * a `platform.start` and a `platform.report` record, about 150 and 350 bytes. An estimate: the bench
 * cannot see them.
 */
export const LAMBDA_PLATFORM_LOG_BYTES = 500;

/**
 * How long each thing a function waits for takes in AWS, in ms, for the Lambda duration the model
 * prices. Measured durations on the bench machine are not AWS's (DynamoDB Local on a shared 2-core
 * machine answers in tens to hundreds of ms, the time-scaled burst stretches Stripe's time on
 * purpose), so the model adds these up over the calls the bench counted instead, and shows the
 * measured figure beside it as an upper bound. Assumptions, not measurements:
 * - a charge at Stripe: the issue's 300 ms; a 429: an answer without work (the backoff's waits,
 *   0.375 s on average for the first, are billed too but not counted here);
 * - a DynamoDB call in the same region: single-digit milliseconds (DynamoDB's own description),
 *   taken as 6 ms, transactions and conditional writes included;
 * - an EventBridge Scheduler create or delete, an SES send: tens of milliseconds, taken as 30 and 50;
 * - a warm invocation's own code (middy, Powertools, zod, the use case): 5 ms.
 */
export const AWS_TIMES_MS = { charge: 300, rateLimited: 30, dynamoDbCall: 6, schedulerCall: 30, email: 50, invocation: 5 } as const;

export interface CostModel {
  readonly lines: readonly CostLine[];
  /** Everything but SES. */
  readonly awsUsdPer1000: number;
  readonly sesUsdPer1000: number;
}

/**
 * Prices what `invoices` invoices actually cost in requests over their automatic life: the issue's
 * effects (schedules, email), the reminder, the due-date charge and what follows it (webhook,
 * receipt, schedules deleted). `usage` sums every function over those phases (invocations and their
 * duration included); `queues` are the invoice-work queue's runs (each message was put there by a
 * schedule firing).
 */
export function costModel(input: {
  invoices: number;
  usage: Usage;
  queues: readonly QueueStats[];
  memoryMb: number;
  /** Write units of the outbox item each invoice's issue puts in its transaction (not metered: the bench seeds). */
  issueOutboxWriteUnits: number;
}): CostModel {
  const { usage, queues, invoices } = input;
  const p = AWS_PRICES;
  const per = (n: number) => n / invoices;
  const cost = (n: number, pricePerUnit: number) => (n / invoices) * 1000 * pricePerUnit;

  const scheduleFirings = queues.reduce((sum, q) => sum + q.messages, 0);
  // Scheduler's SendMessage, the event source mapping's ReceiveMessage and DeleteMessageBatch.
  const sqsRequests = scheduleFirings + queues.reduce((sum, q) => sum + q.receiveCalls + q.deleteCalls, 0);
  const invocations = usage.invocations;
  const t = AWS_TIMES_MS;
  const awsMs = usage.invocations * t.invocation + usage.dynamoCalls * t.dynamoDbCall
    + (usage.stripeRequests - usage.rateLimited) * t.charge + usage.rateLimited * t.rateLimited
    + (usage.schedulesCreated + usage.schedulesDeleted) * t.schedulerCall + usage.emails * t.email;
  const gbSeconds = (awsMs / 1000) * (input.memoryMb / 1024);
  const measuredGbSeconds = (usage.invocationMs / 1000) * (input.memoryMb / 1024);
  const logBytes = usage.logBytes + invocations * LAMBDA_PLATFORM_LOG_BYTES;

  const lines: CostLine[] = [
    { item: 'DynamoDB write request units', perInvoice: per(usage.writeUnits), unit: 'WRU', usdPer1000Invoices: cost(usage.writeUnits, p.dynamoDbWritePerMillionUnits / 1e6) },
    {
      item: 'DynamoDB write request units, the outbox item in the issue transaction (computed from its size)',
      perInvoice: input.issueOutboxWriteUnits, unit: 'WRU', usdPer1000Invoices: 1000 * input.issueOutboxWriteUnits * (p.dynamoDbWritePerMillionUnits / 1e6),
    },
    { item: 'DynamoDB read request units', perInvoice: per(usage.readUnits), unit: 'RRU', usdPer1000Invoices: cost(usage.readUnits, p.dynamoDbReadPerMillionUnits / 1e6) },
    { item: 'Lambda requests', perInvoice: per(invocations), unit: 'invocations', usdPer1000Invoices: cost(invocations, p.lambdaPerMillionRequests / 1e6) },
    {
      item: `Lambda duration at ${input.memoryMb} MB (arm64), from the calls counted × AWS_TIMES_MS`,
      perInvoice: per(gbSeconds), unit: 'GB-s', usdPer1000Invoices: cost(gbSeconds, p.lambdaArmPerGbSecond),
    },
    { item: 'SQS requests', perInvoice: per(sqsRequests), unit: 'requests', usdPer1000Invoices: cost(sqsRequests, p.sqsPerMillionRequests / 1e6) },
    { item: 'EventBridge Scheduler invocations', perInvoice: per(scheduleFirings), unit: 'invocations', usdPer1000Invoices: cost(scheduleFirings, p.schedulerPerMillionInvocations / 1e6) },
    {
      item: 'DynamoDB Streams reads (by the outbox consumer\'s event source mapping: not charged)',
      perInvoice: per(usage.streamRecords), unit: 'records', usdPer1000Invoices: cost(usage.streamRecords, p.dynamoDbStreamsReadsByLambda),
    },
    {
      item: 'CloudWatch Logs ingestion (the functions\' INFO logs, measured; Lambda\'s platform records, estimated)',
      perInvoice: per(logBytes / 1024), unit: `KiB (${per(usage.logEvents).toFixed(1)} log events + ${per(invocations).toFixed(1)} × ${LAMBDA_PLATFORM_LOG_BYTES} B)`,
      usdPer1000Invoices: cost(logBytes / 1024 ** 3, p.cloudWatchLogsPerGbIngested),
    },
    { item: 'EventBridge Scheduler schedules created / deleted (not charged)', perInvoice: per(usage.schedulesCreated + usage.schedulesDeleted), unit: `calls (${per(usage.schedulesCreated).toFixed(1)} + ${per(usage.schedulesDeleted).toFixed(1)})`, usdPer1000Invoices: 0 },
  ];
  const measured: CostLine = {
    item: `Lambda duration as measured on the bench machine (upper bound; not in the total)`,
    perInvoice: per(measuredGbSeconds), unit: 'GB-s', usdPer1000Invoices: cost(measuredGbSeconds, p.lambdaArmPerGbSecond), excluded: true,
  };
  const ses: CostLine = { item: 'SES emails', perInvoice: per(usage.emails), unit: 'emails', usdPer1000Invoices: cost(usage.emails, p.sesPerThousandEmails / 1000) };
  return {
    lines: [...lines, measured, ses],
    awsUsdPer1000: lines.reduce((sum, line) => sum + line.usdPer1000Invoices, 0),
    sesUsdPer1000: ses.usdPer1000Invoices,
  };
}

/** Several usages added up (the phases and functions of the life of the burst's invoices). */
export function sumUsage(usages: readonly Usage[]): Usage {
  const total = emptyUsage();
  for (const usage of usages) {
    for (const key of Object.keys(total) as (keyof Usage)[]) total[key] += usage[key];
  }
  return total;
}
