import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClockView } from '../../../../local/clock-view.js';
import { api } from '../../api/client.js';
import { describeError } from '../../api/api-error.js';
import { announceClockMoved, useWrites } from '../../clock-moved.js';
import { formatDateTime, invoiceNumber } from '../../format.js';
import { useLocation } from '../../router.js';

type Step = 'hour' | 'day' | 'next-event';

/** How often the control reads the clock's next event again, while the page is visible. */
const REFRESH_MS = 3000;
/** After a change the API accepted, when to read again: the outbox schedules its work a moment later. */
const AFTER_WRITE_MS = [300, 1200];

const steps: { step: Step; label: string }[] = [
  { step: 'hour', label: '+1 hour' },
  { step: 'day', label: '+1 day' },
  { step: 'next-event', label: 'Next event' },
];

/**
 * The local clock control (staff, local runtime only): the system's local time, the next scheduled
 * work (an invoice's reminder or charge, or the next day the service billing issues invoices, whichever
 * comes first), and buttons that move the clock forward an hour, a day or to the next event. The server
 * answers once everything that fell due is done (charges, emails), so the buttons stay disabled until
 * then; the new time is announced, and the pages on screen read their data again.
 *
 * It asks `GET /v1/local/clock` first and shows nothing when the route is not there: only the local
 * runtime has it, whatever /config.json says.
 */
export function LocalClock() {
  const { path } = useLocation();
  const [clock, setClock] = useState<ClockView>();
  const [working, setWorking] = useState(false);
  // A read that overlaps a move may answer with the time before it: a read started before the last
  // move began, or during one, is dropped.
  const moves = useRef(0);
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<string>();

  const read = useCallback(() => {
    const startedAt = moves.current;
    return api.get<ClockView>('/v1/local/clock').then((state) => startedAt === moves.current && setClock(state), () => undefined);
  }, []);
  // Work is scheduled by the outbox a moment after a change (a new invoice's reminder and due date, a
  // service's first billing day), so the next event is read again after each change, on each page and
  // every few seconds while the page is visible.
  useWrites(useCallback(() => {
    for (const delay of AFTER_WRITE_MS) window.setTimeout(() => void read(), delay);
  }, [read]));
  useEffect(() => {
    void read();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void read();
    }, REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void read();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [path, read]);

  if (!clock) return null;

  const advance = async (step: Step) => {
    setWorking(true);
    moves.current += 1;
    setError(undefined);
    setAnnouncement('Moving the clock…');
    try {
      const moved = await api.post<ClockView>('/v1/local/clock', { advance: step });
      setClock(moved);
      setAnnouncement(`The local time is now ${formatDateTime(moved.now)}.`);
      announceClockMoved();
    } catch (failure) {
      setAnnouncement('');
      setError(describeError(failure));
    } finally {
      moves.current += 1;
      setWorking(false);
    }
  };

  return (
    <section className="local-clock" aria-labelledby="local-clock-heading">
      <h2 id="local-clock-heading" className="local-clock-heading">
        Local clock
      </h2>
      <p className="local-clock-now">
        Now: <time dateTime={clock.now}>{formatDateTime(clock.now)}</time>
      </p>
      <p className="local-clock-next">{nextEvent(clock)}</p>
      <div className="local-clock-actions" role="group" aria-label="Move the clock forward">
        {steps.map(({ step, label }) => (
          <button key={step} type="button" className="button button-secondary" disabled={working || (step === 'next-event' && !clock.next && !clock.nextServiceInvoices)} onClick={() => advance(step)}>
            {label}
          </button>
        ))}
      </div>
      {/* A live region without the status role: each staff page keeps its own status message as the page's first. */}
      <p className="local-clock-status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      {error ? (
        <p className="local-clock-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

/** What "Next event" moves to: the earlier of the next scheduled work and the next service billing day. */
function nextEvent({ next, nextServiceInvoices: billing }: ClockView): string {
  if (billing && (!next || Date.parse(billing.at) < Date.parse(next.at))) {
    return `Next: service billing issues invoices, ${formatDateTime(billing.at)}.`;
  }
  if (!next) return 'Nothing is scheduled.';
  const invoice = next.invoiceNumber === undefined ? 'an invoice' : `invoice ${invoiceNumber(next.invoiceNumber)}`;
  const what = next.action === 'remind' ? `reminder for ${invoice}` : next.step === 0 ? `due-date charge of ${invoice}` : `retry ${next.step} of the charge of ${invoice}`;
  return `Next: ${what}, ${formatDateTime(next.at)}.`;
}
