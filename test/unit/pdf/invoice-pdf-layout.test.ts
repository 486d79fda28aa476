import { describe, expect, it } from 'vitest';
import { type ReadPage, outsideMargins, overlaps, squeeze } from '../../support/pdf-text.js';
import { MARGIN, allText, renderInvoice } from './render.js';

/** Every page: no two pieces of text overlap, and nothing reaches into the margins. */
function expectClean(pages: readonly ReadPage[]) {
  pages.forEach((page, i) => {
    expect(overlaps(page.items).map(([a, b]) => `${a.str} ⨯ ${b.str}`), `page ${i + 1}`).toEqual([]);
    expect(outsideMargins(page, MARGIN).map((item) => item.str), `page ${i + 1}`).toEqual([]);
  });
}

// 156 characters with no space after the first few words, as the example.
const LONG_NAME = `Maria Aleksandra Konstantynopolitańczykiewiczówna-Wiśniewska-Brzęczyszczykiewicz ${'Grzegorzewska-'.repeat(5)}Żądło`;
// 120 characters.
const LONG_DESCRIPTION = 'Managed VPS hosting with daily off-site backups, DDoS protection, 24/7 monitoring and priority support, Frankfurt region';
const URL = `https://files.example.net/customers/acme/invoices/attachments/${'0123456789abcdef'.repeat(8)}/report.pdf`;

describe('invoice PDF layout', () => {
  it('prints a 156-character customer name in full, wrapped in its column, clear of the dates beside it', async () => {
    expect(LONG_NAME).toHaveLength(156);

    const { pages } = await renderInvoice({ name: LONG_NAME });

    const text = allText(pages);
    expect(squeeze(text)).toContain(squeeze(LONG_NAME));
    expect(text).not.toContain('…');
    const nameLines = pages[0]!.items.filter((i) => LONG_NAME.includes(i.str.trim()) && i.str.trim().length > 5);
    expect(nameLines.length).toBeGreaterThan(1);
    expectClean(pages);
  });

  it('prints a 120-character description in full, in lines that stay clear of the row’s amounts', async () => {
    expect(LONG_DESCRIPTION).toHaveLength(120);

    const { pages } = await renderInvoice({ lines: [{ description: LONG_DESCRIPTION, quantity: 3, unitAmountMinor: 123456 }] });

    expect(squeeze(allText(pages))).toContain(squeeze(LONG_DESCRIPTION));
    expect(allText(pages)).not.toContain('…');
    const amount = pages[0]!.items.find((i) => i.str === '3,703.68 USD')!;
    const description = pages[0]!.items.filter((i) => LONG_DESCRIPTION.includes(i.str.trim()) && i.str.trim().length > 3);
    expect(description.length).toBeGreaterThan(1);
    for (const line of description) expect(line.x + line.width).toBeLessThan(amount.x);
    expectClean(pages);
  });

  it('prints two long descriptions that differ only at the end in full, each as written', async () => {
    const common = 'Dedicated server rental, 2 × Intel Xeon, 128 GB RAM, 2 × 1.92 TB NVMe in RAID 1, 1 Gbit/s unmetered, rack A-17, ';
    const first = `${common}billing period 2026-03-01 to 2026-03-31 (contract 4711)`;
    const second = `${common}billing period 2026-03-01 to 2026-03-31 (contract 4712)`;

    const { pages } = await renderInvoice({
      lines: [{ description: first, quantity: 1, unitAmountMinor: 1000 }, { description: second, quantity: 1, unitAmountMinor: 1000 }],
    });

    const text = squeeze(allText(pages));
    expect(text).toContain(squeeze(first));
    expect(text).toContain(squeeze(second));
    expect(text).not.toContain('…');
    expectClean(pages);
  });

  it('breaks a long unbroken URL inside the description column, every character printed', async () => {
    const { pages } = await renderInvoice({ lines: [{ description: URL, quantity: 1, unitAmountMinor: 1000 }] });

    expect(squeeze(allText(pages))).toContain(URL);
    const header = pages[0]!.items.find((i) => i.str === 'Qty')!;
    const pieces = pages[0]!.items.filter((i) => i.str.length > 3 && URL.includes(i.str));
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) expect(piece.x + piece.width).toBeLessThan(header.x);
    expectClean(pages);
  });

  it('continues a 60-line invoice on further pages, the table header on each, the totals after the last line', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({
      description: `Line ${String(i + 1).padStart(2, '0')}: ${i % 7 === 0 ? LONG_DESCRIPTION : 'Additional IPv4 address'}`,
      quantity: 1, unitAmountMinor: 100 + i,
    }));

    const { pages } = await renderInvoice({ lines });

    expect(pages.length).toBeGreaterThan(1);
    for (const [i, page] of pages.entries()) {
      const headers = page.items.filter((item) => ['Description', 'Qty', 'Unit price', 'Amount'].includes(item.str));
      expect(headers.map((h) => h.str), `page ${i + 1}`).toEqual(['Description', 'Qty', 'Unit price', 'Amount']);
      expect(page.items.map((item) => item.str), `page ${i + 1}`).toContain(`Invoice #000042 · page ${i + 1} of ${pages.length}`);
    }
    const text = squeeze(allText(pages));
    for (const line of lines) expect(text.split(squeeze(line.description)).length - 1, line.description).toBe(1);
    const last = pages.at(-1)!;
    const total = last.items.find((item) => item.str === 'Total')!;
    expect(total).toBeDefined();
    expect(pages.slice(0, -1).some((page) => page.items.some((item) => item.str === 'Total'))).toBe(false);
    // The totals are not alone on their page: the last line is printed above them.
    const lastLine = last.items.find((item) => item.str.startsWith('Line 60'))!;
    expect(lastLine.y).toBeGreaterThan(total.y);
    expectClean(pages);
  });

  it('moves a row that does not fit to the next page whole, whatever the page fill', async () => {
    for (const count of [18, 21, 24, 27]) {
      const lines = Array.from({ length: count }, (_, i) => ({ description: `${LONG_DESCRIPTION} #${i + 1}.`, quantity: 1, unitAmountMinor: 100 }));

      const { pages } = await renderInvoice({ lines });

      expectClean(pages);
      for (const line of lines) {
        const whole = pages.filter((page) => squeeze(page.text).includes(squeeze(line.description)));
        expect(whole.length, `${count} lines: ${line.description.slice(-5)} on one page`).toBe(1);
      }
    }
  });

  it('splits a row taller than a page between its lines, losing none', async () => {
    const description = Array.from({ length: 60 }, (_, i) => `Box ${String(i + 1).padStart(2, '0')}`).join('\n');

    const { pages } = await renderInvoice({ lines: [{ description, quantity: 60, unitAmountMinor: 100 }] });

    expect(pages.length).toBeGreaterThan(1);
    const drawn = pages.flatMap((page) => page.items.map((item) => item.str));
    for (const line of description.split('\n')) expect(drawn.filter((s) => s === line), line).toHaveLength(1);
    expectClean(pages);
  });
});
