import { DynamoPaymentBatches } from '../../adapters/dynamodb/dynamo-payment-batches.js';
import { DynamoPaymentHistory } from '../../adapters/dynamodb/dynamo-payment-history.js';
import { DynamoProviderAccounts } from '../../adapters/dynamodb/dynamo-provider-accounts.js';
import { DynamoWebhookClaims } from '../../adapters/dynamodb/dynamo-webhook-claims.js';
import { config } from '../../config.js';
import { BusinessRuleError } from '../../domain/errors.js';
import { btcpayAdapters } from './btcpay.js';
import { cardStorage } from './cards.js';
import { hostedCheckouts, refundProviders } from './payments.js';

/**
 * The composition root for crypto payments and the BTCPay webhook: storage, the customer's payment
 * history (for the established-customer rule and its numbers), the crypto adapters, and every
 * method's hosted checkout and refunds (a crypto payment may have to close a card page left open).
 * Without BTCPay configured the crypto adapters are undefined, and the use cases say crypto is not set up.
 */
async function build() {
  const { tableName, establishedCustomer } = config();
  const base = await cardStorage();
  const btcpay = btcpayAdapters();
  return {
    ...base,
    accounts: new DynamoProviderAccounts(base.db, tableName),
    claims: new DynamoWebhookClaims(base.db, tableName),
    batches: new DynamoPaymentBatches(base.db, tableName),
    history: new DynamoPaymentHistory(base.db, tableName),
    establishedCustomer,
    checkouts: await hostedCheckouts(),
    refunds: await refundProviders(),
    cryptocurrencies: btcpay?.cryptocurrencies,
    cryptoCheckouts: btcpay?.cryptoCheckouts,
    btcpayWebhooks: btcpay?.btcpayWebhooks,
  };
}

let built: ReturnType<typeof build> | undefined;

/** Built once per cold start; a failed build is forgotten so that the next request tries again. */
export function cryptoPayments(): ReturnType<typeof build> {
  built ??= build();
  built.catch(() => { built = undefined; });
  return built;
}

/** The BTCPay webhook source, or a clear refusal when this function has no BTCPay configured. */
export async function btcpayWebhooks() {
  const deps = await cryptoPayments();
  if (!deps.btcpayWebhooks) throw new BusinessRuleError('Cryptocurrency payments are not set up.');
  return { deps, source: deps.btcpayWebhooks };
}
