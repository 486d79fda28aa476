import bidiJs from 'bidi-js';
import LineBreaker from 'linebreak';
import type { PDFFont } from 'pdf-lib';
import type { DocumentFonts, FontRun, Weight } from './document-fonts.js';

// bidi-js is CommonJS whose module.exports is the factory; its typings declare it as an ES default export.
const bidi = (bidiJs as unknown as typeof bidiJs.default)();

export interface TextStyle {
  /** Font size in points. */
  readonly size: number;
  readonly weight: Weight;
}

/** What one drawing call prints: a piece of one font and one direction, at `x` from the line's left. */
export interface Piece {
  /** The characters to hand to pdf-lib: logical order for right-to-left script (fontkit shapes and reverses it), visual otherwise. */
  readonly text: string;
  readonly font: PDFFont;
  readonly x: number;
  readonly width: number;
  /** Where the piece starts in the paragraph, so pieces can be drawn in reading order. */
  readonly logicalStart: number;
}

export interface Line {
  readonly pieces: readonly Piece[];
  readonly width: number;
  /** The line's paragraph reads right to left: it aligns to the right of its column. */
  readonly rtl: boolean;
}

/** Holds a right-to-left letter (Hebrew, Arabic and their kin), which makes fontkit shape and reverse it. */
const hasRtlLetter = (text: string) => [...text].some((c) => { const type = bidi.getBidiCharTypeName(c); return type === 'R' || type === 'AL'; });
const TRAILING_SPACE = /\s+$/u;
/** Made on first need: most invoices never break inside a word, and ICU's segmenter costs ~10 ms to create. */
let graphemes: Intl.Segmenter | undefined;

/**
 * Lays a text out in lines no wider than `maxWidth` points, the way a browser would:
 *  - breaks where Unicode allows (UAX #14, the `linebreak` package: after spaces, between CJK
 *    characters, after hyphens), and inside a word only when the word alone is wider than the
 *    column (a long URL), between grapheme clusters, so nothing is ever cut off;
 *  - orders each line for display by the Unicode bidi algorithm (`bidi-js`), so Arabic and Hebrew read
 *    right to left, with numbers and Latin words inside them left to right;
 *  - splits each line into pieces of one font (the fallback chain) and one direction.
 * Newlines in the text end a line.
 */
export function layoutText(fonts: DocumentFonts, text: string, maxWidth: number, style: TextStyle): Line[] {
  const runs = fonts.runs(text, style.weight);
  const width = (start: number, end: number) => measure(text, runs, start, end, style.size);
  const end = text.replace(TRAILING_SPACE, '').length;
  const spans = !text.includes('\n') && width(0, end) <= maxWidth ? [[0, end] as [number, number]] : breakLines(text, maxWidth, width);
  if (!MAY_BE_RTL.test(text)) return spans.map(([start, end]) => leftToRight(text, runs, start, end, style.size));
  const levels = bidi.getEmbeddingLevels(text);
  return spans.map(([start, end]) => orderLine(text, runs, levels, start, end, style.size));
}

/**
 * Characters that can make text right to left (Hebrew, Arabic and the other RTL blocks, and the
 * explicit RTL marks). Text without them is one left-to-right run; the bidi algorithm is skipped.
 */
const MAY_BE_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u202b\u202e\u2067\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

function leftToRight(text: string, runs: readonly FontRun[], start: number, end: number, size: number): Line {
  const pieces: Piece[] = [];
  let x = 0;
  for (const run of runs) {
    const from = Math.max(start, run.start);
    const to = Math.min(end, run.end);
    if (from >= to) continue;
    const piece = text.slice(from, to);
    const width = run.font.widthOfTextAtSize(piece, size);
    pieces.push({ text: piece, font: run.font, x, width, logicalStart: from });
    x += width;
  }
  return { pieces, width: x, rtl: false };
}

