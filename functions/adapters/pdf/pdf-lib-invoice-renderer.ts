import { PDFDocument } from 'pdf-lib';
import type { InvoiceDocumentRenderer } from '../../ports/invoice-document-renderer.js';
import { DocumentFonts, type Weight } from './document-fonts.js';
import { type InvoiceLayout, type RowSpec, invoiceLayout } from './invoice-layout.js';
import { type Cell, PageWriter, lineHeight } from './page-writer.js';
import { layoutText } from './text-layout.js';

/**
 * An A4 invoice drawn with pdf-lib in Google's Noto fonts, which cover Latin, Greek, Cyrillic, Arabic,
 * Hebrew, Chinese, Japanese and Korean. Only the fonts that the invoice's text needs are read and
 * embedded, each subset to the glyphs drawn (a Latin-only invoice is about 10 KiB). Every field wraps
 * within its column, rows grow to fit, the table continues on new pages under a repeated header, and the
 * totals stay on the page of the last line.
 */
export const pdfLibInvoiceRenderer: InvoiceDocumentRenderer = {
  async renderPdf(input) {
    const layout = invoiceLayout(input);
    const doc = await PDFDocument.create();
    doc.setTitle(layout.title);
    doc.setAuthor(layout.author);
    doc.setCreationDate(input.now);
    doc.setModificationDate(input.now);
    const fonts = await DocumentFonts.embed(doc, textsOf(layout));
    const cells = (row: RowSpec): Promise<Cell[]> => Promise.all(row.cells.map(async (cell) => ({
      ...cell, lines: (await Promise.all(cell.paragraphs.map((p) => layoutText(fonts, p, cell.width, cell.style)))).flat(),
    })));
    const height = (row: Cell[], padding = 0) => Math.max(0, ...row.map((c) => c.lines.length * lineHeight(c.style))) + padding;

    const writer = new PageWriter(doc, layout.geometry);
    for (const row of layout.heading) writer.row(await cells(row), row.padding);

    const header = await cells(layout.tableHeader);
    const drawHeader = () => {
      writer.row(header, layout.tableHeader.padding);
      writer.rule(writer.left, writer.right, 6);
    };
    // The header, the rule under it and the first line go on one page together.
    const items = await Promise.all(layout.items.map(cells));
    writer.keepTogether(height(header, layout.tableHeader.padding) + 6 + height(items[0] ?? []));
    drawHeader();
    writer.onNewPage = drawHeader;

    const totals = await Promise.all(layout.totals.map(cells));
    const totalsHeight = 10 + totals.reduce((sum, row, i) => sum + height(row, layout.totals[i]!.padding), 0);
    items.forEach((row, i) => {
      const last = i === items.length - 1;
      if (last) writer.keepTogether(height(row, layout.items[i]!.padding) + totalsHeight);
      writer.row(row, layout.items[i]!.padding);
    });
    writer.rule(writer.left + (writer.right - writer.left) / 2, writer.right, 10);
    totals.forEach((row, i) => writer.row(row, layout.totals[i]!.padding));
    writer.onNewPage = undefined;

    const pages = writer.pages.length;
    for (const [i] of writer.pages.entries()) {
      writer.drawAt(i, layout.geometry.margin + layout.geometry.footerHeight - 8, await cells(layout.footer(i + 1, pages)));
    }
    // No yielding to the event loop every 50 objects (a timer each: milliseconds of idle time on a
    // one-request Lambda), and no empty AcroForm: an invoice has no form fields.
    return doc.save({ objectsPerTick: Number.POSITIVE_INFINITY, updateFieldAppearances: false });
  },
};

/** Every text the document will draw, by weight: the fonts to embed are chosen from these. */
function textsOf(layout: InvoiceLayout): Record<Weight, string[]> {
  const texts: Record<Weight, string[]> = { regular: [], bold: [] };
  const rows = [...layout.heading, layout.tableHeader, ...layout.items, ...layout.totals, layout.footer(1, 1)];
  for (const row of rows) for (const cell of row.cells) texts[cell.style.weight].push(...cell.paragraphs);
  return texts;
}
