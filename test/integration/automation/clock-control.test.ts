import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSystem, startLocalSystem } from '../../../local/system.js';
import { call, signIn } from '../api/client.js';
import { submitCard } from '../stripe/hosted-checkout-driver.js';

const DAY_MS = 86_400_000;
const dateIn = (days: number, from = Date.now()) => new Date(from + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The local clock control: staff move the clock, and the invoice's scheduled work (the reminder, the
 * due-date charge) happens as it would in AWS, through the same handlers.
 */
describe('local clock control', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';
  let aliceId = '';

  beforeAll(async () => {
    system = await startLocalSystem({ port: 0, inMemory: true });
    const [first] = system.logins.customers;
    aliceId = first!.customerId;
    alice = await signIn(system, first!.email, first!.password);
    admin = await signIn(system, system.logins.admin.email, system.logins.admin.password);
    const setup = await call(system, 'POST', '/v1/payment-methods', { token: alice });
    await submitCard(setup.body.redirectUrl, '4242 4242 4242 4242');
    await system.stripe.webhooksIdle();
    expect((await call(system, 'PATCH', '/v1/me', { token: alice, body: { autopay: true } })).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('is for staff only', async () => {
    expect((await call(system, 'GET', '/v1/local/clock', {})).status).toBe(401);
    expect((await call(system, 'POST', '/v1/local/clock', { token: alice, body: { advance: 'day' } })).status).toBe(403);
    const bad = await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'week' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/advance/);
  });

  it('notices on the next day\'s run the seeded invoices overdue since before the system started', async () => {
    const start = (await call(system, 'GET', '/v1/local/clock', { token: admin })).body.now as string;
    const listed = (await call(system, 'GET', '/v1/admin/invoices?status=open', { token: admin })).body.items as Array<{ id: string; dueDate: string }>;
    const overdue = listed.filter((invoice) => invoice.dueDate < start.slice(0, 10)).map((invoice) => invoice.id).sort();

    expect((await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'day' } })).status).toBe(200);

    const events = (await call(system, 'GET', '/v1/admin/events', { token: admin })).body.items as Array<{ type: string; detail: { invoiceId?: string } }>;
    expect(overdue.length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'invoice.overdue').map((e) => e.detail.invoiceId).sort()).toEqual(overdue);
  });

  it('moves a new invoice through its reminder and its due-date charge, charging the card once', async () => {
    const start = await call(system, 'GET', '/v1/local/clock', { token: admin });
    const created = await call(system, 'POST', '/v1/admin/invoices', {
      token: admin,
      body: { customerId: aliceId, dueDate: dateIn(5, Date.parse(start.body.now)), lines: [{ description: 'Hosting', quantity: 1, unitAmount: 1500 }] },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    await system.automation.settle();
    const scheduled = await call(system, 'GET', '/v1/local/clock', { token: admin });
    expect(scheduled.body.next).toMatchObject({ invoiceId: id, action: 'remind', invoiceNumber: created.body.number });

    const reminded = await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'next-event' } });
    expect(reminded.status).toBe(200);
    expect(reminded.body.next).toMatchObject({ invoiceId: id, action: 'charge', step: 0 });
    expect((await call(system, 'GET', `/v1/invoices/${id}`, { token: alice })).body.status).toBe('open');

    const charged = await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'next-event' } });
    expect(charged.body.next?.invoiceId).not.toBe(id);
    const invoice = await call(system, 'GET', `/v1/invoices/${id}`, { token: alice });
    expect(invoice.body).toMatchObject({ status: 'paid', amountDue: 0, amountPaid: 1500 });
    expect(system.stripe.captureCount(id)).toBe(1);
  }, 120_000);

  it('reminds and charges the seeded open invoices on their due dates, as any issued invoice', async () => {
    const start = Date.parse((await call(system, 'GET', '/v1/local/clock', { token: admin })).body.now);
    const listed = await call(system, 'GET', '/v1/invoices', { token: alice });
    const ahead = (listed.body.items as Array<{ id: string; number: number; status: string; dueDate: string }>)
      .filter((invoice) => invoice.status === 'open' && Date.parse(`${invoice.dueDate}T23:59:59Z`) > start);
    const lastDue = Math.max(...ahead.map((invoice) => Date.parse(`${invoice.dueDate}T23:59:59Z`)));

    let now = start;
    for (let step = 0; step < 20 && now < lastDue; step++) {
      const moved = await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'next-event' } });
      now = Date.parse(moved.body.now);
    }
    const after = await Promise.all(ahead.map(async (invoice) => (await call(system, 'GET', `/v1/invoices/${invoice.id}`, { token: alice })).body.status));
    const subjects = (await system.mail.listEmails()).filter((email) => email.to.includes('alice@example.com')).map((email) => email.subject);

    expect(ahead.length).toBe(2);
    expect(now).toBeGreaterThanOrEqual(lastDue - DAY_MS);
    expect(after).toEqual(['paid', 'paid']);
    for (const invoice of ahead) {
      const number = `#${String(invoice.number).padStart(6, '0')}`;
      expect(subjects.filter((subject) => subject.includes(number)).map((subject) => subject.split(':')[0]))
        .toEqual([`Invoice ${number} from Example Hosting Ltd`, 'Reminder', `Receipt for invoice ${number}`]);
      expect(system.stripe.captureCount(invoice.id)).toBe(1);
    }
  }, 180_000);

  it('tells the web app the moved clock in every answer\'s Date header', async () => {
    const clock = await call(system, 'GET', '/v1/local/clock', { token: admin });
    const config = await fetch(`${system.url}/config.json`);

    expect(Date.parse(clock.headers.get('date')!)).toBeGreaterThan(Date.now() + DAY_MS);
    expect(Math.abs(Date.parse(config.headers.get('date')!) - Date.parse(clock.body.now))).toBeLessThan(5_000);
  });
});
