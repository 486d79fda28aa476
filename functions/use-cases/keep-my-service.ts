import type { Service } from '../domain/service.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import { type KeepServiceDeps, keepService } from './keep-service.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';

/**
 * The signed-in customer takes back their wish to end one of their services at its period's end,
 * before that day: it goes on and is invoiced as before (keep-service.ts). Asking twice changes nothing.
 * @throws NotFoundError when the service is not theirs
 * @throws BusinessRuleError when it is cancelled, or its period has ended
 * @throws ConflictError when it changed meanwhile
 */
export async function keepMyService(
  deps: KeepServiceDeps & { customers: CustomerRepository },
  input: { userSub: string; serviceId: string },
): Promise<Service> {
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  return keepService(deps, { customerId: customer.id, serviceId: input.serviceId });
}
