import { afterEach, describe, expect, it } from 'vitest';
import { formatAmount, formatQuantity } from '../../../functions/adapters/pdf/invoice-formats.js';
import { MAX_AMOUNT_MINOR, money } from '../../../functions/domain/money.js';
import { squeeze } from '../../support/pdf-text.js';
import { SELLER, allText, renderInvoice } from './render.js';

const drawn = async (fixture: Parameters<typeof renderInvoice>[0]) => (await renderInvoice(fixture)).pages[0]!.items.map((i) => i.str);

describe('values on the invoice PDF', () => {
  const zone = process.env['TZ'];
  afterEach(() => {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  });

  it('prints quantities as plain decimals, never in exponent notation', async () => {
    const lines = [0.000001, 1.5, 1500, 0.25].map((quantity, i) => ({ description: `Usage ${i + 1}`, quantity, unitAmountMinor: 100 }));

    const items = await drawn({ lines });

    expect(items).toEqual(expect.arrayContaining(['0.000001', '1.5', '1,500', '0.25']));
    expect(items.join(' ')).not.toMatch(/\de-?\d/);
  });

  it.each([
    ['USD', 1999, '19.99 USD'],
    ['HUF', 500000, '5,000.00 HUF'],
    ['JPY', 500, '500 JPY'],
    ['KRW', 1234567, '1,234,567 KRW'],
    ['KWD', 1234, '1.234 KWD'],
    ['BHD', 5, '0.005 BHD'],
  ])('prints %s amounts with the currency’s ISO 4217 minor unit: %i → %s', async (code, unitAmountMinor, printed) => {
    const items = await drawn({ currency: code, lines: [{ description: 'Hosting', quantity: 1, unitAmountMinor }] });

    expect(items.filter((i) => i === printed).length).toBeGreaterThanOrEqual(3); // unit price, amount, total
  });

  it('prints the largest amount an invoice may have in full, in its column', async () => {
    const { pages } = await renderInvoice({ lines: [{ description: 'Everything', quantity: 1, unitAmountMinor: MAX_AMOUNT_MINOR }] });

    expect(squeeze(allText(pages))).toContain('10,000,000,000.00USD');
  });

  it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'])('prints the issue and due dates as their calendar dates when rendered in %s', async (timeZone) => {
    process.env['TZ'] = timeZone;

    const items = await drawn({ issuedAt: '2026-03-01T23:30:00.000Z', dueDate: '2026-03-31' });

    expect(items).toContain('Issued: 2026-03-01');
    expect(items).toContain('Due: 2026-03-31');
  });

  it('prints the billing address and tax ID under the customer’s name, and the seller’s tax ID under its address', async () => {
    const { pages } = await renderInvoice({
      name: 'Zofia Łukasiewicz-Żądło',
      billingAddress: ['ul. Długa 5/7', '00-001 Warszawa', 'Polska'],
      taxId: 'PL1234567890',
      seller: { ...SELLER, taxId: 'IE1234567X' },
    });

    const items = pages[0]!.items;
    const y = (str: string) => items.find((i) => i.str === str)!.y;
    const block = ['Zofia Łukasiewicz-Żądło', 'ul. Długa 5/7', '00-001 Warszawa', 'Polska', 'Tax ID: PL1234567890'].map(y);
    for (let i = 1; i < block.length; i++) expect(block[i]).toBeLessThan(block[i - 1]!);
    expect(y('Tax ID: IE1234567X')).toBeLessThan(y('Dublin'));
  });

  it('prints no address or tax ID lines when the customer has none', async () => {
    const items = await drawn({});

    expect(items.join(' ')).not.toContain('Tax ID');
  });
});

describe('formatAmount and formatQuantity', () => {
  it('formats from the exact decimal, so no amount is off by a float rounding', () => {
    expect(formatAmount(money(Number.MAX_SAFE_INTEGER, 'USD'))).toBe('90,071,992,547,409.91 USD');
    expect(formatAmount(money(-5, 'USD'))).toBe('-0.05 USD');
    expect(formatQuantity(1e-7)).toBe('0.0000001');
    expect(formatQuantity(0.1 + 0.2)).toBe('0.30000000000000004'); // what was stored, not a rounded guess
  });
});
