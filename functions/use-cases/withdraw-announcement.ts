import { NotFoundError } from '../domain/errors.js';
import type { AnnouncementRepository } from '../ports/announcement-repository.js';

/**
 * Staff withdraw an announcement (published by mistake, or no longer true): customers stop seeing it.
 * @throws NotFoundError when there is no such announcement
 */
export async function withdrawAnnouncement(deps: { announcements: AnnouncementRepository }, input: { id: string }): Promise<void> {
  if (await deps.announcements.remove(input.id) === 'not-found') throw new NotFoundError('Announcement');
}
