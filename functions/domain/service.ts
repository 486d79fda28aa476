import { type CalendarDate, addDays } from './calendar-date.js';
import { BusinessRuleError, ValidationError } from './errors.js';
import { MAX_AMOUNT_MINOR, type Money, maxAmountText } from './money.js';
import type { ProviderPaymentMethod } from './payment.js';
import { type ServiceSubscription, type SubscriptionAdoption, SUBSCRIPTION_TRANSITIONS, isLive } from './service-subscription.js';
import { type ServiceCycle, type ServicePeriod, dayOfMonth, formatPeriod, nextDueDate, periodFrom } from './service-cycle.js';

export const SERVICE_STATUSES = ['active', 'suspended', 'cancelled'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** The only moves a service's status can make. `cancelled` is final. */
const TRANSITIONS: Readonly<Record<ServiceStatus, readonly ServiceStatus[]>> = {
  active: ['suspended', 'cancelled'],
  suspended: ['active', 'cancelled'],
  cancelled: [],
};

export const MAX_SERVICE_NAME_LENGTH = 200;

export interface ServiceState {
  readonly id: string;
  readonly customerId: string;
  /** The plan's name, as the invoice line names it ("Business hosting"). */
  readonly name: string;
  /** What one cycle costs, in the customer's currency (minor units). */
  readonly price: Money;
  readonly cycle: ServiceCycle;
  /** The day of the month it bills on (1–31), kept however short a month is (service-cycle.ts). */
  readonly anchorDay: number;
  /** The due date of the next invoice not yet issued; its period starts on this day. */
  readonly nextDueDate: CalendarDate;
  readonly status: ServiceStatus;
  /** The customer or staff asked to end it when the period paid for ends: no further invoice is issued. */
  readonly cancelAtPeriodEnd: boolean;
  /** The last day paid for: the end of the latest period whose invoice is paid (or, imported, as the old system said). */
  readonly paidThrough?: CalendarDate;
  /** Why it is suspended: the overdue invoice, and when (ISO 8601, UTC). */
  readonly suspension?: { readonly invoiceId: string; readonly at: string };
  readonly cancelledAt?: string;
  /** Its subscription at a payment provider: the live one, or else the latest started (service-subscription.ts). */
  readonly subscription?: ServiceSubscription;
  /** How many subscriptions were started for it: the next start's number makes its idempotency key. */
  readonly subscriptionStarts?: number;
  readonly createdAt: string;
  /** Bumped by every change; the repository writes on condition the stored one is the version read. */
  readonly version: number;
}

/** What staff may change of a service. */
export interface ServiceChanges {
  readonly name?: string;
  readonly price?: Money;
  readonly cycle?: ServiceCycle;
  /** A new next due date also moves the anchor day to its day of the month. */
  readonly nextDueDate?: CalendarDate;
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > MAX_SERVICE_NAME_LENGTH) throw new ValidationError('name', `Enter the service's name (at most ${MAX_SERVICE_NAME_LENGTH} characters).`);
  return trimmed;
}

function checkedPrice(price: Money, currency: string): Money {
  if (price.currency !== currency) throw new ValidationError('price', `The price must be in the customer's currency, ${currency}.`);
  if (price.amountMinor <= 0) throw new ValidationError('price', 'The price must be more than zero.');
  if (price.amountMinor > MAX_AMOUNT_MINOR) throw new ValidationError('price', `The price can be at most ${maxAmountText(price.currency)}.`);
  return price;
}

/**
 * A hosting service of a customer, billed in advance every cycle. Immutable: every verb returns the
 * next state and guards the invariants: a cancelled service never changes again, the price is in the
 * customer's currency and positive, and each period is billed once (`bill` moves the due date on).
 */
export class Service {
  private constructor(readonly state: ServiceState) {}

  /**
   * A new, active service whose first invoice is due on `nextDueDate`, billing on that day of the month.
   * @throws ValidationError naming `name` or `price`
   */
  static create(input: {
    id: string; customerId: string; customerCurrency: string; name: string; price: Money; cycle: ServiceCycle;
    nextDueDate: CalendarDate; paidThrough?: CalendarDate; createdAt: Date;
  }): Service {
    return new Service({
      id: input.id,
      customerId: input.customerId,
      name: checkedName(input.name),
      price: checkedPrice(input.price, input.customerCurrency),
      cycle: input.cycle,
      anchorDay: dayOfMonth(input.nextDueDate),
      nextDueDate: input.nextDueDate,
      status: 'active',
      cancelAtPeriodEnd: false,
      ...(input.paidThrough ? { paidThrough: input.paidThrough } : {}),
      createdAt: input.createdAt.toISOString(),
      version: 1,
    });
  }