function measure(text: string, runs: readonly FontRun[], start: number, end: number, size: number): number {
  let total = 0;
  for (const run of runs) {
    const from = Math.max(start, run.start);
    const to = Math.min(end, run.end);
    if (from < to) total += run.font.widthOfTextAtSize(text.slice(from, to), size);
  }
  return total;
}

/** `[start, end)` of each line, trailing spaces and the newline left out. */
function breakLines(text: string, maxWidth: number, width: (start: number, end: number) => number): Array<[number, number]> {
  const lines: Array<[number, number]> = [];
  const contentEnd = (start: number, end: number) => start + text.slice(start, end).replace(TRAILING_SPACE, '').length;
  const fits = (start: number, end: number) => width(start, contentEnd(start, end)) <= maxWidth;
  const breaker = new LineBreaker(text);
  let start = 0;
  let fitted = -1; // the furthest break so far at which the current line still fits
  for (let next = breaker.nextBreak(); next; next = breaker.nextBreak()) {
    const { position, required } = next;
    while (!fits(start, position)) {
      if (fitted > start) {
        lines.push([start, contentEnd(start, fitted)]);
        start = fitted;
        fitted = -1;
        continue;
      }
      // One unbreakable word wider than the column: as many grapheme clusters as fit go on this line.
      const cut = widestFit(text, start, position, maxWidth, width);
      lines.push([start, cut]);
      start = cut;
    }
    fitted = position;
    if (required || position === text.length) {
      lines.push([start, contentEnd(start, position)]);
      start = position;
      fitted = -1;
    }
  }
  return lines.length ? lines : [[0, 0]];
}

function widestFit(text: string, start: number, end: number, maxWidth: number, width: (s: number, e: number) => number): number {
  let cut = start;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { index, segment } of graphemes.segment(text.slice(start, end))) {
    const next = start + index + segment.length;
    if (cut > start && width(start, next) > maxWidth) break;
    cut = next; // at least one cluster per line, however narrow the column
  }
  return cut;
}

type Levels = ReturnType<typeof bidi.getEmbeddingLevels>;

function orderLine(text: string, runs: readonly FontRun[], levels: Levels, start: number, end: number, size: number): Line {
  const paragraph = levels.paragraphs.find((p) => p.start <= start && start <= p.end) ?? levels.paragraphs[0];
  const rtl = ((paragraph?.level ?? 0) & 1) === 1;
  if (end <= start) return { pieces: [], width: 0, rtl };
  const visual = Array.from({ length: end - start }, (_, i) => start + i);
  for (const [from, to] of bidi.getReorderSegments(text, levels, start, end - 1) as Array<[number, number]>) {
    visual.splice(from - start, to - from + 1, ...visual.slice(from - start, to - start + 1).reverse());
  }
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels, start, end - 1);
  const runOf = (i: number) => runs.findIndex((r) => r.start <= i && i < r.end);
  const pieces: Piece[] = [];
  let x = 0;
  for (let i = 0; i < visual.length;) {
    const first = visual[i]!;
    const odd = (levels.levels[first]! & 1) === 1;
    const run = runOf(first);
    let j = i + 1;
    while (j < visual.length && visual[j] === visual[j - 1]! + (odd ? -1 : 1) && runOf(visual[j]!) === run
      && (levels.levels[visual[j]!]! & 1) === (odd ? 1 : 0)) j++;
    const from = odd ? visual[j - 1]! : first;
    const to = (odd ? first : visual[j - 1]!) + 1;
    let logical = '';
    for (let k = from; k < to; k++) logical += mirrored.get(k) ?? text[k];
    // fontkit reverses a run itself when it holds right-to-left letters; a run of neutrals only is handed over in display order.
    const piece = odd && !hasRtlLetter(logical) ? [...logical].reverse().join('') : logical;
    const font = runs[run]!.font;
    const w = font.widthOfTextAtSize(piece, size);
    pieces.push({ text: piece, font, x, width: w, logicalStart: from });
    x += w;
    i = j;
  }
  return { pieces, width: x, rtl };
}
