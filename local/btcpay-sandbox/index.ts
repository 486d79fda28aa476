import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { listen, readBody, sendHtml, sendJson } from '../sandbox-http.js';
import { GreenfieldError, handleApi } from './api.js';
import { parseDecimal } from './decimal.js';
import { type BtcpaySandboxFaults, NO_FAULTS } from './faults.js';
import { BANNER, page } from './html.js';
import { newApiKey, newId } from './ids.js';
import type { Invoice, InvoiceEvent, Payment } from './objects.js';
import { SandboxPages } from './pages.js';
import { SandboxStore, type StoreSnapshot } from './store.js';
import { BTCPAY_RETRY_DELAYS_MS, type Delivery, type DeliveryBody, WebhookSender, btcpaySignature } from './webhook-sender.js';

export type { BtcpaySandboxFaults } from './faults.js';
export type { Delivery, DeliveryBody } from './webhook-sender.js';
export { btcpaySignature } from './webhook-sender.js';

export interface BtcpaySandboxOptions {
  /** 0 or unset: a free port. */
  port?: number;
  /** Loopback by default. */
  host?: string;
  /** The Greenfield API key it accepts (`Authorization: token …`); default a new one. */
  apiKey?: string;
  /** Its one store's id; default a new one. */
  storeId?: string;
  /** The store webhook's secret, shared with the billing system. */
  webhookSecret: string;
  /** Where events are POSTed; unset: kept (see `events()`) but not sent until `setWebhookUrl`. */
  webhookUrl?: string;
  /** Waits before each redelivery of a failed delivery; default BTCPay's schedule divided by 1000. */
  webhookRetryDelaysMs?: readonly number[];
  /** The origin the browser reaches the checkout pages on; default `http://<host>:<port>`. */
  publicBaseUrl?: string;
  /** A file to keep the sandbox's objects in across restarts (`npm start`); unset: memory only. */
  stateFile?: string;
  /**
   * The base of the sandbox's clock in milliseconds (default `Date.now`); `advanceClock` moves it on.
   * Invoice times, expiry and confirmations follow it; webhook redelivery waits keep real time.
   */
  now?: () => number;
  /** How often the sandbox looks for payments to confirm and invoices to expire, in real ms. @default 250 */
  tickMs?: number;
}

export interface BtcpaySandbox {
  url: string;
  host: string;
  port: number;
  apiKey: string;
  storeId: string;
  webhookId: string;
  faults: BtcpaySandboxFaults;
  setWebhookUrl(url: string | undefined): void;
  /** The sandbox clock in ms. */
  now(): number;
  /** Moves the sandbox clock on, then confirms and expires what is due. */
  advanceClock(ms: number): void;
  /** Every event built so far, oldest first (before any delivery gives it ids). */
  events(): InvoiceEvent[];
  /** The first delivery body of every event sent or held, oldest first: what a test may deliver itself. */
  deliveryBodies(): DeliveryBody[];
  /** Every delivery attempt so far. */
  deliveries(): Delivery[];
  /** Resolves once no delivery is pending (redeliveries included). */
  webhooksIdle(): Promise<void>;
  /** Sends the events held back by `faults.holdWebhooks`. */
  releaseWebhooks(order?: 'as-happened' | 'reverse'): void;
  /** Delivers a past delivery again with a new delivery id (BTCPay's "Redeliver"). */
  redeliver(deliveryId: string): string | undefined;
  /** `BTCPay-Sig` for a body, with this sandbox's webhook secret. */
  sign(body: string): string;
  invoice(id: string): Invoice | undefined;
  /** Pays an invoice as the checkout page's buttons do: `exact`, or an amount (fiat, decimal) that the store receives. */
  pay(invoiceId: string, options?: { method?: string; amount?: string }): Payment;
  /** "Let it expire". */
  expire(invoiceId: string): void;
  /** Its payments never confirm: it becomes Invalid, as a double-spent payment makes it. */
  failToConfirm(invoiceId: string): void;
  /** The store's accepted payment methods (BTCPay 2 ids), as its settings page sets them. */
  setAcceptedMethods(ids: readonly string[]): void;
  setConfirmationSeconds(seconds: number): void;
  setPaymentTolerance(percent: number): void;
  /** Every API request received so far (`GET /api/v1/stores/…`), oldest first: to count calls in tests. */
  requests(): string[];
  resetFaults(): void;
  stop(): Promise<void>;
}

/**
 * Starts a local stand-in for BTCPay Server: the Greenfield subset the billing system calls, a
 * checkout page per invoice with a tester's controls instead of a wallet, a store settings page, and
 * webhooks signed as BTCPay signs them. Fixed test rates; nothing leaves the machine, no money moves.
 */
