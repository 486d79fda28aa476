import { randomUUID } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import { DynamoInvoiceRepository } from '../../../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { DynamoSentEmails } from '../../../functions/adapters/dynamodb/dynamo-sent-emails.js';
import { stripeAmountLimits } from '../../../functions/adapters/stripe/stripe-amount-limits.js';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { ConflictError } from '../../../functions/domain/errors.js';
import { storage } from '../../../functions/handlers/composition/storage.js';
import type { InvoiceRepository } from '../../../functions/ports/invoice-repository.js';
import { emailEffect, invoiceEmailKey } from '../../../functions/ports/outbox.js';
import { createInvoice } from '../../../functions/use-cases/create-invoice.js';
import { invokeAsLambda } from '../../../local/lambda-invocation.js';
import { type StoredOutboxItem, outboxItemsIn } from '../../support/outbox-items.js';
import { type LocalSystem, startLocalSystem } from '../../../local/system.js';
import { seedCustomer } from '../../support/seeded-customer.js';
import { call, signIn } from '../api/client.js';

const DAY_MS = 86_400_000;

/**
 * R11, through the local system's real parts (DynamoDB Local's stream, the outbox-consumer handler
 * Lambda runs, the local SES): an email a change calls for is sent once whatever happens to the
 * functions around it, and never for a change that rolled back. What is asserted is the mailbox.
 */
