import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { LedgerEntry, Statement } from '../api/types.js';
import { DownloadFile } from '../components/download-file.js';
import { FormError } from '../components/form-error.js';
import { Empty, ErrorNotice, Loading } from '../components/status.js';
import { formatDate, formatMoney } from '../format.js';
import { navigate, useLocation } from '../router.js';
import { usePaged } from '../use-paged.js';
import { withQuery } from '../url.js';
import { StatementTable } from './statement-table.js';

const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * The credit history on the Account page: the statement for a range of days (UTC, both included;
 * either end open), oldest first, a page at a time, and the same range as a CSV file. The range lives
 * in the address (`?from=&to=`), so Back and a reload keep it. `version` changes when the balance
 * did (funds just arrived), to read the history again.
 */
export function CreditHistory({ version }: { version: number }) {
  const { path, query } = useLocation();
  const from = isDay(query.get('from')) ? query.get('from')! : '';
  const to = isDay(query.get('to')) ? query.get('to')! : '';
  const [opening, setOpening] = useState<{ balance: number; currency: string }>();
  const list = usePaged<LedgerEntry>(async (cursor) => {
    const page = await api.get<Statement>(withQuery('/v1/ledger', { from, to, cursor, limit: '25' }));
    if (!cursor) setOpening({ balance: page.openingBalance, currency: page.currency });
    return page;
  }, [from, to, version]);

  const range = from && to ? `from ${formatDate(from)} to ${formatDate(to)}` : from ? `from ${formatDate(from)}` : to ? `up to ${formatDate(to)}` : 'since the account was opened';
  return (
    <section className="card section" aria-labelledby="credit-history-heading" id="credit-history">
      <h2 id="credit-history-heading">Credit history</h2>
      <RangeForm key={`${from}|${to}`} from={from} to={to} onRange={(next) => navigate(withQuery(path, next))} />
      {list.state === 'loading' || !opening ? (
        list.state === 'error' ? <ErrorNotice error={list.error} onRetry={list.reload} /> : <Loading what="your credit history" />
      ) : list.items.length === 0 && list.state !== 'error' ? (
        <Empty>
          <p>No credit was added or used {range}.</p>
          <p className="muted">Balance at the end of this range: {formatMoney(opening.balance, opening.currency)}.</p>
        </Empty>
      ) : (
        <>
          <p role="status" className="visually-hidden">
            {`${list.items.length}${list.hasMore ? ' or more' : ''} entries shown, ${range}.`}
          </p>
          <StatementTable
            entries={list.items}
            openingBalance={opening.balance}
            currency={opening.currency}
            caption={`Credit history ${range}, oldest first`}
            invoicePath={(id) => `/invoices/${encodeURIComponent(id)}`}
          />
          {list.state === 'error' ? <ErrorNotice error={list.error} /> : null}
          {list.hasMore ? (
            <p className="more">
              <button type="button" className="button button-secondary" onClick={list.loadMore} disabled={list.state === 'loading-more'}>
                {list.state === 'loading-more' ? 'Loading…' : 'Show later entries'}
              </button>
            </p>
          ) : null}
        </>
      )}
      <div className="statement-download">
        <p className="muted small">The statement {range} as a CSV file, for a spreadsheet or your bookkeeping.</p>
        <DownloadFile
          path={withQuery('/v1/ledger.csv', { from, to })}
          accept="text/csv"
          fileName={`statement-${from || 'start'}-to-${to || 'today'}.csv`}
          label="Download CSV statement"
          what="the statement"
        />
      </div>
    </section>
  );
}

/** From and To (calendar days, UTC); "Show" puts them in the address. */
function RangeForm({ from, to, onRange }: { from: string; to: string; onRange: (range: { from: string; to: string }) => void }) {
  const [start, setStart] = useState(from);
  const [end, setEnd] = useState(to);
  const [error, setError] = useState<string>();
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (start && end && start > end) {
      setError('The first day must be on or before the last day.');
      return;
    }
    setError(undefined);
    onRange({ from: start, to: end });
  };

  return (
    <form className="range-form" onSubmit={submit} aria-describedby={`${id}-hint`}>
      <FormError message={error} />
      <p id={`${id}-hint`} className="hint">
        Days in UTC, both included. Leave a day empty to go from the first entry, or up to today.
      </p>
      <div className="range-fields">
        <div className="field">
          <label htmlFor={`${id}-from`}>From</label>
          <input id={`${id}-from`} type="date" value={start} max={end || undefined} onChange={(event) => setStart(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>To</label>
          <input id={`${id}-to`} type="date" value={end} min={start || undefined} onChange={(event) => setEnd(event.target.value)} />
        </div>
        <button type="submit" className="button button-secondary">
          Show
        </button>
      </div>
    </form>
  );
}
