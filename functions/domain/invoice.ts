import { formatInvoiceNumber } from './invoice-number.js';
import { BusinessRuleError, ValidationError } from './errors.js';
import { type CalendarDate, calendarDateOf } from './calendar-date.js';
import { buildLines, totalOf } from './invoice-lines.js';
import { type CurrencyCode, type Money, add, isPositive, min, money, subtract, sum, zero } from './money.js';
import type { ProviderPaymentMethod } from './payment.js';

export { MAX_DESCRIPTION_LENGTH, MAX_LINES } from './invoice-lines.js';

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** The only moves an invoice's status can make. `paid` and `void` are final. */
const TRANSITIONS: Readonly<Record<InvoiceStatus, readonly InvoiceStatus[]>> = {
  draft: ['open', 'void'],
  open: ['paid', 'void'],
  paid: [],
  void: [],
};

export const canTransition = (from: InvoiceStatus, to: InvoiceStatus): boolean => TRANSITIONS[from].includes(to);

export interface InvoiceLine {
  readonly description: string;
  /** May be fractional (1.5 hours); the line amount is rounded once, by `multiply`. */
  readonly quantity: number;
  readonly unitAmount: Money;
  readonly amount: Money;
}

export interface InvoiceLineInput {
  readonly description: string;
  readonly quantity: number;
  readonly unitAmountMinor: number;
}

export interface InvoiceState {
  readonly id: string;
  readonly number: number;
  readonly customerId: string;
  readonly currency: CurrencyCode;
  readonly status: InvoiceStatus;
  readonly lines: readonly InvoiceLine[];
  readonly total: Money;
  /**
   * What payments have paid of the total. A refund while the invoice is open takes its part back off
   * (what is due rises again); a paid invoice keeps it, being settled for good (see `recordRefund`).
   */
  readonly amountPaid: Money;
  /** What has been given back of payments to this invoice (refunds), for display; absent: none. */
  readonly amountRefunded?: Money;
  readonly issuedAt: string;
  readonly dueDate: CalendarDate;
  /** A payment was started that settles later (crypto confirmations, a pending PayPal capture). */
  readonly paymentPending: boolean;
  readonly paidAt?: string;
  readonly voidedAt?: string;
  /** The latest charge of a saved card; see `beginChargeAttempt`. */
  readonly chargeAttempt?: ChargeAttempt;
  /** The one hosted checkout that may take money for this invoice now; see `attachCheckout`. */
  readonly checkout?: OpenCheckout;
  /** Where the automatic charges of this invoice stand (the due date's, then the retries). */
  readonly dunning?: Dunning;
  /**
   * Who it is billed to, as they were at issue: an issued invoice keeps the name and address it was
   * issued to, whatever the customer changes later. (Absent on invoices issued before it was kept.)
   */
  readonly billTo?: BillTo;
  /** Bumped by every change; the repository writes with a condition on the version it read. */
  readonly version: number;
}

/**
 * A charge of a saved card for this invoice. Its number makes the idempotency key the processor sees,
 * so every retry of one attempt charges at most once. An attempt stays `in_progress` until its outcome
 * is recorded; a new number is only taken after that.
 */
export interface ChargeAttempt {
  readonly number: number;
  /** What this attempt charges; a retry of the attempt must ask for the same amount. */
  readonly amountMinor: number;
  readonly status: 'in_progress' | 'finished';
  readonly startedAt: string;
  /**
   * The idempotency key the processor sees when it is not `charge-<invoice>-<number>` (an automatic
   * charge's, one per dunning step); kept so that whoever resumes the attempt asks with the same key.
   */
  readonly idempotencyKey?: string;
}

/**
 * The automatic charges of an invoice so far: the last step done (0 on the due date, then each retry),
 * how many were declined, and how the last one ended. A step at or before `step` is done: its schedule
 * firing again, or late, changes nothing (R2).
 */
