import { readFileSync } from 'node:fs';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { FONT_FAMILIES, fontFilePath } from '../../../functions/adapters/pdf/font-files.js';
import { fontkitForPdfLib } from '../../../functions/adapters/pdf/fontkit-for-pdf-lib.js';
import { squeeze } from '../../support/pdf-text.js';
import { allText, renderInvoice } from './render.js';

/** A line in each script an invoice must print; the issue that asked for them names each. */
const SCRIPTS = {
  polish: 'Hosting dla Zofii Łukasiewicz-Żądło: źdźbło, gęślą jaźń',
  greek: 'Φιλοξενία ιστοσελίδων για έναν χρόνο',
  russian: 'Хостинг сайта, продление на год',
  chinese: '虚拟主机续费一年，含域名解析',
  japanese: 'サーバー料金（月額）とドメイン更新です',
  korean: '웹 호스팅 서비스 1년 갱신',
  arabic: 'استضافة موقع لمدة سنة كاملة',
  hebrew: 'אחסון אתרים לשנה שלמה',
  mixedRtl: 'فاتورة رقم 42 للعميل ACME بقيمة 1500 دولار',
  mixedHebrew: 'חשבונית 2026-0042 עבור שרת VPS-4',
} as const;

const CUSTOMER = 'Zofia Łukasiewicz-Żądło';

describe('invoice PDF in every script', () => {
  it('prints the customer name and each line in Latin, Greek, Cyrillic, CJK, Arabic and Hebrew as written', async () => {
    const { pages } = await renderInvoice({
      name: CUSTOMER,
      lines: Object.values(SCRIPTS).map((description) => ({ description, quantity: 1, unitAmountMinor: 100 })),
    });

    const text = allText(pages);
    expect(pages[0]!.items.map((i) => i.str)).toContain(CUSTOMER);
    for (const [script, description] of Object.entries(SCRIPTS)) {
      expect(squeeze(text), script).toContain(squeeze(description));
    }
    expect(text).not.toMatch(/[?\uFFFD]/u); // no replacement character anywhere, no "?" stand-ins
  });

  it('embeds only the glyphs drawn: a Latin invoice stays under 20 KiB, one in all eight scripts under 60 KiB', async () => {
    const latin = await renderInvoice({});
    const mixed = await renderInvoice({
      name: CUSTOMER, lines: Object.values(SCRIPTS).map((description) => ({ description, quantity: 1, unitAmountMinor: 100 })),
    });

    // The fonts themselves weigh 0.6 MB (Latin) to 10.6 MB (Chinese) each.
    expect(latin.pdf.length).toBeLessThan(20 * 1024);
    expect(mixed.pdf.length).toBeLessThan(60 * 1024);
  });

  it('prints Latin, Greek and Cyrillic names as single pieces, letter for letter', async () => {
    for (const name of [CUSTOMER, 'Γεώργιος Παπαδόπουλος', 'Анна Ивановна Смирнова', 'Nguyễn Thị Minh Khai']) {
      const { pages } = await renderInvoice({ name });

      expect(pages[0]!.items.map((i) => i.str)).toContain(name);
    }
  });

  it('draws right-to-left text right to left, with its numbers and Latin words left to right inside it', async () => {
    const { pages } = await renderInvoice({ lines: [{ description: SCRIPTS.mixedRtl, quantity: 1, unitAmountMinor: 100 }] });

    const first = pages[0]!.items.find((i) => i.str.includes('فاتورة'))!;
    const items = pages[0]!.items.filter((i) => Math.abs(i.y - first.y) < 0.5); // the description's line
    const at = (piece: string) => {
      const item = items.find((i) => i.str.includes(piece));
      if (!item) throw new Error(`${piece} not drawn; drawn: ${items.map((i) => i.str).join(' | ')}`);
      return item;
    };
    // Reading order right to left: فاتورة رقم, 42, للعميل, ACME, بقيمة, 1500, دولار.
    const order = ['فاتورة', '42', 'للعميل', 'ACME', 'بقيمة', '1500', 'دولار'].map(at);
    for (let i = 1; i < order.length; i++) expect(order[i]!.x, `${order[i]!.str} left of ${order[i - 1]!.str}`).toBeLessThan(order[i - 1]!.x);
    expect(at('42').str).toBe('42'); // digits keep their own order
    expect(at('ACME').str).toBe('ACME');
    expect(at('فاتورة').dir).toBe('rtl');
  });

  it('aligns a right-to-left description to the right of its column, a left-to-right one to the left', async () => {
    const { pages } = await renderInvoice({
      lines: [{ description: SCRIPTS.hebrew, quantity: 1, unitAmountMinor: 100 }, { description: SCRIPTS.russian, quantity: 1, unitAmountMinor: 100 }],
    });

    const items = pages[0]!.items;
    const hebrew = items.find((i) => i.str === SCRIPTS.hebrew)!;
    const russian = items.find((i) => i.str === SCRIPTS.russian)!;
    const header = items.find((i) => i.str === 'Description')!;
    expect(russian.x).toBeCloseTo(header.x, 1);
    expect(hebrew.x).toBeGreaterThan(header.x + 20);
  });

  it('draws Arabic letters in their joining forms, not the isolated forms the characters map to', () => {
    const { regular } = FONT_FAMILIES.arabic;
    const font = fontkitForPdfLib.create(readFileSync(fontFilePath(regular)));
    const word = 'كتب'; // kaf, teh, beh: initial, medial and final forms

    const shaped = font.layout(word).glyphs.map((g) => g.id);
    const isolated = [...word].reverse().map((c) => font.glyphForCodePoint(c.codePointAt(0)!).id);

    expect(shaped).toHaveLength(3);
    shaped.forEach((id, i) => expect(id, `glyph ${i}`).not.toBe(isolated[i]));
  });
});

