import type Stripe from 'stripe';

/**
 * The objects the sandbox keeps and returns. Each is a `Pick` of the `stripe` package's own type, so
 * every field it has is named and typed exactly as Stripe's; the fields the sandbox never fills are
 * left out rather than faked.
 */
export type Customer = Pick<
  Stripe.Customer,
  'id' | 'object' | 'created' | 'livemode' | 'email' | 'name' | 'description' | 'metadata'
>;

export type PaymentMethod = Pick<
  Stripe.PaymentMethod,
  'id' | 'object' | 'created' | 'livemode' | 'type' | 'customer' | 'metadata' | 'allow_redisplay'
> & {
  card: Pick<Stripe.PaymentMethod.Card, 'brand' | 'display_brand' | 'last4' | 'exp_month' | 'exp_year' | 'funding' | 'country'>;
};

export type PaymentIntent = Pick<
  Stripe.PaymentIntent,
  | 'id' | 'object' | 'created' | 'livemode' | 'amount' | 'amount_capturable' | 'amount_received' | 'currency'
  | 'customer' | 'description' | 'metadata' | 'payment_method' | 'payment_method_types' | 'status'
  | 'setup_future_usage' | 'latest_charge' | 'last_payment_error' | 'next_action' | 'client_secret'
  | 'capture_method' | 'confirmation_method' | 'canceled_at' | 'cancellation_reason'
>;

export type Charge = Pick<
  Stripe.Charge,
  | 'id' | 'object' | 'created' | 'livemode' | 'amount' | 'amount_captured' | 'amount_refunded' | 'currency'
  | 'customer' | 'metadata' | 'payment_intent' | 'payment_method' | 'status' | 'paid' | 'captured'
  | 'refunded' | 'failure_code' | 'failure_message' | 'description' | 'balance_transaction'
>;

export type BalanceTransaction = Pick<
  Stripe.BalanceTransaction,
  | 'id' | 'object' | 'created' | 'amount' | 'available_on' | 'currency' | 'description' | 'exchange_rate'
  | 'fee' | 'fee_details' | 'net' | 'reporting_category' | 'source' | 'status' | 'type'
>;

export type SetupIntent = Pick<
  Stripe.SetupIntent,
  | 'id' | 'object' | 'created' | 'livemode' | 'customer' | 'payment_method' | 'status' | 'usage'
  | 'metadata' | 'payment_method_types' | 'last_setup_error' | 'client_secret'
>;

export type CheckoutSession = Pick<
  Stripe.Checkout.Session,
  | 'id' | 'object' | 'created' | 'livemode' | 'mode' | 'status' | 'payment_status' | 'customer'
  | 'client_reference_id' | 'amount_total' | 'amount_subtotal' | 'currency' | 'metadata'
  | 'payment_intent' | 'setup_intent' | 'success_url' | 'cancel_url' | 'url' | 'expires_at'
  | 'payment_method_types'
>;

export type Refund = Pick<
  Stripe.Refund,
  'id' | 'object' | 'created' | 'amount' | 'currency' | 'charge' | 'payment_intent' | 'status' | 'metadata' | 'reason'
>;

export type StripeObject = Customer | PaymentMethod | PaymentIntent | Charge | SetupIntent | CheckoutSession | Refund | BalanceTransaction;

/** The event types the sandbox sends (PROVIDERS.md's list, less disputes, and those of an expired Checkout Session). */
export type SandboxEventType = Extract<
  Stripe.Event.Type,
  | 'checkout.session.completed'
  | 'checkout.session.expired'
  | 'payment_intent.canceled'
  | 'setup_intent.canceled'
  | 'payment_intent.succeeded'
  | 'payment_intent.payment_failed'
  | 'setup_intent.succeeded'
  | 'payment_method.detached'
  | 'charge.refunded'
  | 'refund.created'
>;

export type Event = Pick<Stripe.Event, 'id' | 'object' | 'created' | 'livemode' | 'api_version' | 'pending_webhooks' | 'request'> & {
  type: SandboxEventType;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
};

/** The API error body, as Stripe sends it. */
export type ErrorBody = {
  error: Omit<Stripe.StripeRawError, 'payment_intent' | 'type'> & { type: Stripe.RawErrorType | 'idempotency_error'; payment_intent?: PaymentIntent };
};

export type List<T> = { object: 'list'; data: T[]; has_more: boolean; url: string };
