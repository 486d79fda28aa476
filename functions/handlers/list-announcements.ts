import { listAnnouncementsForCustomer } from '../use-cases/list-announcements.js';
import { storage } from './composition/storage.js';
import { announcementsQuery } from './http/announcement-schemas.js';
import { httpHandler } from './http/http-handler.js';
import { parse } from './http/parse.js';
import { pageView } from './http/presenters.js';
import { json } from './http/responses.js';

/** GET /v1/announcements: the provider's announcements, newest first. */
export const handler = httpHandler('customer', async ({ event, caller }) => {
  const query = parse(announcementsQuery, event.queryStringParameters, 'query');
  const page = await listAnnouncementsForCustomer(await storage(), {
    userSub: caller.sub, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return json(200, pageView(page, (a) => ({ ...a })));
});
