import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { call, startSignedIn } from './client.js';

describe('Invoices through the HTTP API', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';
  let aliceId = '';
  const validInvoice = () => ({
    customerId: aliceId, dueDate: '2030-01-31',
    lines: [{ description: 'VPS — 4 GB (monthly)', quantity: 2, unitAmount: 1250 }, { description: 'Backups', quantity: 1.5, unitAmount: 333 }],
  });

  beforeAll(async () => {
    ({ system, admin, alice, aliceId } = await startSignedIn());
  }, 120_000);
  afterAll(() => system?.stop());

  it('issues an invoice with computed totals that the customer then sees, and prints it as a PDF', async () => {
    const created = await call(system, 'POST', '/v1/admin/invoices', { token: admin, body: validInvoice() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      customerId: aliceId, status: 'open', currency: 'USD', total: 2500 + 500, amountPaid: 0, amountDue: 3000, dueDate: '2030-01-31',
    });
    expect(created.body.lines[1]).toEqual({ description: 'Backups', quantity: 1.5, unitAmount: 333, amount: 500 });

    const seen = await call(system, 'GET', `/v1/invoices/${created.body.id}`, { token: alice });
    expect(seen.body).toMatchObject({ number: created.body.number, total: 3000, overdue: false, customer: { email: 'alice@example.com' } });
    expect(seen.body.seller.name).toBe('Example Hosting Ltd');

    const pdf = await call(system, 'GET', `/v1/invoices/${created.body.id}/pdf`, { token: alice });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers.get('content-disposition')).toContain(`invoice-${created.body.number}.pdf`);
  });

  it.each([
    ['dueDate', { dueDate: '2030-02-30' }],
    ['dueDate', { dueDate: undefined }],
    ['lines', { lines: [] }],
    ['lines.0.quantity', { lines: [{ description: 'x', quantity: 0, unitAmount: 100 }] }],
    ['lines.0.unitAmount', { lines: [{ description: 'x', quantity: 1, unitAmount: 12.5 }] }],
    ['lines.0.description', { lines: [{ description: '  ', quantity: 1, unitAmount: 100 }] }],
    ['customerId', { customerId: undefined }],
  ])('refuses bad input with a 400 naming %s, and writes nothing', async (field, change) => {
    const before = await call(system, 'GET', '/v1/admin/invoices?limit=100', { token: admin });
    const response = await call(system, 'POST', '/v1/admin/invoices', { token: admin, body: { ...validInvoice(), ...change } });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
    expect(response.body.error.message).toMatch(/\w/);
    const after = await call(system, 'GET', '/v1/admin/invoices?limit=100', { token: admin });
    expect(after.body.items).toEqual(before.body.items);
  });

  it('takes no invoice number for a refused invoice, so numbers stay consecutive', async () => {
    const first = await call(system, 'POST', '/v1/admin/invoices', { token: admin, body: validInvoice() });
    await call(system, 'POST', '/v1/admin/invoices', { token: admin, body: { ...validInvoice(), dueDate: '2000-01-01' } });
    await call(system, 'POST', '/v1/admin/invoices', { token: admin, body: { ...validInvoice(), customerId: 'cus_nobody' } });
    const second = await call(system, 'POST', '/v1/admin/invoices', { token: admin, body: validInvoice() });
    expect(second.body.number).toBe(first.body.number + 1);
  });

  it('refuses a body that is not JSON with a 400 naming the body', async () => {
    const response = await call(system, 'POST', '/v1/admin/invoices', { token: admin, body: '{"customerId":' });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('body');
  });

  it('voids an open invoice once; a second void is a 422 and the customer sees it void', async () => {
    const { body: invoice } = await call(system, 'POST', '/v1/admin/invoices', { token: admin, body: validInvoice() });
    const voided = await call(system, 'POST', `/v1/admin/invoices/${invoice.id}/void`, { token: admin });
    expect(voided.status).toBe(200);
    expect(voided.body.status).toBe('void');
    const again = await call(system, 'POST', `/v1/admin/invoices/${invoice.id}/void`, { token: admin });
    expect(again.status).toBe(422);
    expect(again.body.error.message).toContain('already void');
    expect((await call(system, 'GET', `/v1/invoices/${invoice.id}`, { token: alice })).body.status).toBe('void');
  });

  it('filters the customer’s list by display status and pages through it with a cursor', async () => {
    const overdue = await call(system, 'GET', '/v1/invoices?status=overdue', { token: alice });
    expect(overdue.body.items.length).toBeGreaterThan(0);
    expect(overdue.body.items.every((i: { overdue: boolean; status: string }) => i.overdue && i.status === 'open')).toBe(true);

    const page1 = await call(system, 'GET', '/v1/invoices?limit=2', { token: alice });
    const page2 = await call(system, 'GET', `/v1/invoices?limit=2&cursor=${page1.body.nextCursor}`, { token: alice });
    expect(page2.status).toBe(200);
    const ids = [...page1.body.items, ...page2.body.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(4);
    const numbers = [...page1.body.items, ...page2.body.items].map((i: { number: number }) => i.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  it.each([0.0000001, 1e-300, Number.MIN_VALUE, 1e300])('refuses a quantity of %d with a 400 naming the line’s quantity, never a 500', async (quantity) => {
    const response = await call(system, 'POST', '/v1/admin/invoices', {
      token: admin, body: { ...validInvoice(), lines: [{ description: 'Storage (GB)', quantity, unitAmount: 10 }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('lines.0.quantity');
  });

  it.each(['XAU', 'CLF', 'XTS', 'HRK', 'usd'])('accepts only the billing currencies the staff form offers: %s is a 400', async (code) => {
    const response = await call(system, 'POST', '/v1/admin/customers', { token: admin, body: { email: `c-${code}@example.com`, name: 'Gold Ltd', currency: code } });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('currency');
  });

  it('answers every invoice with its issue date as a calendar date', async () => {
    const created = await call(system, 'POST', '/v1/admin/invoices', { token: admin, body: validInvoice() });
    expect(created.body.issueDate).toBe(created.body.issuedAt.slice(0, 10));
  });

  it('answers a forged cursor with a 400, not a crash', async () => {
    const response = await call(system, 'GET', '/v1/invoices?cursor=bm90LWpzb24', { token: alice });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('cursor');
  });

  it('answers a cursor from another list (the staff list, another customer’s) with a 400 naming cursor, not a 500', async () => {
    const staffPage = await call(system, 'GET', '/v1/admin/invoices?limit=1', { token: admin });
    const bruno = system.logins.customers[1]!.customerId;
    const brunosPage = await call(system, 'GET', `/v1/admin/invoices?customerId=${bruno}&limit=1`, { token: admin });
    const forged = Buffer.from(JSON.stringify({
      PK: 'INVOICE#inv_x', SK: 'INVOICE', GSI1PK: `CUSTOMER#${bruno}`, GSI1SK: 'INVOICE#000000000001',
    })).toString('base64url');
    for (const cursor of [staffPage.body.nextCursor, brunosPage.body.nextCursor, forged]) {
      const response = await call(system, 'GET', `/v1/invoices?limit=1&cursor=${cursor}`, { token: alice });
      expect(response.status).toBe(400);
      expect(response.body.error.field).toBe('cursor');
    }
  });

  it('refuses a card number in any field, before anything is stored', async () => {
    const response = await call(system, 'POST', '/v1/admin/customers', {
      token: admin, body: { email: 'card@example.com', name: 'Card 4242 4242 4242 4242', currency: 'USD' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('Card numbers are never accepted');
    expect((await call(system, 'GET', '/v1/admin/customers?search=card@', { token: admin })).body.items).toEqual([]);
  });

  it('creates a customer who is invited by email, and refuses the same email twice with 409', async () => {
    const created = await call(system, 'POST', '/v1/admin/customers', {
      token: admin, body: { email: 'Carla@Example.com', name: 'Carla Ruiz', currency: 'EUR' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'carla@example.com', currency: 'EUR', creditBalance: 0 });
    const emails = await system.mail.listEmails();
    // The invitation in the billing emails' look (the Custom Message trigger): HTML, as Cognito sends it.
    expect(emails.some((e) => e.to.includes('carla@example.com') && /Temporary password/.test(e.html ?? ''))).toBe(true);
    const again = await call(system, 'POST', '/v1/admin/customers', {
      token: admin, body: { email: 'carla@example.com', name: 'Carla again', currency: 'EUR' },
    });
    expect(again.status).toBe(409);
  });

  it('sends a customer who has not signed in yet a new invitation, once per request; one who has set a password gets a 422', async () => {
    const created = await call(system, 'POST', '/v1/admin/customers', {
      token: admin, body: { email: 'dario@example.com', name: 'Dario Neri', currency: 'EUR' },
    });
    const invitations = async () => (await system.mail.listEmails())
      .filter((e) => e.to.includes('dario@example.com') && /Temporary password/.test(e.html ?? ''));
    expect(await invitations()).toHaveLength(1);

    const resent = await call(system, 'POST', `/v1/admin/customers/${created.body.id}/invitation`, { token: admin });

    expect(resent.status).toBe(202);
    expect(resent.body).toEqual({ sentTo: 'dario@example.com' });
    expect(await invitations()).toHaveLength(2);

    // Alice, seeded with a password of her own, has no invitation left to resend.
    const active = await call(system, 'POST', `/v1/admin/customers/${aliceId}/invitation`, { token: admin });
    expect(active.status).toBe(422);
    expect(active.body.error.message).toMatch(/already set a password/);
    expect((await call(system, 'POST', '/v1/admin/customers/cus_nobody/invitation', { token: admin })).status).toBe(404);
  });

  it('names each invoice’s customer in the staff list and on the staff invoice, without another request', async () => {
    const list = await call(system, 'GET', '/v1/admin/invoices?limit=100', { token: admin });
    expect(list.body.items.length).toBeGreaterThan(1);
    expect(list.body.items.every((i: { customer?: { name: string } }) => typeof i.customer?.name === 'string')).toBe(true);
    const one = await call(system, 'GET', `/v1/admin/invoices/${list.body.items[0].id}`, { token: admin });
    expect(one.body.customer).toEqual(list.body.items[0].customer);
  });

  it('publishes an OpenAPI 3.1 document with every route', async () => {
    const doc = await call(system, 'GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/v1/invoices/{id}/pdf');
  });
});