export interface Dunning {
  readonly step: number;
  readonly declines: number;
  /**
   * `declined`: retried if a retry is left; `requires_action`: the bank wants the customer (emailed a
   * link), not counted as a decline; `not_charged`: no automatic billing, or no usable card; `paid`.
   */
  readonly lastOutcome: 'declined' | 'requires_action' | 'not_charged' | 'paid';
  readonly lastAt: string;
  /** Why the last charge did not go through, in a sentence for the customer. */
  readonly lastReason?: string;
  /** When the next retry is scheduled (ISO 8601, UTC); absent after the last one. */
  readonly nextAttemptAt?: string;
}

/** The customer's details an invoice is issued to. */
export interface BillTo {
  readonly name: string;
  readonly email: string;
  readonly billingAddress?: readonly string[];
  readonly taxId?: string;
}

/**
 * A customer's details as an invoice issued to them now prints them (name, email, billing address
 * lines, tax ID). The invoice keeps this copy: later changes to the customer do not alter it.
 */
export function billToOf(customer: BillTo): BillTo {
  return {
    name: customer.name, email: customer.email,
    ...(customer.billingAddress ? { billingAddress: customer.billingAddress } : {}), ...(customer.taxId ? { taxId: customer.taxId } : {}),
  };
}

/** Who an invoice is billed to: as it was issued, or (an invoice from before that was kept) as the customer is now. */
export function billedTo(invoice: Invoice, customer: BillTo): BillTo {
  return invoice.state.billTo ?? billToOf(customer);
}

/**
 * A page at a payment provider where the customer is paying this invoice (a Stripe Checkout Session).
 * At most one is live per invoice, for the amount due when it was opened: two tabs get the same page,
 * and a saved-card charge first closes it, so the two can never both take the money.
 */
export interface OpenCheckout {
  /** The provider's id (a Stripe `cs_…`). */
  readonly id: string;
  readonly method: ProviderPaymentMethod;
  /** Where the customer is sent. */
  readonly url: string;
  /** The amount due it was opened for; a different amount due needs a new page. */
  readonly amountMinor: number;
  /** When the provider closes it by itself (ISO 8601, UTC). */
  readonly expiresAt: string;
  /**
   * Set when we began to take the money the customer approved on it (a PayPal capture). From then on
   * the checkout stays live, past its expiry, until the capture's outcome is recorded: nothing else
   * may charge the invoice meanwhile, and nobody may forget it.
   */
  readonly captureStartedAt?: string;
}

/** How long an unfinished attempt holds the invoice before a retry of the same attempt may run. */
export const CHARGE_ATTEMPT_LEASE_MS = 2 * 60_000;

/**
 * An invoice. Immutable: every verb returns the next state, and guards the invariants:
 * total = sum of line amounts; 0 ≤ amount paid ≤ total; only an open invoice takes payments;
 * `paid` and `void` are final.
 */
export class Invoice {
  private constructor(readonly state: InvoiceState) {}

  static issue(input: {
    id: string;
    number: number;
    customerId: string;
    currency: CurrencyCode;
    lines: readonly InvoiceLineInput[];
    dueDate: CalendarDate;
    issuedAt: Date;
    /** Who it is billed to, as they are at issue: the invoice keeps this even if the customer's details change. */
    billTo: BillTo;
  }): Invoice {
    if (!Number.isSafeInteger(input.number) || input.number < 1) throw new RangeError('Invoice numbers start at 1');
    if (input.dueDate < calendarDateOf(input.issuedAt)) {
      throw new ValidationError('dueDate', 'The due date cannot be before the issue date.');
    }
    const lines = buildLines(input.currency, input.lines);
    const total = totalOf(input.currency, lines);
    // Nothing to pay is paid: a zero-total invoice never shows as unpaid, nor is it ever charged.
    const settled = total.amountMinor === 0;
    return new Invoice({
      id: input.id,
      number: input.number,
      customerId: input.customerId,
      currency: input.currency,
      status: settled ? 'paid' : 'open',
      lines,
      total,
      amountPaid: zero(input.currency),
      issuedAt: input.issuedAt.toISOString(),
      dueDate: input.dueDate,
      paymentPending: false,
      ...(settled ? { paidAt: input.issuedAt.toISOString() } : {}),
      billTo: input.billTo,
      version: 1,
    });
  }

