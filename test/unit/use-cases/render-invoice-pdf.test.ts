import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../functions/domain/errors.js';
import { pdfLibInvoiceRenderer } from '../../../functions/adapters/pdf/pdf-lib-invoice-renderer.js';
import { renderInvoicePdf } from '../../../functions/use-cases/render-invoice-pdf.js';
import { readPdf, squeeze } from '../../support/pdf-text.js';
import { money } from '../../../functions/domain/money.js';
import type { Payment } from '../../../functions/domain/payment.js';
import { rejectionOf, world } from './world.js';

const seller = { name: 'Example Hosting Ltd', addressLines: ['1 Server Street', 'Dublin'], email: 'billing@example.net' };

/** The in-memory ports with the real pdf-lib renderer, which needs no service, and the invoice's payments. */
const withRenderer = (w: ReturnType<typeof world>, payments: Payment[] = []) => ({
  ...w, renderer: pdfLibInvoiceRenderer, seller, ledger: { listInvoicePayments: async () => payments },
});

describe('render invoice PDF', () => {
  it('renders the customer’s invoice as a PDF titled with its number', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    await w.invoice(ana);
    const invoice = await w.invoice(ana);

    const { number, pdf } = await renderInvoicePdf(withRenderer(w), { userSub: ana.userSub, invoiceId: invoice.id });

    expect(number).toBe(2);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
    const document = await PDFDocument.load(pdf);
    expect(document.getTitle()).toBe('Invoice #000002');
    expect(document.getPageCount()).toBe(1);
    const drawn = (await readPdf(pdf))[0]!.items.map((i) => i.str);
    expect(drawn).toContain('Invoice #000002');
    expect(drawn).toContain('Ana');
    expect(drawn).toContain('19.99 USD');
  });

  it('renders an invoice of 100 lines in mixed scripts over several pages, every line printed', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const lines = Array.from({ length: 100 }, (_, i) => ({ description: `Дополнительный IP 日本 #${i}.`, quantity: 1, unitAmountMinor: 100 }));
    const invoice = await w.invoice(ana, { lines });

    const { pdf } = await renderInvoicePdf(withRenderer(w), { userSub: ana.userSub, invoiceId: invoice.id });

    const pages = await readPdf(pdf);
    expect(pages.length).toBeGreaterThan(1);
    const text = squeeze(pages.map((p) => p.text).join(''));
    for (let i = 0; i < 100; i++) expect(text).toContain(squeeze(`Дополнительный IP 日本 #${i}.`));
  });

  it('prints how and when a paid invoice was paid, each payment’s share of it, so the PDF is the receipt', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const invoice = await w.invoice(ana);
    const usd = (amountMinor: number) => money(amountMinor, 'USD');
    const byCard: Payment = {
      method: 'card', externalId: 'pi_1', customerId: ana.id, invoiceId: invoice.id, amount: usd(1000), appliedToInvoice: usd(1000),
      receivedAt: '2026-03-20T23:59:00.000Z', card: { brand: 'visa', last4: '4242' },
    };
    // One payment for this invoice and another (mass pay): only this invoice's share is printed.
    const together: Payment = {
      method: 'credit', externalId: 'cr_1', customerId: ana.id, amount: usd(5000), appliedToInvoice: usd(5000), receivedAt: '2026-03-02T10:00:00.000Z',
      allocations: [{ invoiceId: invoice.id, amount: usd(999) }, { invoiceId: 'inv_other', amount: usd(4001) }],
    };
    const nothingApplied: Payment = { ...byCard, externalId: 'pi_2', appliedToInvoice: usd(0), unowed: true };

    const { pdf } = await renderInvoicePdf(withRenderer(w, [byCard, together, nothingApplied]), { userSub: ana.userSub, invoiceId: invoice.id });

    const text = (await readPdf(pdf)).map((p) => p.text).join('\n');
    expect(text).toContain('Payments');
    expect(text).toContain('Paid 2026-03-02 · Account credit');
    expect(text).toContain('9.99 USD');
    expect(text).toContain('Paid 2026-03-20 · Visa ending in 4242');
    expect(text).toContain('10.00 USD');
    expect(text.indexOf('Paid 2026-03-02')).toBeLessThan(text.indexOf('Paid 2026-03-20'));
    expect(text).not.toContain('50.00 USD');
    expect(text.match(/Paid 20/g)).toHaveLength(2);
  });

  it('answers NotFoundError for another customer’s invoice, rendering nothing', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const bobsInvoice = await w.invoice(await w.customer('Bob'));

    const error = await rejectionOf(renderInvoicePdf(withRenderer(w), { userSub: ana.userSub, invoiceId: bobsInvoice.id }));

    expect(error).toBeInstanceOf(NotFoundError);
  });
});
