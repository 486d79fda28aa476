import { type Announcement, newAnnouncement } from '../domain/announcement.js';
import type { AnnouncementRepository } from '../ports/announcement-repository.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';

/**
 * Staff publish an announcement to every customer: a title, a short text and its date. Customers see
 * the newest on My Invoices and all of them on their Announcements page; no email is sent.
 * `id` may be given (the seed's announcement has a fixed one, so that publishing it again changes nothing).
 * @throws ValidationError naming `title`, `text` or `date`
 */
export async function publishAnnouncement(
  deps: { announcements: AnnouncementRepository; ids: IdGenerator; clock: Clock },
  input: { title: string; text: string; date: string; id?: string },
): Promise<Announcement> {
  const announcement = newAnnouncement({ ...input, id: input.id ?? deps.ids.newId('ann'), publishedAt: deps.clock.now() });
  await deps.announcements.publish(announcement);
  return announcement;
}