  /** Rebuilds an invoice read from storage. Checks the invariants, so corrupt data fails loudly. */
  static fromState(state: InvoiceState): Invoice {
    const total = sum(state.currency, state.lines.map((l) => l.amount));
    if (total.amountMinor !== state.total.amountMinor) throw new RangeError(`Invoice ${state.id}: total does not match its lines`);
    if (state.amountPaid.amountMinor < 0 || state.amountPaid.amountMinor > state.total.amountMinor) {
      throw new RangeError(`Invoice ${state.id}: amount paid out of range`);
    }
    if (state.amountRefunded && state.amountRefunded.amountMinor < 0) throw new RangeError(`Invoice ${state.id}: amount refunded below zero`);
    return new Invoice(state);
  }

  get id(): string { return this.state.id; }
  get status(): InvoiceStatus { return this.state.status; }
  get customerId(): string { return this.state.customerId; }
  get total(): Money { return this.state.total; }
  get amountPaid(): Money { return this.state.amountPaid; }
  get amountDue(): Money { return subtract(this.state.total, this.state.amountPaid); }
  /** The number as people read it: `#000042`. */
  get label(): string { return formatInvoiceNumber(this.state.number); }
  get amountRefunded(): Money { return this.state.amountRefunded ?? zero(this.state.currency); }

  /** Overdue is derived, never stored: open, and the due date has passed (UTC calendar days). */
  isOverdue(now: Date): boolean {
    return this.state.status === 'open' && calendarDateOf(now) > this.state.dueDate;
  }

  /**
   * Applies a payment. Paying part reduces the amount due; paying it all marks the invoice paid; the
   * excess of an overpayment is returned so the caller can credit it to the customer's account.
   */
  recordPayment(amount: Money, at: Date): { invoice: Invoice; applied: Money; excess: Money; closedCheckout?: OpenCheckout } {
    if (this.state.status !== 'open') {
      throw new BusinessRuleError(`Invoice ${this.label} is ${this.state.status} and cannot take a payment.`);
    }
    if (!isPositive(amount)) throw new ValidationError('amount', 'A payment must be greater than zero.');
    const applied = min(amount, this.amountDue);
    const excess = subtract(amount, applied);
    const amountPaid = add(this.state.amountPaid, applied);
    const settled = amountPaid.amountMinor === this.state.total.amountMinor;
    // The amount due has changed (or is nothing): a checkout opened for the old amount must not take money.
    const { checkout, ...rest } = this.state;
    const invoice = this.rebuilt({
      ...rest,
      amountPaid,
      status: settled ? 'paid' : 'open',
      paymentPending: settled ? false : this.state.paymentPending,
      ...(settled ? { paidAt: at.toISOString() } : {}),
    });
    return { invoice, applied, excess, ...(checkout ? { closedCheckout: checkout } : {}) };
  }

