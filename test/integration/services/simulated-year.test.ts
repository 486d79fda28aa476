import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSystem, startLocalSystem } from '../../../local/system.js';
import { seedCustomer } from '../../support/seeded-customer.js';
import { call, signIn } from '../api/client.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The last day of month `m` (0-based, may run past 11) of year `y`, as a UTC date. */
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0));
const iso = (d: Date) => d.toISOString().slice(0, 10);
const dayBefore = (d: Date) => new Date(d.getTime() - 86_400_000);
/** "31 Jan – 28 Feb 2028", written here independently of the server's formatter. */
function periodLabel(start: Date, end: Date): string {
  const dm = (d: Date) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  return start.getUTCFullYear() === end.getUTCFullYear()
    ? `${dm(start)} – ${dm(end)} ${end.getUTCFullYear()}`
    : `${dm(start)} ${start.getUTCFullYear()} – ${dm(end)} ${end.getUTCFullYear()}`;
}
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The simulated year (R12, issue 11): on the local clock, a monthly service started on 31 January
 * and a yearly one started on 29 February of a leap year each get exactly the invoices, due dates and
 * period lines they should over 13 months, issued 7 days (SERVICE_INVOICE_DAYS_BEFORE's default)
 * before each due date, by the daily run the clock control drives day by day. Running the day's
 * billing again, and twice at once, issues nothing twice.
 */
describe('services over a simulated year on the local clock', () => {
  let system: LocalSystem;
  let admin = '';
  let customer = '';
  let customerId = '';
  let leap = 0;
  const figures: string[] = [];

  beforeAll(async () => {
    system = await startLocalSystem({ port: 0, inMemory: true });
    admin = await signIn(system, system.logins.admin.email, system.logins.admin.password);
    const seeded = await seedCustomer(system, { ageMs: 0, currency: 'EUR' });
    customerId = seeded.customerId;
    customer = await signIn(system, seeded.email, seeded.password);
    // Credit pays each invoice at issue, as a prepaid customer's would be: the year runs without dunning.
    expect((await call(system, 'POST', `/v1/admin/customers/${customerId}/credit`, { token: admin, body: { amount: 1_000_000, reason: 'Prepaid' } })).status).toBe(201);
    const now = new Date((await call(system, 'GET', '/v1/local/clock', { token: admin })).body.now);
    // The first leap year whose 24 January (the monthly service's first invoice date) is still ahead.
    leap = now.getUTCFullYear();
    while (!isLeap(leap) || Date.UTC(leap, 0, 24) <= now.getTime()) leap++;
  }, 120_000);

  afterAll(async () => {
    console.log(`Simulated year figures:\n  ${figures.join('\n  ')}`);
    await system?.stop();
  });

  it('issues each period once, on time, with the period on the line, across month ends and a leap day', async () => {
    const monthly = await call(system, 'POST', `/v1/admin/customers/${customerId}/services`, {
      token: admin, body: { name: 'Monthly hosting', price: 1500, cycle: 'monthly', nextDueDate: `${leap}-01-31` },
    });
    const yearly = await call(system, 'POST', `/v1/admin/customers/${customerId}/services`, {
      token: admin, body: { name: 'Yearly domain', price: 12000, cycle: 'yearly', nextDueDate: `${leap}-02-29` },
    });
    expect(monthly.status).toBe(201);
    expect(yearly.status).toBe(201);
    expect((await call(system, 'GET', '/v1/local/clock', { token: admin })).body.nextServiceInvoices).toMatchObject({ date: `${leap}-01-24` });

    // Move the clock event by event (each billing hour on the way runs that day) to 13 months on.
    const end = Date.UTC(leap + 1, 1, 28, 12);
    const started = Date.now();
    const clockStart = Date.parse((await call(system, 'GET', '/v1/local/clock', { token: admin })).body.now);
    let steps = 0;
    for (let now = 0; now < end; steps++) {
      const state = await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'next-event' } });
      expect(state.status).toBe(200);
      now = Date.parse(state.body.now);
      if (Date.parse(state.body.nextServiceInvoices?.at ?? state.body.next?.at ?? '9999') > end) {
        await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'day' } });
        break;
      }
    }
    figures.push(`${steps} clock steps over ${Math.round((end - clockStart) / 86_400_000)} days of clock took ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const invoices = (await call(system, 'GET', '/v1/invoices?limit=100', { token: customer })).body.items as { id: string; dueDate: string; issuedAt: string }[];
    const lines = await Promise.all(invoices.map(async (i) => {
      const full = (await call(system, 'GET', `/v1/invoices/${i.id}`, { token: customer })).body;
      return { due: full.dueDate as string, issued: (full.issuedAt as string).slice(0, 10), line: full.lines[0].description as string, status: full.status as string };
    }));

    // Monthly: on the last day of each month from January of the leap year to February of the next.
    const monthlyDue = Array.from({ length: 14 }, (_, k) => lastDayOf(leap, k));
    const expectedMonthly = monthlyDue.map((due, k) => ({
      due: iso(due), issued: iso(new Date(due.getTime() - 7 * 86_400_000)),
      line: `Monthly hosting (${periodLabel(due, dayBefore(lastDayOf(leap, k + 1)))})`, status: 'paid',
    }));
    const expectedYearly = [
      { due: `${leap}-02-29`, issued: `${leap}-02-22`, line: `Yearly domain (29 Feb ${leap} – 27 Feb ${leap + 1})`, status: 'paid' },
      { due: `${leap + 1}-02-28`, issued: `${leap + 1}-02-21`, line: `Yearly domain (28 Feb ${leap + 1} – 27 Feb ${leap + 2})`, status: 'paid' },
    ];
    const byDue = (a: { due: string; line: string }, b: { due: string; line: string }) => a.due.localeCompare(b.due) || a.line.localeCompare(b.line);
    expect(lines.sort(byDue)).toEqual([...expectedMonthly, ...expectedYearly].sort(byDue));
    expect(expectedMonthly[1]!.line).toBe(`Monthly hosting (29 Feb – 30 Mar ${leap})`);

    const services = (await call(system, 'GET', '/v1/services', { token: customer })).body.items as { name: string; nextDueDate: string; paidThrough: string }[];
    expect(services.find((s) => s.name === 'Monthly hosting')).toMatchObject({ nextDueDate: `${leap + 1}-03-31`, paidThrough: `${leap + 1}-03-30` });
    expect(services.find((s) => s.name === 'Yearly domain')).toMatchObject({ nextDueDate: `${leap + 2}-02-28`, paidThrough: `${leap + 2}-02-27` });
    figures.push(`invoices: ${lines.length} (14 monthly, 2 yearly)`);
  }, 600_000);

  it('running the day’s billing again, or twice at once, issues nothing twice', async () => {
    const count = async () => (await call(system, 'GET', '/v1/invoices?limit=100', { token: customer })).body.items.length as number;
    const before = await count();
    const day = (await import('../../../functions/handlers/service-billing-day.js')).handler as unknown as (event: unknown, context: unknown) => Promise<{ issued: unknown[] }>;
    const { lambdaContext } = await import('../../../local/lambda-event.js');
    const runs = await Promise.all([
      day({ today: `${leap + 1}-02-21` }, lambdaContext('service-billing-day')),
      day({ today: `${leap + 1}-02-21` }, lambdaContext('service-billing-day')),
      day({}, lambdaContext('service-billing-day')),
    ]);
    await system.automation.settle();
    expect(runs.map((r) => r.issued.length)).toEqual([0, 0, 0]);
    expect(await count()).toBe(before);
  }, 120_000);

  it('three runs of one day at once issue a due service’s invoice once', async () => {
    const now = new Date((await call(system, 'GET', '/v1/local/clock', { token: admin })).body.now);
    const due = new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    const created = await call(system, 'POST', `/v1/admin/customers/${customerId}/services`, {
      token: admin, body: { name: 'Raced hosting', price: 900, cycle: 'monthly', nextDueDate: due },
    });
    expect(created.status).toBe(201);
    const day = (await import('../../../functions/handlers/service-billing-day.js')).handler as unknown as (event: unknown, context: unknown) => Promise<{ issued: { serviceId: string }[] }>;
    const { lambdaContext } = await import('../../../local/lambda-event.js');
    const today = now.toISOString().slice(0, 10);
    const runs = await Promise.all([1, 2, 3].map(() => day({ today }, lambdaContext('service-billing-day'))));
    await system.automation.settle();
    expect(runs.flatMap((r) => r.issued).filter((i) => i.serviceId === created.body.id)).toHaveLength(1);
    const raced = (await call(system, 'GET', '/v1/invoices?limit=100', { token: customer })).body.items as { id: string }[];
    const lines = await Promise.all(raced.map(async (i) => (await call(system, 'GET', `/v1/invoices/${i.id}`, { token: customer })).body.lines[0].description as string));
    expect(lines.filter((l) => l.startsWith('Raced hosting'))).toHaveLength(1);
  }, 120_000);
});
