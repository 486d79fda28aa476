import type { RenderInvoiceInput } from '../../ports/invoice-document-renderer.js';
import { formatAmount, formatDate, formatInvoiceNumber, formatQuantity } from './invoice-formats.js';
import { paymentMethodLabel } from './payment-label.js';
import type { Cell, PageGeometry } from './page-writer.js';
import type { TextStyle } from './text-layout.js';

/** A cell before layout: its paragraphs, each wrapped to the cell's width. */
export type CellSpec = Omit<Cell, 'lines'> & { readonly paragraphs: readonly string[] };

export interface RowSpec {
  readonly cells: readonly CellSpec[];
  /** Points of space below the row. */
  readonly padding?: number;
}

/** What goes where on the invoice, as text not yet laid out. */
export interface InvoiceLayout {
  readonly geometry: PageGeometry;
  readonly heading: readonly RowSpec[];
  /** Repeated at the top of every page the table continues on. */
  readonly tableHeader: RowSpec;
  readonly items: readonly RowSpec[];
  /** Kept on one page together with the last item, never left alone on a page. */
  readonly totals: readonly RowSpec[];
  readonly footer: (page: number, pages: number) => RowSpec;
  /** The document's title and author (file properties). */
  readonly title: string;
  readonly author: string;
}

export const A4: PageGeometry = { width: 595.28, height: 841.89, margin: 48, footerHeight: 24 };
const TITLE: TextStyle = { size: 16, weight: 'bold' };
const BODY: TextStyle = { size: 10, weight: 'regular' };
const STRONG: TextStyle = { size: 10, weight: 'bold' };
const SMALL: TextStyle = { size: 8, weight: 'regular' };
const GAP = 12;

const statusLabel = { draft: 'DRAFT', open: 'UNPAID', paid: 'PAID', void: 'VOID' } as const;

/**
 * Printable text: Unicode NFC (so "Ż" typed as Z + combining dot is one glyph), tabs as spaces, other
 * control characters removed. Nothing is shortened.
 */
export const clean = (text: string): string =>
  text.normalize('NFC').replace(/\t/g, ' ').replace(/[\p{Cc}--[\n]]/gv, '');

/**
 * The invoice on A4: the seller and the invoice number; who is billed (name, billing address, tax ID,
 * email) beside the dates and status; the lines (description, quantity, unit price, amount); the totals.
 * Every field wraps within its own column.
 */
export function invoiceLayout({ invoice, customer, seller, billingAddress, taxId, payments = [] }: RenderInvoiceInput, geometry = A4): InvoiceLayout {
  const s = invoice.state;
  const number = formatInvoiceNumber(s.number);
  const left = geometry.margin;
  const width = geometry.width - 2 * geometry.margin;
  const half = (width - 2 * GAP) / 2;
  const cell = (x: number, w: number, paragraphs: readonly (string | undefined)[], style: TextStyle, align: CellSpec['align'] = 'start'): CellSpec =>
    ({ x, width: w, align, style, paragraphs: paragraphs.filter((p): p is string => p !== undefined && p.trim() !== '').map(clean) });
  const rightX = left + width - half;

  // Table columns, right to left: amount, unit price, quantity; the description takes what is left.
  const amountW = 92;
  const unitW = 92;
  const qtyW = 60;
  const amountX = left + width - amountW;
  const unitX = amountX - GAP - unitW;
  const qtyX = unitX - GAP - qtyW;
  const descriptionW = qtyX - GAP - left;
  const tableRow = (cells: [string, string, string, string], style: TextStyle, padding: number): RowSpec => ({
    padding,
    cells: [
      cell(left, descriptionW, [cells[0]], style),
      cell(qtyX, qtyW, [cells[1]], style, 'right'),
      cell(unitX, unitW, [cells[2]], style, 'right'),
      cell(amountX, amountW, [cells[3]], style, 'right'),
    ],
  });
  const labelX = qtyX;
  const labelW = amountX - GAP - labelX;
  const total = (label: string, value: string, style: TextStyle): RowSpec =>
    ({ padding: 4, cells: [cell(labelX, labelW, [label], style, 'right'), cell(amountX, amountW, [value], style, 'right')] });
  // A payment's label ("Paid 2026-03-20 · Visa ending in 4242") is longer than a total's: it may use the row.
  const paymentRow = (label: string, value: string): RowSpec =>
    ({ padding: 4, cells: [cell(left, amountX - GAP - left, [label], BODY, 'right'), cell(amountX, amountW, [value], BODY, 'right')] });

  return {
    geometry,
    title: `Invoice ${number}`,
    author: clean(seller.name),
    heading: [
      { padding: 6, cells: [cell(left, half, [seller.name], TITLE), cell(rightX, half, [`Invoice ${number}`], TITLE, 'right')] },
      { padding: 28, cells: [cell(left, half, [...seller.addressLines, seller.email, seller.taxId && `Tax ID: ${seller.taxId}`], BODY)] },
      { padding: 2, cells: [cell(left, half, ['Billed to'], STRONG)] },
      {
        padding: 28,
        cells: [
          cell(left, half, [customer.name, ...(billingAddress ?? []), taxId && `Tax ID: ${taxId}`, customer.email], BODY),
          cell(rightX, half, [
            `Issued: ${formatDate(s.issuedAt)}`, `Due: ${formatDate(s.dueDate)}`, `Status: ${statusLabel[s.status]}`,
          ], BODY, 'right'),
        ],
      },
    ],
    tableHeader: tableRow(['Description', 'Qty', 'Unit price', 'Amount'], STRONG, 6),
    items: s.lines.map((line) => tableRow(
      [line.description, formatQuantity(line.quantity), formatAmount(line.unitAmount), formatAmount(line.amount)], BODY, 6,
    )),
    totals: [
      total('Total', formatAmount(invoice.total), STRONG),
      total('Amount paid', formatAmount(invoice.amountPaid), BODY),
      total('Amount due', formatAmount(invoice.amountDue), STRONG),
      // How and when it was paid, so that a paid invoice's PDF serves as its receipt.
      ...(payments.length ? [{ padding: 4, cells: [cell(labelX, labelW + GAP + amountW, ['Payments'], STRONG, 'right')] }] : []),
      ...payments.map(({ payment, amount }) =>
        paymentRow(`Paid ${formatDate(payment.receivedAt)} · ${paymentMethodLabel(payment)}`, formatAmount(amount))),
      ...(invoice.amountRefunded.amountMinor > 0 ? [paymentRow('Refunded since', formatAmount(invoice.amountRefunded))] : []),
    ],
    footer: (page, pages) => ({
      cells: [cell(left, width, [`Invoice ${number} · page ${page} of ${pages}`], SMALL, 'right')],
    }),
  };
}
