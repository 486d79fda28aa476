import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSystem, startLocalSystem } from '../../../local/system.js';
import { seedCustomer } from '../../support/seeded-customer.js';
import { call, signIn } from '../api/client.js';

const DAY_MS = 86_400_000;
const PRICE = 2500;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "10 Mar – 9 Apr 2027", written here independently of the server's formatter (same year only). */
const periodFrom = (start: string) => {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m, Math.min(d, new Date(Date.UTC(y, m + 1, 0)).getUTCDate())) - DAY_MS);
  const dm = (day: number, month: number) => `${day} ${MONTHS[month]}`;
  return end.getUTCFullYear() === y
    ? `${dm(d, m - 1)} – ${dm(end.getUTCDate(), end.getUTCMonth())} ${y}`
    : `${dm(d, m - 1)} ${y} – ${dm(end.getUTCDate(), end.getUTCMonth())} ${end.getUTCFullYear()}`;
};

interface InvoiceView { id: string; customerId: string; dueDate: string; total: number; status: string; lines: { description: string }[] }

/**
 * A suspended service is not invoiced for new periods while it is suspended, and nothing is billed
 * back when it is unsuspended: its next period then starts on the day it was unsuspended. A service
 * suspended and asked to end at its period's end is cancelled on its due date, never invoiced again.
 */
describe('billing of suspended services', () => {
  let system: LocalSystem;
  let admin = '';
  let customerId = '';
  let kept = '';
  let ending = '';

  beforeAll(async () => {
    system = await startLocalSystem({ port: 0, inMemory: true });
    admin = await signIn(system, system.logins.admin.email, system.logins.admin.password);
    customerId = (await seedCustomer(system, { ageMs: 0, currency: 'EUR' })).customerId;
  }, 120_000);

  afterAll(() => system?.stop());

  const clockNow = async () => Date.parse((await call(system, 'GET', '/v1/local/clock', { token: admin })).body.now);
  const today = async () => new Date(await clockNow()).toISOString().slice(0, 10);
  const advanceDays = async (days: number) => {
    for (let i = 0; i < days; i++) expect((await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'day' } })).status).toBe(200);
  };
  const services = async () => (await call(system, 'GET', `/v1/admin/customers/${customerId}/services`, { token: admin })).body.items as
    { id: string; status: string; nextDueDate: string; cancelAtPeriodEnd: boolean }[];
  const serviceOf = async (id: string) => (await services()).find((s) => s.id === id)!;
  const invoices = async (): Promise<InvoiceView[]> => {
    const listed = (await call(system, 'GET', '/v1/admin/invoices?limit=50', { token: admin })).body.items as InvoiceView[];
    const mine = listed.filter((i) => i.customerId === customerId);
    return Promise.all(mine.map(async (i) => (await call(system, 'GET', `/v1/admin/invoices/${i.id}`, { token: admin })).body as InvoiceView));
  };
  /** The service's invoices, oldest due first. */
  const invoicesOf = async (name: string) => (await invoices()).filter((i) => i.lines.some((l) => l.description.startsWith(name)))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));

  it('issues no invoice for a new period while suspended, even a month past its due date', async () => {
    while (new Date(await clockNow()).getUTCHours() !== 10) await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'hour' } });
    const dueDate = new Date(await clockNow() + 10 * DAY_MS).toISOString().slice(0, 10);
    for (const name of ['Kept hosting', 'Ending hosting']) {
      const created = await call(system, 'POST', `/v1/admin/customers/${customerId}/services`, {
        token: admin, body: { name, price: PRICE, cycle: 'monthly', nextDueDate: dueDate },
      });
      expect(created.status).toBe(201);
      if (name === 'Kept hosting') kept = created.body.id; else ending = created.body.id;
    }
    await advanceDays(4);
    expect((await invoices()).map((i) => i.dueDate)).toEqual([dueDate, dueDate]);

    // 14 days overdue: both suspended. Staff then ask for one to end at its period's end.
    await advanceDays(6 + 14);
    expect((await services()).map((s) => s.status)).toEqual(['suspended', 'suspended']);
    const asked = await call(system, 'POST', `/v1/admin/customers/${customerId}/services/${ending}/cancel`, { token: admin, body: { when: 'at_period_end' } });
    expect(asked.status).toBe(200);
    const secondDue = (await serviceOf(kept)).nextDueDate;

    // A month after the first due date: the second period was to be invoiced a week before it and to start.
    await advanceDays(20);
    expect(await today() > secondDue).toBe(true);
    expect(await invoicesOf('Kept hosting')).toHaveLength(1);
    expect(await serviceOf(kept)).toMatchObject({ status: 'suspended', nextDueDate: secondDue });
    // Its due date ended the one asked to end, suspended or not, with no further invoice.
    expect(await invoicesOf('Ending hosting')).toHaveLength(1);
    expect((await serviceOf(ending)).status).toBe('cancelled');
  }, 600_000);

  it('unsuspended when paid, starts its next period on that day, with nothing billed back', async () => {
    const [first] = await invoicesOf('Kept hosting');
    const paid = await call(system, 'POST', `/v1/admin/invoices/${first!.id}/payments`, {
      token: admin, body: { amount: PRICE, kind: 'bank_transfer', reference: 'BANK-7', receivedOn: await today(), requestId: randomUUID() },
    });
    expect(paid.status).toBe(201);
    await system.automation.settle();
    const unsuspendedOn = await today();
    expect(await serviceOf(kept)).toMatchObject({ status: 'active', nextDueDate: unsuspendedOn });

    await advanceDays(1);
    const [, next, ...more] = await invoicesOf('Kept hosting');
    expect(more).toEqual([]);
    expect(next).toMatchObject({ status: 'open', total: PRICE, lines: [{ description: `Kept hosting (${periodFrom(unsuspendedOn)})` }] });
    expect(await invoicesOf('Ending hosting')).toHaveLength(1);
  }, 120_000);
});
