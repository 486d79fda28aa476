import type { Customer } from '../domain/customer.js';
import type { Page, PageRequest } from './page.js';

export interface CustomerRepository {
  /** Stores a new customer; throws ConflictError when the email is already a customer's. */
  create(customer: Customer): Promise<void>;
  get(id: string): Promise<Customer | undefined>;
  /** The customer a signed-in user is bound to. */
  findByUserSub(userSub: string): Promise<Customer | undefined>;
  findByEmail(email: string): Promise<Customer | undefined>;
  /** Sets the customer's own choices; `defaultCardId: null` clears it. Leaves the balance alone. */
  updatePreferences(customerId: string, changes: { autopay?: boolean; defaultCardId?: string | null }): Promise<Customer>;
  /** Newest first; `search` matches part of the name or email, case-insensitively. */
  list(request: PageRequest & { search?: string }): Promise<Page<Customer>>;
}
