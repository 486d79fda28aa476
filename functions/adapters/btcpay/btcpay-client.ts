import type * as z from 'zod';
import { PaymentProviderError, PaymentProviderUnavailableError } from '../../ports/payments/provider-errors.js';
import type { BtcpayKeySource } from '../secrets/btcpay-keys.js';
import {
  type CreateInvoiceRequest, type InvoiceData, type InvoicePaymentMethod, type StorePaymentMethod,
  apiError, invoiceData, invoicePaymentMethod, storePaymentMethod, validationErrors,
} from './greenfield.js';

/**
 * How long one Greenfield request may take. BTCPay has no idempotency keys, so nothing that writes is
 * retried here: a lost answer to "create an invoice" is a passing fault for the caller (an unused
 * BTCPay invoice just expires). Reads are retried once inside the webhook functions, where nobody
 * waits on an HTTP answer; in the API the caller's own budget (routes.ts) has room for one try each.
 */
export const BTCPAY_TIMEOUT_MS = 5_000;

export interface BtcpayClientOptions {
  /** The server's base URL, e.g. https://btcpay.example.com (locally, the sandbox's). */
  readonly baseUrl: string;
  readonly timeoutMs?: number;
  /** Tries of a read (GET) on a passing fault; writes are tried once. @default 1 */
  readonly readAttempts?: number;
}

/**
 * A small Greenfield client on `fetch`: `Authorization: token <key>`, JSON in and out, each answer
 * checked against the typed subset in greenfield.ts, and BTCPay's errors sorted into the payment
 * ports' errors (a network fault, a timeout, 5xx, 429 or 408: unavailable; 401/403: not authorized;
 * 400/422: invalid request). Store-scoped paths throughout, which every BTCPay 2.x serves.
 */
export class BtcpayClient {
  private readonly baseUrl: string;

