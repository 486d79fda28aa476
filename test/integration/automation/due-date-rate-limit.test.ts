import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DynamoInvoiceRepository } from '../../../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { DynamoPaymentLedger } from '../../../functions/adapters/dynamodb/dynamo-payment-ledger.js';
import { dynamoDocumentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import { config } from '../../../functions/config.js';
import { addDays, calendarDateOf } from '../../../functions/domain/calendar-date.js';
import type { ScheduledWork } from '../../../functions/ports/scheduler.js';
import { payments } from '../../../functions/handlers/composition/payments.js';
import { payInvoiceByCard } from '../../../functions/use-cases/pay-invoice-by-card.js';
import { invokeAsLambda } from '../../../local/lambda-invocation.js';
import { NO_FAULTS } from '../../../local/stripe-sandbox/faults.js';
import { NO_LOAD } from '../../../local/stripe-sandbox/load.js';
import { type LocalSystem, startLocalSystem } from '../../../local/system.js';
import { seedAutopayInvoices } from '../../support/autopay-invoices.js';

const AMOUNT = 4200;

/**
 * Stripe's rate limit (429) during the automatic due-date charge is a passing fault: the charge waits
 * it out in place a few times, and if it lasts longer the message fails and SQS delivers it again. It
 * is never taken for a decline, and never charges twice. The message goes to the invoice-work handler
 * exactly as SQS delivers it; what is asserted is the processor's captures and the books.
 */
describe('the due-date charge under Stripe\'s rate limit', () => {
  let system: LocalSystem;
  let invoices: DynamoInvoiceRepository;
  let ledger: DynamoPaymentLedger;
  let invoiceWork: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
  let seed: (count: number) => Promise<string[]>;

  beforeAll(async () => {
    system = await startLocalSystem({ port: 0, inMemory: true });
    const db = dynamoDocumentClient({ region: 'us-east-1', endpoint: system.dynamoDbEndpoint });
    invoices = new DynamoInvoiceRepository(db, system.tableName);
    ledger = new DynamoPaymentLedger(db, system.tableName);
    invoiceWork = (await import('../../../functions/handlers/invoice-work.js')).handler as never;
    seed = async (count) => {
      const now = new Date((await system.automation.clock()).now);
      const seeded = await seedAutopayInvoices(
        { db, tableName: system.tableName, stripe: { host: system.stripe.host, port: system.stripe.port } },
        { count, amountMinor: AMOUNT, dueDate: addDays(calendarDateOf(now), 10), policy: config().schedule, now },
      );
      await system.automation.settle();
      return seeded.map((s) => s.invoiceId);
    };
  }, 120_000);

  afterAll(() => system?.stop());
  afterEach(() => {
    Object.assign(system.stripe.faults, NO_FAULTS);
    Object.assign(system.stripe.load, NO_LOAD);
  });

  /** The due-date message of each invoice, delivered at once; the messages that failed. */
  async function deliverDueDate(invoiceIds: string[]): Promise<string[]> {
    const failed = await Promise.all(invoiceIds.map(async (invoiceId) => {
      const work: ScheduledWork = { invoiceId, action: 'charge', step: 0 };
      const delivery = invokeAsLambda('invoice-work', invoiceWork, {
        Records: [{
          messageId: invoiceId, receiptHandle: randomUUID(), body: JSON.stringify(work), md5OfBody: '', eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:local:000000000000:invoice-work', awsRegion: 'us-east-1', messageAttributes: {},
          attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'scheduler', ApproximateFirstReceiveTimestamp: String(Date.now()) },
        }],
      });
      return delivery.then((response) => response.batchItemFailures.map((f) => f.itemIdentifier), () => [invoiceId]);
    }));
    await system.stripe.webhooksIdle();
    await system.automation.settle();
    return failed.flat();
  }

  /** What the processor and the books show for an invoice. */
  async function outcome(invoiceId: string) {
    const invoice = (await invoices.get(invoiceId))!;
    return {
      status: invoice.status,
      amountPaid: invoice.amountPaid.amountMinor,
      dunning: invoice.state.dunning && { lastOutcome: invoice.state.dunning.lastOutcome, declines: invoice.state.dunning.declines },
      captures: system.stripe.captureCount(invoiceId),
      payments: (await ledger.listInvoicePayments(invoiceId)).length,
    };
  }

  const paidOnce = { status: 'paid', amountPaid: AMOUNT, dunning: { lastOutcome: 'paid', declines: 0 }, captures: 1, payments: 1 };

  it('waits out a 429 or two in place: one capture, the invoice paid, no decline', async () => {
    const [invoiceId] = await seed(1);
    system.stripe.faults.rateLimitNext = 2;

    expect(await deliverDueDate([invoiceId!])).toEqual([]);

    expect(system.stripe.faults.rateLimitNext).toBe(0);
    expect(await outcome(invoiceId!)).toEqual(paidOnce);
  }, 60_000);

  it('fails the message when the limit outlasts the waits; the redelivery after the lease charges once', async () => {
    const [invoiceId] = await seed(1);
    system.stripe.faults.rateLimitNext = 100;

    expect(await deliverDueDate([invoiceId!])).toEqual([invoiceId]);
    expect(await outcome(invoiceId!)).toEqual({ status: 'open', amountPaid: 0, dunning: undefined, captures: 0, payments: 0 });

    // SQS delivers it again after the visibility timeout. The limiter did nothing, so the attempt was
    // freed at once: the redelivery charges, under the same idempotency key.
    system.stripe.faults.rateLimitNext = 0;
    await system.automation.advance('hour');
    expect(await deliverDueDate([invoiceId!])).toEqual([]);
    expect(await outcome(invoiceId!)).toEqual(paidOnce);
  }, 60_000);

  it('under the load limit, charges due together each go through once, the refused ones after a wait', async () => {
    const due = await seed(4);
    const refusedBefore = system.stripe.rateLimitedRequests();
    // Two a second: two charges pass at once, the others are refused and come back.
    Object.assign(system.stripe.load, { rateLimitPerSecond: 2, chargeLatencyMs: 300 });

    expect(await deliverDueDate(due)).toEqual([]);

    expect(system.stripe.rateLimitedRequests() - refusedBefore).toBeGreaterThan(0);
    for (const invoiceId of due) expect(await outcome(invoiceId)).toEqual(paidOnce);
  }, 60_000);

  it('a customer paying with a saved card waits out a moment of crowding (two 429s) instead of being told to come back', async () => {
    const [invoiceId] = await seed(1);
    const invoice = (await invoices.get(invoiceId!))!;
    // The composition the Pay route uses (pay-invoice.ts), as the local API builds it.
    const deps = await payments();
    const customer = (await deps.customers.get(invoice.customerId))!;
    system.stripe.faults.rateLimitNext = 2;

    const result = await payInvoiceByCard(deps, { userSub: customer.userSub, invoiceId: invoice.id, cardId: customer.defaultCardId!, saveCard: false, returnUrl: system.url });

    expect(result).toMatchObject({ status: 'paid' });
    expect(system.stripe.faults.rateLimitNext).toBe(0);
    expect(system.stripe.captureCount(invoice.id)).toBe(1);
  }, 60_000);
});
