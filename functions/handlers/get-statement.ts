import { calendarDate } from '../domain/calendar-date.js';
import { getMyStatement } from '../use-cases/get-my-statement.js';
import { storage } from './composition/storage.js';
import { statementQuery } from './http/credit-schemas.js';
import { httpHandler } from './http/http-handler.js';
import { parse } from './http/parse.js';
import { statementView } from './http/presenters.js';
import { json } from './http/responses.js';

/** GET /v1/ledger: my account statement for a range of days, a page at a time, with running balances. */
export const handler = httpHandler('customer', async ({ event, caller }) => {
  const query = parse(statementQuery, event.queryStringParameters, 'query');
  const statement = await getMyStatement(await storage(), {
    userSub: caller.sub, limit: query.limit,
    ...(query.from ? { from: calendarDate(query.from) } : {}), ...(query.to ? { to: calendarDate(query.to) } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return json(200, statementView(statement, { staff: false }));
});
