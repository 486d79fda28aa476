import type Stripe from 'stripe';
import { ApiError } from './api-error.js';
import { formatAmount } from './format-amount.js';
import { newId } from './ids.js';
import type { PaymentIntent, Refund } from './objects.js';
import type { SandboxStore } from './store.js';

/** What `POST /v1/refunds` may ask for, besides the PaymentIntent. */
export interface RefundRequest {
  /** Minor units; unset: all that is left to refund. */
  amount?: number;
  reason?: Stripe.RefundCreateParams.Reason;
  metadata?: Record<string, string>;
  /**
   * Asked once the refund would otherwise go ahead; true answers as Stripe answers a refund of a
   * disputed charge (the `refuseNextRefunds` fault: the sandbox has no disputes of its own).
   */
  refuseAsDisputed?: () => boolean;
}

/** The reasons Stripe's API accepts on create (stripe-node's `RefundCreateParams.Reason`). */
export const REFUND_REASONS: ReadonlySet<string> = new Set(['duplicate', 'fraudulent', 'requested_by_customer']);

/**
 * Refunds all or part of the PaymentIntent's successful charge at once (status `succeeded`, as card
 * refunds in test mode are) and emits `charge.refunded` with the charge's previous refund figures,
 * then `refund.created` with the refund (as Stripe does for every refund since 2024-10-28.acacia).
 *
 * Refusals, in Stripe's order and shape (400 `invalid_request_error`, saved for the idempotency key):
 * no successful charge; `charge_already_refunded` when nothing is left; `charge_disputed` (only
 * through the fault: the sandbox has no disputes); an amount above what is left (`param: amount`,
 * no code: none of Stripe's published codes names it). The codes are from the list of error codes
 * in stripe-node's types (`PaymentIntent.LastPaymentError.Code`).
 */
export function refundPayment(store: SandboxStore, pi: PaymentIntent, request: RefundRequest = {}): Refund {
  const chargeId = typeof pi.latest_charge === 'string' ? pi.latest_charge : undefined;
  const charge = chargeId ? store.charges.get(chargeId) : undefined;
  if (!charge || pi.status !== 'succeeded') {
    throw ApiError.refused(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, { param: 'payment_intent' });
  }
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining === 0) throw ApiError.refused(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
  if (request.refuseAsDisputed?.()) {
    throw ApiError.refused(`Charge ${charge.id} is disputed (charged back), so it cannot be refunded.`, { code: 'charge_disputed' });
  }
  const value = request.amount ?? remaining;
  if (value > remaining) {
    throw ApiError.refused(
      `Refund amount (${formatAmount(value, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
      { param: 'amount' },
    );
  }
  const refund: Refund = {
    id: newId('re'),
    object: 'refund',
    created: store.nowSeconds(),
    amount: value,
    currency: charge.currency,
    charge: charge.id,
    payment_intent: pi.id,
    status: 'succeeded',
    metadata: request.metadata ?? {},
    reason: request.reason ?? null,
  };
  store.refunds.set(refund.id, refund);
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += value;
  charge.refunded = charge.amount_refunded === charge.amount;
  store.emit('charge.refunded', charge, previous);
  store.emit('refund.created', refund);
  return refund;
}
