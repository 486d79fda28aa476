import { create, type Font, type Glyph } from 'fontkit';
import type { PDFDocument } from 'pdf-lib';
import { Readable } from 'node:stream';

type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];

/**
 * Text that must go through OpenType shaping: Arabic joining forms and lam-alef ligatures, Hebrew
 * points, combining marks in any script, conjoining Hangul jamo. Everything else (Latin, Greek,
 * Cyrillic, CJK, digits, punctuation) maps one character to one glyph through the cmap. That skips
 * optional ligatures such as "fi" (which also keeps copied text plain) and nothing else pdf-lib would
 * use (it ignores OpenType positioning), and saves fontkit's OpenType pass at every cold start.
 */
const NEEDS_SHAPING = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{M}\u1100-\u11ff\u200c\u200d]/u;

/** Fonts parsed once per process (a Lambda container), keyed by the bytes they were read from. */
const parsed = new WeakMap<Uint8Array, Font>();

/**
 * Adapts fontkit 2 to the interface pdf-lib 1.17 expects of "a fontkit".
 *
 * pdf-lib's own fork, `@pdf-lib/fontkit` 1.1, writes broken subsets of fonts whose glyph records have
 * odd lengths (a small subset gets short `loca` offsets, stored halved, which cannot point at odd
 * offsets), and Google's current Noto builds have such glyphs: most characters then print blank. fontkit 2 keeps the font's own `loca` format, but
 * returns the subset as bytes where pdf-lib expects a stream, which `encodeStream` below provides.
 */
export const fontkitForPdfLib: PdfLibFontkit = {
  create(data: Uint8Array) {
    let font = parsed.get(data);
    if (!font) {
      const created = create(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      if (!('layout' in created)) throw new TypeError('Expected a single font, got a font collection');
      font = withSimpleLayout(withStreamingSubset(withPostHeaderOnly(created, data)));
      parsed.set(data, font);
    }
    return font as unknown as ReturnType<PdfLibFontkit['create']>;
  },
};

/**
 * pdf-lib reads two fields of the `post` table (italic angle, fixed pitch). fontkit decodes the whole
 * table for them, with a name for each of the font's 4,500 (Latin) to 30,000 (CJK) glyphs: tens of
 * milliseconds at cold start. The two fields sit at fixed offsets of the table's header.
 */
function withPostHeaderOnly(font: Font, data: Uint8Array): Font {
  const internals = font as unknown as { directory: { tables: Record<string, { offset: number }> }; _tables: Record<string, unknown> };
  const post = internals.directory.tables['post'];
  if (post) {
    const header = new DataView(data.buffer, data.byteOffset + post.offset, 16);
    internals._tables['post'] = { italicAngle: header.getInt32(4) / 65536, isFixedPitch: header.getUint32(12) !== 0 };
  }
  return font;
}

function withStreamingSubset(font: Font): Font {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    return Object.assign(subset, { encodeStream: () => Readable.from([subset.encode()]) });
  };
  return font;
}

/**
 * The layout pdf-lib asks for when it encodes and measures text:
 *  - for text that needs no shaping, one glyph per character from the cmap (see NEEDS_SHAPING);
 *  - otherwise fontkit's OpenType shaping, which also turns a right-to-left run into display order.
 *    A glyph that stands for several characters (the lam-alef ligature) then lists them in display
 *    order too, like the rest of the run: readers reverse a right-to-left string back into reading
 *    order character by character, and turn "لا" into "ال" otherwise when text is copied or searched.
 */
function withSimpleLayout(font: Font): Font {
  const layout = font.layout.bind(font);
  font.layout = ((text: string, ...rest: Parameters<Font['layout']> extends [string, ...infer R] ? R : never) => {
    if (!NEEDS_SHAPING.test(text)) {
      const glyphs: Glyph[] = [];
      for (const character of text) glyphs.push(font.glyphForCodePoint(character.codePointAt(0)!));
      return { glyphs } as unknown as ReturnType<Font['layout']>;
    }
    const run = layout(text, ...rest);
    if (run.direction !== 'rtl') return run;
    // fontkit shares one Glyph object per glyph id, so the reordered list goes on a copy.
    run.glyphs = run.glyphs.map((glyph) => (glyph.codePoints.length > 1
      ? Object.create(glyph, { codePoints: { value: [...glyph.codePoints].reverse() } }) as Glyph
      : glyph));
    return run;
  }) as Font['layout'];
  return font;
}
