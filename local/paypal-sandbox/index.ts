import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from './api-error.js';
import { PayPalApi } from './api.js';
import { ApprovalPages } from './approval-pages.js';
import type { Subscription } from './billing-objects.js';
import { signingIdentity } from './certificates.js';
import { NO_FAULTS, type PayPalSandboxFaults } from './faults.js';
import { BANNER, page } from './html.js';
import { readBody } from '../sandbox-http.js';
import { debugId, send } from './http.js';
import type { Capture, Refund, WebhookEvent } from './objects.js';
import { settleCapture } from './orders.js';
import { refundCapture } from './refunds.js';
import { renewDue } from './renewals.js';
import { PayPalStore, type CaptureRecord, type SaleRecord, type StoreSnapshot } from './store.js';
import { type Delivery, type RetryPolicy, WebhookSender, signDelivery } from './webhook-sender.js';

export type { PayPalSandboxFaults } from './faults.js';
export type { Delivery } from './webhook-sender.js';
export type { SaleRecord } from './store.js';
export type * as PayPalBillingObjects from './billing-objects.js';
export type * as PayPalObjects from './objects.js';

export interface PayPalSandboxOptions {
  port?: number;
  host?: string;
  /** The REST app's credentials the sandbox accepts on `POST /v1/oauth2/token`. */
  clientId: string;
  clientSecret: string;
  /** The id of our webhook at PayPal: part of every signed string. */
  webhookId: string;
  /** Where events are POSTed; unset: kept, not sent, until `setWebhookUrl`. */
  webhookUrl?: string;
  /** Keep orders, captures and events across restarts (`npm start`); unset: memory only. */
  stateFile?: string;
  /** Keep the signing certificate and key here (created at first start); unset: one per process, in memory. */
  identityFile?: string;
  /** Webhook retries: 6 attempts, 200 ms doubling, by default (PayPal: 25 over 3 days). */
  webhookRetry?: Partial<RetryPolicy>;
  /** The sandbox's clock in ms for the objects' times; signatures keep the real time. */
  now?: () => number;
}

export interface PayPalSandbox {
  url: string;
  host: string;
  port: number;
  /** Where the signing certificate chain is served (every delivery's PAYPAL-CERT-URL). */
  certUrl: string;
  /** The root the billing system trusts locally, PEM. */
  rootCertificatePem: string;
  webhookId: string;
  faults: PayPalSandboxFaults;
  setWebhookUrl(url: string | undefined): void;
  events(): WebhookEvent[];
  deliveries(): Delivery[];
  webhooksIdle(): Promise<void>;
  releaseWebhooks(order?: 'as-happened' | 'reverse' | ((events: WebhookEvent[]) => WebhookEvent[])): void;
  /** Every API request so far (`POST /v2/checkout/orders/…/capture`), oldest first. */
  requests(): string[];
  /** Captures that took or will take money (completed or pending), with the purchase unit's reference_id. */
  captures(): CaptureRecord[];
  captureCount(referenceId: string): number;
  /** A pending capture clears or bounces, as its bank decides. */
  settleCapture(captureId: string, outcome: 'COMPLETED' | 'DECLINED'): Capture;
  /** A refund from the merchant's dashboard (PAYMENT.CAPTURE.REFUNDED), or a chargeback (`reversal`: .REVERSED). */
  refundCapture(captureId: string, options?: { value?: string; kind?: 'refund' | 'reversal' }): Refund;
  /**
   * Bills every ACTIVE subscription cycle the sandbox's clock (`now`) has passed, oldest first, each
   * once, and sends its webhooks; answers how many cycles were billed. Also done before every request
   * the sandbox serves; the local system calls it when it moves the clock.
   */
  renewDue(): number;
  /** Every subscription as PayPal would answer `GET /v1/billing/subscriptions/:id`, oldest first. */
  subscriptions(): Subscription[];
  /** Subscription payments (PAYMENT.SALE.COMPLETED), oldest first. */
  sales(): SaleRecord[];
  /** The next `count` renewal payments of a subscription fail (BILLING.SUBSCRIPTION.PAYMENT.FAILED); the first cycle's never does. */
  failNextRenewals(subscriptionId: string, count?: number): void;
  /** The headers PayPal would send with `rawBody` now (or at `transmissionTime`), for tests that deliver events themselves. */
  signDelivery(rawBody: string, options?: { transmissionTime?: Date }): Record<string, string>;
  resetFaults(): void;
  stop(): Promise<void>;
}

/**
 * Starts a local stand-in for PayPal that `@paypal/paypal-server-sdk` talks to unchanged (pointed at
 * its URL): OAuth2, Orders v2, captures and refunds, Catalog Products v1 and Subscriptions v1 with
 * renewals on the sandbox's clock, approval pages, and webhooks signed with a local certificate. Nothing leaves the machine and no money moves.
 */
