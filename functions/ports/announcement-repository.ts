import type { Announcement } from '../domain/announcement.js';
import type { Page, PageRequest } from './page.js';

/** Where announcements are kept. */
export interface AnnouncementRepository {
  /** Stores a new announcement; `exists` when one with its id is stored already (nothing changed). */
  publish(announcement: Announcement): Promise<'published' | 'exists'>;
  /** Newest first: by date, then by when it was published. */
  list(request: PageRequest): Promise<Page<Announcement>>;
  /** `removed`, or `not-found` when there is no such announcement. */
  remove(id: string): Promise<'removed' | 'not-found'>;
}
