import { publishAnnouncement } from '../use-cases/publish-announcement.js';
import { storage } from './composition/storage.js';
import { publishAnnouncementBody } from './http/announcement-schemas.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { parseJsonBody } from './http/parse.js';
import { json } from './http/responses.js';

/** POST /v1/admin/announcements: publish an announcement to every customer. */
export const handler = httpHandler('admin', async ({ body }) => {
  const input = parseJsonBody(publishAnnouncementBody, body);
  const announcement = await publishAnnouncement(await storage(), input);
  logger.info('Announcement published', { announcementId: announcement.id });
  return json(201, { ...announcement });
});
