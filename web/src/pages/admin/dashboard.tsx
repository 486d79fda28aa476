import { api } from '../../api/client.js';
import type { StaffDashboard } from '../../api/types.js';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatDate, formatMoney } from '../../format.js';
import { Link } from '../../router.js';
import { withQuery } from '../../url.js';
import { AGING_LABELS } from './aging-labels.js';
import { useResource } from '../../use-resource.js';
import { IncomeChart } from './income-chart.js';
import { declineDetailForStaff } from '../../payments/payment-names.js';

const METHODS = [['card', 'Card'], ['paypal', 'PayPal'], ['crypto', 'Crypto'], ['offline', 'Offline']] as const;
/** "1 customer", "2 customers". */
const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const REASONS = { declined: 'Card declined', requires_action: 'Needs the customer to authenticate', payment_pending: 'Payment pending' } as const;

/**
 * The staff home: how the business stands this morning. Each figure links to the list behind it;
 * money is per currency, never added across currencies; each chart has its table.
 */
export function AdminDashboardPage() {
  const dashboard = useResource(() => api.get<StaffDashboard>('/v1/admin/dashboard'), []);
  return (
    <Page title="Dashboard" actions={<Link to="/admin/reports" className="button button-secondary">Reports</Link>}>
      <nav aria-label="Lists" className="toolbar">
        <Link to="/admin/customers">Customers</Link> · <Link to="/admin/invoices">Invoices</Link> · <Link to="/admin/reports">Reports</Link>
      </nav>
      {dashboard.state === 'loading' ? <Loading what="the figures" /> : null}
      {dashboard.state === 'error' ? <ErrorNotice error={dashboard.error} onRetry={dashboard.reload} /> : null}
      {dashboard.state === 'ready' ? <Figures data={dashboard.data} /> : null}
    </Page>
  );
}

