import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../functions/domain/errors.js';
import { Invoice } from '../../../functions/domain/invoice.js';
import { getMyInvoice } from '../../../functions/use-cases/get-my-invoice.js';
import { rejectionOf, world } from './world.js';

/** What a caller can observe of an error: enough to tell two failures apart. */
const observable = (error: unknown) => {
  const e = error as NotFoundError;
  return { type: e.constructor.name, code: e.code, entity: e.entity, message: e.message };
};

describe('get my invoice', () => {
  it('returns the signed-in customer’s own invoice, with the customer', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const invoice = await w.invoice(ana);

    const result = await getMyInvoice(w, { userSub: ana.userSub, invoiceId: invoice.id });

    expect(result.invoice.state).toEqual(invoice.state);
    expect(result.customer).toEqual(ana);
  });

  it('answers another customer’s invoice exactly as one that does not exist', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const bob = await w.customer('Bob');
    const bobsInvoice = await w.invoice(bob);

    const theirs = await rejectionOf(getMyInvoice(w, { userSub: ana.userSub, invoiceId: bobsInvoice.id }));
    const missing = await rejectionOf(getMyInvoice(w, { userSub: ana.userSub, invoiceId: 'inv_999' }));

    expect(theirs).toBeInstanceOf(NotFoundError);
    expect(observable(theirs)).toEqual(observable(missing));
  });

  it('hides drafts from customers', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const issued = await w.invoice(ana);
    const draft = Invoice.fromState({ ...issued.state, id: 'inv_draft', status: 'draft' });
    w.invoices.seed(draft);

    const error = await rejectionOf(getMyInvoice(w, { userSub: ana.userSub, invoiceId: draft.id }));

    expect(observable(error)).toEqual(observable(new NotFoundError('Invoice')));
  });

  it('answers NotFoundError to a signed-in user who is not a customer (staff)', async () => {
    const w = world();
    const invoice = await w.invoice(await w.customer('Ana'));

    const error = await rejectionOf(getMyInvoice(w, { userSub: 'sub-staff', invoiceId: invoice.id }));

    expect(error).toBeInstanceOf(NotFoundError);
  });
});
