import { Client, Environment, OrdersController, PaymentsController, SubscriptionsController } from '@paypal/paypal-server-sdk';
import type { PayPalCredentialSource } from '../secrets/paypal-credentials.js';
import { PaymentProviderUnavailableError } from '../../ports/payments/provider-errors.js';
import { CatalogProducts } from './catalog-products.js';
import { providerError } from './paypal-errors.js';

/**
 * How long one PayPal request may take, and how often a passing fault is retried. Every POST we make
 * carries a `PayPal-Request-Id`, so retrying one never creates or captures twice; the SDK retries only
 * GET and PUT by default, so POST is added (and a total wait, without which it never retries). Worst
 * case for one call: 2 × 5 s + 0.5 s.
 */
export const PAYPAL_TIMEOUT_MS = 5_000;
export const PAYPAL_MAX_RETRIES = 1;

/** Where the SDK sends requests: PayPal (live or sandbox, as the credentials say), or a base URL (the local sandbox). */
export type PayPalEndpoint = { baseUrl: string } | undefined;

export interface PayPalApis {
  readonly orders: OrdersController;
  readonly payments: PaymentsController;
  readonly subscriptions: SubscriptionsController;
  /** Catalog Products v1, which the SDK has no controller for (catalog-products.ts). */
  readonly catalog: CatalogProducts;
}

/**
 * One SDK client per client id and secret: made on first use and again only when they rotate. The
 * SDK knows only PayPal's two hosts, so for a base URL (the local sandbox) its requests are re-pointed
 * there by a request interceptor on the client's request builders, the SDK's own extension point; the
 * OAuth token request goes through the same builders.
 */
export class PayPalClients {
  private current: { key: string; apis: PayPalApis } | undefined;

  constructor(private readonly credentials: PayPalCredentialSource, private readonly endpoint?: PayPalEndpoint) {}

  async apis(): Promise<PayPalApis> {
    const { clientId, clientSecret, environment } = await this.credentials();
    const key = `${clientId}\u0000${clientSecret}\u0000${environment}`;
    if (this.current?.key !== key) {
      const ClientClass = this.endpoint ? clientAt(this.endpoint.baseUrl) : Client;
      const client = new ClientClass({
        clientCredentialsAuthCredentials: { oAuthClientId: clientId, oAuthClientSecret: clientSecret },
        environment: environment === 'live' ? Environment.Production : Environment.Sandbox,
        timeout: PAYPAL_TIMEOUT_MS,
        httpClientOptions: {
          timeout: PAYPAL_TIMEOUT_MS,
          retryConfig: {
            maxNumberOfRetries: PAYPAL_MAX_RETRIES, retryInterval: 0.5, backoffFactor: 2, maximumRetryWaitTime: 2, httpMethodsToRetry: ['GET', 'POST'],
          },
        },
      });
      // No `logging`: the SDK's default logger is silent, so no request, token or body reaches the logs.
      this.current = {
        key,
        apis: {
          orders: new OrdersController(client), payments: new PaymentsController(client),
          subscriptions: new SubscriptionsController(client), catalog: new CatalogProducts(client),
        },
      };
    }
    return this.current.apis;
  }

  /**
   * Runs one request and gives back the SDK's own error when it fails (for callers that read PayPal's
   * issue). After a passing fault the SDK client is dropped and the next request builds a new one: the
   * SDK keeps its last OAuth token as a promise shared by every call of the client, and once a token
   * request has failed (a reset, a 500) that promise stays rejected, so every later call of the same
   * client would fail too, for the rest of a warm Lambda's life.
   */
  async request<T>(send: (apis: PayPalApis) => Promise<T>): Promise<T> {
    try {
      return await send(await this.apis());
    } catch (error) {
      if (providerError(error) instanceof PaymentProviderUnavailableError) this.current = undefined;
      throw error;
    }
  }

  /** As `request`, with the error sorted into the port's errors (paypal-errors.ts). */
  async call<T>(send: (apis: PayPalApis) => Promise<T>): Promise<T> {
    try {
      return await this.request(send);
    } catch (error) {
      throw providerError(error);
    }
  }

  async webhookId(): Promise<string> {
    return (await this.credentials()).webhookId;
  }
}

/** A Client whose every request (the OAuth token's too) goes to `baseUrl` instead of PayPal's host. */
function clientAt(baseUrl: string): typeof Client {
  const target = new URL(baseUrl);
  return class extends Client {
    override getRequestBuilderFactory(): ReturnType<Client['getRequestBuilderFactory']> {
      const factory = super.getRequestBuilderFactory();
      return (...args) => {
        const builder = factory(...args);
        builder.interceptRequest((request) => {
          const url = new URL(request.url);
          url.protocol = target.protocol;
          url.host = target.host;
          return { ...request, url: url.href };
        });
        return builder;
      };
    }
  };
}
