import { addDays, calendarDate, calendarDateOf } from '../../../functions/domain/calendar-date.js';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRIPE_MAX_NETWORK_RETRIES } from '../../../functions/adapters/stripe/stripe-client.js';
import type { LocalSystem } from '../../../local/system.js';
import { decide } from '../paypal/approval-driver.js';
import { submitCard } from '../stripe/hosted-checkout-driver.js';
import { call, startSignedIn } from './client.js';

/**
 * Staff actions on an invoice, through the API on the local system (DynamoDB Local, the Stripe
 * sandbox): money received outside the system, refunds (once per request, never more than was paid,
 * a refusal changing nothing), refunds made at the processor's dashboard, and the activity log.
 */
describe('Staff actions on an invoice', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';
  let aliceId = '';
  let staffEmail = '';

  beforeAll(async () => {
    ({ system, admin, alice, aliceId } = await startSignedIn());
    staffEmail = system.logins.admin.email;
  }, 120_000);
  afterAll(() => system?.stop());

  const credit = async () => (await call(system, 'GET', '/v1/me', { token: alice })).body.creditBalance as number;
  /** Takes whatever credit Alice has, so that a new invoice is not paid from it at issue. */
  const spendAll = async () => {
    const balance = await credit();
    if (balance > 0) await call(system, 'POST', `/v1/admin/customers/${aliceId}/credit`, { token: admin, body: { amount: -balance, reason: 'Reset for the next test' } });
  };
  const issue = async (amount: number) => {
    await spendAll();
    return (await call(system, 'POST', '/v1/admin/invoices', {
      token: admin, body: { customerId: aliceId, dueDate: '2031-01-31', lines: [{ description: 'Hosting', quantity: 1, unitAmount: amount }] },
    })).body as { id: string; number: number; issuedAt: string };
  };
  /** Today on the provider's calendar (BILLING_TIME_ZONE: UTC here), and the day `days` after a day. */
  const today = () => calendarDateOf(new Date());
  const dayAfter = (day: string, days = 1) => addDays(calendarDate(day), days);
  const staffInvoice = async (id: string) => (await call(system, 'GET', `/v1/admin/invoices/${id}`, { token: admin })).body;
  const activity = async (id: string) => (await call(system, 'GET', `/v1/admin/invoices/${id}/activity`, { token: admin })).body.items as Array<Record<string, any>>;
  const record = (invoiceId: string, body: Record<string, unknown>) => call(system, 'POST', `/v1/admin/invoices/${invoiceId}/payments`, { token: admin, body });
  const refund = (payment: { method: string; externalId: string }, body: Record<string, unknown>) =>
    call(system, 'POST', `/v1/admin/payments/${payment.method}/${payment.externalId}/refunds`, { token: admin, body });
  /** Alice pays the invoice's amount due on the sandbox's card page; the webhook records it. */
  const payByCard = async (invoiceId: string) => {
    const started = await call(system, 'POST', `/v1/invoices/${invoiceId}/payments`, { token: alice, body: { method: 'card' } });
    await submitCard(started.body.redirectUrl, '4242 4242 4242 4242');
    await system.stripe.webhooksIdle();
    return (await staffInvoice(invoiceId)).payments.find((p: { method: string }) => p.method === 'card') as { method: string; externalId: string; amount: number };
  };
  /** Alice pays the invoice with PayPal; the approval webhook captures it. */
  const payByPayPal = async (invoiceId: string) => {
    const started = await call(system, 'POST', `/v1/invoices/${invoiceId}/payments`, { token: alice, body: { method: 'paypal' } });
    await decide(started.body.redirectUrl, 'approve');
    await system.paypal.webhooksIdle();
    return (await staffInvoice(invoiceId)).payments.find((p: { method: string }) => p.method === 'paypal') as { method: string; externalId: string; amount: number };
  };
  /** What the processor itself refunded of a PaymentIntent (its refund.created events). */
  const refundedAtProcessor = (paymentIntent: string) => system.stripe.events()
    .filter((e) => e.type === 'refund.created' && (e.data.object as { payment_intent?: string }).payment_intent === paymentIntent)
    .map((e) => (e.data.object as { amount: number }).amount);

  it('records a bank transfer once, however often the same request is sent, with its reference and day', async () => {
    const invoice = await issue(5000);
    const body = { amount: 2000, kind: 'bank_transfer', reference: 'SEPA 2031-0042', receivedOn: today(), requestId: randomUUID() };

    const [first, second] = await Promise.all([record(invoice.id, body), record(invoice.id, body)]);
    const third = await record(invoice.id, body);

    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    const stored = await staffInvoice(invoice.id);
    expect(stored).toMatchObject({ status: 'open', amountPaid: 2000, amountDue: 3000 });
    expect(stored.payments).toEqual([expect.objectContaining({
      method: 'offline', amount: 2000, appliedToInvoice: 2000, externalId: body.requestId,
      offline: { kind: 'bank_transfer', reference: 'SEPA 2031-0042', receivedOn: today() }, refunds: [],
    })]);
    const mine = (await call(system, 'GET', `/v1/invoices/${invoice.id}`, { token: alice })).body;
    expect(mine.payments[0]).toMatchObject({ method: 'offline', offline: { reference: 'SEPA 2031-0042' } });
    expect(mine.payments[0].externalId).toBeUndefined();
  });

  it('refuses the same transfer entered twice (its kind and reference already on the invoice), and writes nothing', async () => {
    const invoice = await issue(5000);
    const first = { amount: 1000, kind: 'bank_transfer', reference: 'TX-42', receivedOn: today(), requestId: randomUUID() };
    expect((await record(invoice.id, first)).status).toBe(201);

    const again = await record(invoice.id, { ...first, reference: ' tx-42 ', requestId: randomUUID() });

    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('TX-42 is already recorded');
    expect(await staffInvoice(invoice.id)).toMatchObject({ amountPaid: 1000, amountDue: 4000 });
    expect(await credit()).toBe(0);
    // Another kind, or another reference, is other money.
    expect((await record(invoice.id, { ...first, kind: 'cash', requestId: randomUUID() })).status).toBe(201);
  });

  it('turns what a bank transfer pays beyond the amount due into account credit', async () => {
    const invoice = await issue(1500);
    const response = await record(invoice.id, { amount: 2000, kind: 'cash', reference: 'Receipt 17', receivedOn: today(), requestId: randomUUID() });
    expect(response.body).toMatchObject({ status: 'paid', amountPaid: 1500 });
    expect(await credit()).toBe(500);
  });

  it('refuses a day still to come or before the invoice, an empty reference and a request id that is not one, naming the field', async () => {
    const invoice = await issue(1000);
    const base = { amount: 100, kind: 'cheque', reference: 'Cheque 1', receivedOn: today(), requestId: randomUUID() };
    for (const receivedOn of ['2999-01-01', dayAfter(today()), '2020-01-01', dayAfter(invoice.issuedAt.slice(0, 10), -1)]) {
      const refused = await record(invoice.id, { ...base, receivedOn });
      expect(refused.status, receivedOn).toBe(400);
      expect(refused.body.error.field).toBe('receivedOn');
    }
    expect((await record(invoice.id, { ...base, reference: '  ' })).body.error.field).toBe('reference');
    expect((await record(invoice.id, { ...base, requestId: 'x' })).body.error.field).toBe('requestId');
    expect((await record('inv_doesnotexist', base)).status).toBe(404);
  });

  it('refunds part of a card payment once, however often the same request is sent; the invoice stays paid and shows it', async () => {
    const invoice = await issue(4000);
    const payment = await payByCard(invoice.id);
    const body = { amount: 1500, destination: 'original', requestId: randomUUID() };

    const answers = await Promise.all([refund(payment, body), refund(payment, body), refund(payment, body)]);
    const again = await refund(payment, body);
    await system.stripe.webhooksIdle();

    expect([...answers, again].map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(again.body).toMatchObject({ refund: { amount: 1500, destination: 'original', status: 'refunded', by: staffEmail } });
    expect(refundedAtProcessor(payment.externalId)).toEqual([1500]);
    const stored = await staffInvoice(invoice.id);
    expect(stored).toMatchObject({ status: 'paid', amountPaid: 4000, amountRefunded: 1500, amountDue: 0 });
    expect(stored.payments[0]).toMatchObject({ refunds: [expect.objectContaining({ amount: 1500, status: 'refunded' })], refundable: { toOriginal: 2500, toCredit: 2500 } });
    // The refund's own webhook (refund.created, naming the request) was matched to it and changed nothing.
    expect((await activity(invoice.id)).filter((line) => line.kind === 'refunded')).toHaveLength(1);
  });

  it('never refunds more than was paid, even asked for many refunds at once', async () => {
    const invoice = await issue(3000);
    const payment = await payByCard(invoice.id);

    const answers = await Promise.all(Array.from({ length: 8 }, () => refund(payment, { amount: 1000, destination: 'original', requestId: randomUUID() })));
    await system.stripe.webhooksIdle();

    const refunded = answers.filter((a) => a.status === 201);
    expect(refunded).toHaveLength(3);
    expect(answers.filter((a) => a.status !== 201).every((a) => a.status === 422 || a.status === 409)).toBe(true);
    expect(refundedAtProcessor(payment.externalId).reduce((a, b) => a + b, 0)).toBe(3000);
    const stored = await staffInvoice(invoice.id);
    expect(stored).toMatchObject({ amountRefunded: 3000, payments: [expect.objectContaining({ refundable: { toOriginal: 0, toCredit: 0 } })] });
    const more = await refund(payment, { amount: 1, destination: 'credit', requestId: randomUUID() });
    expect(more.status).toBe(422);
  });

  it('leaves everything as it was, with a sentence staff understand, when the processor refuses or does not answer', async () => {
    const invoice = await issue(2500);
    const payment = await payByCard(invoice.id);
    // The outbox consumer reads the payment's processor fee a moment later: the snapshot waits for it.
    await system.automation.settle();
    const before = { invoice: await staffInvoice(invoice.id), activity: await activity(invoice.id), credit: await credit() };

    system.stripe.faults.refuseNextRefunds = 1;
    const refused = await refund(payment, { amount: 1000, destination: 'original', requestId: randomUUID() });
    // Every attempt stripe-node makes (its first and each retry) answers 500.
    system.stripe.faults.failNextRefunds = STRIPE_MAX_NETWORK_RETRIES + 1;
    const unanswered = await refund(payment, { amount: 1000, destination: 'original', requestId: randomUUID() });
    system.stripe.resetFaults();

    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/^The card processor refused the refund, so nothing was refunded and nothing changed\. It said: .*disputed/);
    expect(unanswered.status).toBe(502);
    expect(unanswered.body.error.message).toBe('The card processor did not answer, so nothing was refunded and nothing changed. Please try again in a few minutes.');
    expect(await staffInvoice(invoice.id)).toEqual(before.invoice);
    expect(await activity(invoice.id)).toEqual(before.activity);
    expect(await credit()).toBe(before.credit);
    expect(refundedAtProcessor(payment.externalId)).toEqual([]);
  });

  it('refunds to account credit: a refund_to_credit entry, the invoice still paid', async () => {
    const invoice = await issue(2000);
    const payment = await payByCard(invoice.id);
    const response = await refund(payment, { amount: 800, destination: 'credit', requestId: randomUUID() });
    expect(response.status).toBe(201);
    expect(await credit()).toBe(800);
    const statement = (await call(system, 'GET', '/v1/ledger', { token: alice })).body;
    expect(statement.items.at(-1)).toMatchObject({ kind: 'refund_to_credit', amount: 800, invoiceId: invoice.id });
    expect(await staffInvoice(invoice.id)).toMatchObject({ status: 'paid', amountRefunded: 800 });
    expect(refundedAtProcessor(payment.externalId)).toEqual([]);
  });

  it('owes again what a refund gives back of a payment to an invoice still open, which can then be voided', async () => {
    const invoice = await issue(5000);
    await record(invoice.id, { amount: 2000, kind: 'bank_transfer', reference: 'T-1', receivedOn: today(), requestId: randomUUID() });
    const payment = (await staffInvoice(invoice.id)).payments[0];
    const response = await refund(payment, { amount: 2000, destination: 'original', requestId: randomUUID() });
    expect(response.body.refund).toMatchObject({ destination: 'original', status: 'refunded' });
    expect(await staffInvoice(invoice.id)).toMatchObject({ status: 'open', amountPaid: 0, amountRefunded: 2000, amountDue: 5000 });
    expect((await call(system, 'POST', `/v1/admin/invoices/${invoice.id}/void`, { token: admin })).status).toBe(200);
  });

  it('records a refund made at the processor’s dashboard, by the processor, once', async () => {
    const invoice = await issue(3000);
    const payment = await payByCard(invoice.id);
    system.stripe.refund(payment.externalId, 1000);
    await system.stripe.webhooksIdle();
    const stored = await staffInvoice(invoice.id);
    expect(stored).toMatchObject({ status: 'paid', amountRefunded: 1000 });
    expect(stored.payments[0].refunds).toEqual([expect.objectContaining({ amount: 1000, destination: 'original', status: 'refunded', by: 'Card processor' })]);
    expect((await activity(invoice.id)).filter((l) => l.kind === 'refunded')).toEqual([expect.objectContaining({ by: { kind: 'provider', name: 'Card processor' }, amount: 1000 })]);
  });

  it('lists each event of an invoice in order with who did it: issued, viewed (once an hour), paid, refunded, voided', async () => {
    const invoice = await issue(6000);
    await call(system, 'GET', `/v1/invoices/${invoice.id}`, { token: alice });
    await call(system, 'GET', `/v1/invoices/${invoice.id}`, { token: alice });
    await record(invoice.id, { amount: 1000, kind: 'bank_transfer', reference: 'T-9', receivedOn: today(), requestId: randomUUID() });
    const payment = (await staffInvoice(invoice.id)).payments[0];
    await refund(payment, { amount: 1000, destination: 'credit', requestId: randomUUID() });
    await call(system, 'POST', `/v1/admin/invoices/${invoice.id}/void`, { token: admin });

    const lines = await activity(invoice.id);

    expect(lines.map((l) => [l.kind, l.by.name])).toEqual([
      ['issued', staffEmail], ['viewed', 'Customer'], ['paid', staffEmail], ['refunded', staffEmail], ['voided', staffEmail],
    ]);
    expect(lines[2]).toMatchObject({ method: 'offline', amount: 1000, reference: 'T-9' });
    expect(lines[3]).toMatchObject({ amount: 1000, destination: 'credit' });
    expect([...lines.map((l) => l.at)].sort()).toEqual(lines.map((l) => l.at));
  });

  it('refunds part of a PayPal payment once through PayPal; its webhook (naming the request) changes nothing more', async () => {
    const invoice = await issue(4200);
    const payment = await payByPayPal(invoice.id);
    const body = { amount: 1200, destination: 'original', requestId: randomUUID() };

    const answers = await Promise.all([refund(payment, body), refund(payment, body)]);
    await system.paypal.webhooksIdle();

    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    const stored = await staffInvoice(invoice.id);
    expect(stored).toMatchObject({ status: 'paid', amountRefunded: 1200 });
    expect(stored.payments[0].refunds).toEqual([expect.objectContaining({ amount: 1200, status: 'refunded', by: staffEmail })]);
    expect((await activity(invoice.id)).filter((l) => l.kind === 'refunded')).toHaveLength(1);
  });

  it('records a refund made in PayPal’s dashboard, by PayPal, once', async () => {
    const invoice = await issue(3000);
    const payment = await payByPayPal(invoice.id);
    system.paypal.refundCapture(payment.externalId, { value: '5.00' });
    await system.paypal.webhooksIdle();
    const stored = await staffInvoice(invoice.id);
    expect(stored.payments[0].refunds).toEqual([expect.objectContaining({ amount: 500, by: 'PayPal' })]);
    expect(stored.payments[0].refundable).toEqual({ toOriginal: 2500, toCredit: 2500 });
  });

  it('lets staff download any invoice’s PDF', async () => {
    const invoice = await issue(1000);
    const response = await call(system, 'GET', `/v1/admin/invoices/${invoice.id}/pdf`, { token: admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect((response.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
