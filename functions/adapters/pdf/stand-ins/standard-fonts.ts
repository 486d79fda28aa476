/**
 * Stands in, in the Lambda bundles, for `@pdf-lib/standard-fonts` (lib/billing-function.ts aliases it
 * here): the metrics of PDF's 14 standard fonts, 127 KB that pdf-lib always loads. Invoices embed the
 * Noto fonts instead, because the standard fonts print only WinAnsi (every other script as "?").
 * The names stay, so that pdf-lib still recognises a standard font by name and says why it cannot
 * embed one, rather than failing later.
 */
export const FontNames = {
  Courier: 'Courier', CourierBold: 'Courier-Bold', CourierOblique: 'Courier-Oblique', CourierBoldOblique: 'Courier-BoldOblique',
  Helvetica: 'Helvetica', HelveticaBold: 'Helvetica-Bold', HelveticaOblique: 'Helvetica-Oblique',
  HelveticaBoldOblique: 'Helvetica-BoldOblique', TimesRoman: 'Times-Roman', TimesRomanBold: 'Times-Bold',
  TimesRomanItalic: 'Times-Italic', TimesRomanBoldItalic: 'Times-BoldItalic', Symbol: 'Symbol', ZapfDingbats: 'ZapfDingbats',
} as const;

export const Encodings = {};

export class Font {
  static load(name: string): never {
    throw new Error(`The standard PDF font ${name} is not bundled: embed a font file (see functions/adapters/pdf/font-files.ts)`);
  }
}