function Figures({ data }: { data: StaffDashboard }) {
  const month = data.months.at(-1)!;
  return (
    <>
      {data.complete ? null : <p className="error-text">Some figures undercount: there was more to read than the dashboard reads at once. The reports give the full figures for a shorter range.</p>}
      <section aria-labelledby="owed">
        <h2 id="owed">Owed now</h2>
        {data.receivables.length === 0 ? <p>Nothing is owed.</p> : data.receivables.map((r) => (
          <table key={r.currency} className="table" data-testid={`owed-${r.currency}`}>
            <caption>Owed in {r.currency}: {formatMoney(r.amountDue, r.currency)} on {r.invoices} invoices</caption>
            <thead><tr><th scope="col">How late</th><th scope="col">Invoices</th><th scope="col">Amount due</th></tr></thead>
            <tbody>
              {AGING_LABELS.map(([key, label]) => (
                <tr key={key}>
                  <th scope="row"><Link to={withQuery('/admin/invoices', { status: key === 'current' ? 'unpaid' : 'overdue', currency: r.currency, aging: key })}>{label}</Link></th>
                  <td>{r.buckets[key]?.invoices ?? 0}</td>
                  <td>{formatMoney(r.buckets[key]?.amountDue ?? 0, r.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>
      <section aria-labelledby="attention">
        <h2 id="attention">Needing attention</h2>
        <p>
          <a href="#attention-invoices">{data.attention.counts.declined} declined</a>,{' '}
          <a href="#attention-invoices">{data.attention.counts.requires_action} waiting for the customer to authenticate</a>,{' '}
          <Link to="/admin/invoices?status=pending">{data.attention.counts.payment_pending} with a payment pending</Link>;{' '}
          <Link to="/admin/customers?email=bouncing">{counted(data.customersWithBouncingEmail, 'customer whose email bounces', 'customers whose email bounces')}</Link>;{' '}
          <Link to={`/admin/reports?report=fees&from=${month}-01&to=${data.today}&by=month`} data-testid="high-fees">{counted(data.highFees.count, 'card payment', 'card payments')} this month with a high processor fee</Link>.
        </p>
        {data.highFees.payments.length ? (
          <table className="table table-cards">
            <caption>Card payments with a high processor fee this month, newest first: the customer may prefer another way to pay</caption>
            <thead><tr><th scope="col">Received</th><th scope="col">Invoice</th><th scope="col">Amount</th><th scope="col">Fee</th></tr></thead>
            <tbody>
              {data.highFees.payments.map((p) => (
                <tr key={`${p.method}-${p.externalId}`}>
                  <td>{formatDate(p.receivedAt.slice(0, 10))}</td>
                  <td>{p.invoiceId ? <Link to={`/admin/invoices/${encodeURIComponent(p.invoiceId)}`}>Open the invoice</Link> : 'Funds added'}</td>
                  <td>{formatMoney(p.amount, p.currency)}</td>
                  <td>
                    {formatMoney(p.fee, p.feeCurrency)} ({(p.basisPoints / 100).toFixed(2)}%)
                    {/* The fee is in the currency the money settled in: say so when it is not the payment's. */}
                    {p.feeCurrency !== p.currency ? <span className="small amount-left">of the amount settled in {p.feeCurrency}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {data.attention.invoices.length ? (
          <table className="table table-cards" id="attention-invoices">
            <caption>Invoices needing attention, longest due first</caption>
            <thead><tr><th scope="col">Invoice</th><th scope="col">Why</th><th scope="col">Due</th><th scope="col">Amount due</th></tr></thead>
            <tbody>
              {data.attention.invoices.map((i) => (
                <tr key={i.invoiceId}>
                  <td><Link to={`/admin/invoices/${encodeURIComponent(i.invoiceId)}`}>{i.number}</Link></td>
                  <td>{[REASONS[i.reason], declineDetailForStaff(i.lastReason)].filter(Boolean).join(': ')}</td>
                  <td>{formatDate(i.dueDate)}</td>
                  <td>{formatMoney(i.amountDue, i.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section aria-labelledby="recurring">
        <h2 id="recurring">Monthly recurring revenue</h2>
        {data.recurringRevenue.length === 0 ? <p>No services yet.</p> : (
          <table className="table" data-testid="recurring-revenue">
            <caption>
              From active services, per currency (a quarterly price counts a third, a yearly one a twelfth), and this month’s change.
              Services are listed under each <Link to="/admin/customers">customer</Link>.
            </caption>
            <thead>
              <tr><th scope="col">Currency</th><th scope="col">Recurring revenue</th><th scope="col">New this month</th><th scope="col">Cancelled</th><th scope="col">Suspended</th></tr>
            </thead>
            <tbody>
              {data.recurringRevenue.map((r) => (
                <tr key={r.currency}>
                  <th scope="row">{r.currency}</th>
                  <td data-testid={`mrr-${r.currency}`}>{formatMoney(r.mrr.amount, r.currency)} ({r.mrr.services} active)</td>
                  <td>+{formatMoney(r.new.amount, r.currency)} ({r.new.services})</td>
                  <td>−{formatMoney(r.cancelled.amount, r.currency)} ({r.cancelled.services})</td>
                  <td>−{formatMoney(r.suspended.amount, r.currency)} ({r.suspended.services})</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="income">
        <h2 id="income">Income</h2>
        {data.income.length === 0 ? <p>No money received in the last 13 months.</p> : data.income.map((s) => {
          const thisMonth = s.months.find((m) => m.month === month);
          const tableId = `income-${s.currency}`;
          return (
            <div key={s.currency}>
              <p>
                This month in {s.currency}: <strong data-testid={`income-this-month-${s.currency}`}>{formatMoney(thisMonth?.total ?? 0, s.currency)}</strong>{' '}
                (<Link to={`/admin/reports?report=income&from=${month}-01&to=${data.today}&by=day`}>by day</Link>)
              </p>
              <IncomeChart tableId={tableId} series={{
                currency: s.currency, periods: s.months.map((m) => m.month),
                byMethod: METHODS.map(([key, label]) => ({ label, amounts: s.months.map((m) => m.byMethod[key] ?? 0) })),
              }} />
              <table id={tableId} className="table">
                <caption>Income in {s.currency} by month and method (dates in {data.timeZone})</caption>
                <thead><tr><th scope="col">Month</th>{METHODS.map(([key, label]) => <th key={key} scope="col">{label}</th>)}<th scope="col">Total</th></tr></thead>
                <tbody>
                  {s.months.map((m) => (
                    <tr key={m.month}>
                      <th scope="row">{m.month}</th>
                      {METHODS.map(([key]) => <td key={key}>{formatMoney(m.byMethod[key] ?? 0, s.currency)}</td>)}
                      <td>{formatMoney(m.total, s.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        })}
      </section>
    </>
  );
}
