import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoPaymentLedger } from '../../../functions/adapters/dynamodb/dynamo-payment-ledger.js';
import { dynamoDocumentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import type { SentEmail } from '../../../local/mail.js';
import { type LocalSystem, startLocalSystem } from '../../../local/system.js';
import { seedCustomer } from '../../support/seeded-customer.js';
import { call, signIn } from '../api/client.js';
import { answer3DSecure, submitCard } from '../stripe/hosted-checkout-driver.js';

const DAY_MS = 86_400_000;
const CARDS = { works: '4242 4242 4242 4242', declines: '4000 0000 0000 0341', authenticates: '4000 0027 6000 3184' };

/** The kind of an invoice email, from its subject (functions/adapters/email/html-invoice-email-composer.ts). */
const KINDS: ReadonlyArray<[RegExp, string]> = [
  [/^Invoice (#\d+) from /, 'issue'],
  [/^Reminder: invoice (#\d+) /, 'reminder'],
  [/^Receipt for invoice (#\d+):/, 'receipt'],
  [/^Payment for invoice (#\d+) was declined/, 'decline'],
  [/^Please confirm your payment for invoice (#\d+)/, 'confirm-payment'],
];

function kindOf(email: SentEmail): string | undefined {
  for (const [pattern, kind] of KINDS) {
    const match = pattern.exec(email.subject);
    if (match) return `${match[1]} ${kind}`;
  }
  return undefined;
}

/**
 * A month on the local clock, one day at a time, through the same handlers as in AWS (the local
 * scheduler, the outbox stream, SES): a customer with automatic billing has three invoices, one paid
 * on its due date, one declined then paid on the first retry with a card added during dunning, one
 * whose bank asks the customer to confirm, which they do through the link in the email; a customer
 * with automatic billing off gets reminders and is never charged. Every email (kind, recipient,
 * count), every payment and credit ledger entry, and every capture at the processor is asserted.
 */
describe('a simulated month', () => {
  let system: LocalSystem;
  let admin = '';
  let ledger: DynamoPaymentLedger;
  let day = 0;

  beforeAll(async () => {
    system = await startLocalSystem({ port: 0, inMemory: true });
    admin = await signIn(system, system.logins.admin.email, system.logins.admin.password);
    ledger = new DynamoPaymentLedger(dynamoDocumentClient({ region: 'us-east-1', endpoint: system.dynamoDbEndpoint }), system.tableName);
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  async function newCustomer(autopay: boolean) {
    const seeded = await seedCustomer(system, { ageMs: 0 });
    const token = await signIn(system, seeded.email, seeded.password);
    expect((await call(system, 'PATCH', '/v1/me', { token, body: { autopay } })).status).toBe(200);
    return { ...seeded, token };
  }

  /** Saves a card on the processor's page (setup mode, 3-D Secure where the card asks) and makes it the default. */
  async function saveDefaultCard(token: string, number: string): Promise<string> {
    const before = new Set((await call(system, 'GET', '/v1/payment-methods', { token })).body.items.map((card: { id: string }) => card.id));
    const setup = await call(system, 'POST', '/v1/payment-methods', { token });
    const step = await submitCard(setup.body.redirectUrl, number);
    if (step.location?.startsWith(system.stripe.url)) await answer3DSecure(step.location, 'approve');
    await system.stripe.webhooksIdle();
    const added = (await call(system, 'GET', '/v1/payment-methods', { token })).body.items.find((card: { id: string }) => !before.has(card.id));
    expect(added.last4).toBe(number.slice(-4));
    expect((await call(system, 'PATCH', '/v1/me', { token, body: { defaultCardId: added.id } })).status).toBe(200);
    return added.id as string;
  }

  async function issue(customerId: string, dueInDays: number, amount: number) {
    const now = Date.parse((await system.automation.clock()).now);
    const dueDate = new Date(now + dueInDays * DAY_MS).toISOString().slice(0, 10);
    const created = await call(system, 'POST', '/v1/admin/invoices', {
      token: admin, body: { customerId, dueDate, lines: [{ description: 'Hosting', quantity: 1, unitAmount: amount }] },
    });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, number: `#${String(created.body.number).padStart(6, '0')}`, amount, dueDate };
  }

  const invoiceOf = async (token: string, id: string) => (await call(system, 'GET', `/v1/invoices/${id}`, { token })).body;

  /** Moves the clock a day at a time until `done` holds (at most `maxDays`); returns the day of the month reached. */
  async function daysUntil(what: string, done: () => Promise<boolean>, maxDays = 10): Promise<number> {
    for (let i = 0; i <= maxDays; i++) {
      if (await done()) return day;
      await system.automation.advance('day');
      day += 1;
    }
    throw new Error(`${what}: not done by day ${day}`);
  }

  it('charges, retries, asks for confirmation and reminds as each customer chose, once each', async () => {
    const auto = await newCustomer(true);
    const manual = await newCustomer(false);
    await saveDefaultCard(auto.token, CARDS.works);
    await saveDefaultCard(manual.token, CARDS.works);
    const paidOnDue = await issue(auto.customerId, 5, 1100);
    const declinedThenRetried = await issue(auto.customerId, 10, 2200);
    const confirmedByCustomer = await issue(auto.customerId, 20, 3300);
    const remindedOnly = await issue(manual.customerId, 5, 4400);
    await system.automation.settle();

    // Day 5: the first invoice is charged to the working card; automatic billing off: not charged.
    const paidDay = await daysUntil('the first charge', async () => (await invoiceOf(auto.token, paidOnDue.id)).status === 'paid');
    await daysUntil('the manual customer’s due date', async () => (await invoiceOf(manual.token, remindedOnly.id)).automaticCharge !== undefined);
    const notCharged = await invoiceOf(manual.token, remindedOnly.id);

    // Day 10: a card that declines is the default by then.
    await saveDefaultCard(auto.token, CARDS.declines);
    const declinedDay = await daysUntil('the decline', async () => (await invoiceOf(auto.token, declinedThenRetried.id)).automaticCharge?.lastOutcome === 'declined');
    const declined = await invoiceOf(auto.token, declinedThenRetried.id);

    // The customer adds a working card as the new default; the first retry (3 days later) uses it.
    const replacement = await saveDefaultCard(auto.token, CARDS.works);
    const retriedDay = await daysUntil('the retry', async () => (await invoiceOf(auto.token, declinedThenRetried.id)).status === 'paid');

    // Day 20: a card whose bank wants the customer to confirm every payment.
    const authenticating = await saveDefaultCard(auto.token, CARDS.authenticates);
    const actionDay = await daysUntil('the bank’s request', async () => (await invoiceOf(auto.token, confirmedByCustomer.id)).automaticCharge?.lastOutcome === 'requires_action');
    const awaitingConfirmation = await invoiceOf(auto.token, confirmedByCustomer.id);

    // The customer follows the email's link to the invoice's page and pays it there by card, as the page does.
    const confirmEmail = (await system.mail.listEmails()).find((email) => kindOf(email) === `${confirmedByCustomer.number} confirm-payment`)!;
    const link = new URL(/https?:\/\/\S+?\/invoices\/[^\s"<>]+/.exec(confirmEmail.text ?? '')![0]);
    const invoiceId = decodeURIComponent(link.pathname.replace('/invoices/', ''));
    expect((await call(system, 'GET', `/v1/invoices/${invoiceId}`, { token: auto.token })).status).toBe(200);
    const paying = await call(system, 'POST', `/v1/invoices/${invoiceId}/payments`, { token: auto.token, body: { method: 'card', cardId: authenticating } });
    const challenge = await submitCard(paying.body.redirectUrl, CARDS.authenticates);
    const back = await answer3DSecure(challenge.location!, 'approve');
    await system.stripe.webhooksIdle();
    await system.automation.settle();
    const confirmed = await invoiceOf(auto.token, confirmedByCustomer.id);

    // The rest of the month: the retries left are void (their invoices are paid), nothing more happens.
    await daysUntil('the end of the month', async () => day >= 30, 30);

    const emails = await system.mail.listEmails();
    const to = (email: string) => emails.filter((sent) => sent.to.includes(email)).map(kindOf).filter(Boolean).sort();
    const strays = emails.filter((sent) => !kindOf(sent) && /invoice/i.test(sent.subject));
    const captures = (invoice: { id: string }) => system.stripe.captures().filter((c) => c.invoiceId === invoice.id).map((c) => c.amount);
    const payments = async (invoice: { id: string }) => (await ledger.listInvoicePayments(invoice.id))
      .map((p) => ({ method: p.method, amount: p.amount.amountMinor, applied: p.appliedToInvoice.amountMinor, card: p.card?.last4 }));
    const final = await invoiceOf(manual.token, remindedOnly.id);

    // Charges fire at 09:00 UTC on the day: day 5 or 6 of the month, as the clock started before or after 09:00.
    expect([5, 6]).toContain(paidDay);
    expect({ declinedDay, retriedDay, actionDay }).toEqual({ declinedDay: paidDay + 5, retriedDay: paidDay + 8, actionDay: paidDay + 15 });
    expect(notCharged).toMatchObject({ status: 'open', automaticCharge: { lastOutcome: 'not_charged', declines: 0 } });
    expect(notCharged.automaticCharge.nextAttemptAt).toBeUndefined();
    expect(declined).toMatchObject({ status: 'open', automaticCharge: { lastOutcome: 'declined', declines: 1, nextAttemptAt: expect.any(String) } });
    expect(replacement).not.toBe(authenticating);
    expect(awaitingConfirmation).toMatchObject({ status: 'open', automaticCharge: { lastOutcome: 'requires_action', declines: 0 } });
    expect(`${link.origin}`).toBe(system.url);
    expect(invoiceId).toBe(confirmedByCustomer.id);
    expect(paying.body.status).toBe('redirect');
    expect(back.location).toBe(`${system.url}/invoices/${invoiceId}?payment=processing`);
    expect(confirmed).toMatchObject({ status: 'paid', amountDue: 0, amountPaid: 3300 });
    expect(final).toMatchObject({ status: 'open', overdue: true, amountPaid: 0, automaticCharge: { lastOutcome: 'not_charged' } });
    const today = (await system.automation.clock()).now.slice(0, 10);
    expect(final.daysOverdue).toBe((Date.parse(today) - Date.parse(remindedOnly.dueDate)) / DAY_MS);

    expect(to(auto.email)).toEqual([
      `${paidOnDue.number} issue`, `${paidOnDue.number} receipt`, `${paidOnDue.number} reminder`,
      `${declinedThenRetried.number} decline`, `${declinedThenRetried.number} issue`, `${declinedThenRetried.number} receipt`, `${declinedThenRetried.number} reminder`,
      `${confirmedByCustomer.number} confirm-payment`, `${confirmedByCustomer.number} issue`, `${confirmedByCustomer.number} receipt`, `${confirmedByCustomer.number} reminder`,
    ].sort());
    expect(to(manual.email)).toEqual([`${remindedOnly.number} issue`, `${remindedOnly.number} reminder`]);
    expect(emails.filter((sent) => kindOf(sent)).every((sent) => sent.to.length === 1)).toBe(true);
    expect(strays.map((sent) => sent.subject)).toEqual([]);

    expect(captures(paidOnDue)).toEqual([1100]);
    expect(captures(declinedThenRetried)).toEqual([2200]);
    expect(captures(confirmedByCustomer)).toEqual([3300]);
    expect(captures(remindedOnly)).toEqual([]);
    expect(await payments(paidOnDue)).toEqual([{ method: 'card', amount: 1100, applied: 1100, card: '4242' }]);
    expect(await payments(declinedThenRetried)).toEqual([{ method: 'card', amount: 2200, applied: 2200, card: '4242' }]);
    expect(await payments(confirmedByCustomer)).toEqual([{ method: 'card', amount: 3300, applied: 3300, card: '3184' }]);
    expect(await payments(remindedOnly)).toEqual([]);
    // Card payments that paid their invoice exactly move no account credit.
    expect(await ledger.listEntries(auto.customerId, 100)).toEqual([]);
    expect(await ledger.listEntries(manual.customerId, 100)).toEqual([]);
    console.log(`simulated month: paid on day ${paidDay}, declined day ${declinedDay}, retried day ${retriedDay}, confirm asked day ${actionDay}; `
      + `emails ${to(auto.email).length} + ${to(manual.email).length}, captures ${system.stripe.captures().length}`);
  }, 600_000);
});
