import type { BillingDetailsChange } from '../domain/billing-details.js';
import type { Customer } from '../domain/customer.js';
import type { Page, PageRequest } from './page.js';

/**
 * What may change on a stored customer, in one write: the customer's own choices (`defaultCardId:
 * null` clears it), the billing details their invoices print (`null` clears one), and whether staff
 * let them sign in. Nothing else:
 * the balance moves only with ledger entries.
 */
export interface CustomerChanges extends BillingDetailsChange {
  readonly autopay?: boolean;
  readonly defaultCardId?: string | null;
  /** Staff only: when sign-in was turned off (`null` turns it on again). */
  readonly signInDisabledAt?: string | null;
}

/**
 * What the mail service reported about an email to a customer's address (SES's Bounce, Complaint and
 * Delivery events). `at` is when it happened (ISO 8601, UTC).
 */
export type EmailFeedback =
  | { readonly kind: 'bounce' | 'complaint'; readonly address: string; readonly at: string; readonly diagnostic: string }
  | { readonly kind: 'delivery'; readonly address: string; readonly at: string };

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
   * Notes feedback from the mail service on the customer, in any order and any number of times:
   * a bounce or complaint is kept when it is about the customer's current address and newer than
   * what is kept (a bounce: also newer than the last delivery); a delivery clears a bounce older than
   * it. `ignored`: nothing changed (an old or repeated report, another address, no such customer).
   */
  noteEmailFeedback(customerId: string, feedback: EmailFeedback): Promise<'recorded' | 'ignored'>;
  /**
   * Newest first; `search` matches part of the name or email, in any letter case. A page holds
   * `limit` customers unless the list ends; a search may also stop early, after a bounded amount of
   * reading, with fewer (even none) and a `nextCursor`: whenever customers remain that it has not
   * looked at, the page has a `nextCursor`, so an empty page without one means that none match.
   */
  list(request: PageRequest & { search?: string }): Promise<Page<Customer>>;
  /**
   * The customers whose current email address bounces (see `currentEmailBounce`), by customer id. A
   * page may hold fewer than `limit` (a bounce of an address since changed is skipped) and still have
   * a `nextCursor`.
   */
  listWithBouncingEmail(request: PageRequest): Promise<Page<Customer>>;
}
