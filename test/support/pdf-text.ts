import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

/** One piece of drawn text as a PDF reader finds it: its characters and where its glyphs lie, in points. */
export interface DrawnText {
  readonly str: string;
  readonly dir: string;
  /** Left end of the baseline, from the page's bottom-left corner. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** The font size. */
  readonly size: number;
}

export interface ReadPage {
  readonly width: number;
  readonly height: number;
  /** Text pieces in the order the page draws them (PDF.js turns right-to-left pieces back into reading order). */
  readonly items: readonly DrawnText[];
  /** The page's text, pieces in drawing order, a newline where PDF.js sees a line end. */
  readonly text: string;
}

/**
 * Reads a PDF back as a reader does, with Mozilla's PDF.js: what each page says (through the fonts'
 * ToUnicode maps, as copy-and-paste and search get it) and where every piece of text is drawn.
 */
export async function readPdf(pdf: Uint8Array): Promise<ReadPage[]> {
  // PDF.js takes ownership of the buffer it is given.
  const task = getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages: ReadPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const raw = content.items.filter((item): item is TextItem => 'str' in item);
      const items = raw
        // PDF.js adds zero-height "space" items for gaps it sees between pieces; nothing is drawn there.
        .filter((item) => item.str.trim() !== '')
        .map((item) => ({
          str: item.str, dir: item.dir, x: item.transform[4] as number, y: item.transform[5] as number,
          width: item.width, size: Math.hypot(item.transform[2] as number, item.transform[3] as number),
        }));
      const text = raw.map((item) => item.str + (item.hasEOL ? '\n' : '')).join('');
      pages.push({ width, height, items, text });
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** Text with all white space removed: wrapping moves line ends, and readers guess spaces between pieces. */
export const squeeze = (text: string): string => text.replace(/\s+/gu, '');

/** The ink box of a piece: the baseline's length, from a descender's depth to a capital's height. */
export function boxOf(item: DrawnText): { left: number; right: number; bottom: number; top: number } {
  return { left: item.x, right: item.x + item.width, bottom: item.y - 0.25 * item.size, top: item.y + 0.9 * item.size };
}

/** Pairs of pieces on one page whose boxes overlap by more than `tolerance` points both ways. */
export function overlaps(items: readonly DrawnText[], tolerance = 0.5): Array<[DrawnText, DrawnText]> {
  const found: Array<[DrawnText, DrawnText]> = [];
  const boxes = items.map(boxOf);
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const dy = Math.min(a.top, b.top) - Math.max(a.bottom, b.bottom);
      if (dx > tolerance && dy > tolerance) found.push([items[i]!, items[j]!]);
    }
  }
  return found;
}

/** Pieces that reach closer than `margin` points to an edge of the page. */
export function outsideMargins(page: ReadPage, margin: number): DrawnText[] {
  return page.items.filter((item) => {
    const box = boxOf(item);
    return box.left < margin - 0.01 || box.right > page.width - margin + 0.01
      || box.bottom < margin - 0.01 || box.top > page.height - margin + 0.01;
  });
}
