import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../../functions/handlers/routes.js';
import type { LocalSystem } from '../../../local/system.js';
import { seedCustomer } from '../../support/seeded-customer.js';
import { call, signIn, startSignedIn } from './client.js';

/**
 * Staff turn a customer's sign-in off: the customer's token, not yet expired, is refused with 401 at
 * once (the API does not wait for the sign-in service), their password is refused, and nothing of
 * their account changes; turned on again, they sign in as before.
 */
describe('Staff turn a customer’s sign-in off and on', () => {
  let system: LocalSystem;
  let admin: string;

  beforeAll(async () => {
    ({ system, admin } = await startSignedIn());
  }, 120_000);
  afterAll(() => system?.stop());

  it('off: the live token gets 401 on every customer route at once, and a new sign-in gets nothing; on: both work again', async () => {
    const customer = await seedCustomer(system, { ageMs: 0, openInvoices: [1500] });
    const token = await signIn(system, customer.email, customer.password);
    const { body: invoicesBefore } = await call(system, 'GET', '/v1/invoices', { token });

    const off = await call(system, 'POST', `/v1/admin/customers/${customer.customerId}/sign-in`, { token: admin, body: { enabled: false } });
    expect(off.status).toBe(200);
    expect(off.body.signInDisabledAt).toEqual(expect.any(String));

    const customerReads = routes.filter((r) => r.access === 'customer' && r.method === 'GET' && !r.path.includes('{')).map((r) => r.path);
    expect(customerReads.length).toBeGreaterThan(4);
    for (const path of customerReads) {
      const refused = await call(system, 'GET', path, { token });
      expect(refused.status, path).toBe(401);
      expect(refused.body.error.code, path).toBe('unauthenticated');
    }
    // Cognito refuses a disabled user's password; cognito-local lets it in, and the API refuses the new token.
    const newToken = await signIn(system, customer.email, customer.password).catch(() => undefined);
    expect(newToken === undefined || (await call(system, 'GET', '/v1/me', { token: newToken })).status === 401).toBe(true);
    expect((await call(system, 'GET', `/v1/admin/customers/${customer.customerId}`, { token: admin })).body.signInDisabledAt).toEqual(expect.any(String));

    const on = await call(system, 'POST', `/v1/admin/customers/${customer.customerId}/sign-in`, { token: admin, body: { enabled: true } });
    expect(on.status).toBe(200);
    expect(on.body.signInDisabledAt).toBeUndefined();
    const again = await signIn(system, customer.email, customer.password);
    const invoices = await call(system, 'GET', '/v1/invoices', { token: again });
    expect(invoices.status).toBe(200);
    expect(invoices.body).toEqual(invoicesBefore);
  });

  it('refuses a body that does not say on or off, and an unknown customer, changing nothing', async () => {
    const customer = await seedCustomer(system, { ageMs: 0, openInvoices: [1500] });
    const bad = await call(system, 'POST', `/v1/admin/customers/${customer.customerId}/sign-in`, { token: admin, body: { enabled: 'no' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('enabled');
    expect((await call(system, 'POST', '/v1/admin/customers/cus_nobody/sign-in', { token: admin, body: { enabled: false } })).status).toBe(404);
    const token = await signIn(system, customer.email, customer.password);
    expect((await call(system, 'GET', '/v1/me', { token })).status).toBe(200);
  });
});
