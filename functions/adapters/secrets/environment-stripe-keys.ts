import { type StripeKeySource, parseStripeKeys } from './stripe-keys.js';

/**
 * The Stripe keys from STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, read from `env` on every call:
 * the stand-in for Secrets Manager locally (`npm start`, tests), where changing the variables in the
 * running process takes effect at once, as a rotated secret does in AWS after its cache period.
 */
export function stripeKeysFromEnvironment(env: NodeJS.ProcessEnv): StripeKeySource {
  return async () => parseStripeKeys(
    { secretKey: env['STRIPE_SECRET_KEY'], webhookSecret: env['STRIPE_WEBHOOK_SECRET'] },
    'The environment (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)',
  );
}
