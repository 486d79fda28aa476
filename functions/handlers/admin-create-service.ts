import { calendarDate } from '../domain/calendar-date.js';
import { createService } from '../use-cases/create-service.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { parseJsonBody, pathId } from './http/parse.js';
import { json } from './http/responses.js';
import { createServiceBody, serviceView } from './http/service-schemas.js';

/** POST /v1/admin/customers/{id}/services: staff give a customer a service. */
export const handler = httpHandler('admin', async ({ event, body }) => {
  const input = parseJsonBody(createServiceBody, body);
  const service = await createService(await storage(), {
    customerId: pathId(event.pathParameters?.['id']), name: input.name, priceMinor: input.price, cycle: input.cycle,
    nextDueDate: calendarDate(input.nextDueDate),
  });
  return json(201, serviceView(service));
});
