import { PDFDocument } from 'pdf-lib';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../functions/domain/errors.js';
import { pdfLibInvoiceRenderer } from '../../../functions/adapters/pdf/pdf-lib-invoice-renderer.js';
import { renderInvoicePdf } from '../../../functions/use-cases/render-invoice-pdf.js';
import { rejectionOf, world } from './world.js';

const seller = { name: 'Example Hosting Ltd', addressLines: ['1 Server Street', 'Dublin'], email: 'billing@example.net' };

/**
 * The text drawn on the pages. pdf-lib cannot extract text, so this inflates each content stream and
 * decodes the hex strings that pdf-lib writes for the standard fonts (`<494E…> Tj`).
 */
function drawnText(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString('latin1');
  const shown: string[] = [];
  for (const [, body] of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try { content = inflateSync(Buffer.from(body!, 'latin1')).toString('latin1'); } catch { continue; }
    for (const [, hex] of content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) shown.push(Buffer.from(hex!, 'hex').toString('latin1'));
  }
  return shown.join('\n');
}

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
    const text = drawnText(pdf);
    expect(text).toContain('INVOICE #000002');
    expect(text).toContain('Ana');
    expect(text).toContain('19.99 USD');
  });

  it('renders an invoice with many lines and non-Latin text without failing', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const lines = Array.from({ length: 100 }, (_, i) => ({ description: `Дополнительный IP 日本 #${i}`, quantity: 1, unitAmountMinor: 100 }));
    const invoice = await w.invoice(ana, { lines });

    const { pdf } = await renderInvoicePdf(withRenderer(w), { userSub: ana.userSub, invoiceId: invoice.id });

    expect((await PDFDocument.load(pdf)).getPageCount()).toBeGreaterThan(1);
  });

  it('answers NotFoundError for another customer’s invoice, rendering nothing', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const bobsInvoice = await w.invoice(await w.customer('Bob'));

    const error = await rejectionOf(renderInvoicePdf(withRenderer(w), { userSub: ana.userSub, invoiceId: bobsInvoice.id }));

    expect(error).toBeInstanceOf(NotFoundError);
  });
});
