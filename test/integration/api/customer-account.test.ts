import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { submitCard } from '../stripe/hosted-checkout-driver.js';
import { call, startSignedIn } from './client.js';

interface InvoiceView { id: string; status: string; overdue: boolean; paymentPending: boolean; amountDue: number }

/**
 * What a customer expects of their account through the HTTP API (the same handlers, DynamoDB Local):
 * "Unpaid" includes overdue invoices, the first page of My Invoices says what is owed, billing
 * details kept by the customer and by staff and billed to, and a card kept only when asked.
 */
describe('The customer’s account through the HTTP API', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';
  let aliceId = '';

  beforeAll(async () => {
    ({ system, admin, alice, aliceId } = await startSignedIn());
  }, 120_000);
  afterAll(() => system?.stop());

  const myInvoices = async (query = '') => (await call(system, 'GET', `/v1/invoices${query}`, { token: alice })).body as {
    items: InvoiceView[]; nextCursor?: string; summary?: Record<string, unknown>;
  };

  it('lists overdue invoices under Unpaid too (overdue is unpaid and late), and only them under Overdue', async () => {
    const all = (await myInvoices()).items;
    const open = all.filter((i) => i.status === 'open' && !i.paymentPending);
    expect(open.some((i) => i.overdue)).toBe(true);
    expect(open.some((i) => !i.overdue)).toBe(true);

    const unpaid = (await myInvoices('?status=unpaid')).items;
    const overdue = (await myInvoices('?status=overdue')).items;

    expect(unpaid.map((i) => i.id)).toEqual(open.map((i) => i.id));
    expect(overdue.map((i) => i.id)).toEqual(open.filter((i) => i.overdue).map((i) => i.id));
  });

  it('says on the first page what is owed in total and how much is overdue, computed by the server', async () => {
    const all = (await myInvoices()).items;
    const open = all.filter((i) => i.status === 'open' && !i.paymentPending);
    const late = open.filter((i) => i.overdue);

    const first = await myInvoices('?limit=1&status=paid');
    const second = await myInvoices(`?limit=1&cursor=${(await myInvoices('?limit=1')).nextCursor}`);

    expect(first.summary).toEqual({
      currency: 'USD',
      amountDue: open.reduce((sum, i) => sum + i.amountDue, 0),
      amountOverdue: late.reduce((sum, i) => sum + i.amountDue, 0),
      invoicesDue: open.length,
      invoicesOverdue: late.length,
    });
    expect(second.summary).toBeUndefined();
  });

  it('keeps the billing address and tax ID the customer sets, and bills the next invoice to them', async () => {
    const updated = await call(system, 'PATCH', '/v1/me', {
      token: alice, body: { billingAddress: ['  Rynek Główny 1', '', '31-042 Kraków', 'Poland'], taxId: ' PL1234567890 ' },
    });
    const issued = await call(system, 'POST', '/v1/admin/invoices', {
      token: admin, body: { customerId: aliceId, dueDate: '2031-01-31', lines: [{ description: 'Domain', quantity: 1, unitAmount: 1200 }] },
    });
    const invoice = await call(system, 'GET', `/v1/invoices/${issued.body.id}`, { token: alice });
    const staffView = await call(system, 'GET', `/v1/admin/customers/${aliceId}`, { token: admin });

    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ billingAddress: ['Rynek Główny 1', '31-042 Kraków', 'Poland'], taxId: 'PL1234567890', autopay: true });
    expect(invoice.body.customer).toMatchObject({ billingAddress: ['Rynek Główny 1', '31-042 Kraków', 'Poland'], taxId: 'PL1234567890' });
    expect(staffView.body).toMatchObject({ billingAddress: ['Rynek Główny 1', '31-042 Kraków', 'Poland'], taxId: 'PL1234567890' });
  });

  it('keeps an issued invoice billed to the address it was issued to, whatever the customer changes later', async () => {
    await call(system, 'PATCH', '/v1/me', { token: alice, body: { billingAddress: ['1 Old Road', 'Cork'], taxId: 'IE111' } });
    const issued = await call(system, 'POST', '/v1/admin/invoices', {
      token: admin, body: { customerId: aliceId, dueDate: '2031-01-31', lines: [{ description: 'VPS', quantity: 1, unitAmount: 900 }] },
    });
    await call(system, 'PATCH', '/v1/me', { token: alice, body: { billingAddress: ['9 New Street', 'Galway'], taxId: 'IE999' } });
    const seen = (await call(system, 'GET', `/v1/invoices/${issued.body.id}`, { token: alice })).body;
    expect(seen.customer).toMatchObject({ billingAddress: ['1 Old Road', 'Cork'], taxId: 'IE111' });
  });

  it.each([
    [{ billingAddress: ['1 Main St\r\nBcc: x'] }, 'billingAddress.0'],
    [{ taxId: 'IE\u202E123' }, 'taxId'],
    [{ billingAddress: Array.from({ length: 7 }, () => 'line') }, 'billingAddress'],
    [{ creditBalance: 100000 }, 'creditBalance'],
    [{}, 'body'],
  ])('refuses %j from the customer with a 400 naming %s, and changes nothing', async (body, field) => {
    const before = (await call(system, 'GET', '/v1/me', { token: alice })).body;
    const response = await call(system, 'PATCH', '/v1/me', { token: alice, body });

    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
    expect((await call(system, 'GET', '/v1/me', { token: alice })).body).toEqual(before);
  });

  it('lets staff set and clear a customer’s billing details, which the customer then sees; a customer may not', async () => {
    const set = await call(system, 'PATCH', `/v1/admin/customers/${aliceId}`, { token: admin, body: { billingAddress: ['Main Street 2', 'Dublin'], taxId: 'IE1234567X' } });
    const seen = (await call(system, 'GET', '/v1/me', { token: alice })).body;
    const cleared = await call(system, 'PATCH', `/v1/admin/customers/${aliceId}`, { token: admin, body: { taxId: null } });
    const byCustomer = await call(system, 'PATCH', `/v1/admin/customers/${aliceId}`, { token: alice, body: { taxId: 'X' } });
    const unknown = await call(system, 'PATCH', '/v1/admin/customers/cus_nobody', { token: admin, body: { taxId: 'X' } });
    const setsOther = await call(system, 'PATCH', `/v1/admin/customers/${aliceId}`, { token: admin, body: { autopay: false } });

    expect(set.status).toBe(200);
    expect(seen).toMatchObject({ billingAddress: ['Main Street 2', 'Dublin'], taxId: 'IE1234567X' });
    expect(cleared.body.billingAddress).toEqual(['Main Street 2', 'Dublin']);
    expect(cleared.body.taxId).toBeUndefined();
    expect(byCustomer.status).toBe(403);
    expect(unknown.status).toBe(404);
    expect(setsOther.status).toBe(400);
    expect(setsOther.body.error.field).toBe('autopay');
  });

  it('does not keep a card paid with on the card page unless the customer asked to keep it', async () => {
    const issued = await call(system, 'POST', '/v1/admin/invoices', {
      token: admin, body: { customerId: aliceId, dueDate: '2031-01-31', lines: [{ description: 'Domain renewal', quantity: 1, unitAmount: 1200 }] },
    });
    const started = await call(system, 'POST', `/v1/invoices/${issued.body.id}/payments`, { token: alice, body: { method: 'card' } });
    await submitCard(started.body.redirectUrl, '4242 4242 4242 4242');
    await system.stripe.webhooksIdle();

    expect((await call(system, 'GET', `/v1/invoices/${issued.body.id}`, { token: alice })).body.status).toBe('paid');
    expect((await call(system, 'GET', '/v1/payment-methods', { token: alice })).body.items).toEqual([]);
  });
});
