import { PDFDocument, type PDFFont, StandardFonts, rgb } from 'pdf-lib';
import type { Money } from '../../domain/money.js';
import { minorUnitDigits } from '../../domain/money.js';
import type { InvoiceDocumentRenderer } from '../../ports/invoice-document-renderer.js';

/** The standard PDF fonts cover WinAnsi only; anything else is replaced rather than failing the download. */
const printable = (text: string) => text.normalize('NFC').replace(/[^\x20-\x7E\xA0-\xFF€’‘“”–—•…]/g, '?');

function formatMoney(m: Money): string {
  const digits = minorUnitDigits(m.currency);
  const value = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(m.amountMinor / 10 ** digits);
  return `${value} ${m.currency}`;
}

const statusLabel = { draft: 'DRAFT', open: 'UNPAID', paid: 'PAID', void: 'VOID' } as const;

/** An A4 invoice with pdf-lib's built-in Helvetica: no font files to bundle, about 3 KB per page. */
export const pdfLibInvoiceRenderer: InvoiceDocumentRenderer = {
  async renderPdf({ invoice, customer, seller, now }) {
    const s = invoice.state;
    const doc = await PDFDocument.create();
    // Numbers print as the web app shows them: #000042.
    const number = `#${String(s.number).padStart(6, '0')}`;
    doc.setTitle(`Invoice ${number}`);
    doc.setAuthor(printable(seller.name));
    doc.setCreationDate(now);
    const regular = await doc.embedFont(StandardFonts.Helvetica);
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    const margin = 50;
    let page = doc.addPage([595.28, 841.89]);
    let y = page.getHeight() - margin;

    const text = (value: string, x: number, options: { font?: PDFFont; size?: number; right?: boolean } = {}) => {
      const font = options.font ?? regular;
      const size = options.size ?? 10;
      const clean = printable(value);
      const width = font.widthOfTextAtSize(clean, size);
      page.drawText(clean, { x: options.right ? x - width : x, y, size, font, color: rgb(0.1, 0.1, 0.1) });
    };
    const right = page.getWidth() - margin;

    text(seller.name, margin, { font: bold, size: 16 });
    text(`INVOICE ${number}`, right, { font: bold, size: 16, right: true });
    y -= 18;
    for (const line of seller.addressLines) { text(line, margin); y -= 13; }
    text(seller.email, margin);
    y -= 30;

    text('Billed to', margin, { font: bold });
    text(`Issued: ${s.issuedAt.slice(0, 10)}`, right, { right: true });
    y -= 13;
    text(customer.name, margin);
    text(`Due: ${s.dueDate}`, right, { right: true });
    y -= 13;
    text(customer.email, margin);
    text(`Status: ${statusLabel[s.status]}`, right, { right: true, font: bold });
    y -= 35;

    const columns = { description: margin, quantity: 340, unit: 430, amount: right };
    text('Description', columns.description, { font: bold });
    text('Qty', columns.quantity, { font: bold, right: true });
    text('Unit price', columns.unit, { font: bold, right: true });
    text('Amount', columns.amount, { font: bold, right: true });
    y -= 6;
    page.drawLine({ start: { x: margin, y }, end: { x: right, y }, thickness: 0.5 });
    y -= 14;
    for (const line of s.lines) {
      if (y < margin + 80) { page = doc.addPage([595.28, 841.89]); y = page.getHeight() - margin; }
      const description = line.description.length > 55 ? `${line.description.slice(0, 54)}…` : line.description;
      text(description, columns.description);
      text(String(line.quantity), columns.quantity, { right: true });
      text(formatMoney(line.unitAmount), columns.unit, { right: true });
      text(formatMoney(line.amount), columns.amount, { right: true });
      y -= 16;
    }
    y -= 4;
    page.drawLine({ start: { x: 300, y }, end: { x: right, y }, thickness: 0.5 });
    y -= 16;
    for (const [label, value, font] of [
      ['Total', invoice.total, bold], ['Amount paid', invoice.amountPaid, regular], ['Amount due', invoice.amountDue, bold],
    ] as const) {
      text(label, 430, { right: true, font });
      text(formatMoney(value), right, { right: true, font });
      y -= 16;
    }
    return doc.save();
  },
};
