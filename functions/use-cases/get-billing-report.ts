import { type CalendarDate, addDays } from '../domain/calendar-date.js';
import { ValidationError } from '../domain/errors.js';
import { LEDGER_ENTRY_KINDS } from '../domain/ledger-entry.js';
import { PAYMENT_METHODS } from '../domain/payment.js';
import { type RefundReason, refundReasonOf } from '../domain/refund.js';
import { daysBetween, instantsOfDates } from '../domain/zoned-calendar.js';
import type { BillingFigures } from '../ports/billing-figures.js';
import { isIncome } from './figures/income-by-month.js';
import { type ReportColumn, type ReportGranularity, type ReportRow, addTo, groupRows, periodOf, periodsOf } from './figures/report-table.js';

export const BILLING_REPORTS = ['income', 'invoices-issued', 'credit', 'refunds', 'fees'] as const;
export type BillingReportName = (typeof BILLING_REPORTS)[number];

/** The longest date range a report covers (two years), so that one request reads a bounded amount. */
export const REPORT_MAX_DAYS = 731;
/** At most this many items are read for one report; beyond it the report says `complete: false`. */
export const REPORT_READ_LIMIT = 50_000;

/** A report: one row per period and currency (and method, for refunds), money in minor units. */
export interface BillingReport {
  readonly report: BillingReportName;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly by: ReportGranularity;
  readonly timeZone: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly ReportRow[];
  /** False when the read stopped at `REPORT_READ_LIMIT`: the figures then undercount. */
  readonly complete: boolean;
}

const PERIOD: ReportColumn = { key: 'period', label: 'Period', type: 'text' };
const CURRENCY: ReportColumn = { key: 'currency', label: 'Currency', type: 'text' };
const INCOME_METHODS = PAYMENT_METHODS.filter((m) => m !== 'credit');
const METHOD_LABELS: Record<string, string> = { card: 'Card', paypal: 'PayPal', crypto: 'Crypto', offline: 'Offline', credit: 'Credit' };
const KIND_LABELS: Record<(typeof LEDGER_ENTRY_KINDS)[number], string> = {
  funds_added: 'Funds added', overpayment: 'Overpayments', refund_to_credit: 'Refunds to credit', adjustment: 'Staff adjustments',
  credit_applied: 'Credit applied to invoices', refunded_to_card: 'Refunded to card', refund_failed: 'Failed refunds put back',
};

const REASON_LABELS: Record<RefundReason, string> = {
  staff_request: 'Asked by staff', made_at_provider: 'Made at the provider', not_owed: 'Not owed (invoice already paid or void)',
};

/**
 * A report for staff over the calendar dates `from` to `to` (both included, on the provider's
 * calendar), by day or by month, money per currency (never summed across currencies):
 *
 * - `income`: money received by method (account credit spent is not income), before refunds;
 * - `invoices-issued`: how many invoices were issued and their totals (drafts left out);
 * - `credit`: account credit added and used, by ledger entry kind (signed: used is negative);
 * - `refunds`: every refund asked for, by payment method and reason: by staff, at the provider's
 *   dashboard, or automatically, of money not owed (a payment for an invoice already paid or void);
 * - `fees`: what the card processor kept of the payments received, per currency the money settled in
 *   (a EUR payment into a USD account counts in USD), and how many fees were flagged as high.
 *
 * @throws ValidationError when `to` is before `from`, or the range is longer than REPORT_MAX_DAYS
 */
