import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Stripe from 'stripe';
import { listen, readBody, sendHtml, sendJson as sendSandboxJson } from '../sandbox-http.js';
import { ApiError } from './api-error.js';
import { handleApi } from './api.js';
import { CheckoutPages } from './checkout-pages.js';
import { canonical, parseStripeForm } from './form.js';
import { BANNER, page } from './html.js';
import { IdempotencyLayer, type SavedResponse } from './idempotency.js';
import { newId } from './ids.js';
import type { Event, Refund } from './objects.js';
import { expireDueSessions } from './checkout-sessions.js';
import { refundPayment } from './refunds.js';
import { SandboxStore, type Capture, type StoreSnapshot } from './store.js';
import { NO_FAULTS, type StripeSandboxFaults } from './faults.js';
import { NO_LOAD, RateLimiter, type StripeSandboxLoad } from './load.js';
import { WebhookSender, type Delivery, type RetryPolicy } from './webhook-sender.js';

export type { Capture } from './store.js';
export type { StripeSandboxFaults } from './faults.js';
export type { StripeSandboxLoad } from './load.js';
export type { Delivery } from './webhook-sender.js';
export type * as SandboxObjects from './objects.js';

export interface StripeSandboxOptions {
  /** 0 or unset: a free port. */
  port?: number;
  /** Loopback by default. */
  host?: string;
  /** Where events are POSTed; unset: kept (see `events()`) but not sent until `setWebhookUrl`. */
  webhookUrl?: string;
  /** The endpoint's signing secret (`whsec_…`), shared with the billing system. */
  webhookSecret: string;
  /** The origin the browser reaches the hosted pages on; default `http://<host>:<port>`. */
  publicBaseUrl?: string;
  /** Webhook retries: 6 attempts, 200 ms doubling, by default (Stripe retries for 3 days). */
  webhookRetry?: Partial<RetryPolicy>;
  /** A file to keep the sandbox's objects in across restarts (`npm start`); unset: memory only. */
  stateFile?: string;
  /** Time each API call takes; while it runs, the same idempotency key gets 409 (as at Stripe). */
  latencyMs?: number;
  /** Live Stripe's rate limit and a charge's time at the bank, for load tests; off by default (see load.ts). */
  load?: Partial<StripeSandboxLoad>;
  /**
   * The sandbox's clock in milliseconds (default `Date.now`): every `created`, `expires_at`, event
   * `created` and the expiry of Checkout Sessions follow it, so a test can move time on. Webhook
   * signatures and retries keep the real time, as the receiver checks them against its own clock.
   */
  now?: () => number;
}

export interface StripeSandbox {
  url: string;
  host: string;
  port: number;
  faults: StripeSandboxFaults;
  /** Live Stripe's behaviour under load (rate limit, charge time): off unless set; change it at any time. */
  load: StripeSandboxLoad;
  /** How many requests the rate limit of `load` has refused with 429 so far (the `rateLimitNext` fault's not counted). */
  rateLimitedRequests(): number;
  setWebhookUrl(url: string | undefined): void;
  /** Every event created so far, oldest first. */
  events(): Event[];
  /** Every webhook delivery attempt so far. */
  deliveries(): Delivery[];
  /** Resolves once no webhook delivery is pending (including retries). */
  webhooksIdle(): Promise<void>;
  /** Sends the events held back by `faults.holdWebhooks`, in the given order. */
  releaseWebhooks(order?: Parameters<WebhookSender['release']>[0]): void;
  /** Every API request received so far (`GET /v1/payment_methods/pm_…`), oldest first: to count calls in tests. */
  requests(): string[];
  /** Every successful charge, with the invoice id from its metadata. */
  captures(): Capture[];
  captureCount(invoiceId: string): number;
  /** Refunds a payment (as from Stripe's dashboard), which sends `charge.refunded`. */
  refund(paymentIntentId: string, amount?: number): Refund;
  resetFaults(): void;
  stop(): Promise<void>;
}

