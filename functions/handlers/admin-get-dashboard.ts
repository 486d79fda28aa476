import { formatInvoiceNumber } from '../domain/invoice-number.js';
import { getStaffDashboard } from '../use-cases/get-staff-dashboard.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { json } from './http/responses.js';

/** GET /v1/admin/dashboard: income, what is owed and aged, what needs attention, bouncing emails. */
export const handler = httpHandler('admin', async () => {
  const deps = await storage();
  const dashboard = await getStaffDashboard(deps, { timeZone: deps.schedulePolicy.timeZone });
  return json(200, {
    ...dashboard,
    income: dashboard.income.map((series) => ({
      currency: series.currency,
      months: series.periods.map((p) => ({ month: p.period, byMethod: p.byMethod, total: p.total })),
    })),
    attention: {
      counts: dashboard.attention.counts,
      invoices: dashboard.attention.invoices.map((i) => ({ ...i, number: formatInvoiceNumber(i.number) })),
    },
  });
});
