import { bookCharge } from './fees.js';
import { newId } from './ids.js';
import type { Charge, PaymentIntent, PaymentMethod } from './objects.js';
import type { SandboxStore } from './store.js';
import { chargeResult } from './test-cards.js';

/**
 * Payments at the sandbox's bank: PaymentIntents, the charge attempt that either captures, declines
 * or asks for 3-D Secure (refunds are in refunds.ts). Each change announces itself through `store.emit`.
 */
export type ChargeAttempt =
  | { result: 'succeeded' }
  | { result: 'declined'; code: string; declineCode: string; message: string; chargeId: string }
  | { result: 'authenticate' };

export function createPaymentIntent(store: SandboxStore, input: {
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
    created: store.nowSeconds(),
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
  store.paymentIntents.set(pi.id, pi);
  return pi;
}

/**
 * Asks the bank to charge `pm` for `pi`. `authenticated` is true after the customer passed 3-D
 * Secure on the hosted page. A success captures and emits `payment_intent.succeeded`; a decline
 * emits `payment_intent.payment_failed`; a request for authentication emits nothing yet.
 */
export function confirmPayment(store: SandboxStore, pi: PaymentIntent, pm: PaymentMethod, options: { offSession: boolean; authenticated: boolean }): ChargeAttempt {
  if (pi.status === 'succeeded') return { result: 'succeeded' };
  const secret = store.cardSecret(pm.id);
  pi.payment_method = pm.id;
  const bank = options.authenticated ? { result: 'ok' as const } : chargeResult(secret.behavior, options.offSession, secret.setUpForOffSession);
  if (bank.result === 'authenticate' && !options.offSession) {
    pi.status = 'requires_action';
    return { result: 'authenticate' };
  }
  const charge = createCharge(store, pi, pm, bank.result === 'ok');
  if (bank.result === 'ok') {
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    pi.last_payment_error = null;
    pi.next_action = null;
    if (pi.setup_future_usage && typeof pi.customer === 'string') {
      store.attach(pm, pi.customer, { setUpForOffSession: pi.setup_future_usage === 'off_session' });
    }
    const invoiceId = pi.metadata['invoiceId'];
    store.captures.push({ invoiceId, paymentIntentId: pi.id, chargeId: charge.id, amount: pi.amount, currency: pi.currency, at: store.now() });
    store.emit('payment_intent.succeeded', pi);
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
  store.emit('payment_intent.payment_failed', pi);
  return { result: 'declined', ...failure, chargeId: charge.id };
}

/** The customer failed 3-D Secure on the hosted page. */
export function failAuthentication(store: SandboxStore, pi: PaymentIntent): void {
  pi.status = 'requires_payment_method';
  pi.last_payment_error = {
    type: 'invalid_request_error',
    code: 'payment_intent_authentication_failure',
    message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
  };
  store.emit('payment_intent.payment_failed', pi);
}

function createCharge(store: SandboxStore, pi: PaymentIntent, pm: PaymentMethod, paid: boolean): Charge {
  const charge: Charge = {
    id: newId('ch'),
    object: 'charge',
    created: store.nowSeconds(),
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
    balance_transaction: null,
  };
  if (paid) {
    const booked = bookCharge(charge, pm.card.country ?? 'US', store.nowSeconds());
    store.balanceTransactions.set(booked.id, booked);
    charge.balance_transaction = booked.id;
  }
  store.charges.set(charge.id, charge);
  pi.latest_charge = charge.id;
  return charge;
}
