import { type PayPalCredentialSource, parsePayPalCredentials } from './paypal-credentials.js';

/**
 * The PayPal credentials from PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET and PAYPAL_WEBHOOK_ID, read afresh
 * on every call: the stand-in for Secrets Manager locally, as for Stripe (environment-stripe-keys.ts).
 */
export function paypalCredentialsFromEnvironment(
  read: () => { clientId?: string | undefined; clientSecret?: string | undefined; webhookId?: string | undefined; environment?: string | undefined },
): PayPalCredentialSource {
  return async () => {
    const { environment, ...rest } = read();
    return parsePayPalCredentials({ ...rest, ...(environment ? { environment } : {}) }, 'The environment (PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET, PAYPAL_WEBHOOK_ID)');
  };
}
