import Stripe from 'stripe';
import type { StripeKeySource } from '../secrets/stripe-keys.js';

/** The API version the code and the fixtures in test/fixtures/stripe are written for. */
export const STRIPE_API_VERSION = '2026-10-28.endive' satisfies Stripe.LatestApiVersion;

/**
 * How long one Stripe request may take, and how often a passing fault is retried (stripe-node retries
 * with the same idempotency key, so a retry never charges twice). The worst case is about
 * 3 × 6 s + stripe-node's backoff (0.5 s, 1 s, capped at 5 s): under 21 s, which the functions'
 * timeouts in the route table cover, inside API Gateway's 30 s.
 */
export const STRIPE_TIMEOUT_MS = 6_000;
export const STRIPE_MAX_NETWORK_RETRIES = 2;

/** The local sandbox's address; unset, the SDK talks to Stripe itself. */
export interface StripeEndpoint {
  readonly host: string;
  readonly port: number;
  readonly protocol: 'http' | 'https';
}

/**
 * One stripe-node client per secret key: made on first use and again only when the key rotates.
 */
export class StripeClients {
  private current: { key: string; client: Stripe } | undefined;

  constructor(private readonly keys: StripeKeySource, private readonly endpoint?: StripeEndpoint) {}

  async client(): Promise<Stripe> {
    const { secretKey } = await this.keys();
    if (this.current?.key !== secretKey) {
      this.current = {
        key: secretKey,
        client: new Stripe(secretKey, {
          apiVersion: STRIPE_API_VERSION,
          maxNetworkRetries: STRIPE_MAX_NETWORK_RETRIES,
          timeout: STRIPE_TIMEOUT_MS,
          appInfo: { name: 'hosting-billing' },
          ...this.endpoint,
        }),
      };
    }
    return this.current.client;
  }

  async webhookSecret(): Promise<string> {
    return (await this.keys()).webhookSecret;
  }
}
