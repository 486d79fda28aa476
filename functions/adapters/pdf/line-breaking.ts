import type LineBreakerClass from 'linebreak';

/** `[start, end)` of a line in its text, in UTF-16 units. */
export type Span = [start: number, end: number];

const TRAILING_SPACE = /\s+$/u;

/** The end of `[start, end)` without its trailing white space (spaces, the newline). */
export const contentEnd = (text: string, start: number, end: number): number =>
  start + text.slice(start, end).replace(TRAILING_SPACE, '').length;

// Both are loaded on first need: most invoice fields fit on one line, and each costs a cold start
// ~10 ms to set up (linebreak decodes its Unicode table when loaded, ICU's segmenter when created).
let breakerClass: Promise<typeof LineBreakerClass> | undefined;
let graphemes: Intl.Segmenter | undefined;

/**
 * Breaks a text into lines no wider than `maxWidth`, as a browser would: where Unicode allows
 * (UAX #14, the `linebreak` package: after spaces, between CJK characters, after hyphens), and inside
 * a word only when the word alone is wider than the line (a long URL), between grapheme clusters, so
 * nothing is ever cut off. A newline ends a line. Trailing spaces are left out of each span.
 * `width(start, end)` measures a stretch of the text in points.
 */
export async function breakLines(text: string, maxWidth: number, width: (start: number, end: number) => number): Promise<Span[]> {
  const end = contentEnd(text, 0, text.length);
  if (!/[\n\r\u2028\u2029]/u.test(text) && width(0, end) <= maxWidth) return [[0, end]];
  breakerClass ??= import('linebreak').then((module) => module.default);
  const breaker = new (await breakerClass)(text);
  const fits = (start: number, stop: number) => width(start, contentEnd(text, start, stop)) <= maxWidth;
  const lines: Span[] = [];
  let start = 0;
  let fitted = -1; // the furthest break so far at which the current line still fits
  for (let next = breaker.nextBreak(); next; next = breaker.nextBreak()) {
    const { position, required } = next;
    while (!fits(start, position)) {
      if (fitted > start) {
        lines.push([start, contentEnd(text, start, fitted)]);
        start = fitted;
        fitted = -1;
        continue;
      }
      // One unbreakable word wider than the line: as many grapheme clusters as fit go on this line.
      const cut = widestFit(text, start, position, maxWidth, width);
      lines.push([start, cut]);
      start = cut;
    }
    fitted = position;
    if (required || position === text.length) {
      lines.push([start, contentEnd(text, start, position)]);
      start = position;
      fitted = -1;
    }
  }
  return lines.length ? lines : [[0, 0]];
}

function widestFit(text: string, start: number, end: number, maxWidth: number, width: (s: number, e: number) => number): number {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let cut = start;
  for (const { index, segment } of graphemes.segment(text.slice(start, end))) {
    const next = start + index + segment.length;
    if (cut > start && width(start, next) > maxWidth) break;
    cut = next; // at least one cluster per line, however narrow the column
  }
  return cut;
}
