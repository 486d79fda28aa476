import { type OrderedLine, orderLines } from './bidi-order.js';
import type { DocumentFonts, FontRun, Weight } from './document-fonts.js';
import { breakLines } from './line-breaking.js';

export interface TextStyle {
  /** Font size in points. */
  readonly size: number;
  readonly weight: Weight;
}

/** A laid-out line: pieces placed left to right; `rtl` lines align to the right of their column. */
export type Line = OrderedLine;

/**
 * Lays a text out in lines no wider than `maxWidth` points: each character in a font that has it
 * (DocumentFonts), the text broken where Unicode allows (line-breaking.ts) and each line put in display
 * order (bidi-order.ts).
 */
export async function layoutText(fonts: DocumentFonts, text: string, maxWidth: number, style: TextStyle): Promise<Line[]> {
  const runs = fonts.runs(text, style.weight);
  const spans = await breakLines(text, maxWidth, (start, end) => measure(text, runs, start, end, style.size));
  return orderLines(text, runs, spans, style.size);
}

/** The width in points of `[start, end)` of a text, each run in its own font. */
function measure(text: string, runs: readonly FontRun[], start: number, end: number, size: number): number {
  let total = 0;
  for (const run of runs) {
    const from = Math.max(start, run.start);
    const to = Math.min(end, run.end);
    if (from < to) total += run.font.widthOfTextAtSize(text.slice(from, to), size);
  }
  return total;
}
