import type { PDFDocument, PDFFont } from 'pdf-lib';
import { FONT_FAMILIES, type FontFamily, type FontFamilyName, type FontFile } from './font-files.js';
import { type FontSegment, fontSegments, loadFontFile } from './font-chain.js';
import { fontkitForPdfLib } from './fontkit-for-pdf-lib.js';

export type Weight = 'regular' | 'bold';

/** A stretch of text and the embedded font that draws it. */
export interface FontRun {
  readonly start: number;
  readonly end: number;
  readonly font: PDFFont;
}

/**
 * The fonts embedded in one PDF: only the families its text needs, each subset to the glyphs drawn
 * (pdf-lib writes the subset when the document is saved).
 */
export class DocumentFonts {
  private readonly segments = new Map<string, FontSegment[]>();

  private constructor(private readonly embedded: ReadonlyMap<string, PDFFont>) {}

  /**
   * Embeds what the given texts need. Every text later passed to `runs` must be among them, with its
   * weight: embedding is asynchronous in pdf-lib, the layout that follows is not.
   */
  static async embed(doc: PDFDocument, texts: Readonly<Record<Weight, readonly string[]>>): Promise<DocumentFonts> {
    doc.registerFontkit(fontkitForPdfLib);
    const needed = new Map<string, FontFile>();
    for (const weight of ['regular', 'bold'] as const) {
      for (const text of texts[weight]) for (const s of fontSegments(text)) {
        const file = fileOf(s.family, weight);
        needed.set(file.file, file);
      }
    }
    const embedded = new Map<string, PDFFont>();
    for (const [name, file] of needed) embedded.set(name, await doc.embedFont(loadFontFile(file).bytes, { subset: true }));
    return new DocumentFonts(embedded);
  }

  /** The runs of one font each that draw `text`, in logical order. */
  runs(text: string, weight: Weight): FontRun[] {
    let segments = this.segments.get(text);
    if (!segments) {
      segments = fontSegments(text);
      this.segments.set(text, segments);
    }
    return segments.map((s) => {
      const font = this.embedded.get(fileOf(s.family, weight).file);
      if (!font) throw new Error(`No ${weight} ${s.family} font embedded for ${JSON.stringify(text)}: declare the text first`);
      return { start: s.start, end: s.end, font };
    });
  }
}

/** Bold falls back to the regular file where the family ships no bold (the CJK faces). */
function fileOf(name: FontFamilyName, weight: Weight): FontFile {
  const family: FontFamily = FONT_FAMILIES[name];
  return weight === 'bold' ? family.bold ?? family.regular : family.regular;
}
