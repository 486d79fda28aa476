import type { BillingDetailsChange } from '../domain/billing-details.js';
import type { Customer } from '../domain/customer.js';
import type { Page, PageRequest } from './page.js';

/**
 * What may change on a stored customer, in one write: the customer's own choices (`defaultCardId:
 * null` clears it) and the billing details their invoices print (`null` clears one). Nothing else:
 * the balance moves only with ledger entries.
 */
export interface CustomerChanges extends BillingDetailsChange {
  readonly autopay?: boolean;
  readonly defaultCardId?: string | null;
}

export interface CustomerRepository {
  /** Stores a new customer; throws ConflictError when the email is already a customer's. */
  create(customer: Customer): Promise<void>;
  get(id: string): Promise<Customer | undefined>;
  /** The customer a signed-in user is bound to. */
  findByUserSub(userSub: string): Promise<Customer | undefined>;
  findByEmail(email: string): Promise<Customer | undefined>;
  /** Applies the changes and answers the customer as stored; throws NotFoundError when there is no such customer. */
  update(customerId: string, changes: CustomerChanges): Promise<Customer>;
  /**
   * Newest first; `search` matches part of the name or email, in any letter case. A page holds
   * `limit` customers unless the list ends; a search may also stop early, after a bounded amount of
   * reading, with fewer (even none) and a `nextCursor`: whenever customers remain that it has not
   * looked at, the page has a `nextCursor`, so an empty page without one means that none match.
   */
  list(request: PageRequest & { search?: string }): Promise<Page<Customer>>;
}
