import { type PDFDocument, type PDFPage, rgb } from 'pdf-lib';
import type { Line, TextStyle } from './text-layout.js';

/** A column of a row: text already laid out in lines no wider than `width`. */
export interface Cell {
  /** Left edge, points from the page's left. */
  readonly x: number;
  readonly width: number;
  /** `start` follows the text's direction: left for Latin, right for Arabic and Hebrew. */
  readonly align: 'start' | 'left' | 'right';
  readonly lines: readonly Line[];
  readonly style: TextStyle;
}

export interface PageGeometry {
  /** Points; A4 is 595.28 × 841.89. */
  readonly width: number;
  readonly height: number;
  /** Nothing is drawn closer than this to any edge of the page. */
  readonly margin: number;
  /** Kept free above the bottom margin for the page footer. */
  readonly footerHeight: number;
}

const INK = rgb(0.1, 0.1, 0.1);
const RULE = rgb(0.6, 0.6, 0.6);

/** Line spacing for a font size: tall enough for CJK glyphs and Arabic marks, so lines never touch. */
export const lineHeight = (style: TextStyle): number => style.size * 1.4;

/**
 * Writes rows down the pages of a document, top to bottom, starting a new page when a row does not
 * fit. A row taller than a whole page is split between its lines, so no text is ever dropped.
 * `onNewPage` runs at the top of each page after the first (to repeat a table's header).
 */
export class PageWriter {
  readonly pages: PDFPage[] = [];
  onNewPage: (() => void) | undefined;
  private page!: PDFPage;
  /** The top of the space not yet written on the current page. */
  private y = 0;
  /** Nothing but `onNewPage` has been written on this page yet. */
  private fresh = true;

  constructor(private readonly doc: PDFDocument, readonly geometry: PageGeometry) {
    this.addPage();
  }

  get left(): number { return this.geometry.margin; }
  get right(): number { return this.geometry.width - this.geometry.margin; }
  private get bottom(): number { return this.geometry.margin + this.geometry.footerHeight; }

  /** Moves on to a new page unless `height` points still fit on this one (or this one is empty). */
  keepTogether(height: number): void {
    if (height > this.y - this.bottom && !this.fresh) this.addPage();
  }

  space(points: number): void {
    this.y = Math.max(this.bottom, this.y - points);
  }

  /** A thin horizontal rule across `[from, to]`, then `gap` points of space. */
  rule(from = this.left, to = this.right, gap = 4): void {
    this.page.drawLine({ start: { x: from, y: this.y }, end: { x: to, y: this.y }, thickness: 0.5, color: RULE });
    this.space(gap);
  }

  /** Draws the cells side by side from the current position; the row is as tall as its tallest cell. */
  row(cells: readonly Cell[], padding = 0): void {
    const height = Math.max(0, ...cells.map((c) => c.lines.length * lineHeight(c.style))) + padding;
    // A row that no page could hold is split from here rather than moved first and split anyway.
    if (height <= this.geometry.height - 2 * this.geometry.margin - this.geometry.footerHeight) this.keepTogether(height);
    let remaining = cells.map((c) => c.lines);
    while (remaining.some((lines) => lines.length > 0)) {
      const room = this.y - this.bottom;
      const top = this.y;
      let used = 0;
      remaining = remaining.map((lines, i) => {
        const cell = cells[i]!;
        const step = lineHeight(cell.style);
        const count = Math.min(lines.length, Math.max(this.fresh ? 1 : 0, Math.floor(room / step)));
        lines.slice(0, count).forEach((line, n) => this.drawLine(cell, line, top - n * step));
        used = Math.max(used, count * step);
        return lines.slice(count);
      });
      this.y = top - used;
      this.fresh = false;
      if (remaining.some((lines) => lines.length > 0)) this.addPage();
    }
    this.space(padding);
  }

  /** Draws one line with its top at `top`, its pieces in reading order (so text extracts as written). */
  private drawLine(cell: Cell, line: Line, top: number): void {
    const rightAligned = cell.align === 'right' || (cell.align === 'start' && line.rtl);
    const x = rightAligned ? cell.x + cell.width - line.width : cell.x;
    const baseline = top - cell.style.size * 1.1;
    for (const piece of [...line.pieces].sort((a, b) => a.logicalStart - b.logicalStart)) {
      this.page.drawText(piece.text, { x: x + piece.x, y: baseline, size: cell.style.size, font: piece.font, color: INK });
    }
  }

  private addPage(): void {
    this.page = this.doc.addPage([this.geometry.width, this.geometry.height]);
    this.pages.push(this.page);
    this.y = this.geometry.height - this.geometry.margin;
    this.fresh = true;
    if (this.pages.length > 1) this.onNewPage?.();
    this.fresh = true;
  }

  /** Draws cells at a fixed place on every page (a footer), outside the flow of rows. */
  drawAt(pageIndex: number, top: number, cells: readonly Cell[]): void {
    const page = this.pages[pageIndex]!;
    const current = this.page;
    this.page = page;
    for (const cell of cells) cell.lines.forEach((line, n) => this.drawLine(cell, line, top - n * lineHeight(cell.style)));
    this.page = current;
  }
}
