import Stripe from 'stripe';
import type {
  ChargeSavedCardInput,
  CustomerRef,
  EnsureCustomerInput,
  HostedCardSetup,
  HostedCheckout,
  PaymentEvent,
  PaymentGateway,
  PaymentOutcome,
  SavedCard,
  StartCardSetupInput,
  StartCheckoutInput,
} from '../../ports/payment-gateway.js';
import { PaymentProviderError, WebhookSignatureError } from '../../ports/payment-gateway.js';
import { declineMessage } from './decline-message.js';
import { isMissingResource, providerError } from './stripe-errors.js';
import { fromStripeAmount, toStripeAmount } from './stripe-money.js';
import { translateStripeEvent, type StripeLookups } from './webhooks/index.js';

export interface StripePaymentGatewayConfig {
  secretKey: string;
  /** The webhook endpoint's signing secret (`whsec_…`). */
  webhookSecret: string;
  /** Set these to talk to the local sandbox; unset, the SDK talks to api.stripe.com. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  /** For tests: the clock that judges a webhook's age. */
  now?: () => number;
}

/** The API version the code and the fixtures in test/fixtures/stripe are written for. */
export const STRIPE_API_VERSION = '2026-10-28.endive' satisfies Stripe.LatestApiVersion;

/** Stripe-node's default: a signature older than 5 minutes is refused. */
const WEBHOOK_TOLERANCE_SECONDS = 300;
/** constructEvent only checks age; a timestamp further ahead of our clock than this is refused too. */
const WEBHOOK_FUTURE_SKEW_SECONDS = 10;

/**
 * The PaymentGateway on Stripe: Checkout for anything the customer types, PaymentIntents for
 * charging a saved card, idempotency keys on every write, and webhooks verified on the raw body.
 */
export class StripePaymentGateway implements PaymentGateway {
  private readonly stripe: Stripe;
  private readonly webhookSecret: string;
  private readonly now: () => number;

  constructor(config: StripePaymentGatewayConfig) {
    this.stripe = new Stripe(config.secretKey, {
      apiVersion: STRIPE_API_VERSION,
      maxNetworkRetries: 2,
      timeout: 20_000,
      ...(config.host && { host: config.host }),
      ...(config.port && { port: config.port }),
      ...(config.protocol && { protocol: config.protocol }),
      appInfo: { name: 'hosting-billing' },
    });
    this.webhookSecret = config.webhookSecret;
    this.now = config.now ?? Date.now;
  }

  async ensureCustomer(input: EnsureCustomerInput): Promise<CustomerRef> {
    const customer = await this.call(() =>
      this.stripe.customers.create(
        { email: input.email, ...(input.name && { name: input.name }), metadata: { customerId: input.billingCustomerId } },
        { idempotencyKey: `customer-${input.billingCustomerId}` },
      ),
    );
    return customer.id;
  }

  async startCheckout(input: StartCheckoutInput): Promise<HostedCheckout> {
    const { amount, currency } = toStripeAmount(input.amount);
    const metadata = { invoiceId: input.invoiceId, customerId: input.billingCustomerId };
    const session = await this.call(() =>
      this.stripe.checkout.sessions.create({
        mode: 'payment',
        customer: input.customerRef,
        client_reference_id: input.invoiceId,
        allowed_payment_method_types: ['card'],
        line_items: [{ quantity: 1, price_data: { currency, unit_amount: amount, product_data: { name: input.description } } }],
        payment_intent_data: {
          description: input.description,
          metadata,
          ...(input.saveCard && { setup_future_usage: 'off_session' as const }),
        },
        metadata,
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
      }),
    );
    return { redirectUrl: this.urlOf(session), sessionId: session.id };
  }

  async startCardSetup(input: StartCardSetupInput): Promise<HostedCardSetup> {
    const metadata = { customerId: input.billingCustomerId };
    const session = await this.call(() =>
      this.stripe.checkout.sessions.create({
        mode: 'setup',
        customer: input.customerRef,
        currency: input.currency.toLowerCase(),
        allowed_payment_method_types: ['card'],
        setup_intent_data: { metadata },
        metadata,
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
      }),
    );
    return { redirectUrl: this.urlOf(session), sessionId: session.id };
  }

