import type { Announcement } from '../domain/announcement.js';
import type { AnnouncementRepository } from '../ports/announcement-repository.js';
import type { Page, PageRequest } from '../ports/page.js';

/** Announcements, newest first, a page at a time: the same list for every customer and for staff. */
export function listAnnouncements(deps: { announcements: AnnouncementRepository }, request: PageRequest): Promise<Page<Announcement>> {
  return deps.announcements.list(request);
}
