import { type StripeKeySource, parseStripeKeys } from './stripe-keys.js';

/**
 * The Stripe keys from STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, read afresh on every call: the
 * stand-in for Secrets Manager locally (`npm start`, tests), where changing the variables in the
 * running process takes effect at once, as a rotated secret does in AWS after its cache period.
 * `read` gives the variables as they are now (functions/config.ts is the one reader of the environment).
 */
export function stripeKeysFromEnvironment(read: () => { secretKey?: string | undefined; webhookSecret?: string | undefined }): StripeKeySource {
  return async () => parseStripeKeys(read(), 'The environment (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)');
}
