import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SECRETS_CALL_LIMITS, awsClientOptions } from '../../adapters/aws/aws-client-options.js';
import { BtcpayAcceptedCryptocurrencies } from '../../adapters/btcpay/btcpay-accepted-cryptocurrencies.js';
import { BtcpayCheckoutHistory } from '../../adapters/btcpay/btcpay-checkout-history.js';
import { BtcpayClient } from '../../adapters/btcpay/btcpay-client.js';
import { BtcpayCryptoCheckout } from '../../adapters/btcpay/btcpay-crypto-checkout.js';
import { BtcpayWebhookSource } from '../../adapters/btcpay/btcpay-webhook-source.js';
import type { BtcpayKeySource } from '../../adapters/secrets/btcpay-keys.js';
import { btcpayKeysFromEnvironment } from '../../adapters/secrets/environment-btcpay-keys.js';
import { btcpayKeysFromSecretsManager } from '../../adapters/secrets/secrets-manager-btcpay-keys.js';
import { adjustableClock } from '../../adapters/clock/adjustable-clock.js';
import { type BtcpaySettings, config, currentBtcpayEnvironment, currentClockOffsetMs } from '../../config.js';
import { systemClock } from '../../ports/clock.js';
import { btcpayClientForApi } from '../routes.js';

/**
 * Where the BTCPay keys come from, asked on every use: a Secrets Manager secret in AWS (cached by
 * Powertools for a few minutes), the environment locally.
 */
function btcpayKeySource(settings: BtcpaySettings, region: string): BtcpayKeySource {
  if (settings.source === 'environment') return btcpayKeysFromEnvironment(currentBtcpayEnvironment);
  const client = new SecretsManagerClient(awsClientOptions({ region, limits: SECRETS_CALL_LIMITS }));
  return btcpayKeysFromSecretsManager(settings.secretArn, { client });
}

/**
 * The composition root for crypto payments: BTCPay Server behind the crypto capabilities (hosted
 * checkout, accepted cryptocurrencies, staff's view of its invoices) and its webhook source. Locally
 * BTCPAY_URL points the client at the BTCPay sandbox. Undefined when no BTCPay is configured for this
 * function (its route does not need `btcpaySecret`, or the stack has none).
 */
function build() {
  const { btcpay, region, adjustableClock: movable } = config();
  if (!btcpay) return undefined;
  // The checkout's lifetime is counted from the clock its deadline was set by (the local clock control may move it).
  const clock = movable ? adjustableClock(currentClockOffsetMs) : systemClock;
  const client = new BtcpayClient(btcpayKeySource(btcpay, region), { baseUrl: btcpay.url, timeoutMs: btcpayClientForApi.timeoutMs });
  return {
    checkout: new BtcpayCryptoCheckout(client, () => clock.now().getTime()),
    cryptocurrencies: new BtcpayAcceptedCryptocurrencies(client),
    cryptoCheckouts: new BtcpayCheckoutHistory(client),
    btcpayWebhooks: new BtcpayWebhookSource(client),
  };
}

let built: { value: ReturnType<typeof build> } | undefined;

/** Built once per cold start. */
export function btcpayAdapters(): ReturnType<typeof build> {
  built ??= { value: build() };
  return built.value;
}
