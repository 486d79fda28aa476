import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../../functions/handlers/routes.js';
import { type LocalSystem, startLocalSystem } from '../../../local/system.js';
import { submitCard } from '../stripe/hosted-checkout-driver.js';
import { decide } from '../paypal/approval-driver.js';
import { serviceOf, serviceWithOpenInvoice, settled, subscribe } from '../paypal/subscription-system.js';
import { AdminDisableUserCommand, AdminEnableUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoLocalClient } from '../../../local/cognito-local.js';
import { call, expiredCopyOf, forgedCopyOf, signIn } from './client.js';

/**
 * R7: customer A can never see or change customer B's data. Every route of the route table is called
 * with no token, an expired token, and a token of the wrong kind of user; customer routes with ids are
 * called with another customer's token on A's ids. The table drives the test, so a new route is
 * covered (or fails the coverage check) without anyone remembering to add it. (The webhook routes take
 * no token: their signatures are R6, tested with each provider.)
 */
describe('R7: authorization on every route', () => {
  let system: LocalSystem;
  const tokens = { alice: '', bruno: '', admin: '', expired: '' };
  let aliceInvoiceId = '';
  let aliceCustomerId = '';
  let aliceCardId = '';
  let aliceServiceId = '';
  let aliceSubscriptionId = '';
  const covered = new Set<string>();

  beforeAll(async () => {
    system = await startLocalSystem({ port: 0, inMemory: true });
    const [alice, bruno] = system.logins.customers;
    tokens.alice = await signIn(system, alice!.email, alice!.password);
    tokens.bruno = await signIn(system, bruno!.email, bruno!.password);
    tokens.admin = await signIn(system, system.logins.admin.email, system.logins.admin.password);
    tokens.expired = await expiredCopyOf(tokens.alice);
    aliceCustomerId = alice!.customerId;
    aliceInvoiceId = (await call(system, 'GET', '/v1/invoices?status=unpaid', { token: tokens.alice })).body.items[0].id;
    const setup = await call(system, 'POST', '/v1/payment-methods', { token: tokens.alice });
    await submitCard(setup.body.redirectUrl, '4242 4242 4242 4242');
    await system.stripe.webhooksIdle();
    aliceCardId = (await call(system, 'GET', '/v1/payment-methods', { token: tokens.alice })).body.items[0].id;
    aliceServiceId = (await call(system, 'POST', `/v1/admin/customers/${aliceCustomerId}/services`, {
      token: tokens.admin, body: { name: 'Hosting', price: 1000, cycle: 'monthly', nextDueDate: '2030-01-31' },
    })).body.id;
    // A PayPal subscription of Alice's, set up as she would: on a service's open invoice, approved at PayPal.
    const world = { system, admin: tokens.admin, customer: tokens.alice, customerId: aliceCustomerId };
    const { serviceId, invoiceId } = await serviceWithOpenInvoice(world, 'Subscribed hosting', 1500);
    await decide((await subscribe(world, invoiceId)).body.redirectUrl, 'approve');
    await settled(world);
    aliceSubscriptionId = (await serviceOf(world, serviceId)).subscription!.id;
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    const total = routes.filter((r) => r.access === 'customer' || r.access === 'admin').length;
    console.log(`R7 routes covered: ${covered.size}/${total} = ${Math.round((covered.size / total) * 100)}%`);
  });

  const pathOf = (template: string) => template
    .replace('{id}', template.includes('customers') ? aliceCustomerId : template.includes('payment-methods') ? aliceCardId
      : template.includes('services') ? aliceServiceId : template.includes('subscriptions') ? aliceSubscriptionId : aliceInvoiceId)
    .replace('{serviceId}', aliceServiceId)
    // A payment by its method and external id (staff refunds): one that exists or not, the answer is the same before any lookup.
    .replace('{method}', 'card').replace('{externalId}', 'pi_anypayment');
  const protectedRoutes = routes.filter((r) => r.access === 'customer' || r.access === 'admin');
  /** A request body each customer route with an id accepts from its owner. */
  const ownerBody: Record<string, unknown> = { 'POST /v1/invoices/{id}/payments': { method: 'card' } };

  it.each(protectedRoutes)('$method $path refuses a request without a token with 401', async (route) => {
    const response = await call(system, route.method, pathOf(route.path), { body: route.method === 'POST' ? {} : undefined });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthorized');
    covered.add(`${route.method} ${route.path}`);
  });

  it.each(protectedRoutes)('$method $path refuses an expired token with 401', async (route) => {
    const response = await call(system, route.method, pathOf(route.path), { token: tokens.expired, body: route.method === 'POST' ? {} : undefined });
    expect(response.status).toBe(401);
  });

  it('accepts the same token before it expired, so the 401 above is about expiry alone', async () => {
    expect((await call(system, 'GET', '/v1/me', { token: tokens.alice })).status).toBe(200);
  });

  it.each([
    ['without an expiry', { exp: undefined }],
    ['for a user who is not in the pool (cognito-local’s key is public)', { sub: 'made-up-sub', username: 'mallory@example.com' }],
    ['for another user of the pool than its sub says', { username: 'nobody@example.com' }],
    ['for another app client', { client_id: 'someone-elses-client' }],
  ])('refuses a token signed with the right key but %s, with 401', async (_case, changes) => {
    const forged = await forgedCopyOf(tokens.alice, changes);
    expect((await call(system, 'GET', '/v1/me', { token: forged })).status).toBe(401);
  });

  it('shuts out a user disabled in the pool within seconds, though their token has not expired', async () => {
    const [, bruno] = system.logins.customers;
    const token = await signIn(system, bruno!.email, bruno!.password);
    expect((await call(system, 'GET', '/v1/me', { token })).status).toBe(200);
    const cognito = cognitoLocalClient(system.cognito.endpoint);
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: system.cognito.userPoolId, Username: bruno!.email }));
    await new Promise((resolve) => setTimeout(resolve, 5_100)); // past the local server's 5 s cache of user checks
    try {
      expect((await call(system, 'GET', '/v1/me', { token })).status).toBe(401);
    } finally {
      await cognito.send(new AdminEnableUserCommand({ UserPoolId: system.cognito.userPoolId, Username: bruno!.email }));
      cognito.destroy();
    }
  });

  it.each(['/v1/invoices/%', '/v1/invoices/%zz', '/v1/%E0%A4%A'])('answers a path that is not validly percent-encoded (%s) with 400', async (path) => {
    const response = await call(system, 'GET', path, { token: tokens.alice });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('bad_request');
  });

  it.each(routes.filter((r) => r.access === 'admin'))('$method $path refuses a customer with 403 and changes nothing', async (route) => {
    const before = (await call(system, 'GET', '/v1/admin/invoices?limit=100', { token: tokens.admin })).body;
    const response = await call(system, route.method, pathOf(route.path), {
      token: tokens.alice,
      body: route.method === 'POST' ? { customerId: aliceCustomerId, dueDate: '2030-01-01', lines: [{ description: 'x', quantity: 1, unitAmount: 1 }] } : undefined,
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
    expect((await call(system, 'GET', '/v1/admin/invoices?limit=100', { token: tokens.admin })).body).toEqual(before);
  });

  it.each(routes.filter((r) => r.access === 'customer' && r.path.includes('{id}')))(
    '$method $path answers 404 to another customer, exactly as for an id that does not exist, and works for the owner',
    async (route) => {
      const body = ownerBody[`${route.method} ${route.path}`];
      const foreign = await call(system, route.method, pathOf(route.path), { token: tokens.bruno, body });
      const missing = await call(system, route.method, route.path.replace('{id}', 'inv_doesnotexist'), { token: tokens.bruno, body });
      const own = await call(system, route.method, pathOf(route.path), { token: tokens.alice, body });
      expect(foreign.status).toBe(404);
      expect(foreign.body).toEqual(missing.body);
      expect(own.status).toBeLessThan(300);
    },
  );

  it('shows each customer only their own invoices and account', async () => {
    const mine = await call(system, 'GET', '/v1/invoices?limit=100', { token: tokens.bruno });
    const me = await call(system, 'GET', '/v1/me', { token: tokens.bruno });
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((i: { customerId: string }) => i.customerId === me.body.id)).toBe(true);
    expect(me.body.id).not.toBe(aliceCustomerId);
  });

  it('answers 404 on /v1/me to a signed-in user who is not a customer (staff)', async () => {
    expect((await call(system, 'GET', '/v1/me', { token: tokens.admin })).status).toBe(404);
  });

  it.each([
    ['creditBalance', 100_000], ['autopay', false], ['id', 'cus_chosen'], ['userSub', 'someone-else'], ['createdAt', '2000-01-01'],
  ])('refuses to let staff set %s when creating a customer (mass assignment), naming the field', async (field, value) => {
    const response = await call(system, 'POST', '/v1/admin/customers', {
      token: tokens.admin, body: { email: `mass-${field}@example.com`, name: 'Mass', currency: 'USD', [field]: value },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
    const list = await call(system, 'GET', `/v1/admin/customers?search=mass-${field.toLowerCase()}`, { token: tokens.admin });
    expect(list.body.items).toEqual([]);
  });

  it.each([['status', 'paid'], ['amountPaid', 1499], ['number', 1], ['total', 1], ['currency', 'JPY']])(
    'refuses to let staff set an invoice’s %s on creation, naming the field',
    async (field, value) => {
      const response = await call(system, 'POST', '/v1/admin/invoices', {
        token: tokens.admin,
        body: { customerId: aliceCustomerId, dueDate: '2030-01-01', lines: [{ description: 'Hosting', quantity: 1, unitAmount: 100 }], [field]: value },
      });
      expect(response.status).toBe(400);
      expect(response.body.error.field).toBe(field);
    },
  );
});