/**
 * Starts a local stand-in for Stripe that the real `stripe` SDK talks to unchanged (through its
 * `host`, `port` and `protocol` settings): the API subset the billing system uses, a hosted Checkout
 * page, and signed webhooks. Nothing leaves the machine and no money moves.
 */
export async function startStripeSandbox(options: StripeSandboxOptions): Promise<StripeSandbox> {
  const host = options.host ?? '127.0.0.1';
  const store = new SandboxStore(options.now);
  if (options.stateFile && existsSync(options.stateFile)) {
    store.restore(JSON.parse(readFileSync(options.stateFile, 'utf8')) as StoreSnapshot);
  }
  /** Written after every change, whole and then renamed, so a killed process never leaves half a file. */
  const persist = () => {
    if (!options.stateFile) return;
    writeFileSync(`${options.stateFile}.tmp`, JSON.stringify(store.snapshot()));
    renameSync(`${options.stateFile}.tmp`, options.stateFile);
  };
  const faults: StripeSandboxFaults = { ...NO_FAULTS };
  const load: StripeSandboxLoad = { ...NO_LOAD, ...options.load };
  const limiter = new RateLimiter();
  let rateLimited = 0;
  const idempotency = new IdempotencyLayer();
  const pages = new CheckoutPages(store);
  const sender = new WebhookSender(options.webhookSecret, options.webhookUrl, faults, {
    maxAttempts: options.webhookRetry?.maxAttempts ?? 6,
    baseDelayMs: options.webhookRetry?.baseDelayMs ?? 200,
  });
  let publicBaseUrl = options.publicBaseUrl ?? '';

  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { type: 'api_error', message: `Sandbox error: ${String(error)}` } });
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const body = await readBody(req);
    // Time has passed for every session, whatever this request looks at (an API read, a page, a payment).
    const expired = expireDueSessions(store);
    if (url.pathname.startsWith('/v1/')) {
      await api(req, res, url, body);
    } else {
      const result = pages.handle(req.method ?? 'GET', url.pathname, new URLSearchParams(body));
      if (!result) {
        sendHtml(res, url.pathname === '/' ? 200 : 404, page(BANNER, `<h1>${BANNER}</h1><p>A local stand-in for Stripe's API and Checkout pages.</p>`));
      } else if (result.location) {
        res.writeHead(result.status, { Location: result.location, 'Cache-Control': 'no-store' }).end();
      } else {
        sendHtml(res, result.status, result.html ?? '');
      }
    }
    if (req.method === 'POST' || expired > 0) persist();
    sender.send(store.takePending());
  }

  const requests: string[] = [];

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<void> {
    const method = req.method ?? 'GET';
    requests.push(`${method} ${url.pathname}`);
    const apiKey = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!apiKey || !/^(sk|rk)_test_/.test(apiKey)) {
      sendJson(res, 401, {
        error: { type: 'invalid_request_error', message: apiKey ? 'The Stripe sandbox only accepts test-mode keys (sk_test_…).' : 'You did not provide an API key.' },
      });
      return;
    }
    // Stripe's limiter refuses before anything else happens, so nothing is saved for the idempotency key.
    if (!limiter.take(load.rateLimitPerSecond)) {
      rateLimited++;
      sendError(res, ApiError.rateLimited(), RATE_LIMITED_HEADERS);
      return;
    }
    if (faults.resetNextConnections > 0) {
      faults.resetNextConnections--;
      req.socket.destroy();
      return;
    }
    if (faults.failNextWith500 > 0) {
      faults.failNextWith500--;
      sendError(res, ApiError.internal());
      return;
    }
    if (faults.rateLimitNext > 0) {
      faults.rateLimitNext--;
      sendError(res, ApiError.rateLimited(), RATE_LIMITED_HEADERS);
      return;
    }
    if (faults.failNextRefunds > 0 && method === 'POST' && url.pathname === '/v1/refunds') {
      faults.failNextRefunds--;
      sendError(res, ApiError.internal());
      return;
    }
    const params = parseStripeForm(method === 'GET' || method === 'DELETE' ? url.search.slice(1) : body);
    const key = method === 'POST' ? headerValue(req.headers['idempotency-key']) : undefined;
    const fingerprint = `${method} ${url.pathname} ${canonical(params)}`;
    let response: SavedResponse;
    try {
      if (key !== undefined) {
        const replay = idempotency.check(apiKey, key, fingerprint);
        if (replay) {
          sendJson(res, replay.status, replay.body, { 'Idempotent-Replayed': 'true' });
          return;
        }
        idempotency.begin(apiKey, key);
      }
      let saved: SavedResponse | undefined;
      try {
        if (options.latencyMs) await sleep(options.latencyMs);
        if (load.chargeLatencyMs && method === 'POST' && url.pathname === '/v1/payment_intents') await sleep(load.chargeLatencyMs);
        response = { status: 200, body: handleApi({ store, publicBaseUrl, faults }, { method, path: url.pathname, params }) };
        saved = response;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        response = { status: error.status, body: error.body };
        if (error.saved) saved = response;
      } finally {
        if (key !== undefined) idempotency.finish(apiKey, key, fingerprint, saved);
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      sendError(res, error);
      return;
    }
    if (method === 'POST' && url.pathname === '/v1/payment_intents') {
      if (faults.loseNextChargeResponseWithReset > 0) {
        faults.loseNextChargeResponseWithReset--;
        sender.send(store.takePending());
        req.socket.destroy();
        return;
      }
      if (faults.loseNextChargeResponseWith500 > 0) {
        faults.loseNextChargeResponseWith500--;
        sendError(res, ApiError.internal());
        return;
      }
    }
    sendJson(res, response.status, response.body);
  }

  const { url, port } = await listen(server, host, options.port);
  publicBaseUrl ||= url;

  return {
    url,
    host,
    port,
    faults,
    load,
    rateLimitedRequests: () => rateLimited,
    setWebhookUrl: (webhookUrl) => sender.setUrl(webhookUrl),
    events: () => store.events.slice(),
    deliveries: () => sender.deliveries(),
    webhooksIdle: () => sender.idle(),
    releaseWebhooks: (order) => sender.release(order),
    requests: () => requests.slice(),
    captures: () => store.captures.slice(),
    captureCount: (invoiceId) => store.captures.filter((c) => c.invoiceId === invoiceId).length,
    refund(paymentIntentId, amount) {
      const pi = store.paymentIntents.get(paymentIntentId);
      if (!pi) throw new Error(`No such payment_intent: ${paymentIntentId}`);
      const refund = refundPayment(store, pi, amount === undefined ? {} : { amount });
      sender.send(store.takePending());
      return refund;
    },
    resetFaults: () => Object.assign(faults, NO_FAULTS),
    async stop() {
      sender.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Stripe's JSON: pretty-printed, with a request id and the API version it speaks. */
function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendSandboxJson(res, status, body, { indent: 2, headers: { 'Content-Type': 'application/json', 'Request-Id': newId('req'), 'Stripe-Version': Stripe.API_VERSION, ...headers } });
}

/**
 * What Stripe sends with a 429 of its rate limiter: the limit that was hit (`global-rate`,
 * `endpoint-rate`, `global-concurrency`, `endpoint-concurrency` or `resource-specific`), no
 * Retry-After, and no `Stripe-Should-Retry: true` (Stripe sends that on the 429 of an object lock
 * timeout, which stripe-node then retries; a rate limit it leaves to the caller).
 */
const RATE_LIMITED_HEADERS = { 'Stripe-Rate-Limited-Reason': 'global-rate' } as const;

function sendError(res: ServerResponse, error: ApiError, headers: Record<string, string> = {}): void {
  sendJson(res, error.status, error.body, headers);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
