import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../functions/domain/errors.js';
import { pdfLibInvoiceRenderer } from '../../../functions/adapters/pdf/pdf-lib-invoice-renderer.js';
import { renderInvoicePdf } from '../../../functions/use-cases/render-invoice-pdf.js';
import { readPdf, squeeze } from '../../support/pdf-text.js';
import { rejectionOf, world } from './world.js';

const seller = { name: 'Example Hosting Ltd', addressLines: ['1 Server Street', 'Dublin'], email: 'billing@example.net' };

/** The in-memory ports with the real pdf-lib renderer, which needs no service. */
const withRenderer = (w: ReturnType<typeof world>) => ({ ...w, renderer: pdfLibInvoiceRenderer, seller });

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

  it('answers NotFoundError for another customer’s invoice, rendering nothing', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const bobsInvoice = await w.invoice(await w.customer('Bob'));

    const error = await rejectionOf(renderInvoicePdf(withRenderer(w), { userSub: ana.userSub, invoiceId: bobsInvoice.id }));

    expect(error).toBeInstanceOf(NotFoundError);
  });
});
