import { listAnnouncements } from '../use-cases/list-announcements.js';
import { storage } from './composition/storage.js';
import { announcementsQuery } from './http/announcement-schemas.js';
import { httpHandler } from './http/http-handler.js';
import { parse } from './http/parse.js';
import { pageView } from './http/presenters.js';
import { json } from './http/responses.js';

/** GET /v1/admin/announcements: what customers read, for staff (who have no customer record). */
export const handler = httpHandler('admin', async ({ event }) => {
  const query = parse(announcementsQuery, event.queryStringParameters, 'query');
  const page = await listAnnouncements(await storage(), { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
  return json(200, pageView(page, (a) => ({ ...a })));
});
