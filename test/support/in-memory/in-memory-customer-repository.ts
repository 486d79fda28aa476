import type { Customer } from '../../../functions/domain/customer.js';
import { ConflictError, NotFoundError } from '../../../functions/domain/errors.js';
import type { CustomerChanges, CustomerRepository, EmailFeedback } from '../../../functions/ports/customer-repository.js';
import type { Page, PageRequest } from '../../../functions/ports/page.js';
import { pageOf } from './paging.js';

/**
 * Customers in a map, with the same contract as the DynamoDB adapter: an email belongs to one customer;
 * lists are newest first; search matches part of the name or email, case-insensitively.
 * `failNextCreate` makes the next write throw, as a storage outage would.
 */
export class InMemoryCustomerRepository implements CustomerRepository {
  private readonly byId = new Map<string, Customer>();
  private nextFailure: Error | undefined;
  private readonly deliveredAt = new Map<string, string>();

  constructor(initial: readonly Customer[] = []) {
    for (const customer of initial) this.byId.set(customer.id, customer);
  }

  get all(): readonly Customer[] {
    return [...this.byId.values()];
  }

  failNextCreate(error: Error): void {
    this.nextFailure = error;
  }

  async create(customer: Customer): Promise<void> {
    if (this.nextFailure) {
      const error = this.nextFailure;
      this.nextFailure = undefined;
      throw error;
    }
    if (this.byId.has(customer.id)) throw new ConflictError(`Customer ${customer.id} already exists.`);
    if ([...this.byId.values()].some((c) => c.email === customer.email)) {
      throw new ConflictError(`A customer with the email ${customer.email} already exists.`);
    }
    this.byId.set(customer.id, customer);
  }

  async get(id: string): Promise<Customer | undefined> {
    return this.byId.get(id);
  }

  async findByUserSub(userSub: string): Promise<Customer | undefined> {
    return [...this.byId.values()].find((c) => c.userSub === userSub);
  }

  async findByEmail(email: string): Promise<Customer | undefined> {
    return [...this.byId.values()].find((c) => c.email === email);
  }

  async update(customerId: string, changes: CustomerChanges): Promise<Customer> {
    const current: Record<string, unknown> = { ...this.existing(customerId) };
    for (const [field, value] of Object.entries(changes)) {
      if (value === null) delete current[field];
      else if (value !== undefined) current[field] = value;
    }
    const updated = current as unknown as Customer;
    this.byId.set(customerId, updated);
    return updated;
  }

  async noteEmailFeedback(customerId: string, feedback: EmailFeedback): Promise<'recorded' | 'ignored'> {
    const customer = this.byId.get(customerId);
    if (!customer || customer.email !== feedback.address) return 'ignored';
    const at = new Date(feedback.at).toISOString();
    const delivered = this.deliveredAt.get(customerId);
    if (feedback.kind === 'delivery') {
      let changed = false;
      if (!delivered || delivered < at) { this.deliveredAt.set(customerId, at); changed = true; }
      if (customer.emailBounced && customer.emailBounced.at < at) {
        const { emailBounced: _cleared, ...rest } = customer;
        this.byId.set(customerId, rest);
        changed = true;
      }
      return changed ? 'recorded' : 'ignored';
    }
    const field = feedback.kind === 'bounce' ? 'emailBounced' : 'emailComplained';
    const kept = customer[field];
    if ((kept && kept.at >= at) || (feedback.kind === 'bounce' && delivered && delivered >= at)) return 'ignored';
    this.byId.set(customerId, { ...customer, [field]: { address: feedback.address, at, diagnostic: feedback.diagnostic } });
    return 'recorded';
  }

  async list(request: PageRequest & { search?: string }): Promise<Page<Customer>> {
    const search = request.search?.trim().toLowerCase();
    const matching = [...this.byId.values()]
      .filter((c) => !search || `${c.name} ${c.email}`.toLowerCase().includes(search))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    return pageOf(matching, request);
  }

  async listWithBouncingEmail(request: PageRequest): Promise<Page<Customer>> {
    const bouncing = [...this.byId.values()]
      .filter((c) => c.emailBounced?.address === c.email)
      .sort((a, b) => a.id.localeCompare(b.id));
    return pageOf(bouncing, request);
  }

  /** Updates need the customer to exist, as the DynamoDB adapter's `attribute_exists` condition does. */
  private existing(customerId: string): Customer {
    const customer = this.byId.get(customerId);
    if (!customer) throw new NotFoundError('Customer');
    return customer;
  }
}
