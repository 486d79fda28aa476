import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { billingReportCsv } from '../../../functions/use-cases/export-billing-report.js';
import type { BillingReport } from '../../../functions/use-cases/get-billing-report.js';

const report = (rows: BillingReport['rows'], complete = true): BillingReport => ({
  report: 'refunds', from: calendarDate('2026-11-01'), to: calendarDate('2026-11-30'), by: 'month', timeZone: 'UTC', complete,
  columns: [
    { key: 'period', label: 'Period', type: 'text' }, { key: 'currency', label: 'Currency', type: 'text' },
    { key: 'method', label: 'Paid by', type: 'text' }, { key: 'refunds', label: 'Refunds', type: 'count' }, { key: 'amount', label: 'Refunded', type: 'money' },
  ],
  rows,
});

describe('A staff report as CSV', () => {
  it('starts with a byte order mark and writes money as decimals of each row’s currency', () => {
    const csv = billingReportCsv(report([
      { period: '2026-11', currency: 'USD', method: 'card', refunds: 2, amount: 12_345 },
      { period: '2026-11', currency: 'JPY', method: 'card', refunds: 1, amount: 500 },
      { period: '2026-11', currency: 'KWD', method: 'paypal', refunds: 1, amount: 1_234 },
    ]));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).trim().split('\n')).toEqual([
      'Period,Currency,Paid by,Refunds,Refunded', '2026-11,USD,card,2,123.45', '2026-11,JPY,card,1,500', '2026-11,KWD,paypal,1,1.234',
    ]);
  });

  it('neutralises text cells a spreadsheet would run as a formula, as the customer statement does', () => {
    const csv = billingReportCsv(report([{ period: '2026-11', currency: 'USD', method: '=HYPERLINK("http://x")', refunds: 1, amount: 100 }]));
    expect(csv).toContain(`'=HYPERLINK(""http://x"")`);
  });

  it('says in a last line when the report undercounts', () => {
    expect(billingReportCsv(report([], false)).trim().split('\n').at(-1)).toMatch(/^Incomplete:/);
  });
});