  async chargeSavedCard(input: ChargeSavedCardInput): Promise<PaymentOutcome> {
    const { amount, currency } = toStripeAmount(input.amount);
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount,
          currency,
          customer: input.customerRef,
          payment_method: input.cardId,
          off_session: true,
          confirm: true,
          metadata: { invoiceId: input.invoiceId, customerId: input.billingCustomerId },
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return outcomeOf(intent, input.invoiceId);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) return declineOutcome(error);
      throw providerError(error);
    }
  }

  async detachCard(cardId: string): Promise<void> {
    try {
      await this.stripe.paymentMethods.detach(cardId);
    } catch (error) {
      // A second delete (a retry after a lost answer, a double click) finds the card already gone.
      if (isMissingResource(error)) return;
      if (error instanceof Stripe.errors.StripeInvalidRequestError) {
        const card = await this.call(() => this.stripe.paymentMethods.retrieve(cardId));
        if (card.customer === null) return;
      }
      throw providerError(error);
    }
  }

  async getCard(cardId: string): Promise<SavedCard> {
    return savedCardOf(await this.call(() => this.stripe.paymentMethods.retrieve(cardId)));
  }

  async translateWebhook(rawBody: string | Uint8Array, signatureHeader: string | undefined): Promise<PaymentEvent | null> {
    if (!signatureHeader) throw new WebhookSignatureError('Missing Stripe-Signature header');
    const receivedAt = this.now();
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signatureHeader, this.webhookSecret, WEBHOOK_TOLERANCE_SECONDS, undefined, receivedAt);
    } catch (error) {
      throw new WebhookSignatureError('Stripe webhook signature did not verify', { cause: error });
    }
    const timestamp = Number(/(?:^|,)t=(\d+)/.exec(signatureHeader)?.[1]);
    if (timestamp > Math.floor(receivedAt / 1000) + WEBHOOK_FUTURE_SKEW_SECONDS) {
      throw new WebhookSignatureError('Stripe webhook timestamp is in the future');
    }
    return translateStripeEvent(event, this.lookups);
  }

  private readonly lookups: StripeLookups = {
    card: (id) => this.getCard(id),
    savedCardOfPayment: async (paymentIntentId) => {
      const intent = await this.call(() => this.stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['payment_method'] }));
      const card = intent.payment_method;
      return intent.setup_future_usage && card && typeof card === 'object' && card.customer ? savedCardOf(card) : undefined;
    },
    cardOfSetup: async (setupIntentId) => {
      const intent = await this.call(() => this.stripe.setupIntents.retrieve(setupIntentId, { expand: ['payment_method'] }));
      const card = intent.payment_method;
      return intent.status === 'succeeded' && card && typeof card === 'object' ? savedCardOf(card) : undefined;
    },
  };

  /** Runs one Stripe call, turning SDK errors into the port's. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw providerError(error);
    }
  }

  private urlOf(session: Stripe.Checkout.Session): string {
    if (!session.url) throw new PaymentProviderError('unexpected', `Checkout Session ${session.id} has no url`);
    return session.url;
  }
}

function outcomeOf(intent: Stripe.PaymentIntent, invoiceId: string): PaymentOutcome {
  switch (intent.status) {
    case 'succeeded':
      return { kind: 'succeeded', paymentId: intent.id, invoiceId, amount: fromStripeAmount(intent.amount_received, intent.currency) };
    case 'processing':
      return { kind: 'processing', paymentId: intent.id };
    case 'requires_action':
      return { kind: 'requires_action', paymentId: intent.id, actionUrl: intent.next_action?.redirect_to_url?.url ?? undefined };
    case 'requires_payment_method': {
      const reason = intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ?? 'card_declined';
      return { kind: 'declined', reason, message: declineMessage(reason), paymentId: intent.id };
    }
    default:
      throw new PaymentProviderError('unexpected', `PaymentIntent ${intent.id} is ${intent.status} after confirmation`);
  }
}

function declineOutcome(error: Stripe.errors.StripeCardError): PaymentOutcome {
  const paymentId = error.payment_intent?.id;
  if ((error.code === 'authentication_required' || error.decline_code === 'authentication_required') && paymentId) {
    return { kind: 'requires_action', paymentId };
  }
  const reason = error.decline_code ?? error.code ?? 'card_declined';
  return { kind: 'declined', reason, message: declineMessage(reason), ...(paymentId && { paymentId }) };
}

function savedCardOf(method: Stripe.PaymentMethod): SavedCard {
  if (!method.card) throw new PaymentProviderError('unexpected', `PaymentMethod ${method.id} is not a card`);
  return { id: method.id, brand: method.card.brand, last4: method.card.last4, expMonth: method.card.exp_month, expYear: method.card.exp_year };
}
