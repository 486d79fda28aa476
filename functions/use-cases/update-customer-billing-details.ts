import { type BillingDetailsChange, billingDetailsChange } from '../domain/billing-details.js';
import type { Customer } from '../domain/customer.js';
import type { CustomerRepository } from '../ports/customer-repository.js';

/**
 * Staff set what a customer's invoices print under the name: the billing address and the tax ID
 * (`null` clears one). An invoice keeps no copy of them: its page and PDF show the customer's details
 * as they are when shown, as they already do for the name and email.
 * @throws NotFoundError when there is no such customer; ValidationError for details that cannot be
 *   printed (see billing-details.ts)
 */
export function updateCustomerBillingDetails(
  deps: { customers: CustomerRepository },
  input: { customerId: string } & BillingDetailsChange,
): Promise<Customer> {
  const { customerId, ...change } = input;
  return deps.customers.update(customerId, billingDetailsChange(change));
}
