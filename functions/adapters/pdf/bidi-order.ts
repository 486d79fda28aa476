import bidiJs from 'bidi-js';
import type { FontRun } from './document-fonts.js';
import type { Span } from './line-breaking.js';

/** What one drawing call prints: a piece of one font and one direction, at `x` from the line's left. */
export interface Piece {
  /**
   * The characters to hand to pdf-lib: in reading order when they hold right-to-left letters (fontkit
   * shapes such a run and turns it into display order itself), in display order otherwise.
   */
  readonly text: string;
  readonly font: FontRun['font'];
  readonly x: number;
  readonly width: number;
  /** Where the piece starts in its text, so that pieces are drawn in reading order. */
  readonly logicalStart: number;
}

/** The pieces of one line, left to right, and whether its paragraph reads right to left. */
export interface OrderedLine {
  readonly pieces: readonly Piece[];
  readonly width: number;
  readonly rtl: boolean;
}

type Bidi = ReturnType<typeof bidiJs.default>;
let bidi: Bidi | undefined;
// bidi-js is CommonJS whose module.exports is the factory; its typings declare an ES default export.
const bidiOf = (): Bidi => (bidi ??= (bidiJs as unknown as typeof bidiJs.default)());

/**
 * Characters that can make text right to left (Hebrew, Arabic and the other RTL blocks, the explicit
 * RTL marks). Text without them is a single left-to-right run, and the bidi algorithm is not run.
 */
const MAY_BE_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u202b\u202e\u2067\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/**
 * Orders the lines of a text for display by the Unicode bidi algorithm (`bidi-js`): Arabic and Hebrew
 * read right to left, numbers and Latin words inside them left to right, mirrored brackets mirrored.
 * Each line is cut into pieces of one font run and one direction, placed left to right.
 */
export function orderLines(text: string, runs: readonly FontRun[], spans: readonly Span[], size: number): OrderedLine[] {
  if (!MAY_BE_RTL.test(text)) return spans.map(([start, end]) => leftToRight(text, runs, start, end, size));
  const levels = bidiOf().getEmbeddingLevels(text);
  return spans.map(([start, end]) => bidiLine(text, runs, levels, start, end, size));
}

function leftToRight(text: string, runs: readonly FontRun[], start: number, end: number, size: number): OrderedLine {
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

type Levels = ReturnType<Bidi['getEmbeddingLevels']>;

function bidiLine(text: string, runs: readonly FontRun[], levels: Levels, start: number, end: number, size: number): OrderedLine {
  const b = bidiOf();
  const paragraph = levels.paragraphs.find((p) => p.start <= start && start <= p.end) ?? levels.paragraphs[0];
  const rtl = ((paragraph?.level ?? 0) & 1) === 1;
  if (end <= start) return { pieces: [], width: 0, rtl };
  const visual = Array.from({ length: end - start }, (_, i) => start + i);
  for (const [from, to] of b.getReorderSegments(text, levels, start, end - 1) as Span[]) {
    visual.splice(from - start, to - from + 1, ...visual.slice(from - start, to - start + 1).reverse());
  }
  const mirrored = b.getMirroredCharactersMap(text, levels.levels, start, end - 1);
  const odd = (i: number) => (levels.levels[i]! & 1) === 1;
  const runOf = (i: number) => runs.findIndex((r) => r.start <= i && i < r.end);
  const hasRtlLetter = (s: string) => [...s].some((c) => ['R', 'AL'].includes(b.getBidiCharTypeName(c)));
  const pieces: Piece[] = [];
  let x = 0;
  for (let i = 0; i < visual.length;) {
    // A piece: consecutive characters on screen that are consecutive in the text too, of one run and direction.
    const first = visual[i]!;
    const rtlPiece = odd(first);
    const run = runOf(first);
    let j = i + 1;
    while (j < visual.length && visual[j] === visual[j - 1]! + (rtlPiece ? -1 : 1) && runOf(visual[j]!) === run && odd(visual[j]!) === rtlPiece) j++;
    const from = rtlPiece ? visual[j - 1]! : first;
    const to = (rtlPiece ? first : visual[j - 1]!) + 1;
    let logical = '';
    for (let k = from; k < to; k++) logical += mirrored.get(k) ?? text[k];
    const piece = rtlPiece && !hasRtlLetter(logical) ? [...logical].reverse().join('') : logical;
    const font = runs[run]!.font;
    const width = font.widthOfTextAtSize(piece, size);
    pieces.push({ text: piece, font, x, width, logicalStart: from });
    x += width;
    i = j;
  }
  return { pieces, width: x, rtl };
}
