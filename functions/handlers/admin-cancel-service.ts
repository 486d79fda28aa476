import { cancelService } from '../use-cases/cancel-service.js';
import { recurringPayments } from './composition/recurring.js';
import { httpHandler } from './http/http-handler.js';
import { parseJsonBody, pathId } from './http/parse.js';
import { json } from './http/responses.js';
import { cancelServiceBody, serviceView } from './http/service-schemas.js';

/** POST /v1/admin/customers/{id}/services/{serviceId}/cancel: staff end a service now or at the end of its period. */
export const handler = httpHandler('admin', async ({ event, body }) => {
  const input = parseJsonBody(cancelServiceBody, body);
  const service = await cancelService(await recurringPayments(), {
    customerId: pathId(event.pathParameters?.['id']), serviceId: pathId(event.pathParameters?.['serviceId']), when: input.when,
  });
  return json(200, serviceView(service));
});
