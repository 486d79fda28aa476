import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSystem, startLocalSystem } from '../../../local/system.js';
import { seedCustomer } from '../../support/seeded-customer.js';
import { call, signIn } from '../api/client.js';

const DAY_MS = 86_400_000;

interface EventView { type: string; dedupeKey: string; detail: Record<string, unknown> }

/**
 * Suspension (issue 11): a service whose invoice is overdue by SUSPEND_AFTER_DAYS (14 by default) is
 * suspended, and unsuspended when the invoice is paid; each change is published once on the bus
 * (locally, the staff list of events), however often the daily run or the payment's follow-up runs.
 */
describe('services suspended when overdue and unsuspended when paid', () => {
  let system: LocalSystem;
  let admin = '';
  let customerId = '';
  let serviceId = '';
  let invoiceId = '';

  beforeAll(async () => {
    system = await startLocalSystem({ port: 0, inMemory: true });
    admin = await signIn(system, system.logins.admin.email, system.logins.admin.password);
    customerId = (await seedCustomer(system, { ageMs: 0, currency: 'EUR' })).customerId;
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  const events = async (): Promise<EventView[]> => (await call(system, 'GET', '/v1/admin/events', { token: admin })).body.items;
  const eventsAbout = async (id: string) => (await events()).filter((e) => Object.values(e.detail).includes(id));
  const service = async () => (await call(system, 'GET', `/v1/admin/customers/${customerId}/services`, { token: admin })).body.items
    .find((s: { id: string }) => s.id === serviceId);
  const clockNow = async () => Date.parse((await call(system, 'GET', '/v1/local/clock', { token: admin })).body.now);
  const advanceDays = async (days: number) => {
    for (let i = 0; i < days; i++) expect((await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'day' } })).status).toBe(200);
  };

  it('publishes invoice.overdue once, then service.suspended once when 14 days overdue', async () => {
    // Line the clock up an hour past the billing hour (09:00 UTC): from here, N days on, day N has run.
    while (new Date(await clockNow()).getUTCHours() !== 10) await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'hour' } });
    const dueDate = new Date(await clockNow() + 10 * DAY_MS).toISOString().slice(0, 10);
    const created = await call(system, 'POST', `/v1/admin/customers/${customerId}/services`, {
      token: admin, body: { name: 'Reseller hosting', price: 2500, cycle: 'quarterly', nextDueDate: dueDate },
    });
    expect(created.status).toBe(201);
    serviceId = created.body.id;

    await advanceDays(4);
    const invoices = (await call(system, 'GET', `/v1/admin/invoices?limit=20`, { token: admin })).body.items
      .filter((i: { customerId: string }) => i.customerId === customerId);
    expect(invoices).toHaveLength(1);
    invoiceId = invoices[0].id;
    expect(invoices[0]).toMatchObject({ dueDate, status: 'open' });

    // The day after the due date it is overdue; 13 days overdue it is only that.
    await advanceDays(6 + 13);
    expect((await eventsAbout(invoiceId)).map((e) => e.type)).toEqual(['invoice.overdue']);
    expect((await service()).status).toBe('active');

    // The 14th day overdue: suspended, once, however many days pass.
    await advanceDays(1);
    expect(await service()).toMatchObject({ status: 'suspended', suspendedForInvoiceId: invoiceId });
    await advanceDays(3);
    const suspended = (await eventsAbout(serviceId)).filter((e) => e.type === 'service.suspended');
    expect(suspended).toHaveLength(1);
    expect(suspended[0]!.detail).toMatchObject({ serviceId, customerId, invoiceId });
    expect((await eventsAbout(invoiceId)).filter((e) => e.type === 'invoice.overdue')).toHaveLength(1);
  }, 300_000);

  it('publishes invoice.paid and service.unsuspended once when the invoice is paid, however often the payment is reported', async () => {
    const requestId = randomUUID();
    // Received today on the moved clock.
    const receivedOn = new Date(await clockNow()).toISOString().slice(0, 10);
    const pay = () => call(system, 'POST', `/v1/admin/invoices/${invoiceId}/payments`, {
      token: admin, body: { amount: 2500, kind: 'bank_transfer', reference: 'BANK-1', receivedOn, requestId },
    });
    const first = await pay();
    expect(first.status).toBe(201);
    await pay();
    await system.automation.settle();
    await advanceDays(2);

    expect(await service()).toMatchObject({ status: 'active' });
    const about = [...await eventsAbout(invoiceId), ...await eventsAbout(serviceId)];
    const count = (type: string) => new Set(about.filter((e) => e.type === type).map((e) => e.dedupeKey)).size;
    expect({ paid: count('invoice.paid'), unsuspended: count('service.unsuspended'), suspended: count('service.suspended') })
      .toEqual({ paid: 1, unsuspended: 1, suspended: 1 });
    // Paid through the end of the quarter the invoice was for.
    expect((await service()).paidThrough).toBe(new Date(Date.parse(`${(await service()).nextDueDate}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10));
  }, 300_000);
});