  static fromState(state: ServiceState): Service {
    if (state.anchorDay < 1 || state.anchorDay > 31) throw new RangeError(`Service ${state.id}: anchor day ${state.anchorDay}`);
    return new Service(state);
  }

  get id(): string { return this.state.id; }
  get status(): ServiceStatus { return this.state.status; }

  /**
   * Still on the daily run's books: not cancelled. Its due date may invoice it (`takesNewInvoices`) or,
   * asked to end at its period's end, cancel it, suspended or not.
   */
  get isBillable(): boolean { return this.state.status !== 'cancelled'; }

  /**
   * Its next period is to be invoiced: active and not ending at its period's end. A suspended service
   * is not invoiced for new periods while suspended (see `unsuspend` for what follows); a cancelled one never.
   */
  get takesNewInvoices(): boolean { return this.state.status === 'active' && !this.state.cancelAtPeriodEnd; }

  /** The period the next invoice pays for. */
  get nextPeriod(): ServicePeriod {
    return periodFrom(this.state.nextDueDate, this.state.cycle, this.state.anchorDay);
  }

  /** The date the next invoice is issued: `daysBefore` days before the next due date. */
  invoiceDate(daysBefore: number): CalendarDate {
    return addDays(this.state.nextDueDate, -daysBefore);
  }

  /** The invoice line of the next period: `Business hosting (1 Jan – 31 Jan 2027)`, once, at the price. */
  nextInvoiceLine(): { description: string; quantity: number; unitAmountMinor: number } {
    return { description: `${this.state.name} (${formatPeriod(this.nextPeriod)})`, quantity: 1, unitAmountMinor: this.state.price.amountMinor };
  }

  /**
   * The next period was invoiced: the due date moves on one cycle.
   * @throws BusinessRuleError for a cancelled or suspended service, or one to be cancelled at the end of its period
   */
  billed(): Service {
    if (!this.takesNewInvoices) throw new BusinessRuleError('This service is not to be billed again.');
    return this.next({ nextDueDate: nextDueDate(this.state.nextDueDate, this.state.cycle, this.state.anchorDay) });
  }

  /** @throws BusinessRuleError for a cancelled service; ValidationError naming the field */
  update(changes: ServiceChanges, customerCurrency: string): Service {
    this.assertOpen();
    return this.next({
      ...(changes.name !== undefined ? { name: checkedName(changes.name) } : {}),
      ...(changes.price !== undefined ? { price: checkedPrice(changes.price, customerCurrency) } : {}),
      ...(changes.cycle !== undefined ? { cycle: changes.cycle } : {}),
      ...(changes.nextDueDate !== undefined ? { nextDueDate: changes.nextDueDate, anchorDay: dayOfMonth(changes.nextDueDate) } : {}),
    });
  }

  /** Ends the service when the period paid for ends: no further invoice. Asking twice changes nothing. */
  cancelAtEndOfPeriod(): Service {
    this.assertOpen();
    return this.state.cancelAtPeriodEnd ? this : this.next({ cancelAtPeriodEnd: true });
  }

  /**
   * Takes back the wish to end it at its period's end, on `today`: it goes on, invoiced as before (the
   * daily run issues the next period's invoice, late if its day has passed). Asking when it is not to
   * end changes nothing.
   * @throws BusinessRuleError when it is cancelled, or its period has ended (`today` is its due date or later)
   */
  keep(today: CalendarDate): Service {
    if (this.state.status === 'cancelled') throw new BusinessRuleError('This service has ended: its cancellation can no longer be taken back.');
    if (!this.state.cancelAtPeriodEnd) return this;
    if (today >= this.state.nextDueDate) {
      throw new BusinessRuleError(`This service’s period ended on ${addDays(this.state.nextDueDate, -1)}: its cancellation can no longer be taken back.`);
    }
    return this.next({ cancelAtPeriodEnd: false });
  }

  /** Ends it now (staff, or its last period ran out). Cancelling a cancelled service changes nothing. */
  cancel(at: Date): Service {
    if (this.state.status === 'cancelled') return this;
    return this.move('cancelled', { cancelledAt: at.toISOString(), suspension: undefined });
  }

  /** Its invoice `invoiceId` is overdue past the provider's limit. Only an active service is suspended. */
  suspend(invoiceId: string, at: Date): Service {
    return this.move('suspended', { suspension: { invoiceId, at: at.toISOString() } });
  }

