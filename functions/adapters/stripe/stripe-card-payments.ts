import Stripe from 'stripe';
import type { HostedCheckout, StartCheckoutInput, StartedCheckout } from '../../ports/payments/hosted-checkout.js';
import { PaymentProviderError } from '../../ports/payments/provider-errors.js';
import type { ProviderCustomerRef, ProviderCustomers } from '../../ports/payments/provider-customers.js';
import type { RefundInput, RefundOutcome, Refunds } from '../../ports/payments/refunds.js';
import type {
  CardDetails, ChargeOutcome, ChargeSavedMethodInput, SavedPaymentMethods,
} from '../../ports/payments/saved-payment-methods.js';
import { cardDetailsOf } from './card-details.js';
import { declineMessage } from './decline-message.js';
import { NO_RATE_LIMIT_RETRIES, type RateLimitBackoff, rateLimitDelayMs } from './rate-limit-backoff.js';
import type { StripeClients } from './stripe-client.js';
import { isMissingResource, providerError } from './stripe-errors.js';
import { fromStripeAmount, toStripeAmount } from './stripe-money.js';
import { FEE_EXPANSION, bookedFeeOf } from './stripe-processor-fees.js';
import { REFUND_REFERENCE_KEY } from './webhooks/refund-created.js';

/**
 * Cards on Stripe: Checkout for anything the customer types (payment or setup mode), PaymentIntents
 * for charging a saved card off-session, refunds, idempotency keys on every write. Implements the card
 * capabilities; no Stripe type crosses the ports.
 *
 * `rateLimit`: how long a charge waits out Stripe's rate limit before it fails as a passing fault.
 * None by default, for functions with someone waiting; the automatic charges wait (see
 * rate-limit-backoff.ts).
 */
export class StripeCardPayments implements ProviderCustomers, HostedCheckout, SavedPaymentMethods, Refunds {
  constructor(private readonly clients: StripeClients, private readonly rateLimit: RateLimitBackoff = NO_RATE_LIMIT_RETRIES) {}

  async ensureCustomer(input: { billingCustomerId: string; email: string; name?: string }): Promise<ProviderCustomerRef> {
    const customer = await this.call((stripe) => stripe.customers.create(
      { email: input.email, ...(input.name && { name: input.name }), metadata: { customerId: input.billingCustomerId } },
      { idempotencyKey: `customer-${input.billingCustomerId}` },
    ));
    return customer.id;
  }

  async startCheckout(input: StartCheckoutInput): Promise<StartedCheckout> {
    const { amount, currency } = toStripeAmount(input.amount);
    // No invoiceId nor batchId in the metadata means Add Funds: the webhook turns the payment into credit.
    const metadata = {
      customerId: input.billingCustomerId,
      ...('invoiceId' in input.purpose ? { invoiceId: input.purpose.invoiceId } : {}),
      ...('batchId' in input.purpose ? { batchId: input.purpose.batchId } : {}),
    };
    const session = await this.call((stripe) => stripe.checkout.sessions.create({
      mode: 'payment',
      ...(input.customerRef && { customer: input.customerRef }),
      ...('invoiceId' in input.purpose && { client_reference_id: input.purpose.invoiceId }),
      allowed_payment_method_types: ['card'],
      line_items: [{ quantity: 1, price_data: { currency, unit_amount: amount, product_data: { name: input.description } } }],
      payment_intent_data: {
        description: input.description,
        metadata,
        ...(input.saveMethod && { setup_future_usage: 'off_session' as const }),
      },
      metadata,
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
      expires_at: Math.floor(input.expiresAt.getTime() / 1000),
    }));
    return { redirectUrl: urlOf(session), checkoutId: session.id, expiresAt: new Date(session.expires_at * 1000) };
  }

