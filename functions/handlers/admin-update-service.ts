import { calendarDate } from '../domain/calendar-date.js';
import { updateService } from '../use-cases/update-service.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { parseJsonBody, pathId } from './http/parse.js';
import { json } from './http/responses.js';
import { serviceView, updateServiceBody } from './http/service-schemas.js';

/** PATCH /v1/admin/customers/{id}/services/{serviceId}: staff change a service's name, price, cycle or next due date. */
export const handler = httpHandler('admin', async ({ event, body }) => {
  const input = parseJsonBody(updateServiceBody, body);
  const service = await updateService(await storage(), {
    customerId: pathId(event.pathParameters?.['id']), serviceId: pathId(event.pathParameters?.['serviceId']),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.price !== undefined ? { priceMinor: input.price } : {}),
    ...(input.cycle !== undefined ? { cycle: input.cycle } : {}),
    ...(input.nextDueDate !== undefined ? { nextDueDate: calendarDate(input.nextDueDate) } : {}),
  });
  return json(200, serviceView(service));
});
