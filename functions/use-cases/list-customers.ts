import type { Customer } from '../domain/customer.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { Page } from '../ports/page.js';

/** Staff's customer list, newest first, searchable by part of a name or email. */
export function listCustomers(
  deps: { customers: CustomerRepository },
  input: { search?: string; cursor?: string; limit: number },
): Promise<Page<Customer>> {
  return deps.customers.list(input);
}