  /**
   * Takes the invoice for one charge of a saved card. Concurrent clicks, the due-date charge and any
   * retry meet here: only one holds the attempt at a time. An attempt abandoned mid-way (a crash after
   * the processor charged but before we recorded it) is resumed under the SAME number once its lease
   * has run out, so the processor replays its first answer instead of charging again.
   */
  beginChargeAttempt(
    now: Date,
    options: { idempotencyKey?: string } = {},
  ): { invoice: Invoice; attempt: number; amount: Money; idempotencyKey: string } | { busy: true } | { checkoutOpen: OpenCheckout } {
    if (this.state.status !== 'open') {
      throw new BusinessRuleError(`Invoice ${this.label} is ${this.state.status} and cannot take a payment.`);
    }
    const checkout = this.liveCheckout(now);
    if (checkout) return { checkoutOpen: checkout };
    const current = this.state.chargeAttempt;
    if (current?.status === 'in_progress') {
      const leaseOver = now.getTime() - Date.parse(current.startedAt) >= CHARGE_ATTEMPT_LEASE_MS;
      if (!leaseOver) return { busy: true };
      return {
        invoice: this.next({ chargeAttempt: { ...current, startedAt: now.toISOString() } }),
        attempt: current.number,
        amount: money(current.amountMinor, this.state.currency),
        idempotencyKey: current.idempotencyKey ?? `charge-${this.state.id}-${current.number}`,
      };
    }
    const number = (current?.number ?? 0) + 1;
    const amount = this.amountDue;
    return {
      invoice: this.next({
        chargeAttempt: {
          number, amountMinor: amount.amountMinor, status: 'in_progress', startedAt: now.toISOString(),
          ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
        },
      }),
      attempt: number,
      amount,
      idempotencyKey: options.idempotencyKey ?? `charge-${this.state.id}-${number}`,
    };
  }

  /** Closes a charge attempt whose outcome is known, so the next one gets a new number. */
  finishChargeAttempt(attempt: number): Invoice {
    const current = this.state.chargeAttempt;
    if (!current || current.number !== attempt || current.status === 'finished') return this;
    return this.next({ chargeAttempt: { ...current, status: 'finished' } });
  }

  /** The checkout that can still take money now, if any (one past its expiry cannot, unless its capture has begun). */
  liveCheckout(now: Date): OpenCheckout | undefined {
    const checkout = this.state.checkout;
    return checkout && (checkout.captureStartedAt || Date.parse(checkout.expiresAt) > now.getTime()) ? checkout : undefined;
  }

  /**
   * Takes the invoice for the capture of money approved on its live checkout `checkoutId` (a PayPal
   * order). Refused, so that nothing is captured, unless the invoice is open and that checkout is its
   * live one: an approval on a page we have closed, or after the invoice was paid, is never taken.
   * Beginning again (a retry of the same capture) changes nothing.
   */
  beginCheckoutCapture(checkoutId: string, now: Date): Invoice | { refused: string } {
    if (this.state.status !== 'open') return { refused: `Invoice ${this.label} is ${this.state.status}.` };
    const live = this.liveCheckout(now);
    if (live?.id !== checkoutId) return { refused: `Checkout ${checkoutId} is not invoice ${this.label}'s live checkout.` };
    if (live.captureStartedAt) return this;
    return this.next({ checkout: { ...live, captureStartedAt: now.toISOString() } });
  }

  /**
   * Records the hosted checkout the customer is sent to. Only one at a time, and never while a saved
   * card is being charged: the caller closes a live one at the provider (`detachCheckout`) first.
   */
  attachCheckout(checkout: OpenCheckout, now: Date): Invoice | { busy: 'charge_in_progress' | 'checkout_open' } {
    if (this.state.status !== 'open') {
      throw new BusinessRuleError(`Invoice ${this.label} is ${this.state.status} and cannot take a payment.`);
    }
    const attempt = this.state.chargeAttempt;
    if (attempt?.status === 'in_progress' && now.getTime() - Date.parse(attempt.startedAt) < CHARGE_ATTEMPT_LEASE_MS) {
      return { busy: 'charge_in_progress' };
    }
    if (this.liveCheckout(now)) return { busy: 'checkout_open' };
    return this.next({ checkout });
  }

  /**
   * Forgets a checkout that the provider has closed (expired, or completed). Another id is left alone,
   * and so is one whose capture has begun, unless `captureEnded` (the capture was denied).
   */
  detachCheckout(checkoutId: string, options: { captureEnded?: boolean } = {}): Invoice {
    if (this.state.checkout?.id !== checkoutId) return this;
    if (this.state.checkout.captureStartedAt && !options.captureEnded) return this;
    const { checkout: _closed, ...rest } = this.state;
    return this.rebuilt(rest);
  }