export async function startPayPalSandbox(options: PayPalSandboxOptions): Promise<PayPalSandbox> {
  const host = options.host ?? '127.0.0.1';
  const identity = await signingIdentity(options.identityFile);
  const faults: PayPalSandboxFaults = { ...NO_FAULTS };
  const urls = { apiBase: '', pageBase: '' };
  const store = new PayPalStore(urls, options.now);
  if (options.stateFile && existsSync(options.stateFile)) store.restore(JSON.parse(readFileSync(options.stateFile, 'utf8')) as StoreSnapshot);
  const persist = () => {
    if (!options.stateFile) return;
    writeFileSync(`${options.stateFile}.tmp`, JSON.stringify(store.snapshot()));
    renameSync(`${options.stateFile}.tmp`, options.stateFile);
  };
  const api = new PayPalApi(store, options, faults);
  const pages = new ApprovalPages(store);
  const signer = { webhookId: options.webhookId, certUrl: '', identity };
  const sender = new WebhookSender(signer, options.webhookUrl, faults, {
    maxAttempts: options.webhookRetry?.maxAttempts ?? 6,
    baseDelayMs: options.webhookRetry?.baseDelayMs ?? 200,
  });
  const requests: string[] = [];
  const certPath = '/v1/notifications/certs/CERT-LOCAL-SANDBOX';

  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'application/json', JSON.stringify({ name: 'INTERNAL_SERVER_ERROR', message: `Sandbox error: ${String(error)}`, debug_id: 'sandbox' }));
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    // Renewals the clock has made due happen before the request is answered, as at PayPal they would have.
    const eventsBefore = store.events.length;
    renewDue(store);
    const renewed = store.events.length > eventsBefore;
    if (url.pathname === certPath && method === 'GET') {
      send(res, 200, 'application/x-pem-file', identity.chainPem);
    } else if (url.pathname.startsWith('/v1/') || url.pathname.startsWith('/v2/')) {
      requests.push(`${method} ${url.pathname}`);
      if (!apiFault(req, res, method, url.pathname)) respond(req, res, method, url.pathname, url.searchParams, body);
    } else {
      const result = pages.handle(method, url, new URLSearchParams(body));
      if (!result) send(res, url.pathname === '/' ? 200 : 404, 'text/html; charset=utf-8', page(BANNER, `<h1>${BANNER}</h1><p>A local stand-in for PayPal's REST API and approval page.</p>`));
      else if (result.location) res.writeHead(result.status, { Location: result.location, 'Cache-Control': 'no-store' }).end();
      else send(res, result.status, 'text/html; charset=utf-8', result.html ?? '');
    }
    if (method === 'POST' || renewed) persist();
    sender.send(store.takePending());
  }

  /** Faults that strike before the API does anything; true when one did. */
  function apiFault(req: IncomingMessage, res: ServerResponse, method: string, path: string): boolean {
    if (faults.resetNextConnections > 0) {
      faults.resetNextConnections--;
      req.socket.destroy();
      return true;
    }
    const fault = faults.failNextWith500 > 0 ? 'failNextWith500' : faults.rateLimitNext > 0 ? 'rateLimitNext'
      : faults.failNextRefunds > 0 && method === 'POST' && path.endsWith('/refund') ? 'failNextRefunds' : undefined;
    if (!fault) return false;
    faults[fault]--;
    const error = fault === 'rateLimitNext' ? ApiError.rateLimited() : ApiError.internal();
    send(res, error.status, 'application/json', JSON.stringify(error.body));
    return true;
  }

  function respond(req: IncomingMessage, res: ServerResponse, method: string, path: string, query: URLSearchParams, body: string): void {
    let answer;
    try {
      answer = api.handle({ method, path, headers: req.headers, body, query });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      send(res, error.status, 'application/json', JSON.stringify(error.body));
      return;
    }
    if (answer.captured && faults.loseNextCaptureResponseWithReset > 0) {
      faults.loseNextCaptureResponseWithReset--;
      sender.send(store.takePending());
      req.socket.destroy();
      return;
    }
    if (answer.captured && faults.loseNextCaptureResponseWith500 > 0) {
      faults.loseNextCaptureResponseWith500--;
      send(res, 500, 'application/json', JSON.stringify(ApiError.internal().body));
      return;
    }
    if (answer.body === undefined) res.writeHead(answer.status, { 'Cache-Control': 'no-store', 'PayPal-Debug-Id': debugId() }).end();
    else send(res, answer.status, 'application/json', JSON.stringify(answer.body));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  urls.apiBase = url;
  urls.pageBase = url;
  signer.certUrl = `${url}${certPath}`;

  const changed = <T>(result: T): T => {
    persist();
    sender.send(store.takePending());
    return result;
  };
  return {
    url, host, port,
    certUrl: signer.certUrl,
    rootCertificatePem: identity.rootPem,
    webhookId: options.webhookId,
    faults,
    setWebhookUrl: (webhookUrl) => sender.setUrl(webhookUrl),
    events: () => store.events.slice(),
    deliveries: () => sender.deliveries(),
    webhooksIdle: () => sender.idle(),
    releaseWebhooks: (order) => sender.release(order),
    requests: () => requests.slice(),
    captures: () => store.captureLog.slice(),
    captureCount: (referenceId) => store.captureLog.filter((c) => c.referenceId === referenceId).length,
    settleCapture: (captureId, outcome) => changed(settleCapture(store, captureId, outcome)),
    refundCapture: (captureId, refund = {}) => changed(refundCapture(
      store, captureId, refund.value ? { amount: { currency_code: store.captures.get(captureId)?.capture.amount.currency_code ?? '', value: refund.value } } : {}, refund.kind,
    )),
    renewDue: () => changed(renewDue(store)),
    subscriptions: () => [...store.subscriptions.values()].map((r) => structuredClone(r.subscription)),
    sales: () => store.saleLog.slice(),
    failNextRenewals: (subscriptionId, count = 1) => {
      const record = store.subscriptions.get(subscriptionId);
      if (!record) throw new Error(`No such subscription: ${subscriptionId}`);
      record.failNextRenewals += count;
      persist();
    },
    signDelivery: (rawBody, signOptions) => signDelivery(signer, rawBody, signOptions),
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
