import { DynamoPayPalPlans } from '../../adapters/dynamodb/dynamo-paypal-plans.js';
import { PayPalClients } from '../../adapters/paypal/paypal-client.js';
import { PayPalSubscriptions } from '../../adapters/paypal/paypal-subscriptions.js';
import { config } from '../../config.js';
import type { RecurringPaymentsByMethod } from '../../ports/payments/recurring-payments.js';
import { paypalCredentialSource } from './payments.js';
import { storage } from './storage.js';

/**
 * Storage plus the providers' subscriptions (PayPal's, where it is configured), for the functions
 * that cancel a subscription without taking payments: they need the PayPal credentials, not Stripe's.
 */
async function build() {
  const base = await storage();
  const { paypal, region, tableName, seller } = config();
  const recurring: RecurringPaymentsByMethod = paypal ? {
    paypal: new PayPalSubscriptions(
      new PayPalClients(paypalCredentialSource(paypal, region), paypal.local ? { baseUrl: paypal.local.apiUrl } : undefined),
      new DynamoPayPalPlans(base.db, tableName),
      seller.name,
    ),
  } : {};
  return { ...base, recurring };
}

let built: ReturnType<typeof build> | undefined;

/** Built once per cold start; a failed build is forgotten so that the next request tries again. */
export function recurringPayments(): ReturnType<typeof build> {
  built ??= build();
  built.catch(() => { built = undefined; });
  return built;
}
