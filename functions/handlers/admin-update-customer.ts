import { updateCustomerBillingDetails } from '../use-cases/update-customer-billing-details.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { parseJsonBody, pathId } from './http/parse.js';
import { customerView } from './http/presenters.js';
import { json } from './http/responses.js';
import { updateCustomerBody } from './http/schemas.js';

/** PATCH /v1/admin/customers/{id}: staff set the billing address and tax ID the customer's invoices print. */
export const handler = httpHandler('admin', async ({ event, body }) => {
  const input = parseJsonBody(updateCustomerBody, body);
  const customer = await updateCustomerBillingDetails(await storage(), {
    customerId: pathId(event.pathParameters?.['id']),
    ...(input.billingAddress !== undefined ? { billingAddress: input.billingAddress } : {}),
    ...(input.taxId !== undefined ? { taxId: input.taxId } : {}),
  });
  return json(200, customerView(customer));
});
