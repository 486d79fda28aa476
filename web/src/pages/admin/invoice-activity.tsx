import type { InvoiceActivity, InvoiceActivityList } from '../../api/types.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { formatMoney } from '../../format.js';
import { METHOD_NAMES, declineDetailForStaff, refundDestinationName } from '../../payments/payment-names.js';
import type { Resource } from '../../use-resource.js';

const locale = typeof navigator === 'undefined' ? undefined : navigator.languages?.[0] ?? navigator.language;
const whenFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

/** An invoice's activity log: what happened, who did it and when, oldest first. */
export function InvoiceActivityLog({ log }: { log: Resource<InvoiceActivityList> }) {
  return (
    <section className="section" aria-labelledby="invoice-activity">
      <h2 id="invoice-activity">Activity</h2>
      {log.state === 'loading' ? <Loading what="the activity" /> : null}
      {log.state === 'error' ? <ErrorNotice error={log.error} onRetry={log.reload} /> : null}
      {log.state === 'ready' && log.data.items.length === 0 ? <Empty>Nothing has happened to this invoice yet.</Empty> : null}
      {log.state === 'ready' && log.data.items.length > 0 ? (
        <table className="table table-cards activity">
          <caption className="visually-hidden">What happened to the invoice, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What happened</th>
              <th scope="col">Who</th>
            </tr>
          </thead>
          <tbody>
            {log.data.items.map((line) => (
              <tr key={line.id}>
                <td data-label="When">{whenFormat.format(new Date(line.at))}</td>
                <td data-label="What happened">{describe(line, log.data.currency)}</td>
                <td data-label="Who">{line.by.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function describe(line: InvoiceActivity, currency: string): string {
  const money = (minor: number | undefined) => (minor === undefined ? '' : formatMoney(minor, currency));
  // Inside a sentence, in lower case; a name (PayPal) keeps its capitals.
  const method = line.method ? (line.method === 'paypal' ? METHOD_NAMES.paypal : METHOD_NAMES[line.method].toLowerCase()) : '';
  switch (line.kind) {
    case 'issued':
      return `Issued for ${money(line.amount)}`;
    case 'viewed':
      return 'Viewed by the customer';
    case 'paid': {
      const credit = line.amount !== undefined && line.applied !== undefined && line.amount > line.applied ? `; ${money(line.amount - line.applied)} became account credit` : '';
      return `Paid ${money(line.amount)} (${method}${line.reference ? `, ref. ${line.reference}` : ''})${credit}`;
    }
    case 'credit_applied':
      return `Paid ${money(line.applied ?? line.amount)} from account credit`;
    case 'charge_failed': {
      const how = line.outcome === 'declined' ? 'declined' : line.outcome === 'requires_action' ? 'waiting for the customer to confirm with their bank' : 'not made';
      const why = declineDetailForStaff(line.reason);
      return `Automatic charge of ${money(line.amount)} ${how}${why ? `: ${why}` : line.outcome === 'not_charged' ? ': automatic billing off, or no usable card' : ''}`;
    }
    case 'refunded':
      return `Refunded ${money(line.amount)} of a ${method} payment ${line.method ? refundDestinationName(line.method, line.destination ?? 'original') : ''}`.trim();
    case 'voided':
      return 'Voided';
  }
}
