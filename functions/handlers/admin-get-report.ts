import { calendarDate } from '../domain/calendar-date.js';
import { exportBillingReport } from '../use-cases/export-billing-report.js';
import { getBillingReport } from '../use-cases/get-billing-report.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { parse } from './http/parse.js';
import { reportParams, reportQuery } from './http/report-schemas.js';
import { download, json } from './http/responses.js';

/** GET /v1/admin/reports/{report}?from&to[&by][&format=csv]: a staff report as JSON or a CSV download. */
export const handler = httpHandler('admin', async ({ event }) => {
  const { report } = parse(reportParams, event.pathParameters, 'path');
  const query = parse(reportQuery, event.queryStringParameters, 'query');
  const deps = await storage();
  const input = { report, from: calendarDate(query.from), to: calendarDate(query.to), by: query.by, timeZone: deps.schedulePolicy.timeZone };
  if (query.format === 'csv') {
    const { csv, fileName } = await exportBillingReport(deps, input);
    return download('text/csv; charset=utf-8', csv, fileName);
  }
  return json(200, await getBillingReport(deps, input));
});
