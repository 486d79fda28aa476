import { withdrawAnnouncement } from '../use-cases/withdraw-announcement.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { pathId } from './http/parse.js';

/** DELETE /v1/admin/announcements/{id}: withdraw an announcement; customers stop seeing it. */
export const handler = httpHandler('admin', async ({ event }) => {
  const id = pathId(event.pathParameters?.['id']);
  await withdrawAnnouncement(await storage(), { id });
  logger.info('Announcement withdrawn', { announcementId: id });
  return { statusCode: 204 };
});
