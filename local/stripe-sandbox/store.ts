import Stripe from 'stripe';
import { ApiError } from './api-error.js';
import { newId } from './ids.js';
import type { Charge, Customer, Event, PaymentIntent, PaymentMethod, Refund, SandboxEventType, SetupIntent, StripeObject, CheckoutSession } from './objects.js';
import { chargeResult, setupResult, type CardBehavior, type TestCard } from './test-cards.js';

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
interface CardSecret {
  behavior: CardBehavior;
  setUpForOffSession: boolean;
}

export type ChargeAttempt =
  | { result: 'succeeded' }
  | { result: 'declined'; code: string; declineCode: string; message: string; chargeId: string }
  | { result: 'authenticate' };

/** What a Checkout Session was created with that is not on the session object itself. */
export interface SessionSettings {
  productName: string;
  paymentIntentData: { setupFutureUsage: PaymentIntent['setup_future_usage']; metadata: Record<string, string>; description: string | null };
  setupIntentMetadata: Record<string, string>;
}

const now = (): number => Math.floor(Date.now() / 1000);

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
  readonly sessionSettings = new Map<string, SessionSettings>();
  readonly events: Event[] = [];
  readonly captures: Capture[] = [];
  private readonly cardSecrets = new Map<string, CardSecret>();
  private pending: Event[] = [];

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
      created: now(),
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
      created: now(),
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
      created: now(),
      livemode: false,
      type: 'card',
      customer: null,
      metadata: {},
      allow_redisplay: 'unspecified',
      card: { brand: card.brand, display_brand: card.brand, last4: card.last4, exp_month: expMonth, exp_year: expYear, funding: 'credit', country: 'US' },
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
    const secret = this.secret(pm.id);
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
    return setupResult(this.secret(pmId).behavior);
  }

  createPaymentIntent(input: {
    amount: number;
    currency: string;
    customer: string | null;
    paymentMethod: string | null;
    description: string | null;
    metadata: Record<string, string>;
    setupFutureUsage: PaymentIntent['setup_future_usage'];
  }): PaymentIntent {
    const id = newId('pi');
    const pi: PaymentIntent = {
      id,
      object: 'payment_intent',
      created: now(),
      livemode: false,
      amount: input.amount,
      amount_capturable: 0,
      amount_received: 0,
      currency: input.currency,
      customer: input.customer,
      description: input.description,
      metadata: input.metadata,
      payment_method: input.paymentMethod,
      payment_method_types: ['card'],
      status: input.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
      setup_future_usage: input.setupFutureUsage,
      latest_charge: null,
      last_payment_error: null,
      next_action: null,
      client_secret: `${id}_secret_${newId('py').slice(3)}`,
      capture_method: 'automatic',
      confirmation_method: 'automatic',
      canceled_at: null,
      cancellation_reason: null,
    };
    this.paymentIntents.set(pi.id, pi);
    return pi;
  }

  /**
   * Asks the bank to charge `pm` for `pi`. `authenticated` is true after the customer passed 3-D
   * Secure on the hosted page. A success captures and emits `payment_intent.succeeded`; a decline
   * emits `payment_intent.payment_failed`; a request for authentication emits nothing yet.
   */
  confirm(pi: PaymentIntent, pm: PaymentMethod, options: { offSession: boolean; authenticated: boolean }): ChargeAttempt {
    if (pi.status === 'succeeded') return { result: 'succeeded' };
    const secret = this.secret(pm.id);
    pi.payment_method = pm.id;
    const bank = options.authenticated ? { result: 'ok' as const } : chargeResult(secret.behavior, options.offSession, secret.setUpForOffSession);
    if (bank.result === 'authenticate' && !options.offSession) {
      pi.status = 'requires_action';
      return { result: 'authenticate' };
    }
    const charge = this.createCharge(pi, pm, bank.result === 'ok');
    if (bank.result === 'ok') {
      pi.status = 'succeeded';
      pi.amount_received = pi.amount;
      pi.last_payment_error = null;
      pi.next_action = null;
      if (pi.setup_future_usage && typeof pi.customer === 'string') {
        this.attach(pm, pi.customer, { setUpForOffSession: pi.setup_future_usage === 'off_session' });
      }
      const invoiceId = pi.metadata['invoiceId'];
      this.captures.push({ invoiceId, paymentIntentId: pi.id, chargeId: charge.id, amount: pi.amount, currency: pi.currency, at: Date.now() });
      this.emit('payment_intent.succeeded', pi);
      return { result: 'succeeded' };
    }
    const failure =
      bank.result === 'authenticate'
        ? { code: 'authentication_required', declineCode: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.' }
        : { code: 'card_declined', declineCode: bank.declineCode, message: bank.message };
    charge.failure_code = failure.code;
    charge.failure_message = failure.message;
    pi.status = 'requires_payment_method';
    pi.last_payment_error = {
      type: 'card_error',
      code: failure.code as never,
      decline_code: failure.declineCode,
      message: failure.message,
      charge: charge.id,
      payment_method: structuredClone(pm) as never,
    };
    this.emit('payment_intent.payment_failed', pi);
    return { result: 'declined', ...failure, chargeId: charge.id };
  }

  /** The customer failed 3-D Secure on the hosted page. */
  failAuthentication(pi: PaymentIntent): void {
    pi.status = 'requires_payment_method';
    pi.last_payment_error = {
      type: 'invalid_request_error',
      code: 'payment_intent_authentication_failure',
      message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
    };
    this.emit('payment_intent.payment_failed', pi);
  }

  createSetupIntent(customer: string | null, metadata: Record<string, string>): SetupIntent {
    const id = newId('seti');
    const si: SetupIntent = {
      id,
      object: 'setup_intent',
      created: now(),
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

  refund(pi: PaymentIntent, amount: number | undefined): Refund {
    const chargeId = typeof pi.latest_charge === 'string' ? pi.latest_charge : undefined;
    const charge = chargeId ? this.charges.get(chargeId) : undefined;
    if (!charge || pi.status !== 'succeeded') {
      throw ApiError.invalidRequest(`PaymentIntent ${pi.id} has no successful charge to refund.`, 'payment_intent');
    }
    const remaining = charge.amount - charge.amount_refunded;
    const value = amount ?? remaining;
    if (value <= 0 || value > remaining) {
      throw ApiError.invalidRequest(`Refund amount (${value}) is greater than unrefunded amount on charge (${remaining})`, 'amount');
    }
    const refund: Refund = {
      id: newId('re'),
      object: 'refund',
      created: now(),
      amount: value,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: pi.id,
      status: 'succeeded',
      metadata: {},
      reason: null,
    };
    this.refunds.set(refund.id, refund);
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += value;
    charge.refunded = charge.amount_refunded === charge.amount;
    this.emit('charge.refunded', charge, previous);
    return refund;
  }

  private createCharge(pi: PaymentIntent, pm: PaymentMethod, paid: boolean): Charge {
    const charge: Charge = {
      id: newId('ch'),
      object: 'charge',
      created: now(),
      livemode: false,
      amount: pi.amount,
      amount_captured: paid ? pi.amount : 0,
      amount_refunded: 0,
      currency: pi.currency,
      customer: pi.customer,
      metadata: { ...pi.metadata },
      payment_intent: pi.id,
      payment_method: pm.id,
      status: paid ? 'succeeded' : 'failed',
      paid,
      captured: paid,
      refunded: false,
      failure_code: null,
      failure_message: null,
      description: pi.description,
    };
    this.charges.set(charge.id, charge);
    pi.latest_charge = charge.id;
    return charge;
  }

  private secret(pmId: string): CardSecret {
    const secret = this.cardSecrets.get(pmId);
    if (!secret) throw ApiError.missing('PaymentMethod', pmId, 'payment_method');
    return secret;
  }
}
