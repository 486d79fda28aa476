import { listCustomers } from '../use-cases/list-customers.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { parse } from './http/parse.js';
import { customerView, pageView } from './http/presenters.js';
import { json } from './http/responses.js';
import { customersQuery } from './http/schemas.js';

/** GET /v1/admin/customers: all customers, newest first, with search; or `?email=bouncing`, those whose email bounces. */
export const handler = httpHandler('admin', async ({ event }) => {
  const query = parse(customersQuery, event.queryStringParameters, 'query');
  const page = await listCustomers(await storage(), {
    limit: query.limit, ...(query.search ? { search: query.search } : {}), ...(query.email === 'bouncing' ? { emailBouncing: true } : {}), ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return json(200, pageView(page, customerView));
});
