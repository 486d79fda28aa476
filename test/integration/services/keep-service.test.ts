import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSystem, startLocalSystem } from '../../../local/system.js';
import { seedCustomer } from '../../support/seeded-customer.js';
import { call, signIn } from '../api/client.js';

const DAY_MS = 86_400_000;

/**
 * "Cancel at end of period" can be taken back, by the customer or by staff, until the period ends:
 * the service then goes on and its next invoice is issued (late, if its day has passed meanwhile).
 * Once the period has ended and the service with it, taking it back is refused with a clear 422.
 */
describe('keeping a service that was to end at its period’s end', () => {
  let system: LocalSystem;
  let admin = '';
  let customer = '';
  let customerId = '';
  let serviceId = '';

  beforeAll(async () => {
    system = await startLocalSystem({ port: 0, inMemory: true });
    admin = await signIn(system, system.logins.admin.email, system.logins.admin.password);
    const seeded = await seedCustomer(system, { ageMs: 0, currency: 'EUR' });
    customerId = seeded.customerId;
    customer = await signIn(system, seeded.email, seeded.password);
  }, 120_000);

  afterAll(() => system?.stop());

  const clockNow = async () => Date.parse((await call(system, 'GET', '/v1/local/clock', { token: admin })).body.now);
  const advanceDays = async (days: number) => {
    for (let i = 0; i < days; i++) expect((await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'day' } })).status).toBe(200);
  };
  const staffPath = () => `/v1/admin/customers/${customerId}/services/${serviceId}`;
  const invoicesOfCustomer = async () => ((await call(system, 'GET', '/v1/admin/invoices?limit=50', { token: admin })).body.items as { customerId: string; dueDate: string }[])
    .filter((i) => i.customerId === customerId);

  it('the customer takes it back after the invoice’s day: it goes on and its invoice is issued', async () => {
    while (new Date(await clockNow()).getUTCHours() !== 10) await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'hour' } });
    const dueDate = new Date(await clockNow() + 10 * DAY_MS).toISOString().slice(0, 10);
    const created = await call(system, 'POST', `/v1/admin/customers/${customerId}/services`, {
      token: admin, body: { name: 'VPS', price: 900, cycle: 'monthly', nextDueDate: dueDate },
    });
    serviceId = created.body.id;
    expect((await call(system, 'POST', `/v1/services/${serviceId}/cancel`, { token: customer })).body.cancelAtPeriodEnd).toBe(true);

    await advanceDays(4);
    expect(await invoicesOfCustomer()).toEqual([]);

    const kept = await call(system, 'POST', `/v1/services/${serviceId}/keep`, { token: customer });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ id: serviceId, status: 'active', cancelAtPeriodEnd: false, nextDueDate: dueDate });
    // Asking again changes nothing.
    expect((await call(system, 'POST', `/v1/services/${serviceId}/keep`, { token: customer })).body.cancelAtPeriodEnd).toBe(false);

    await advanceDays(1);
    expect((await invoicesOfCustomer()).map((i) => i.dueDate)).toEqual([dueDate]);
  }, 300_000);

  it('staff take it back too; another customer cannot', async () => {
    await call(system, 'POST', `${staffPath()}/cancel`, { token: admin, body: { when: 'at_period_end' } });
    const other = await seedCustomer(system, { ageMs: 0, currency: 'EUR' });
    const stranger = await signIn(system, other.email, other.password);
    expect((await call(system, 'POST', `/v1/services/${serviceId}/keep`, { token: stranger })).status).toBe(404);

    const kept = await call(system, 'POST', `${staffPath()}/keep`, { token: admin });
    expect(kept.status).toBe(200);
    expect(kept.body.cancelAtPeriodEnd).toBe(false);
  }, 60_000);

  it('after the period ended, the service ended with it and taking it back is refused with a clear message', async () => {
    const service = (await call(system, 'POST', `/v1/services/${serviceId}/cancel`, { token: customer })).body;
    const days = Math.round((Date.parse(`${service.nextDueDate}T10:00:00Z`) - await clockNow()) / DAY_MS) + 1;
    await advanceDays(days);

    for (const [path, token] of [[`/v1/services/${serviceId}/keep`, customer], [`${staffPath()}/keep`, admin]] as const) {
      const refused = await call(system, 'POST', path, { token });
      expect(refused.status).toBe(422);
      expect(refused.body.error.message).toBe('This service has ended: its cancellation can no longer be taken back.');
    }
  }, 300_000);
});