  /** Whether automatic charge `step` has been done already (its schedule fired before). */
  chargeStepDone(step: number): boolean {
    return this.state.dunning !== undefined && this.state.dunning.step >= step;
  }

  /** Records how automatic charge `step` ended, and when the next retry is (if one is scheduled). */
  recordChargeStep(step: number, outcome: Dunning['lastOutcome'], at: Date, more: { reason?: string; nextAttemptAt?: Date } = {}): Invoice {
    const declines = (this.state.dunning?.declines ?? 0) + (outcome === 'declined' ? 1 : 0);
    return this.next({
      dunning: {
        step, declines, lastOutcome: outcome, lastAt: at.toISOString(),
        ...(more.reason ? { lastReason: more.reason } : {}),
        ...(more.nextAttemptAt ? { nextAttemptAt: more.nextAttemptAt.toISOString() } : {}),
      },
    });
  }

  /** Whole calendar days (UTC) past the due date while it is open and unpaid; 0 otherwise. */
  daysOverdue(now: Date): number {
    if (!this.isOverdue(now)) return 0;
    return Math.round((Date.parse(calendarDateOf(now)) - Date.parse(this.state.dueDate)) / 86_400_000);
  }

  /**
   * Records that `amount` of what payments gave this invoice was refunded (to the card, or to account
   * credit). A refund never re-opens a paid invoice: `paid` is final, the amount paid stays what was
   * paid, and `amountRefunded` says what was given back (the standard of billing systems: the
   * business decided to give the money back, the customer owes nothing more). On an invoice that is
   * still open, the refunded part is no longer paid: the amount due rises by it, so the invoice still
   * asks for what is owed, and one whose payments were all refunded can be voided.
   * @throws ValidationError when the amount is not positive
   * @throws BusinessRuleError when the invoice has not been paid that much, or is void or a draft
   */
  recordRefund(amount: Money): Invoice {
    if (!isPositive(amount)) throw new ValidationError('amount', 'A refund must be greater than zero.');
    const amountRefunded = add(this.amountRefunded, amount);
    const { number, status } = this.state;
    if (status === 'paid') return this.next({ amountRefunded });
    if (status !== 'open') throw new BusinessRuleError(`Invoice ${number} is ${status}: no payment to it can be refunded.`);
    if (amount.amountMinor > this.state.amountPaid.amountMinor) {
      throw new BusinessRuleError(`Invoice ${number} has been paid less than the refund.`);
    }
    return this.next({ amountPaid: subtract(this.state.amountPaid, amount), amountRefunded });
  }

  markPaymentPending(pending: boolean): Invoice {
    if (this.state.status !== 'open') throw new BusinessRuleError(`Invoice ${this.label} is not open.`);
    return this.next({ paymentPending: pending });
  }

  void(at: Date): Invoice {
    if (!canTransition(this.state.status, 'void')) {
      throw new BusinessRuleError(
        this.state.status === 'paid'
          ? `Invoice ${this.label} is paid and cannot be voided; refund it instead.`
          : `Invoice ${this.label} is already void.`,
      );
    }
    if (isPositive(this.state.amountPaid)) {
      throw new BusinessRuleError(`Invoice ${this.label} has payments on it and cannot be voided; refund them first.`);
    }
    const { checkout: _closed, ...rest } = this.state;
    return this.rebuilt({ ...rest, status: 'void', voidedAt: at.toISOString(), paymentPending: false });
  }

  private next(changes: Partial<InvoiceState>): Invoice {
    return this.rebuilt({ ...this.state, ...changes });
  }

  /** The next version from a whole state (so that optional fields can be dropped), guarding the status move. */
  private rebuilt(state: Omit<InvoiceState, 'version'>): Invoice {
    if (state.status !== this.state.status && !canTransition(this.state.status, state.status)) {
      throw new BusinessRuleError(`An invoice cannot go from ${this.state.status} to ${state.status}.`);
    }
    return new Invoice({ ...state, version: this.state.version + 1 });
  }
}