  /**
   * What made it suspended is paid, on `today`. Nothing is invoiced while it is suspended, and nothing
   * is billed back for that time: if its next period was to start while it was suspended, the next
   * period starts `today` instead (its billing day of the month becomes today's), and the daily run
   * invoices it, due today. A next period that starts later stays as it was.
   */
  unsuspend(today: CalendarDate): Service {
    const restart = this.state.nextDueDate < today ? { nextDueDate: today, anchorDay: dayOfMonth(today) } : {};
    return this.move('active', { suspension: undefined, ...restart });
  }

  /** A period's invoice was paid: the service is paid through its end (never moved backwards). */
  paidThrough(end: CalendarDate): Service {
    if (this.state.paidThrough && this.state.paidThrough >= end) return this;
    return this.next({ paidThrough: end });
  }

  /** Its live subscription (active or suspended), if any. */
  get liveSubscription(): ServiceSubscription | undefined {
    return isLive(this.state.subscription) ? this.state.subscription : undefined;
  }

  /** The provider charges its invoices by itself: no card is charged for them on their due date. */
  get paidBySubscription(): boolean {
    return this.state.subscription?.status === 'active';
  }

  /**
   * A subscription was created at the provider, waiting for the customer's approval; it counts as
   * start number `subscriptionStarts + 1`.
   * @throws BusinessRuleError for a cancelled service, or one with a live subscription already
   */
  subscriptionStarted(s: { method: ProviderPaymentMethod; id: string; approvalUrl: string; at: Date }): Service {
    this.assertOpen();
    if (this.liveSubscription) throw new BusinessRuleError('This service is already paid by a subscription.');
    return this.next({
      subscription: { method: s.method, id: s.id, status: 'pending', startedAt: s.at.toISOString(), approvalUrl: s.approvalUrl },
      subscriptionStarts: (this.state.subscriptionStarts ?? 0) + 1,
    });
  }

  /**
   * The provider says subscription `id` is live (active or suspended). It becomes the service's
   * subscription unless another one already is live, or it is one we cancelled: then this one is a
   * `duplicate`, and the service is left as it is (the caller cancels it at the provider).
   */
  subscriptionLive(s: { method: ProviderPaymentMethod; id: string; status: 'active' | 'suspended'; nextBillingAt?: string; at: Date }): { service: Service; adoption: SubscriptionAdoption } {
    const current = this.state.subscription;
    if (isLive(current) && current.id !== s.id) return { service: this, adoption: 'duplicate' };
    // One we cancelled before the customer approved it (it could not be cancelled at the provider then): it must not charge.
    if (current?.id === s.id && current.status === 'cancelled') return { service: this, adoption: 'duplicate' };
    const same = current?.id === s.id;
    if (same && current.status === s.status && current.nextBillingAt === s.nextBillingAt) return { service: this, adoption: 'updated' };
    const { approvalUrl: _, nextBillingAt: __, ...kept } = same ? current : { method: s.method, id: s.id, startedAt: s.at.toISOString() };
    const next = { ...kept, status: s.status, ...(s.nextBillingAt ? { nextBillingAt: s.nextBillingAt } : {}) } as ServiceSubscription;
    return { service: this.next({ subscription: next }), adoption: same && current.status !== 'pending' ? 'updated' : 'adopted' };
  }

  /** Subscription `id` was cancelled or expired at the provider. Any other subscription is left as it is. */
  subscriptionEnded(id: string, at: Date): Service {
    const current = this.state.subscription;
    if (current?.id !== id || !SUBSCRIPTION_TRANSITIONS[current.status].includes('cancelled')) return this;
    const { approvalUrl: _, nextBillingAt: __, ...kept } = current;
    return this.next({ subscription: { ...kept, status: 'cancelled', cancelledAt: at.toISOString() } });
  }

  /** The provider failed to take subscription `id`'s payment (the customer sees when). */
  subscriptionPaymentFailed(id: string, at: Date): Service {
    const current = this.state.subscription;
    if (current?.id !== id || current.status === 'cancelled') return this;
    return this.next({ subscription: { ...current, lastPaymentFailedAt: at.toISOString() } });
  }

  private assertOpen(): void {
    if (this.state.status === 'cancelled') throw new BusinessRuleError('This service is cancelled.');
  }

  private move(to: ServiceStatus, changes: Partial<ServiceState>): Service {
    if (!TRANSITIONS[this.state.status].includes(to)) throw new BusinessRuleError(`A ${this.state.status} service cannot become ${to}.`);
    return this.next({ ...changes, status: to });
  }

  private next(changes: Partial<ServiceState>): Service {
    const state = { ...this.state, ...changes, version: this.state.version + 1 } as Record<string, unknown>;
    for (const key of Object.keys(state)) if (state[key] === undefined) delete state[key];
    return new Service(state as unknown as ServiceState);
  }
}