/** The fonts a PDF embeds, by PostScript name (pdf-lib appends a random suffix to each). */
async function embeddedFonts(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  const names = new Set<string>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of('Subtype')) === PDFName.of('Type0')) {
      names.add(String(object.get(PDFName.of('BaseFont'))).replace(/^\//, '').replace(/-\d+$/, ''));
    }
  }
  return [...names].sort();
}

describe('fonts embedded in the invoice PDF', () => {
  it('embeds only the faces the text needs, choosing the CJK face by the text’s language', async () => {
    const cases: Array<[string, string[]]> = [
      ['Shared hosting, March', ['NotoSans-Bold', 'NotoSans-Regular']],
      [SCRIPTS.chinese, ['NotoSans-Bold', 'NotoSans-Regular', 'NotoSansSC-Regular']],
      [SCRIPTS.japanese, ['NotoSans-Bold', 'NotoSans-Regular', 'NotoSansJP-Regular']],
      ['年間契約更新', ['NotoSans-Bold', 'NotoSans-Regular', 'NotoSansSC-Regular']], // Han alone is read as Chinese
      ['年間契約の更新です', ['NotoSans-Bold', 'NotoSans-Regular', 'NotoSansJP-Regular']],
      [SCRIPTS.korean, ['NotoSans-Bold', 'NotoSans-Regular', 'NotoSansKR-Regular']],
      [SCRIPTS.arabic, ['NotoNaskhArabic', 'NotoSans-Bold', 'NotoSans-Regular']],
      [SCRIPTS.hebrew, ['NotoSans-Bold', 'NotoSans-Regular', 'NotoSansHebrew-Regular']],
    ];
    for (const [description, fonts] of cases) {
      const { pdf } = await renderInvoice({ lines: [{ description, quantity: 1, unitAmountMinor: 100 }] });

      expect(await embeddedFonts(pdf), description).toEqual(fonts);
    }
  });
});
