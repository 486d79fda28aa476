import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../functions/domain/errors.js';
import { getCustomer } from '../../../functions/use-cases/get-customer.js';
import { getInvoice } from '../../../functions/use-cases/get-invoice.js';
import { listCustomers } from '../../../functions/use-cases/list-customers.js';
import { listInvoices } from '../../../functions/use-cases/list-invoices.js';
import { rejectionOf, world } from './world.js';

describe('staff lookups', () => {
  it('get customer returns the customer, and NotFoundError for an unknown id', async () => {
    const w = world();
    const ana = await w.customer('Ana');

    expect(await getCustomer(w, { customerId: ana.id })).toEqual(ana);
    expect(await rejectionOf(getCustomer(w, { customerId: 'cus_missing' }))).toBeInstanceOf(NotFoundError);
  });

  it('get invoice returns any customer’s invoice, and NotFoundError for an unknown id', async () => {
    const w = world();
    const invoice = await w.invoice(await w.customer('Ana'));

    expect((await getInvoice(w, { invoiceId: invoice.id })).state).toEqual(invoice.state);
    expect(await rejectionOf(getInvoice(w, { invoiceId: 'inv_missing' }))).toBeInstanceOf(NotFoundError);
  });

  it('list customers is newest first and searches part of a name or email, ignoring case', async () => {
    const w = world();
    await w.customer('Ana');
    w.clock.advanceDays(1);
    await w.customer('Bob');
    w.clock.advanceDays(1);
    await w.customer('Anabel');

    const all = await listCustomers(w, { limit: 25 });
    const found = await listCustomers(w, { search: ' ANA', limit: 25 });

    expect(all.items.map((c) => c.name)).toEqual(['Anabel', 'Bob', 'Ana']);
    expect(found.items.map((c) => c.name)).toEqual(['Anabel', 'Ana']);
  });

  it('list invoices shows every customer’s invoices, or one customer’s, newest first', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const bob = await w.customer('Bob');
    await w.invoice(ana);
    w.clock.advanceDays(1);
    await w.invoice(bob);

    const all = await listInvoices(w, { timeZone: 'UTC', limit: 25 });
    const anas = await listInvoices(w, { timeZone: 'UTC', customerId: ana.id, limit: 25 });

    expect(all.items.map((i) => i.state.number)).toEqual([2, 1]);
    expect(anas.items.map((i) => i.customerId)).toEqual([ana.id]);
  });

  it('list invoices finds overdue invoices by today’s date on the clock', async () => {
    const w = world();
    const overdue = await w.invoice(await w.customer('Ana'), { dueDate: '2026-03-02' });
    await w.invoice(await w.customer('Bob'), { dueDate: '2026-03-20' });
    w.clock.set('2026-03-03T08:00:00.000Z');

    const page = await listInvoices(w, { timeZone: 'UTC', filter: 'overdue', limit: 25 });

    expect(page.items.map((i) => i.id)).toEqual([overdue.id]);
  });
});
