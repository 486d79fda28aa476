import Stripe from 'stripe';
import { ApiError } from './api-error.js';
import { newId } from './ids.js';
import type { BalanceTransaction, Charge, Customer, Event, PaymentIntent, PaymentMethod, Refund, SandboxEventType, SetupIntent, StripeObject, CheckoutSession } from './objects.js';
import { setupResult, type CardBehavior, type TestCard } from './test-cards.js';

/** One successful charge, kept for the tests' "captures per invoice" count. */
export interface Capture {
  invoiceId: string | undefined;
  paymentIntentId: string;
  chargeId: string;
  amount: number;
  currency: string;
  at: number;
}

/** What the sandbox remembers of a card besides its public details: how it behaves, never its number. */
export interface CardSecret {
  behavior: CardBehavior;
  setUpForOffSession: boolean;
}

/** What a Checkout Session was created with that is not on the session object itself. */
export interface SessionSettings {
  productName: string;
  paymentIntentData: { setupFutureUsage: PaymentIntent['setup_future_usage']; metadata: Record<string, string>; description: string | null };
  setupIntentMetadata: Record<string, string>;
}

/** Everything a store holds, as plain JSON: what `npm start` keeps across restarts. */
export interface StoreSnapshot {
  maps: Record<string, Array<[string, unknown]>>;
  events: Event[];
  captures: Capture[];
}

/**
 * The sandbox's state and the rules that change it, shared by the HTTP API and the hosted pages.
 * Every change that Stripe would announce appends an event to `pending`, which the caller hands to
 * the webhook sender once the change is complete.
 */
export class SandboxStore {
  readonly customers = new Map<string, Customer>();
  readonly paymentMethods = new Map<string, PaymentMethod>();
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly charges = new Map<string, Charge>();
  readonly setupIntents = new Map<string, SetupIntent>();
  readonly sessions = new Map<string, CheckoutSession>();
  readonly refunds = new Map<string, Refund>();
  readonly balanceTransactions = new Map<string, BalanceTransaction>();
  readonly sessionSettings = new Map<string, SessionSettings>();
  readonly events: Event[] = [];
  readonly captures: Capture[] = [];
  private readonly cardSecrets = new Map<string, CardSecret>();
  private pending: Event[] = [];

  /** `clock` answers milliseconds since the epoch: `Date.now`, or a test's clock that it moves. */
  constructor(private readonly clock: () => number = Date.now) {}

  /** The sandbox's time in milliseconds; every timestamp it writes comes from here. */
  now(): number {
    return this.clock();
  }

  /** The sandbox's time in Unix seconds, as Stripe's `created` and `expires_at` are. */
  nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  private maps(): Record<string, Map<string, unknown>> {
    return {
      customers: this.customers, paymentMethods: this.paymentMethods, paymentIntents: this.paymentIntents,
      charges: this.charges, setupIntents: this.setupIntents, sessions: this.sessions, refunds: this.refunds,
      sessionSettings: this.sessionSettings, cardSecrets: this.cardSecrets, balanceTransactions: this.balanceTransactions,
    };
  }

  snapshot(): StoreSnapshot {
    return {
      maps: Object.fromEntries(Object.entries(this.maps()).map(([name, map]) => [name, [...map]])),
      events: this.events,
      captures: this.captures,
    };
  }

  restore(snapshot: StoreSnapshot): void {
    for (const [name, map] of Object.entries(this.maps())) {
      for (const [id, value] of snapshot.maps[name] ?? []) map.set(id, value);
    }
    this.events.push(...snapshot.events);
    this.captures.push(...snapshot.captures);
  }