  constructor(private readonly keys: BtcpayKeySource, private readonly options: BtcpayClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  async webhookSecret(): Promise<string> {
    return (await this.keys()).webhookSecret;
  }

  async createInvoice(request: CreateInvoiceRequest): Promise<InvoiceData> {
    return this.call('POST', (store) => `/api/v1/stores/${store}/invoices`, invoiceData, request);
  }

  /** The invoice, or undefined when the store has none by that id (404 `invoice-not-found`). */
  async getInvoice(invoiceId: string): Promise<InvoiceData | undefined> {
    return this.call('GET', (store) => `/api/v1/stores/${store}/invoices/${encodeURIComponent(invoiceId)}`, invoiceData, undefined, { notFound: true });
  }

  /**
   * The invoice's payment methods with the payments made by each: those that count (BTCPay's default),
   * or with `includeInvalid` also those that do not (double-spent, never confirmed), for staff.
   */
  async getInvoicePaymentMethods(invoiceId: string, options: { includeInvalid?: boolean } = {}): Promise<InvoicePaymentMethod[]> {
    const query = options.includeInvalid ? '?onlyAccountedPayments=false' : '';
    const methods = await this.call('GET', (store) => `/api/v1/stores/${store}/invoices/${encodeURIComponent(invoiceId)}/payment-methods${query}`,
      invoicePaymentMethod.array(), undefined, { notFound: true });
    return methods ?? [];
  }

  /**
   * Marks an invoice Invalid (or Settled) as the merchant would. `refused` when BTCPay will not in
   * its current state (422: already Settled or Invalid); undefined when there is no such invoice.
   */
  async markInvoiceStatus(invoiceId: string, status: 'Invalid' | 'Settled'): Promise<InvoiceData | 'refused' | undefined> {
    try {
      return await this.call('POST', (store) => `/api/v1/stores/${store}/invoices/${encodeURIComponent(invoiceId)}/status`, invoiceData, { status }, { notFound: true });
    } catch (error) {
      if (error instanceof PaymentProviderError && error.reason === 'invalid_request' && (error.cause as { status?: number } | undefined)?.status === 422) {
        return 'refused';
      }
      throw error;
    }
  }

  /** The store's invoices with this `orderId` (indexed by BTCPay), newest first. */
  async listInvoicesByOrderId(orderId: string, take = 20): Promise<InvoiceData[]> {
    const query = new URLSearchParams({ orderId, take: String(take) });
    return this.call('GET', (store) => `/api/v1/stores/${store}/invoices?${query}`, invoiceData.array());
  }

  /** The store's payment methods; with `onlyEnabled`, those a customer can pay with now. */
  async listPaymentMethods(onlyEnabled: boolean): Promise<StorePaymentMethod[]> {
    return this.call('GET', (store) => `/api/v1/stores/${store}/payment-methods?onlyEnabled=${onlyEnabled}`, storePaymentMethod.array());
  }

  private async call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: (storeId: string) => string,
    schema: S,
    body?: unknown,
    options?: { notFound: false },
  ): Promise<z.output<S>>;
  private async call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: (storeId: string) => string,
    schema: S,
    body: unknown,
    options: { notFound: true },
  ): Promise<z.output<S> | undefined>;
  private async call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: (storeId: string) => string,
    schema: S,
    body?: unknown,
    options: { notFound: boolean } = { notFound: false },
  ): Promise<z.output<S> | undefined> {
    const keys = await this.keys();
    const url = `${this.baseUrl}${path(encodeURIComponent(keys.storeId))}`;
    const attempts = method === 'GET' ? Math.max(1, this.options.readAttempts ?? 1) : 1;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: {
            authorization: `token ${keys.apiKey}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? BTCPAY_TIMEOUT_MS),
          redirect: 'error',
        });
      } catch (error) {
        if (attempt < attempts) continue;
        throw new PaymentProviderUnavailableError({ cause: error });
      }
      const text = await response.text().catch(() => '');
      if (response.ok) return parseAnswer(schema, text, `${method} ${path('{storeId}')}`);
      if (response.status === 404 && options.notFound) return undefined;
      const failure = new BtcpayHttpError(method, path('{storeId}'), response.status, text);
      if (isPassing(response.status)) {
        if (attempt < attempts) continue;
        throw new PaymentProviderUnavailableError({ cause: failure });
      }
      if (response.status === 401 || response.status === 403) {
        throw new PaymentProviderError('not_authorized', `BTCPay refused the API key: ${failure.message}`, { cause: failure });
      }
      if (response.status === 400 || response.status === 422) {
        throw new PaymentProviderError('invalid_request', `BTCPay refused the request: ${failure.message}`, { cause: failure });
      }
      throw new PaymentProviderError('unexpected', `Unexpected answer from BTCPay: ${failure.message}`, { cause: failure });
    }
  }
}

/** BTCPay's answer to a request that failed, with its error text; never the API key. */
export class BtcpayHttpError extends Error {
  override readonly name = 'BtcpayHttpError';
  constructor(readonly method: string, readonly path: string, readonly status: number, body: string) {
    super(`${method} ${path} → ${status}: ${describe(body)}`);
  }
}

/** Faults worth trying again later (BTCPay's own webhook sender retries on the same codes). */
const isPassing = (status: number) => status >= 500 || status === 429 || status === 408;

function parseAnswer<S extends z.ZodType>(schema: S, text: string, what: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PaymentProviderError('unexpected', `BTCPay answered ${what} with something that is not JSON`, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new PaymentProviderError('unexpected', `BTCPay's answer to ${what} does not have the expected shape: ${parsed.error.message}`);
  }
  return parsed.data;
}

/** An error body as one line: `code: message`, or each `path: message` of a validation error. */
function describe(body: string): string {
  try {
    const json: unknown = JSON.parse(body);
    const single = apiError.safeParse(json);
    if (single.success) return single.data.code ? `${single.data.code}: ${single.data.message}` : single.data.message;
    const list = validationErrors.safeParse(json);
    if (list.success) return list.data.map((e) => `${e.path}: ${e.message}`).join('; ');
  } catch {
    // not JSON: fall through
  }
  return body.slice(0, 200) || '(no body)';
}
