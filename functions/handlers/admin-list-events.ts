import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { json } from './http/responses.js';
import { publishedEventView } from './http/service-schemas.js';

/** How many of the latest events the page shows. */
const LATEST = 200;

/** GET /v1/admin/events: the latest events published for the provider's automation, newest first. */
export const handler = httpHandler('admin', async () => {
  const events = await (await storage()).publishedEvents.list(LATEST);
  return json(200, { items: events.map(publishedEventView) });
});
