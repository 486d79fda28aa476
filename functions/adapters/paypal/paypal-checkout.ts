import { randomUUID } from 'node:crypto';
import {
  CaptureStatus, CheckoutPaymentIntent, type Order, OrderStatus, PaypalExperienceUserAction,
  PaypalWalletContextShippingPreference, RefundStatus,
} from '@paypal/paypal-server-sdk';
import type { ApprovedCheckouts, CaptureOutcome } from '../../ports/payments/approved-checkouts.js';
import type { HostedCheckout, StartCheckoutInput, StartedCheckout } from '../../ports/payments/hosted-checkout.js';
import { PaymentProviderError } from '../../ports/payments/provider-errors.js';
import type { RefundInput, RefundOutcome, Refunds } from '../../ports/payments/refunds.js';
import type { PayPalApis, PayPalClients } from './paypal-client.js';
import { issueOf, providerError } from './paypal-errors.js';
import { fromPayPalAmount, toPayPalAmount } from './paypal-money.js';
import { customIdOf, refundCustomId } from './webhooks/translator.js';

/** Ask for whole objects: PayPal's default answer (`return=minimal`) has no purchase units. */
const REPRESENTATION = 'return=representation';

/**
 * One-off PayPal payments on Orders v2: an order per checkout (intent CAPTURE, our customer and
 * invoice in `custom_id`, the invoice in `reference_id` and `invoice_id`), the buyer approves it on
 * PayPal's page, then we capture it; refunds of captures through Payments v2. No PayPal type crosses
 * the ports.
 *
 * PayPal cannot cancel an order, nor be told when one should stop: an order that is not the invoice's
 * live checkout is simply never captured, so it takes no money (see `expireCheckout`).
 */
export class PayPalCheckout implements HostedCheckout, ApprovedCheckouts, Refunds {
  constructor(private readonly clients: PayPalClients, private readonly brandName?: string) {}

  async startCheckout(input: StartCheckoutInput): Promise<StartedCheckout> {
    const amount = toPayPalAmount(input.amount);
    const invoiceId = 'invoiceId' in input.purpose ? input.purpose.invoiceId : undefined;
    // One request id per call, reused by the SDK's retries of it: a lost answer never makes two orders.
    const requestId = `order-${randomUUID()}`;
    const { result: order } = await this.call((apis) => apis.orders.createOrder({
      paypalRequestId: requestId,
      prefer: REPRESENTATION,
      body: {
        intent: CheckoutPaymentIntent.Capture,
        purchaseUnits: [{
          referenceId: invoiceId ?? 'funds',
          description: input.description.slice(0, 127),
          customId: customIdOf(input.billingCustomerId, invoiceId),
          // PayPal can refuse a second payment under an invoice_id already paid, so each order has its own.
          ...(invoiceId ? { invoiceId: `${invoiceId}/${requestId.slice(-8)}` } : {}),
          amount,
        }],
        paymentSource: {
          paypal: {
            experienceContext: {
              returnUrl: input.successUrl,
              cancelUrl: input.cancelUrl,
              userAction: PaypalExperienceUserAction.PayNow,
              shippingPreference: PaypalWalletContextShippingPreference.NoShipping,
              ...(this.brandName ? { brandName: this.brandName.slice(0, 127) } : {}),
            },
          },
        },
      },
    }));
    const approve = order.links?.find((link) => link.rel === 'payer-action' || link.rel === 'approve')?.href;
    if (!order.id || !approve) throw new PaymentProviderError('unexpected', `PayPal order ${order.id ?? '(no id)'} has no approval link`);
    // PayPal keeps an order open for hours and takes no expiry; ours is the time after which we no longer capture it.
    return { redirectUrl: approve, checkoutId: order.id, expiresAt: input.expiresAt };
  }

  /**
   * An order cannot be cancelled at PayPal. `completed`: the buyer has approved it (we, or the approval
   * webhook, capture it) or it was captured; `expired` otherwise: it is never captured from now on, so
   * it can take no money whatever the buyer does.
   */
  async expireCheckout(checkoutId: string): Promise<'expired' | 'completed'> {
    try {
      const { result: order } = await this.call((apis) => apis.orders.getOrder({ id: checkoutId }));
      return order.status === OrderStatus.Approved || order.status === OrderStatus.Completed ? 'completed' : 'expired';
    } catch (error) {
      if (error instanceof PaymentProviderError && /RESOURCE_NOT_FOUND/.test(error.message)) return 'expired';
      throw error;
    }
  }

  async capture(checkoutId: string): Promise<CaptureOutcome> {
    let order: Order;
    try {
      // The same request id on every try: PayPal answers a repeat with what the first capture did.
      ({ result: order } = await this.clients.request((apis) => apis.orders.captureOrder({ id: checkoutId, paypalRequestId: `capture-${checkoutId}`, prefer: REPRESENTATION })));
    } catch (error) {
      const issue = issueOf(error);
      if (issue === 'ORDER_NOT_APPROVED') return { status: 'not_approved' };
      if (issue === 'INSTRUMENT_DECLINED' || issue === 'PAYER_ACTION_REQUIRED') return { status: 'declined', reason: issue.toLowerCase() };
      if (issue !== 'ORDER_ALREADY_CAPTURED') throw providerError(error);
      ({ result: order } = await this.call((apis) => apis.orders.getOrder({ id: checkoutId })));
    }
    const capture = order.purchaseUnits?.[0]?.payments?.captures?.[0];
    if (!capture?.id) return { status: 'not_approved' };
    switch (capture.status) {
      case CaptureStatus.Completed:
      case CaptureStatus.PartiallyRefunded:
      case CaptureStatus.Refunded:
        return { status: 'completed', paymentId: capture.id, amount: fromPayPalAmount(capture.amount ?? {}) };
      case CaptureStatus.Pending:
        return { status: 'pending', paymentId: capture.id };
      default:
        return { status: 'declined', paymentId: capture.id, reason: (capture.status ?? 'declined').toLowerCase() };
    }
  }

  async refund(input: RefundInput): Promise<RefundOutcome> {
    const { result: refund } = await this.call((apis) => apis.payments.refundCapturedPayment({
      captureId: input.paymentId,
      paypalRequestId: input.idempotencyKey,
      prefer: REPRESENTATION,
      body: {
        amount: toPayPalAmount(input.amount), noteToPayer: input.reason === 'duplicate' ? 'Refund of a duplicate payment' : 'Refund',
        ...(input.reference ? { customId: refundCustomId(input.reference) } : {}),
      },
    }));
    if (!refund.id) throw new PaymentProviderError('unexpected', 'PayPal answered a refund without an id');
    if (refund.status === RefundStatus.Failed || refund.status === RefundStatus.Cancelled) {
      return { status: 'failed', refundId: refund.id, reason: refund.statusDetails?.reason ?? refund.status.toLowerCase() };
    }
    return { status: refund.status === RefundStatus.Completed ? 'succeeded' : 'pending', refundId: refund.id };
  }

  private call<T>(request: (apis: PayPalApis) => Promise<T>): Promise<T> {
    return this.clients.call(request);
  }
}
