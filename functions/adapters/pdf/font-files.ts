import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One TrueType file, shipped by an npm package of Google's Noto fonts. */
export interface FontFile {
  /** The file's name, also its name in the Lambda bundle's `fonts/` folder. */
  readonly file: string;
  readonly package: string;
  /** The file's path inside its package. */
  readonly path: string;
}

/**
 * A typeface of the fallback chain. `bold` is absent where the bold file would add megabytes (the CJK
 * faces); bold text in those scripts prints in the regular weight.
 */
export interface FontFamily {
  readonly name: string;
  readonly regular: FontFile;
  readonly bold?: FontFile;
  /**
   * Characters this family is for, checked before the file is read, so that an invoice in Latin script
   * never loads the 6-11 MB CJK files (cold start). The font's own cmap then decides.
   */
  readonly for: RegExp;
}

/** A file of the `@expo-google-fonts` packages: Google Fonts' own static TrueType builds. */
const google = (pkg: string, style: string, name: string): FontFile => ({
  file: `${name}_${style}.ttf`, package: `@expo-google-fonts/${pkg}`, path: `${style}/${name}_${style}.ttf`,
});

/**
 * Arabic comes from an earlier Noto Naskh build that has a glyph for every joining form of every
 * letter. Google's current Arabic builds draw many letters as a shared dotless form plus dot marks:
 * pdf-lib places marks without their OpenType offsets, and text copied from the PDF then comes out as
 * the wrong letters (a glyph shared by ق and ف maps back to one of them only).
 */
const naskh = (style: 'Regular' | 'Bold'): FontFile => ({
  file: `NotoNaskhArabic-${style}.ttf`, package: '@embedpdf/fonts-arabic', path: `fonts/NotoNaskhArabic-${style}.ttf`,
});

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;

/**
 * The fallback chain, in the order it is tried. Noto Sans covers Latin (Central European and
 * Vietnamese included), Greek and Cyrillic; the others add one script each. Of the three CJK faces,
 * the one matching the text's language is tried first (`fallbackOrder` in font-chain.ts): Japanese kanji and Korean hanja
 * take their own forms, which the Chinese face does not draw.
 */
export const FONT_FAMILIES = {
  sans: {
    name: 'Noto Sans', for: /[^]/u,
    regular: google('noto-sans', '400Regular', 'NotoSans'), bold: google('noto-sans', '700Bold', 'NotoSans'),
  },
  arabic: {
    name: 'Noto Naskh Arabic', for: /[\p{Script=Arabic}]/u,
    regular: naskh('Regular'), bold: naskh('Bold'),
  },
  hebrew: {
    name: 'Noto Sans Hebrew', for: /[\p{Script=Hebrew}]/u,
    regular: google('noto-sans-hebrew', '400Regular', 'NotoSansHebrew'), bold: google('noto-sans-hebrew', '700Bold', 'NotoSansHebrew'),
  },
  chinese: { name: 'Noto Sans SC', for: CJK, regular: google('noto-sans-sc', '400Regular', 'NotoSansSC') },
  japanese: { name: 'Noto Sans JP', for: CJK, regular: google('noto-sans-jp', '400Regular', 'NotoSansJP') },
  korean: { name: 'Noto Sans KR', for: CJK, regular: google('noto-sans-kr', '400Regular', 'NotoSansKR') },
} as const satisfies Record<string, FontFamily>;

export type FontFamilyName = keyof typeof FONT_FAMILIES;

/** Every file the renderer may read: what the Lambda bundle must carry. */
export const fontFiles = (): FontFile[] =>
  Object.values(FONT_FAMILIES as Record<string, FontFamily>).flatMap((f) => (f.bold ? [f.regular, f.bold] : [f.regular]));

/** The folder beside the bundled handler that holds the font files (see lib/api.ts). */
export const BUNDLED_FONT_FOLDER = 'fonts';

const nodeModules = createRequire(import.meta.url);

/**
 * The path of a font file: in the Lambda bundle, the copy in `fonts/` beside the bundled module; when
 * run from source (tests, `npm start`), the file in node_modules.
 */
export function fontFilePath(font: FontFile): string {
  const bundled = fileURLToPath(new URL(`./${BUNDLED_FONT_FOLDER}/${font.file}`, import.meta.url));
  return existsSync(bundled) ? bundled : installedFontPath(font);
}

/**
 * Where npm put a font file on this machine: the source of the copy made at bundling. Looked up by
 * package folder, since a package's `exports` may not list its font files.
 */
export function installedFontPath(font: FontFile): string {
  for (const folder of nodeModules.resolve.paths(font.package) ?? []) {
    const candidate = path.join(folder, font.package, font.path);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`Font file ${font.package}/${font.path} is not installed`);
}
