import { calendarDate } from '../domain/calendar-date.js';
import { exportMyStatement } from '../use-cases/export-my-statement.js';
import { storage } from './composition/storage.js';
import { statementCsvQuery } from './http/credit-schemas.js';
import { httpHandler } from './http/http-handler.js';
import { parse } from './http/parse.js';
import { download } from './http/responses.js';

/** GET /v1/ledger.csv: my account statement for a range of days, as a CSV file. */
export const handler = httpHandler('customer', async ({ event, caller }) => {
  const query = parse(statementCsvQuery, event.queryStringParameters, 'query');
  const { csv, fileName } = await exportMyStatement(await storage(), {
    userSub: caller.sub, ...(query.from ? { from: calendarDate(query.from) } : {}), ...(query.to ? { to: calendarDate(query.to) } : {}),
  });
  return download('text/csv; charset=utf-8', csv, fileName);
});