export async function getBillingReport(
  deps: { figures: BillingFigures },
  input: { report: BillingReportName; from: CalendarDate; to: CalendarDate; by: ReportGranularity; timeZone: string },
): Promise<BillingReport> {
  const { from, to, by, timeZone } = input;
  if (to < from) throw new ValidationError('to', 'The end date cannot be before the start date.');
  if (daysBetween(from, addDays(to, 1)) > REPORT_MAX_DAYS) throw new ValidationError('to', `A report covers at most ${REPORT_MAX_DAYS} days.`);
  const range = instantsOfDates(from, to, timeZone);
  const periods = periodsOf(from, to, by);
  const at = (instant: string) => periodOf(instant, by, timeZone);
  const base = { report: input.report, from, to, by, timeZone };

  switch (input.report) {
    case 'income': {
      const read = await deps.figures.paymentsReceived(range, REPORT_READ_LIMIT);
      const rows = groupRows(read.items.filter(isIncome), (p) => ({ period: at(p.receivedAt), currency: p.amount.currency }), (cells, p) => {
        addTo(cells, p.method, p.amount.amountMinor);
        addTo(cells, 'total', p.amount.amountMinor);
      }, periods);
      const columns: ReportColumn[] = [PERIOD, CURRENCY, ...INCOME_METHODS.map((m) => ({ key: m, label: METHOD_LABELS[m]!, type: 'money' as const })), { key: 'total', label: 'Total', type: 'money' }];
      return { ...base, columns, rows: rows.map((row) => withZeros(row, columns)), complete: read.complete };
    }
    case 'invoices-issued': {
      const read = await deps.figures.invoicesIssued(range, REPORT_READ_LIMIT);
      const columns: ReportColumn[] = [PERIOD, CURRENCY,
        { key: 'invoices', label: 'Invoices issued', type: 'count' }, { key: 'total', label: 'Total invoiced', type: 'money' },
        { key: 'voided', label: 'Since voided', type: 'count' }];
      const rows = groupRows(read.items, (i) => ({ period: at(i.state.issuedAt), currency: i.state.currency }), (cells, i) => {
        addTo(cells, 'invoices', 1);
        addTo(cells, 'total', i.state.total.amountMinor);
        addTo(cells, 'voided', i.status === 'void' ? 1 : 0);
      }, periods);
      return { ...base, columns, rows: rows.map((row) => withZeros(row, columns)), complete: read.complete };
    }
    case 'credit': {
      const read = await deps.figures.ledgerEntries(range, REPORT_READ_LIMIT);
      const columns: ReportColumn[] = [PERIOD, CURRENCY, ...LEDGER_ENTRY_KINDS.map((k) => ({ key: k, label: KIND_LABELS[k], type: 'money' as const })), { key: 'net', label: 'Net change', type: 'money' }];
      const rows = groupRows(read.items, (e) => ({ period: at(e.createdAt), currency: e.amount.currency }), (cells, e) => {
        addTo(cells, e.kind, e.amount.amountMinor);
        addTo(cells, 'net', e.amount.amountMinor);
      }, periods);
      return { ...base, columns, rows: rows.map((row) => withZeros(row, columns)), complete: read.complete };
    }
    case 'refunds': {
      const read = await deps.figures.refunds(range, REPORT_READ_LIMIT);
      const columns: ReportColumn[] = [PERIOD, CURRENCY, { key: 'method', label: 'Paid by', type: 'text' },
        { key: 'reason', label: 'Reason', type: 'text' }, { key: 'refunds', label: 'Refunds', type: 'count' }, { key: 'amount', label: 'Refunded', type: 'money' },
        { key: 'original', label: 'To the payment method', type: 'money' }, { key: 'credit', label: 'To account credit', type: 'money' },
        { key: 'pending', label: 'Still pending', type: 'count' }];
      const rows = groupRows(read.items, (r) => ({ period: at(r.requestedAt), currency: r.amount.currency, group: { method: r.payment.method, reason: REASON_LABELS[refundReasonOf(r)] } }), (cells, r) => {
        addTo(cells, 'refunds', 1);
        addTo(cells, 'amount', r.amount.amountMinor);
        addTo(cells, r.destination, r.amount.amountMinor);
        addTo(cells, 'pending', r.status === 'pending' ? 1 : 0);
      }, periods);
      return { ...base, columns, rows: rows.map((row) => withZeros(row, columns)), complete: read.complete };
    }
    case 'fees': {
      const read = await deps.figures.paymentsReceived(range, REPORT_READ_LIMIT);
      const columns: ReportColumn[] = [PERIOD, { key: 'currency', label: 'Settled in', type: 'text' },
        { key: 'payments', label: 'Payments', type: 'count' }, { key: 'settled', label: 'Settled', type: 'money' },
        { key: 'fees', label: 'Processor fees', type: 'money' }, { key: 'net', label: 'Net', type: 'money' },
        { key: 'flagged', label: 'High fees', type: 'count' }, { key: 'flaggedFees', label: 'Of which high', type: 'money' }];
      const rows = groupRows(read.items, (p) => (p.processorFee ? { period: at(p.receivedAt), currency: p.processorFee.fee.currency } : undefined), (cells, p) => {
        const fee = p.processorFee!;
        addTo(cells, 'payments', 1);
        addTo(cells, 'settled', fee.settled.amountMinor);
        addTo(cells, 'fees', fee.fee.amountMinor);
        addTo(cells, 'net', fee.settled.amountMinor - fee.fee.amountMinor);
        addTo(cells, 'flagged', fee.flagged ? 1 : 0);
        addTo(cells, 'flaggedFees', fee.flagged ? fee.fee.amountMinor : 0);
      }, periods);
      return { ...base, columns, rows: rows.map((row) => withZeros(row, columns)), complete: read.complete };
    }
  }
}

/** Fills the numeric cells a row has nothing in with 0, so every row has every column. */
function withZeros(row: ReportRow, columns: readonly ReportColumn[]): ReportRow {
  return Object.fromEntries(columns.map((c) => [c.key, row[c.key] ?? (c.type === 'text' ? '' : 0)]));
}
