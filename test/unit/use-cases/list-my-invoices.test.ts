import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../functions/domain/errors.js';
import { Invoice } from '../../../functions/domain/invoice.js';
import { money } from '../../../functions/domain/money.js';
import { listMyInvoices } from '../../../functions/use-cases/list-my-invoices.js';
import { rejectionOf, world } from './world.js';

const numbers = (items: readonly Invoice[]) => items.map((i) => i.state.number);

describe('list my invoices', () => {
  it('lists only the signed-in customer’s invoices, newest first', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const bob = await w.customer('Bob');
    await w.invoice(ana);
    w.clock.advanceDays(1);
    await w.invoice(bob);
    w.clock.advanceDays(1);
    await w.invoice(ana);

    const page = await listMyInvoices(w, { userSub: ana.userSub, limit: 25 });

    expect(numbers(page.items)).toEqual([3, 1]);
    expect(page.items.every((i) => i.customerId === ana.id)).toBe(true);
    expect(page.nextCursor).toBeUndefined();
  });

  it('pages through every invoice once with the cursor', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    for (let i = 0; i < 5; i++) { await w.invoice(ana); w.clock.advanceDays(1); }

    const first = await listMyInvoices(w, { userSub: ana.userSub, limit: 2 });
    const second = await listMyInvoices(w, { userSub: ana.userSub, limit: 2, cursor: first.nextCursor! });
    const third = await listMyInvoices(w, { userSub: ana.userSub, limit: 2, cursor: second.nextCursor! });

    expect([...numbers(first.items), ...numbers(second.items), ...numbers(third.items)]).toEqual([5, 4, 3, 2, 1]);
    expect(third.nextCursor).toBeUndefined();
  });

  it('counts an overdue invoice as unpaid (unpaid and late): Unpaid lists both, Overdue only the late one', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const early = await w.invoice(ana, { dueDate: '2026-03-10' });
    const later = await w.invoice(ana, { dueDate: '2026-03-31' });
    w.clock.set('2026-03-11T00:00:00.000Z');

    const overdue = await listMyInvoices(w, { userSub: ana.userSub, filter: 'overdue', limit: 25 });
    const unpaid = await listMyInvoices(w, { userSub: ana.userSub, filter: 'unpaid', limit: 25 });

    expect(overdue.items.map((i) => i.id)).toEqual([early.id]);
    expect(unpaid.items.map((i) => i.id)).toEqual([later.id, early.id]);
  });

  it('says on the first page what is owed in total and how much of it is overdue, whatever the filter', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const bob = await w.customer('Bob');
    await w.invoice(ana, { dueDate: '2026-03-10' });
    await w.invoice(ana, { dueDate: '2026-03-31' });
    const partly = await w.invoice(ana, { dueDate: '2026-03-05' });
    await w.invoices.save(partly.recordPayment(money(500, ana.currency), w.clock.now()).invoice, partly.state.version);
    const settled = await w.invoice(ana, { dueDate: '2026-03-05' });
    await w.invoices.save(settled.recordPayment(money(1999, ana.currency), w.clock.now()).invoice, settled.state.version);
    const pending = await w.invoice(ana, { dueDate: '2026-03-05' });
    await w.invoices.save(pending.markPaymentPending(true), pending.state.version);
    const voided = await w.invoice(ana, { dueDate: '2026-03-05' });
    await w.invoices.save(voided.void(w.clock.now()), voided.state.version);
    await w.invoice(bob, { dueDate: '2026-03-05' });
    w.clock.set('2026-03-11T00:00:00.000Z');

    const first = await listMyInvoices(w, { userSub: ana.userSub, filter: 'paid', limit: 1 });
    const next = await listMyInvoices(w, { userSub: ana.userSub, limit: 1, cursor: (await listMyInvoices(w, { userSub: ana.userSub, limit: 1 })).nextCursor! });

    // 19.99 open, 19.99 overdue, 14.99 left on the partly paid overdue one; paid, pending, void and Bob's count for nothing.
    expect(first.owed).toEqual({ due: money(1999 * 2 + 1499, ana.currency), overdue: money(1999 + 1499, ana.currency), invoicesDue: 3, invoicesOverdue: 2 });
    expect(next.owed).toBeUndefined();
  });

  it('narrows to paid invoices', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const invoice = await w.invoice(ana);
    await w.invoice(ana);
    await w.invoices.save(invoice.recordPayment(money(1999, ana.currency), w.clock.now()).invoice, invoice.state.version);

    const page = await listMyInvoices(w, { userSub: ana.userSub, filter: 'paid', limit: 25 });

    expect(page.items.map((i) => [i.id, i.status])).toEqual([[invoice.id, 'paid']]);
  });

it('never shows the customer a draft, as get-my-invoice does not either', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const issued = await w.invoice(ana);
    w.invoices.seed(Invoice.fromState({ ...issued.state, id: 'inv_draft', number: 2, status: 'draft' }));

    const all = await listMyInvoices(w, { userSub: ana.userSub, limit: 25 });
    const drafts = await listMyInvoices(w, { userSub: ana.userSub, filter: 'draft', limit: 25 });

    expect(all.items.map((i) => i.id)).toEqual([issued.id]);
    expect(drafts.items).toEqual([]);
  });

  it('answers NotFoundError to a signed-in user who is not a customer', async () => {
    const w = world();

    expect(await rejectionOf(listMyInvoices(w, { userSub: 'sub-nobody', limit: 25 }))).toBeInstanceOf(NotFoundError);
  });
});
