import { describe, expect, it } from 'vitest';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../../functions/domain/errors.js';
import type { Invoice } from '../../../functions/domain/invoice.js';
import { money } from '../../../functions/domain/money.js';
import { voidInvoice } from '../../../functions/use-cases/void-invoice.js';
import { InMemoryInvoiceRepository } from '../../support/in-memory/in-memory-invoice-repository.js';
import { rejectionOf, world } from './world.js';

async function pay(w: ReturnType<typeof world>, invoice: Invoice, amountMinor: number): Promise<Invoice> {
  const { invoice: after } = invoice.recordPayment(money(amountMinor, invoice.total.currency), w.clock.now());
  await w.invoices.save(after, invoice.state.version);
  return after;
}

describe('void invoice', () => {
  it('voids an open invoice and stores it void, dated by the clock', async () => {
    const w = world();
    const invoice = await w.invoice(await w.customer('Ana'));
    w.clock.set('2026-03-02T10:00:00.000Z');

    const voided = await voidInvoice(w, { invoiceId: invoice.id });

    expect(voided.status).toBe('void');
    const stored = await w.invoices.get(invoice.id);
    expect(stored?.status).toBe('void');
    expect(stored?.state.voidedAt).toBe('2026-03-02T10:00:00.000Z');
    expect(stored?.state.version).toBe(invoice.state.version + 1);
  });

  it('refuses to void a paid invoice and leaves the stored invoice unchanged', async () => {
    const w = world();
    const invoice = await w.invoice(await w.customer('Ana'));
    const paid = await pay(w, invoice, invoice.total.amountMinor);

    const error = await rejectionOf(voidInvoice(w, { invoiceId: invoice.id }));

    expect(error).toBeInstanceOf(BusinessRuleError);
    expect((await w.invoices.get(invoice.id))?.state).toEqual(paid.state);
  });

  it('refuses to void a partly paid invoice and leaves the stored invoice unchanged', async () => {
    const w = world();
    const invoice = await w.invoice(await w.customer('Ana'));
    const partlyPaid = await pay(w, invoice, 500);

    const error = await rejectionOf(voidInvoice(w, { invoiceId: invoice.id }));

    expect(error).toBeInstanceOf(BusinessRuleError);
    expect((await w.invoices.get(invoice.id))?.state).toEqual(partlyPaid.state);
  });

  it('refuses to void an invoice twice', async () => {
    const w = world();
    const invoice = await w.invoice(await w.customer('Ana'));
    const voided = await voidInvoice(w, { invoiceId: invoice.id });

    const error = await rejectionOf(voidInvoice(w, { invoiceId: invoice.id }));

    expect(error).toBeInstanceOf(BusinessRuleError);
    expect((await w.invoices.get(invoice.id))?.state).toEqual(voided.state);
  });

  it('answers NotFoundError for an unknown invoice', async () => {
    const w = world();

    expect(await rejectionOf(voidInvoice(w, { invoiceId: 'inv_missing' }))).toBeInstanceOf(NotFoundError);
  });

  it('loses cleanly to a payment that lands between its read and its write: the payment stays', async () => {
    const w = world();
    const invoice = await w.invoice(await w.customer('Ana'));
    /** A repository in which a payment is recorded right after the void use case reads the invoice. */
    class PaymentLandsAfterRead extends InMemoryInvoiceRepository {
      override async get(id: string) {
        const read = await w.invoices.get(id);
        if (read) await w.invoices.save(read.recordPayment(money(700, read.total.currency), w.clock.now()).invoice, read.state.version);
        return read;
      }
      override save(i: Invoice, expectedVersion: number) { return w.invoices.save(i, expectedVersion); }
    }

    const error = await rejectionOf(voidInvoice({ ...w, invoices: new PaymentLandsAfterRead() }, { invoiceId: invoice.id }));

    expect(error).toBeInstanceOf(ConflictError);
    const stored = await w.invoices.get(invoice.id);
    expect(stored?.status).toBe('open');
    expect(stored?.amountPaid.amountMinor).toBe(700);
  });
});
