import { api } from '../../api/client.js';
import type { BillingReport } from '../../api/types.js';
import { DownloadFile } from '../../components/download-file.js';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatMoney } from '../../format.js';
import { serverDay } from '../../server-clock.js';
import { navigate, useLocation } from '../../router.js';
import { withQuery } from '../../url.js';
import { useResource } from '../../use-resource.js';
import { IncomeChart } from './income-chart.js';

const REPORTS = [['income', 'Income'], ['invoices-issued', 'Invoices issued'], ['credit', 'Credit added and used'], ['refunds', 'Refunds'], ['fees', 'Processor fees']] as const;
type ReportName = (typeof REPORTS)[number][0];

/**
 * Staff reports for a range of dates: a table per report, a CSV download of the same, and for income
 * a bar chart per currency (its table is its text alternative). The range lives in the address, so a
 * report can be bookmarked or linked from the dashboard.
 */
export function AdminReportsPage() {
  const { query } = useLocation();
  const report = (REPORTS.find(([key]) => key === query.get('report'))?.[0] ?? 'income') as ReportName;
  const from = query.get('from') ?? `${serverDay().slice(0, 7)}-01`;
  const to = query.get('to') ?? serverDay();
  const by = query.get('by') === 'day' ? 'day' : 'month';
  const path = withQuery(`/v1/admin/reports/${report}`, { from, to, by });
  const result = useResource(() => api.get<BillingReport>(path), [path]);

  const choose = (form: HTMLFormElement) => {
    const data = new FormData(form);
    navigate(withQuery('/admin/reports', Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)]))));
  };

  return (
    <Page title="Reports">
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); choose(e.currentTarget); }}>
        <label>Report <select name="report" defaultValue={report}>{REPORTS.map(([key, label]) => <option key={key} value={key}>{label}</option>)}</select></label>
        <label>From <input type="date" name="from" defaultValue={from} required /></label>
        <label>To <input type="date" name="to" defaultValue={to} required /></label>
        <label>By <select name="by" defaultValue={by}><option value="day">Day</option><option value="month">Month</option></select></label>
        <button type="submit" className="button button-primary">Show</button>
      </form>
      <DownloadFile path={`${path}&format=csv`} accept="text/csv" fileName={`${report}-${from}-to-${to}.csv`} label="Download CSV" what="the CSV" />
      {result.state === 'loading' ? <Loading what="the report" /> : null}
      {result.state === 'error' ? <ErrorNotice error={result.error} onRetry={result.reload} /> : null}
      {result.state === 'ready' ? <ReportTables report={result.data} /> : null}
    </Page>
  );
}

function ReportTables({ report }: { report: BillingReport }) {
  const currencies = [...new Set(report.rows.map((r) => String(r['currency'])))];
  const title = REPORTS.find(([key]) => key === report.report)?.[1] ?? report.report;
  if (!currencies.length) return <p>Nothing in this range.</p>;
  return (
    <>
      {report.complete ? null : <p className="error-text">This range holds more than a report reads at once; the figures undercount. Choose a shorter range.</p>}
      {currencies.map((currency) => {
        const rows = report.rows.filter((r) => r['currency'] === currency);
        const tableId = `report-${report.report}-${currency}`;
        const methods = report.columns.filter((c) => c.type === 'money' && c.key !== 'total');
        return (
          <section key={currency} aria-labelledby={`${tableId}-title`}>
            <h2 id={`${tableId}-title`}>{title} in {currency}</h2>
            {report.report === 'income' ? (
              <IncomeChart tableId={tableId} series={{
                currency, periods: rows.map((r) => String(r['period'])),
                byMethod: methods.map((c) => ({ label: c.label, amounts: rows.map((r) => Number(r[c.key] ?? 0)) })),
              }} />
            ) : null}
            <table id={tableId} className="table">
              <caption>{title} in {currency}, by {report.by} ({report.from} to {report.to}, dates in {report.timeZone})</caption>
              <thead><tr>{report.columns.filter((c) => c.key !== 'currency').map((c) => <th key={c.key} scope="col">{c.label}</th>)}</tr></thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={i}>
                    {report.columns.filter((c) => c.key !== 'currency').map((c) => c.key === 'period'
                      ? <th key={c.key} scope="row">{String(row[c.key])}</th>
                      : <td key={c.key}>{c.type === 'money' ? formatMoney(Number(row[c.key] ?? 0), currency) : String(row[c.key] ?? '')}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}
