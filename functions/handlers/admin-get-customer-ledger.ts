import { calendarDate } from '../domain/calendar-date.js';
import { getCustomerStatement } from '../use-cases/get-customer-statement.js';
import { storage } from './composition/storage.js';
import { statementQuery } from './http/credit-schemas.js';
import { httpHandler } from './http/http-handler.js';
import { parse, pathId } from './http/parse.js';
import { statementView } from './http/presenters.js';
import { json } from './http/responses.js';

/** GET /v1/admin/customers/{id}/ledger: a customer's credit history for staff, with who made each adjustment. */
export const handler = httpHandler('admin', async ({ event }) => {
  const query = parse(statementQuery, event.queryStringParameters, 'query');
  const statement = await getCustomerStatement(await storage(), {
    customerId: pathId(event.pathParameters?.['id']), limit: query.limit,
    ...(query.from ? { from: calendarDate(query.from) } : {}), ...(query.to ? { to: calendarDate(query.to) } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return json(200, statementView(statement, { staff: true }));
});