  async expireCheckout(checkoutId: string): Promise<'expired' | 'completed'> {
    const stripe = await this.clients.client();
    try {
      const session = await stripe.checkout.sessions.expire(checkoutId);
      return session.status === 'complete' ? 'completed' : 'expired';
    } catch (error) {
      // Only an open session can be expired: a closed one answers 400, and says why when read.
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError) || isMissingResource(error)) throw providerError(error);
      const session = await this.call((client) => client.checkout.sessions.retrieve(checkoutId));
      if (session.status === 'open') throw providerError(error);
      return session.status === 'complete' ? 'completed' : 'expired';
    }
  }

  async refund(input: RefundInput): Promise<RefundOutcome> {
    const { amount } = toStripeAmount(input.amount);
    const refund = await this.call((stripe) => stripe.refunds.create(
      {
        payment_intent: input.paymentId, amount, reason: input.reason,
        metadata: { reason: input.reason, ...(input.reference ? { [REFUND_REFERENCE_KEY]: input.reference } : {}) },
      },
      { idempotencyKey: input.idempotencyKey },
    ));
    if (refund.status === 'failed' || refund.status === 'canceled') {
      return { status: 'failed', refundId: refund.id, reason: refund.failure_reason ?? refund.status };
    }
    return { status: refund.status === 'succeeded' ? 'succeeded' : 'pending', refundId: refund.id };
  }

  async startSetup(input: Parameters<SavedPaymentMethods['startSetup']>[0]): Promise<{ redirectUrl: string; checkoutId: string }> {
    const metadata = { customerId: input.billingCustomerId };
    const session = await this.call((stripe) => stripe.checkout.sessions.create({
      mode: 'setup',
      customer: input.customerRef,
      currency: input.currency.toLowerCase(),
      allowed_payment_method_types: ['card'],
      setup_intent_data: { metadata },
      metadata,
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
    }));
    return { redirectUrl: urlOf(session), checkoutId: session.id };
  }

  async charge(input: ChargeSavedMethodInput): Promise<ChargeOutcome> {
    const { amount, currency } = toStripeAmount(input.amount);
    const stripe = await this.clients.client();
    for (let retry = 0; ; retry++) {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount,
            currency,
            customer: input.customerRef,
            payment_method: input.methodId,
            off_session: true,
            confirm: true,
            metadata: { invoiceId: input.invoiceId, customerId: input.billingCustomerId },
            // The fee comes back with the charge: no second request to read it (see bookedFeeOf).
            expand: FEE_EXPANSION,
          },
          { idempotencyKey: input.idempotencyKey },
        );
        return outcomeOf(intent);
      } catch (error) {
        if (error instanceof Stripe.errors.StripeCardError) return declineOutcome(error);
        if (error instanceof Stripe.errors.StripeRateLimitError && retry < this.rateLimit.retries) {
          await new Promise((resolve) => setTimeout(resolve, rateLimitDelayMs(retry)));
          continue;
        }
        throw providerError(error);
      }
    }
  }

  async detach(methodId: string): Promise<void> {
    const stripe = await this.clients.client();
    try {
      await stripe.paymentMethods.detach(methodId);
    } catch (error) {
      // A second delete (a retry after a lost answer, a double click) finds the card already gone.
      if (isMissingResource(error)) return;
      if (error instanceof Stripe.errors.StripeInvalidRequestError) {
        const card = await this.call((client) => client.paymentMethods.retrieve(methodId));
        if (card.customer === null) return;
      }
      throw providerError(error);
    }
  }

  /** A saved card's public details, as Stripe has them now. */
  async card(methodId: string): Promise<CardDetails> {
    return cardDetailsOf(await this.call((stripe) => stripe.paymentMethods.retrieve(methodId)));
  }

  /** Runs one Stripe call, turning SDK errors into the port's. */
  private async call<T>(request: (stripe: Stripe) => Promise<T>): Promise<T> {
    try {
      return await request(await this.clients.client());
    } catch (error) {
      throw providerError(error);
    }
  }
}

function urlOf(session: Stripe.Checkout.Session): string {
  if (!session.url) throw new PaymentProviderError('unexpected', `Checkout Session ${session.id} has no url`);
  return session.url;
}

function outcomeOf(intent: Stripe.PaymentIntent): ChargeOutcome {
  switch (intent.status) {
    case 'succeeded': {
      const fee = bookedFeeOf(intent);
      return { kind: 'succeeded', paymentId: intent.id, amount: fromStripeAmount(intent.amount_received, intent.currency), ...(fee ? { fee } : {}) };
    }
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

function declineOutcome(error: Stripe.errors.StripeCardError): ChargeOutcome {
  const paymentId = error.payment_intent?.id;
  if ((error.code === 'authentication_required' || error.decline_code === 'authentication_required') && paymentId) {
    return { kind: 'requires_action', paymentId };
  }
  const reason = error.decline_code ?? error.code ?? 'card_declined';
  return { kind: 'declined', reason, message: declineMessage(reason), ...(paymentId && { paymentId }) };
}