  /** Events recorded since the last call. */
  takePending(): Event[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  emit(type: SandboxEventType, object: StripeObject, previousAttributes?: Record<string, unknown>): void {
    const event: Event = {
      id: newId('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: this.nowSeconds(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: newId('req'), idempotency_key: null },
      type,
      data: { object: structuredClone(object), ...(previousAttributes && { previous_attributes: previousAttributes }) },
    };
    this.events.push(event);
    this.pending.push(event);
  }

  customer(id: string, param = 'customer'): Customer {
    const found = this.customers.get(id);
    if (!found) throw ApiError.missing('customer', id, param);
    return found;
  }

  paymentMethod(id: string, param = 'payment_method'): PaymentMethod {
    const found = this.paymentMethods.get(id);
    if (!found) throw ApiError.missing('PaymentMethod', id, param);
    return found;
  }

  createCustomer(input: { email?: string; name?: string; description?: string; metadata: Record<string, string> }): Customer {
    const customer: Customer = {
      id: newId('cus'),
      object: 'customer',
      created: this.nowSeconds(),
      livemode: false,
      email: input.email ?? null,
      name: input.name ?? null,
      description: input.description ?? null,
      metadata: input.metadata,
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  /** Tokenizes a test card: from here on only the pm_ id, brand, last 4 and expiry exist. */
  createPaymentMethod(card: TestCard, expMonth: number, expYear: number): PaymentMethod {
    const pm: PaymentMethod = {
      id: newId('pm'),
      object: 'payment_method',
      created: this.nowSeconds(),
      livemode: false,
      type: 'card',
      customer: null,
      metadata: {},
      allow_redisplay: 'unspecified',
      card: { brand: card.brand, display_brand: card.brand, last4: card.last4, exp_month: expMonth, exp_year: expYear, funding: 'credit', country: card.country },
    };
    this.paymentMethods.set(pm.id, pm);
    this.cardSecrets.set(pm.id, { behavior: card.behavior, setUpForOffSession: false });
    return pm;
  }

  /** Saving a card checks it with the bank, as Stripe does: a card that always declines cannot be saved. */
  attach(pm: PaymentMethod, customerId: string, options: { setUpForOffSession: boolean }): void {
    this.customer(customerId);
    if (pm.customer && pm.customer !== customerId) {
      throw ApiError.invalidRequest('This PaymentMethod is already attached to another customer.', 'payment_method');
    }
    const secret = this.cardSecret(pm.id);
    const check = setupResult(secret.behavior);
    if (check.result === 'declined') {
      throw ApiError.card({ code: 'card_declined', declineCode: check.declineCode, message: check.message });
    }
    pm.customer = customerId;
    if (options.setUpForOffSession) secret.setUpForOffSession = true;
  }

  detach(pm: PaymentMethod): PaymentMethod {
    if (!pm.customer) {
      throw ApiError.invalidRequest(
        'The payment method you provided is not attached to a customer so detachment is impossible.',
        'payment_method',
        'payment_method_unexpected_state',
      );
    }
    const previous = pm.customer;
    pm.customer = null;
    this.emit('payment_method.detached', pm, { customer: previous });
    return pm;
  }

  cardBehaviorForSetup(pmId: string): ReturnType<typeof setupResult> {
    return setupResult(this.cardSecret(pmId).behavior);
  }

  createSetupIntent(customer: string | null, metadata: Record<string, string>): SetupIntent {
    const id = newId('seti');
    const si: SetupIntent = {
      id,
      object: 'setup_intent',
      created: this.nowSeconds(),
      livemode: false,
      customer,
      payment_method: null,
      status: 'requires_payment_method',
      usage: 'off_session',
      metadata,
      payment_method_types: ['card'],
      last_setup_error: null,
      client_secret: `${id}_secret_${newId('py').slice(3)}`,
    };
    this.setupIntents.set(si.id, si);
    return si;
  }

  /** A completed setup: the card is attached and counts as set up for off-session charges. */
  succeedSetup(si: SetupIntent, pm: PaymentMethod): void {
    if (typeof si.customer === 'string') this.attach(pm, si.customer, { setUpForOffSession: true });
    si.payment_method = pm.id;
    si.status = 'succeeded';
    si.last_setup_error = null;
    this.emit('setup_intent.succeeded', si);
  }

  /** How a card behaves at the bank: internal to the sandbox, never sent out. */
  cardSecret(pmId: string): CardSecret {
    const secret = this.cardSecrets.get(pmId);
    if (!secret) throw ApiError.missing('PaymentMethod', pmId, 'payment_method');
    return secret;
  }
}
