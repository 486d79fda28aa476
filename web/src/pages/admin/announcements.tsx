import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { describeError } from '../../api/api-error.js';
import type { Announcement, AnnouncementPage, PublishAnnouncementRequest } from '../../api/types.js';
import { AnnouncementCard } from '../../announcements/announcement-card.js';
import { Field } from '../../components/field.js';
import { FormError } from '../../components/form-error.js';
import { Page } from '../../components/page.js';
import { Empty, ErrorNotice, Loading, StatusMessage } from '../../components/status.js';
import { serverDay } from '../../server-clock.js';
import { usePaged } from '../../use-paged.js';
import { withQuery } from '../../url.js';

/** Staff publish announcements to every customer and withdraw them; the list is what customers read. */
export function AdminAnnouncementsPage() {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [date, setDate] = useState(serverDay());
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const textId = useId();
  const list = usePaged<Announcement>((cursor) => api.get<AnnouncementPage>(withQuery('/v1/admin/announcements', { cursor })), []);

  const publish = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setMessage(undefined);
    setBusy(true);
    try {
      const published = await api.post<Announcement>('/v1/admin/announcements', { title, text, date } satisfies PublishAnnouncementRequest);
      setMessage(`Published “${published.title}”. Customers see it on My Invoices and Announcements.`);
      setTitle('');
      setText('');
      list.reload();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (announcement: Announcement) => {
    if (!window.confirm(`Withdraw “${announcement.title}”? Customers will no longer see it.`)) return;
    try {
      await api.delete(`/v1/admin/announcements/${encodeURIComponent(announcement.id)}`);
      setMessage(`Withdrew “${announcement.title}”.`);
      list.reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <Page title="Announcements">
      <StatusMessage message={message} />
      <form className="form card" onSubmit={publish} aria-label="New announcement">
        <h2>New announcement</h2>
        <FormError message={error} />
        <Field label="Title" name="title" required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} />
        <div className="field">
          <label htmlFor={textId}>Text</label>
          <textarea id={textId} name="text" required maxLength={2000} rows={5} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <Field label="Date" type="date" name="date" required value={date} onChange={(e) => setDate(e.target.value)} hint="Customers read this date on it; the newest date is shown first." />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Publishing…' : 'Publish to every customer'}
        </button>
      </form>
      <section className="section" aria-label="Published announcements">
        <h2>Published</h2>
        {list.state === 'loading' ? <Loading what="announcements" /> : null}
        {list.state === 'error' ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
        {list.state === 'ready' && list.items.length === 0 ? <Empty>Nothing published yet.</Empty> : null}
        <div className="stack">
          {list.items.map((announcement) => (
            <div key={announcement.id}>
              <AnnouncementCard announcement={announcement} headingLevel={3} />
              <button type="button" className="button button-quiet" onClick={() => withdraw(announcement)}>
                Withdraw “{announcement.title}”
              </button>
            </div>
          ))}
        </div>
        {list.hasMore ? <button type="button" className="button button-secondary" onClick={list.loadMore}>Load more</button> : null}
      </section>
    </Page>
  );
}
