import { BUNDLED_FONT_FOLDER, fontFiles, installedFontPath } from './font-files.js';

/**
 * What the PDF renderer needs beside its bundled code: every font file of the fallback chain, by its
 * path in the bundle folder (`fonts/<file>`), from where npm installed it. lib/api.ts gives this to the
 * function that renders invoices; `fontFilePath` finds the copies at run time.
 */
export function pdfBundleFiles(): Record<string, string> {
  return Object.fromEntries(fontFiles().map((font) => [`${BUNDLED_FONT_FOLDER}/${font.file}`, installedFontPath(font)]));
}
