import { api } from '../../api/client.js';
import type { PublishedEventList } from '../../api/types.js';
import { Page } from '../../components/page.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { formatTimestamp } from '../../format.js';
import { useResource } from '../../use-resource.js';

/**
 * The events published for the provider's own automation (invoice.paid, invoice.overdue,
 * service.suspended, service.unsuspended), newest first: locally this list is the event bus; in AWS
 * the same events are on the stack's EventBridge bus.
 */
export function AdminEventsPage() {
  const events = useResource(() => api.get<PublishedEventList>('/v1/admin/events'), []);
  return (
    <Page title="Events" actions={<button type="button" className="button button-secondary" onClick={events.reload}>Refresh</button>}>
      <p className="muted">What the billing system told your automation, newest first (the latest 200).</p>
      {events.state === 'loading' ? <Loading what="the events" /> : null}
      {events.state === 'error' ? <ErrorNotice error={events.error} onRetry={events.reload} /> : null}
      {events.state === 'ready' && events.data.items.length === 0 ? <Empty>No events have been published yet.</Empty> : null}
      {events.state === 'ready' && events.data.items.length > 0 ? (
        <table className="table table-cards">
          <caption className="visually-hidden">Events published, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Published</th>
              <th scope="col">Event</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {events.data.items.map((event) => (
              <tr key={event.dedupeKey}>
                <td data-label="Published">{formatTimestamp(event.publishedAt)}</td>
                <td data-label="Event"><code>{event.type}</code></td>
                <td data-label="Details">
                  {Object.entries(event.detail).map(([key, value]) => `${key}: ${String(value)}`).join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
