import { fromPayPalAmount } from '../paypal-money.js';
import { eventBase, saleResource, type EventTranslator } from './translator.js';

/**
 * A subscription's payment (PROVIDERS.md: renewals arrive as PAYMENT.SALE.COMPLETED, a Payments v1
 * sale whose `billing_agreement_id` is the subscription and whose `custom` is the subscription's
 * `custom_id`, our service id). Recorded once per sale id. A sale of no subscription is none of ours.
 */
export const paymentSaleCompleted: EventTranslator = (event) => {
  const sale = saleResource.parse(event.resource);
  if (!sale.billing_agreement_id) return null;
  return {
    type: 'payment.succeeded', method: 'paypal', ...eventBase(event),
    paymentId: sale.id,
    subscriptionId: sale.billing_agreement_id,
    ...(sale.custom ? { serviceId: sale.custom } : {}),
    amount: fromPayPalAmount({ currencyCode: sale.amount.currency, value: sale.amount.total }),
  };
};