export async function startBtcpaySandbox(options: BtcpaySandboxOptions): Promise<BtcpaySandbox> {
  const host = options.host ?? '127.0.0.1';
  const base = options.now ?? Date.now;
  let offset = 0;
  const clock = () => base() + offset;
  const storeId = options.storeId ?? newId(32);
  const apiKey = options.apiKey ?? newApiKey();
  const store = new SandboxStore(clock, storeId);
  if (options.stateFile && existsSync(options.stateFile)) {
    const saved = JSON.parse(readFileSync(options.stateFile, 'utf8')) as StoreSnapshot & { offset?: number };
    store.restore(saved);
    offset = saved.offset ?? 0;
  }
  const persist = () => {
    if (!options.stateFile) return;
    writeFileSync(`${options.stateFile}.tmp`, JSON.stringify({ ...store.snapshot(), offset }));
    renameSync(`${options.stateFile}.tmp`, options.stateFile);
  };
  const faults: BtcpaySandboxFaults = { ...NO_FAULTS };
  const sender = new WebhookSender(newId(16), options.webhookSecret, options.webhookUrl, faults,
    options.webhookRetryDelaysMs ?? BTCPAY_RETRY_DELAYS_MS.map((ms) => ms / 1000));
  const pages = new SandboxPages(store);
  let publicBaseUrl = options.publicBaseUrl ?? '';
  const requests: string[] = [];

  /** Time has passed (or something changed): confirm, expire, and send what that caused. */
  const settle = () => {
    const changes = store.tick();
    const events = store.takePending();
    if (changes > 0 || events.length > 0) persist();
    sender.send(events);
  };
  const timer = setInterval(settle, options.tickMs ?? 250);
  timer.unref();

  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { code: 'sandbox-error', message: `Sandbox error: ${String(error)}` });
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const body = await readBody(req);
    settle();
    if (url.pathname.startsWith('/api/')) {
      await api(req, res, url, body);
    } else {
      const result = pages.handle(req.method ?? 'GET', url.pathname, url.searchParams, new URLSearchParams(body));
      if (!result) sendHtml(res, 404, page('Not found', `<h1>Not found</h1><p>${BANNER}.</p>`));
      else if (result.location) res.writeHead(result.status, { Location: result.location, 'Cache-Control': 'no-store' }).end();
      else sendHtml(res, result.status, result.html ?? '');
    }
    if (req.method !== 'GET') persist();
    settle();
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, text: string): Promise<void> {
    const method = req.method ?? 'GET';
    requests.push(`${method} ${url.pathname}`);
    const token = /^token (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (token !== apiKey) {
      sendJson(res, 401, { code: 'unauthenticated', message: 'Authentication is required for accessing this endpoint' });
      return;
    }
    if (faults.resetNextConnections > 0) {
      faults.resetNextConnections--;
      req.socket.destroy();
      return;
    }
    if (faults.failNextWith500 > 0) {
      faults.failNextWith500--;
      sendJson(res, 500, { code: 'server-error', message: 'Sandbox fault: failNextWith500' });
      return;
    }
    if (faults.rateLimitNext > 0) {
      faults.rateLimitNext--;
      sendJson(res, 429, { code: 'rate-limited', message: 'Sandbox fault: rateLimitNext' });
      return;
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      sendJson(res, 422, [{ path: '', message: 'The request body is not valid JSON' }]);
      return;
    }
    try {
      const answer = handleApi({ store, sender, publicBaseUrl }, { method, path: url.pathname, query: url.searchParams, body: json });
      if (method === 'POST' && /\/invoices$/.test(url.pathname) && faults.loseNextCreateResponse > 0) {
        faults.loseNextCreateResponse--;
        sendJson(res, 500, { code: 'server-error', message: 'Sandbox fault: loseNextCreateResponse' });
        return;
      }
      sendJson(res, answer.status, answer.body);
    } catch (error) {
      if (!(error instanceof GreenfieldError)) throw error;
      sendJson(res, error.status, error.body);
    }
  }

  const { url, port } = await listen(server, host, options.port);
  publicBaseUrl ||= url;

  const invoiceOrThrow = (id: string) => {
    const invoice = store.invoices.get(id);
    if (!invoice) throw new Error(`No such BTCPay sandbox invoice: ${id}`);
    return invoice;
  };
  const changed = () => {
    persist();
    settle();
  };

  return {
    url,
    host,
    port,
    apiKey,
    storeId,
    webhookId: sender.webhookId,
    faults,
    setWebhookUrl: (webhookUrl) => sender.setUrl(webhookUrl),
    now: clock,
    advanceClock(ms) {
      offset += ms;
      changed();
    },
    events: () => store.events.slice(),
    deliveryBodies: () => sender.firstBodies(),
    deliveries: () => sender.deliveries(),
    webhooksIdle: () => sender.idle(),
    releaseWebhooks: (order) => sender.release(order),
    redeliver: (deliveryId) => sender.redeliver(deliveryId),
    sign: (body) => btcpaySignature(options.webhookSecret, body),
    invoice: (id) => store.invoices.get(id),
    pay(invoiceId, payOptions = {}) {
      const invoice = invoiceOrThrow(invoiceId);
      const methodId = payOptions.method ?? invoice.checkout.defaultPaymentMethod ?? invoice.checkout.paymentMethods[0]!;
      const fiat = payOptions.amount === undefined ? store.accounting(invoice).due : parseDecimal(payOptions.amount);
      const payment = store.pay(invoice, methodId, fiat);
      changed();
      return payment;
    },
    expire(invoiceId) {
      store.expireNow(invoiceOrThrow(invoiceId));
      changed();
    },
    failToConfirm(invoiceId) {
      store.failToConfirm(invoiceOrThrow(invoiceId));
      changed();
    },
    setAcceptedMethods(ids) {
      for (const id of Object.keys(store.store.paymentMethods)) store.store.paymentMethods[id] = ids.includes(id);
      persist();
    },
    setConfirmationSeconds(seconds) {
      store.store.confirmationSeconds = seconds;
      persist();
    },
    setPaymentTolerance(percent) {
      store.store.paymentTolerance = percent;
      persist();
    },
    requests: () => requests.slice(),
    resetFaults: () => Object.assign(faults, NO_FAULTS),
    async stop() {
      clearInterval(timer);
      sender.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
