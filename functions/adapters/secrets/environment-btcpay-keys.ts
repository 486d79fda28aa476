import { type BtcpayKeySource, parseBtcpayKeys } from './btcpay-keys.js';

/**
 * The BTCPay keys from BTCPAY_API_KEY, BTCPAY_STORE_ID and BTCPAY_WEBHOOK_SECRET, read afresh on every
 * call: the stand-in for Secrets Manager locally (`npm start`, tests), where changing the variables in
 * the running process takes effect at once, as a rotated secret does in AWS after its cache period.
 * `read` gives the variables as they are now (functions/config.ts is the one reader of the environment).
 */
export function btcpayKeysFromEnvironment(
  read: () => { apiKey?: string | undefined; storeId?: string | undefined; webhookSecret?: string | undefined },
): BtcpayKeySource {
  return async () => parseBtcpayKeys(read(), 'The environment (BTCPAY_API_KEY, BTCPAY_STORE_ID, BTCPAY_WEBHOOK_SECRET)');
}
