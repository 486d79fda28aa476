import type { Customer } from '../../domain/customer.js';
import { BusinessRuleError } from '../../domain/errors.js';
import { ESTABLISHING_METHODS, type EstablishedCustomerRule, type Establishment, establishment } from '../../domain/established-customer.js';
import type { Clock } from '../../ports/clock.js';
import type { PaymentHistory } from '../../ports/payment-history.js';

export interface EstablishmentDeps {
  history: PaymentHistory;
  clock: Clock;
  /** The provider's numbers (functions/config.ts). */
  establishedCustomer: EstablishedCustomerRule;
}

/** Whether the customer is established now (the rule in domain/established-customer.ts), and if not, why. */
export async function customerEstablishment(deps: EstablishmentDeps, customer: Customer): Promise<Establishment> {
  const rule = deps.establishedCustomer;
  // Counting stops at the minimum: a customer with hundreds of paid invoices costs one Query page.
  const paidInvoices = await deps.history.countPaidInvoices(customer.id, ESTABLISHING_METHODS, rule.minPaidInvoices);
  return establishment({ accountCreatedAt: customer.createdAt, paidInvoices, rule, now: deps.clock.now() });
}

/**
 * Refuses a crypto payment to a customer who is not established, with the reason and when they will
 * qualify: the API holds the rule, not only the page.
 * @throws BusinessRuleError (422)
 */
export async function assertEstablished(deps: EstablishmentDeps, customer: Customer): Promise<void> {
  const status = await customerEstablishment(deps, customer);
  if (!status.established) throw new BusinessRuleError(status.reason);
}
