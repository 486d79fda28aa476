import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoPaymentLedger } from '../../../functions/adapters/dynamodb/dynamo-payment-ledger.js';
import { dynamoDocumentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import type { ScheduledWork } from '../../../functions/ports/scheduler.js';
import { invokeAsLambda } from '../../../local/lambda-invocation.js';
import { type LocalSystem, startLocalSystem } from '../../../local/system.js';
import { seedCustomer } from '../../support/seeded-customer.js';
import { call, signIn } from '../api/client.js';
import { submitCard } from '../stripe/hosted-checkout-driver.js';

const DAY_MS = 86_400_000;
const AMOUNT = 4200;

/**
 * R2: an invoice's due-date charge happens once however its schedule's message arrives. The message
 * goes to the invoice-work handler exactly as SQS delivers it (the same module Lambda runs): twice,
 * ten times at once, late after a retry already ran, and after the invoice was paid or voided. What
 * is asserted is what the customer and the books see: the processor's captures, the invoice's
 * payments, the credit ledger and the emails in the local mail server.
 */
describe('R2: the due-date charge happens once', () => {
  let system: LocalSystem;
  let admin = '';
  let ledger: DynamoPaymentLedger;
  let invoiceWork: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
  const figures: string[] = [];

  beforeAll(async () => {
    system = await startLocalSystem({ port: 0, inMemory: true });
    admin = await signIn(system, system.logins.admin.email, system.logins.admin.password);
    ledger = new DynamoPaymentLedger(dynamoDocumentClient({ region: 'us-east-1', endpoint: system.dynamoDbEndpoint }), system.tableName);
    invoiceWork = (await import('../../../functions/handlers/invoice-work.js')).handler as never;
  }, 120_000);

  afterAll(async () => {
    console.log(`R2 figures:\n  ${figures.join('\n  ')}`);
    await system?.stop();
  });

  /** A customer with automatic billing on, the card saved as default, and an open invoice due in 10 days. */
  async function customerWithInvoice(cardNumber: string) {
    const customer = await seedCustomer(system, { ageMs: 0 });
    const token = await signIn(system, customer.email, customer.password);
    await saveCard(token, cardNumber);
    expect((await call(system, 'PATCH', '/v1/me', { token, body: { autopay: true } })).status).toBe(200);
    const dueDate = new Date(Date.now() + 10 * DAY_MS).toISOString().slice(0, 10);
    const created = await call(system, 'POST', '/v1/admin/invoices', {
      token: admin, body: { customerId: customer.customerId, dueDate, lines: [{ description: 'Hosting', quantity: 1, unitAmount: AMOUNT }] },
    });
    expect(created.status).toBe(201);
    await system.automation.settle();
    return { ...customer, token, invoiceId: created.body.id as string };
  }

  async function saveCard(token: string, cardNumber: string) {
    const setup = await call(system, 'POST', '/v1/payment-methods', { token });
    await submitCard(setup.body.redirectUrl, cardNumber);
    await system.stripe.webhooksIdle();
    const cards = await call(system, 'GET', '/v1/payment-methods', { token });
    const newest = cards.body.items.at(-1);
    expect((await call(system, 'PATCH', '/v1/me', { token, body: { defaultCardId: newest.id } })).status).toBe(200);
  }

  /** The schedule's message, delivered `times` times at once, as SQS may. */
  async function deliver(work: ScheduledWork, times = 1) {
    const event = (): SQSEvent => ({
      Records: [{
        messageId: randomUUID(), receiptHandle: randomUUID(), body: JSON.stringify(work), md5OfBody: '', eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:local:000000000000:invoice-work', awsRegion: 'us-east-1', messageAttributes: {},
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'scheduler', ApproximateFirstReceiveTimestamp: String(Date.now()) },
      }],
    });
    const responses = await Promise.all(Array.from({ length: times }, () => invokeAsLambda('invoice-work', invoiceWork, event())));
    await system.stripe.webhooksIdle();
    await system.automation.settle();
    return responses.flatMap((response) => response.batchItemFailures);
  }

  /** What the customer and the books show for the invoice. */
  async function outcome(customer: { token: string; email: string; customerId: string; invoiceId: string }) {
    const invoice = (await call(system, 'GET', `/v1/invoices/${customer.invoiceId}`, { token: customer.token })).body;
    const emails = (await system.mail.listEmails()).filter((email) => email.to.includes(customer.email));
    return {
      status: invoice.status as string,
      amountPaid: invoice.amountPaid as number,
      captures: system.stripe.captureCount(customer.invoiceId),
      payments: (await ledger.listInvoicePayments(customer.invoiceId)).length,
      creditEntries: (await ledger.listEntries(customer.customerId, 100)).length,
      emails: emails.map((email) => email.subject).sort(),
    };
  }

  const charge = (invoiceId: string, step = 0): ScheduledWork => ({ invoiceId, action: 'charge', step });

  it('delivered twice, one after the other: one capture, one payment, one receipt', async () => {
    const customer = await customerWithInvoice('4242 4242 4242 4242');
    const before = await outcome(customer);
    expect(await deliver(charge(customer.invoiceId))).toEqual([]);
    const once = await outcome(customer);
    expect(await deliver(charge(customer.invoiceId))).toEqual([]);
    const twice = await outcome(customer);

    expect(once).toMatchObject({ status: 'paid', amountPaid: AMOUNT, captures: 1, payments: 1 });
    expect(twice).toEqual(once);
    // Staff's activity log says the automatic charge paid it, not the customer.
    const activity = (await call(system, 'GET', `/v1/admin/invoices/${customer.invoiceId}/activity`, { token: admin })).body.items as Array<{ kind: string; by: { kind: string } }>;
    expect(activity.filter((line) => line.kind === 'paid').map((line) => line.by.kind)).toEqual(['system']);
    expect(once.emails.length).toBe(before.emails.length + 1);
    figures.push(`twice: captures ${twice.captures}, payments ${twice.payments}, emails +${twice.emails.length - before.emails.length}`);
  }, 60_000);

  it('delivered ten times at once: one capture, one payment, one receipt', async () => {
    const customer = await customerWithInvoice('4242 4242 4242 4242');
    const before = await outcome(customer);
    // Those that met the winner's charge in progress fail, so that SQS delivers them again: by then the
    // invoice is paid and they do nothing (a due date is never dropped for meeting another payment).
    const failed = await deliver(charge(customer.invoiceId), 10);
    expect(failed.length).toBeLessThan(10);
    expect(await deliver(charge(customer.invoiceId), failed.length)).toEqual([]);
    const after = await outcome(customer);

    expect(after).toMatchObject({ status: 'paid', amountPaid: AMOUNT, captures: 1, payments: 1, creditEntries: before.creditEntries });
    expect(after.emails.length).toBe(before.emails.length + 1);
    figures.push(`ten at once (${failed.length} delivered again): captures ${after.captures}, payments ${after.payments}, emails +${after.emails.length - before.emails.length}`);
  }, 60_000);

  it('delivered late, after the first retry already ran: nothing more happens', async () => {
    const customer = await customerWithInvoice('4000 0000 0000 0341');
    expect(await deliver(charge(customer.invoiceId, 0))).toEqual([]);
    const declined = await outcome(customer);
    expect(declined).toMatchObject({ status: 'open', captures: 0, payments: 0 });

    // A working card is made default during dunning; the first retry uses it.
    await saveCard(customer.token, '4242 4242 4242 4242');
    expect(await deliver(charge(customer.invoiceId, 1))).toEqual([]);
    const retried = await outcome(customer);
    expect(retried).toMatchObject({ status: 'paid', amountPaid: AMOUNT, captures: 1, payments: 1 });

    expect(await deliver(charge(customer.invoiceId, 0), 3)).toEqual([]);
    expect(await outcome(customer)).toEqual(retried);
    figures.push(`late after a retry: captures ${retried.captures}, payments ${retried.payments}`);
  }, 90_000);

  it('a declined step delivered again is not charged again (the processor sees the same idempotency key)', async () => {
    const customer = await customerWithInvoice('4000 0000 0000 0341');
    expect(await deliver(charge(customer.invoiceId, 0))).toEqual([]);
    const declined = await outcome(customer);
    expect(await deliver(charge(customer.invoiceId, 0), 5)).toEqual([]);
    expect(await outcome(customer)).toEqual(declined);
    expect(declined).toMatchObject({ status: 'open', captures: 0, payments: 0 });
    // Staff's activity log has the decline, once, by the system, with the reason the customer was told.
    const activity = (await call(system, 'GET', `/v1/admin/invoices/${customer.invoiceId}/activity`, { token: admin })).body.items as Array<Record<string, unknown>>;
    expect(activity.filter((line) => line['kind'] === 'charge_failed')).toEqual([expect.objectContaining({
      by: { kind: 'system', name: 'System' }, amount: AMOUNT, outcome: 'declined', reason: expect.stringContaining('declined'),
    })]);
  }, 60_000);

  it('after the invoice was paid by the customer: no capture by the schedule', async () => {
    const customer = await customerWithInvoice('4242 4242 4242 4242');
    const cards = await call(system, 'GET', '/v1/payment-methods', { token: customer.token });
    const paid = await call(system, 'POST', `/v1/invoices/${customer.invoiceId}/payments`, {
      token: customer.token, body: { method: 'card', cardId: cards.body.items[0].id },
    });
    expect(paid.body.status).toBe('paid');
    await system.automation.settle();
    const before = await outcome(customer);
    expect(await deliver(charge(customer.invoiceId), 3)).toEqual([]);
    expect(await outcome(customer)).toEqual(before);
    expect(before).toMatchObject({ captures: 1, payments: 1 });
  }, 60_000);

  it('after the invoice was voided: no capture, no payment, no email', async () => {
    const customer = await customerWithInvoice('4242 4242 4242 4242');
    expect((await call(system, 'POST', `/v1/admin/invoices/${customer.invoiceId}/void`, { token: admin })).status).toBe(200);
    await system.automation.settle();
    const before = await outcome(customer);
    expect(await deliver(charge(customer.invoiceId), 3)).toEqual([]);
    expect(await outcome(customer)).toEqual(before);
    expect(before).toMatchObject({ status: 'void', captures: 0, payments: 0 });
    // The customer is told, once, that the invoice is cancelled.
    expect(before.emails.filter((subject) => subject.endsWith('has been cancelled'))).toHaveLength(1);
    figures.push('after paid or void: captures unchanged, no payment, no email');
  }, 60_000);
});
