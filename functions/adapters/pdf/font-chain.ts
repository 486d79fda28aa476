import type { Font } from 'fontkit';
import { readFileSync } from 'node:fs';
import { FONT_FAMILIES, type FontFamilyName, type FontFile, fontFilePath } from './font-files.js';
import { fontkitForPdfLib } from './fontkit-for-pdf-lib.js';

/** A stretch of a text, `[start, end)` in UTF-16 units, that one font family draws. */
export interface FontSegment {
  readonly start: number;
  readonly end: number;
  readonly family: FontFamilyName;
}

interface LoadedFile {
  readonly bytes: Uint8Array;
  readonly font: Font;
}

/** Files read and parsed once per process; a warm Lambda container reuses them. */
const files = new Map<string, LoadedFile>();

/** The bytes and parsed font of a file, read on first use (only the scripts an invoice needs). */
export function loadFontFile(file: FontFile): LoadedFile {
  let loaded = files.get(file.file);
  if (!loaded) {
    const bytes = readFileSync(fontFilePath(file));
    loaded = { bytes, font: fontkitForPdfLib.create(bytes) as unknown as Font };
    files.set(file.file, loaded);
  }
  return loaded;
}

const covers = (family: FontFamilyName, codePoint: number): boolean =>
  loadFontFile(FONT_FAMILIES[family].regular).font.hasGlyphForCodePoint(codePoint);

/** Spaces, digits, punctuation and combining marks: they stay in the font of the text around them. */
const SHARED = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

/**
 * The families to try for a text, in order. Han characters are drawn in the face of the text's
 * language, told by its kana (Japanese) or Hangul (Korean); Chinese otherwise.
 */
function fallbackOrder(text: string): readonly FontFamilyName[] {
  const cjk: FontFamilyName[] = /\p{Script=Hangul}/u.test(text)
    ? ['korean', 'japanese', 'chinese']
    : /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text) ? ['japanese', 'chinese', 'korean'] : ['chinese', 'japanese', 'korean'];
  return ['sans', 'arabic', 'hebrew', ...cjk];
}

/**
 * Splits a text into the stretches each font family draws: font fallback by glyph coverage, as a
 * browser does it. A character goes to the first family in the fallback order that is meant for it
 * (`FontFamily.for`, checked without reading the file) and has its glyph; shared characters (spaces,
 * digits, punctuation, marks) stay with the family of the text before them when it has them, so an
 * Arabic phrase is not cut into words. A character that no family is meant for (a symbol such as ①)
 * is looked up in every family, which reads them all once per process; one that none has goes to
 * Noto Sans, which prints its "missing glyph" box rather than another character.
 */
export function fontSegments(text: string): FontSegment[] {
  const order = fallbackOrder(text);
  const segments: FontSegment[] = [];
  let current: FontFamilyName | undefined;
  let index = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    const family = current && SHARED.test(character) && covers(current, codePoint)
      ? current
      : order.find((f) => FONT_FAMILIES[f].for.test(character) && covers(f, codePoint))
        ?? order.find((f) => covers(f, codePoint))
        ?? 'sans';
    const last = segments.at(-1);
    if (last && last.family === family) segments[segments.length - 1] = { ...last, end: index + character.length };
    else segments.push({ start: index, end: index + character.length, family });
    current = family;
    index += character.length;
  }
  return segments;
}
