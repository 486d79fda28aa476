import { api } from '../api/client.js';
import type { Announcement, AnnouncementPage } from '../api/types.js';
import { AnnouncementCard } from '../announcements/announcement-card.js';
import { Page } from '../components/page.js';
import { Empty, ErrorNotice, Loading } from '../components/status.js';
import { usePaged } from '../use-paged.js';
import { withQuery } from '../url.js';

/** Announcements: everything the provider has announced, newest first. */
export function AnnouncementsPage() {
  const list = usePaged<Announcement>((cursor) => api.get<AnnouncementPage>(withQuery('/v1/announcements', { cursor })), []);
  return (
    <Page title="Announcements">
      {list.state === 'loading' ? <Loading what="announcements" /> : null}
      {list.state === 'error' ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.state !== 'loading' && list.state !== 'error' && list.items.length === 0 ? <Empty>No announcements yet.</Empty> : null}
      <div className="stack">
        {list.items.map((announcement) => <AnnouncementCard key={announcement.id} announcement={announcement} />)}
      </div>
      {list.hasMore ? (
        <button type="button" className="button button-secondary" onClick={list.loadMore} disabled={list.state === 'loading-more'}>
          Load more
        </button>
      ) : null}
    </Page>
  );
}
