import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { Announcement, AnnouncementPage } from '../api/types.js';
import { Link } from '../router.js';
import { AnnouncementCard } from './announcement-card.js';

/**
 * The newest announcement, above My Invoices, with a link to all of them. Nothing is shown while it
 * loads, when there is none, or when it cannot be read: the invoices matter more than the news.
 */
export function LatestAnnouncement() {
  const [latest, setLatest] = useState<Announcement>();
  useEffect(() => {
    let current = true;
    api.get<AnnouncementPage>('/v1/announcements?limit=1').then((page) => current && setLatest(page.items[0]), () => undefined);
    return () => {
      current = false;
    };
  }, []);
  if (!latest) return null;
  return (
    <section aria-label="Latest announcement" className="latest-announcement">
      <AnnouncementCard announcement={latest} />
      <p>
        <Link to="/announcements">All announcements</Link>
      </p>
    </section>
  );
}