describe('R11: the outbox sends each email once', () => {
  let system: LocalSystem;
  let admin = '';
  let db: ReturnType<typeof dynamoDocumentClient>;
  let invoices: DynamoInvoiceRepository;
  let outboxConsumer: (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;
  let customer: Awaited<ReturnType<typeof seedCustomer>> & { token: string };

  beforeAll(async () => {
    system = await startLocalSystem({ port: 0, inMemory: true });
    admin = await signIn(system, system.logins.admin.email, system.logins.admin.password);
    db = dynamoDocumentClient({ region: 'us-east-1', endpoint: system.dynamoDbEndpoint });
    invoices = new DynamoInvoiceRepository(db, system.tableName);
    outboxConsumer = (await import('../../../functions/handlers/outbox-consumer.js')).handler as never;
    const seeded = await seedCustomer(system, { ageMs: 0 });
    customer = { ...seeded, token: await signIn(system, seeded.email, seeded.password) };
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  /** The emails about one invoice in the local mailbox, by subject. */
  async function mailbox(invoiceNumber: number): Promise<string[]> {
    const number = `#${String(invoiceNumber).padStart(6, '0')}`;
    return (await system.mail.listEmails()).filter((email) => email.subject.includes(number)).map((email) => email.subject);
  }

  /** The outbox items written for an invoice (any of their effects names it). */
  async function outboxItems(invoiceId: string): Promise<StoredOutboxItem[]> {
    const items = await outboxItemsIn(db, system.tableName);
    return items.filter((item) => item.effects.some((effect) => ('invoiceId' in effect ? effect.invoiceId : effect.kind === 'email' ? effect.email.invoiceId : undefined) === invoiceId));
  }

  /** The stream's INSERT record of an outbox item, as the event source mapping delivers it (again). */
  function redelivery(item: StoredOutboxItem): DynamoDBStreamEvent {
    return {
      Records: [{
        eventID: randomUUID(), eventName: 'INSERT', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'us-east-1',
        eventSourceARN: `arn:aws:dynamodb:us-east-1:000000000000:table/${system.tableName}/stream/local`,
        dynamodb: {
          Keys: marshall({ PK: item.PK, SK: item.SK }) as never, NewImage: marshall(item) as never,
          SequenceNumber: String(Date.now()), SizeBytes: 1, StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      }],
    };
  }

  async function issue(dueInDays: number, amount = 2500) {
    const dueDate = new Date(Date.parse((await system.automation.clock()).now) + dueInDays * DAY_MS).toISOString().slice(0, 10);
    const created = await call(system, 'POST', '/v1/admin/invoices', {
      token: admin, body: { customerId: customer.customerId, dueDate, lines: [{ description: 'Hosting', quantity: 1, unitAmount: amount }] },
    });
    expect(created.status).toBe(201);
    await system.automation.settle();
    return { id: created.body.id as string, number: created.body.number as number };
  }

  it('a function that dies right after its write: the stream still brings its email, once', async () => {
    const deps = await storage();
    let issuedId = '';
    // The invoice and its outbox item are committed; then the function dies before it answers.
    const dying: InvoiceRepository = Object.assign(Object.create(deps.invoices) as InvoiceRepository, {
      createNumbered: async (...args: Parameters<InvoiceRepository['createNumbered']>) => {
        const invoice = await deps.invoices.createNumbered(...args);
        issuedId = invoice.id;
        throw new Error('Task timed out after 10.00 seconds');
      },
    });
    await expect(createInvoice({ ...deps, invoices: dying, cardLimits: stripeAmountLimits }, {
      // Due in 5 days: its reminder comes before those of the seeded invoices (due in 10 and 12 days).
      customerId: customer.customerId, dueDate: calendarDate(new Date(Date.parse((await system.automation.clock()).now) + 5 * DAY_MS).toISOString().slice(0, 10)),
      lines: [{ description: 'Hosting', quantity: 1, unitAmountMinor: 1900 }],
    })).rejects.toThrow('Task timed out');
    await system.automation.settle();

    const invoice = (await invoices.get(issuedId))!;
    expect(await mailbox(invoice.state.number)).toEqual([expect.stringMatching(/^Invoice #\d+ from Example Hosting Ltd/)]);
    expect((await system.automation.clock()).next).toMatchObject({ invoiceId: issuedId, action: 'remind' });
  }, 60_000);

  it('the consumer dies after sending, before the stream hears of it: the redelivered record sends nothing more', async () => {
    const invoice = await issue(10);
    const [item] = await outboxItems(invoice.id);
    const first = await mailbox(invoice.number);

    // Lambda retries a batch whose invocation died: once, then (parallel batches, a bisected batch) several at once.
    const again = await invokeAsLambda('outbox-consumer', outboxConsumer, redelivery(item!));
    const together = await Promise.all(Array.from({ length: 5 }, () => invokeAsLambda('outbox-consumer', outboxConsumer, redelivery(item!))));
    await system.automation.settle();

    expect(first).toHaveLength(1);
    expect(again.batchItemFailures).toEqual([]);
    expect(together.flatMap((response) => response.batchItemFailures)).toEqual([]);
    expect(await mailbox(invoice.number)).toEqual(first);
  }, 60_000);

  it('the consumer dies between claiming an email and sending it: the stream’s next delivery sends it at once, once', async () => {
    const invoice = await issue(10);
    const [item] = await outboxItems(invoice.id);
    const sentEmails = new DynamoSentEmails(db, system.tableName);
    // What a consumer killed mid-send leaves behind: its claim, in progress, its lease still running.
    // Here, an email not sent yet: a decline notice for attempt 9.
    const decline = { kind: 'payment_declined' as const, invoiceId: invoice.id, attempt: 9, reason: 'Your card was declined.' };
    const record = { ...item!, id: randomUUID(), PK: `OUTBOX#${randomUUID()}`, effects: [emailEffect(decline)] };
    const now = new Date(Date.parse((await system.automation.clock()).now));
    expect(await sentEmails.claim(invoiceEmailKey(decline), now, `outbox#${record.id}`)).toBe('claimed');

    // Lambda delivers the record again at once; the dead invocation's claim is the same record's, so it is taken over.
    const redelivered = await invokeAsLambda('outbox-consumer', outboxConsumer, redelivery(record));
    const again = await invokeAsLambda('outbox-consumer', outboxConsumer, redelivery(record));

    expect(redelivered.batchItemFailures).toEqual([]);
    expect(again.batchItemFailures).toEqual([]);
    expect((await mailbox(invoice.number)).filter((subject) => /declined/.test(subject))).toHaveLength(1);
  }, 60_000);

  it('an email another piece of work is sending is left to it while its lease runs, then sent once', async () => {
    const invoice = await issue(10);
    const [item] = await outboxItems(invoice.id);
    const sentEmails = new DynamoSentEmails(db, system.tableName);
    const decline = { kind: 'payment_declined' as const, invoiceId: invoice.id, attempt: 8, reason: 'Your card was declined.' };
    expect(await sentEmails.claim(invoiceEmailKey(decline), new Date(Date.parse((await system.automation.clock()).now)), 'outbox#another-item')).toBe('claimed');
    const record = { ...item!, id: randomUUID(), PK: `OUTBOX#${randomUUID()}`, effects: [emailEffect(decline)] };

    // While the other holder's lease runs the record fails (a batch of it alone fails whole), so the stream delivers it again.
    const whileHeld = await invokeAsLambda('outbox-consumer', outboxConsumer, redelivery(record)).then(() => 'done', (error: Error) => error.message);
    const heldMailbox = await mailbox(invoice.number);
    await system.automation.advance('hour');
    const afterLease = await invokeAsLambda('outbox-consumer', outboxConsumer, redelivery(record));
    const again = await invokeAsLambda('outbox-consumer', outboxConsumer, redelivery(record));

    expect(whileHeld).toMatch(/All records failed processing/);
    expect(heldMailbox.filter((subject) => /declined/.test(subject))).toEqual([]);
    expect(afterLease.batchItemFailures).toEqual([]);
    expect(again.batchItemFailures).toEqual([]);
    expect((await mailbox(invoice.number)).filter((subject) => /declined/.test(subject))).toHaveLength(1);
  }, 60_000);

  it('a second void, cancelled by its condition, leaves no outbox item and sends nothing more than the first’s notice', async () => {
    const invoice = await issue(10);
    const before = await mailbox(invoice.number);
    const voids = await Promise.all([1, 2].map(() => call(system, 'POST', `/v1/admin/invoices/${invoice.id}/void`, { token: admin })));
    await system.automation.settle();

    const statuses = voids.map((response) => response.status).sort();
    const unschedules = (await outboxItems(invoice.id)).flatMap((item) => item.effects).filter((effect) => effect.kind === 'unschedule');
    expect(statuses[0]).toBe(200);
    expect([409, 422]).toContain(statuses[1]);
    expect(unschedules).toHaveLength(1);
    const added = (await mailbox(invoice.number)).filter((subject) => !before.includes(subject));
    expect(added).toEqual([expect.stringMatching(/has been cancelled$/)]);
    expect((await system.automation.clock()).next?.invoiceId).not.toBe(invoice.id);
  }, 60_000);

  it('two writes racing on one invoice version: the one cancelled leaves no outbox item and its email is never sent', async () => {
    const invoice = await issue(10);
    const current = (await invoices.get(invoice.id))!;
    const at = new Date(Date.parse((await system.automation.clock()).now));
    // Two due-date charges recording their outcome from the same version: DynamoDB lets one through.
    const outcomes = await Promise.allSettled([1, 2].map((attempt) => invoices.save(
      current.recordChargeStep(attempt, 'declined', at, { reason: `Decline number ${attempt}.` }), current.state.version,
      [emailEffect({ kind: 'payment_declined', invoiceId: invoice.id, attempt, reason: `Decline number ${attempt}.` })],
    )));
    await system.automation.settle();

    const won = outcomes.findIndex((outcome) => outcome.status === 'fulfilled') + 1;
    const lost = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    const declineItems = (await outboxItems(invoice.id)).flatMap((item) => item.effects)
      .filter((effect) => effect.kind === 'email' && effect.email.kind === 'payment_declined');
    const declines = (await system.mail.listEmails()).filter((email) => email.subject.includes(`#${String(invoice.number).padStart(6, '0')}`) && /declined/.test(email.subject));
    expect(lost.reason).toBeInstanceOf(ConflictError);
    expect(declineItems.map((effect) => effect.kind === 'email' && effect.email.attempt)).toEqual([won]);
    expect(declines).toHaveLength(1);
    expect(declines[0]!.text).toContain(`Decline number ${won}.`);
    expect(declines[0]!.text).not.toContain(`Decline number ${3 - won}.`);
  }, 60_000);
});
