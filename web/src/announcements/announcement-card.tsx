import type { Announcement } from '../api/types.js';
import { formatDate } from '../format.js';

/** One announcement as customers and staff read it: its date, title and text (line breaks kept). */
export function AnnouncementCard({ announcement, headingLevel = 2 }: { announcement: Announcement; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="card announcement" aria-labelledby={`announcement-${announcement.id}`}>
      <p className="muted">
        <time dateTime={announcement.date}>{formatDate(announcement.date)}</time>
      </p>
      <Heading id={`announcement-${announcement.id}`}>{announcement.title}</Heading>
      <p className="announcement-text">{announcement.text}</p>
    </article>
  );
}
