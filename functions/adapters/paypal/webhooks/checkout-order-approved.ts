import { fromPayPalAmount } from '../paypal-money.js';
import { eventBase, orderResource, parseCustomId, type EventTranslator } from './translator.js';

/**
 * The buyer approved an order on PayPal's page: the money is ours to capture, which the use case does
 * only while the order is still the invoice's live checkout. This event, not the buyer's return to our
 * page, is the truth of the approval.
 */
export const checkoutOrderApproved: EventTranslator = (event) => {
  const order = orderResource.parse(event.resource);
  const unit = order.purchase_units[0]!;
  const ours = parseCustomId(unit.custom_id);
  if (!ours) return null;
  return {
    type: 'checkout.approved', method: 'paypal', ...eventBase(event),
    checkoutId: order.id, billingCustomerId: ours.billingCustomerId, invoiceId: ours.invoiceId,
    amount: fromPayPalAmount({ currencyCode: unit.amount.currency_code, value: unit.amount.value }),
  };
};
