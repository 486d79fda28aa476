import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError } from './api-error.js';
import { type BillingKind, billingView, handleBilling } from './billing-api.js';
import type { PayPalSandboxFaults } from './faults.js';
import type { Order, Refund } from './objects.js';
import { captureOrder, createOrder, getOrder } from './orders.js';
import { getCapture, getRefund, refundCapture } from './refunds.js';
import type { PayPalStore } from './store.js';

export interface ApiRequest {
  method: string;
  path: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
  query?: URLSearchParams;
}

export interface ApiResponse {
  status: number;
  /** Absent: 204 No Content. */
  body?: unknown;
  /** The request carried out a capture (for the lost-answer faults). */
  captured?: boolean;
}

/** An access token lasts 9 hours, as PayPal's do. */
const TOKEN_LIFETIME_S = 32_400;

/**
 * PayPal's REST API subset: OAuth2 client credentials, Orders v2 (create, get, capture), Payments
 * v2 (a capture, its refunds), and Catalog Products v1 and Subscriptions v1 (billing-api.ts). `PayPal-Request-Id` on a POST replays as PayPal does: the same id gets
 * the latest state of what the first request made (200 instead of 201), whatever the body; only a
 * request that succeeded is remembered, so a capture refused before approval can be retried under
 * the same id. `Prefer: return=representation` gives the whole object, otherwise the minimal one.
 */
export class PayPalApi {
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();
  private readonly requestIds = new Map<string, { kind: 'order' | 'refund' | BillingKind; id: string }>();

  constructor(private readonly store: PayPalStore, private readonly credentials: { clientId: string; clientSecret: string }, private readonly faults: PayPalSandboxFaults) {}

  handle(request: ApiRequest): ApiResponse {
    const { method, path } = request;
    if (method === 'POST' && path === '/v1/oauth2/token') return this.token(request);
    const caller = this.caller(request);
    if (!caller) throw ApiError.authentication();
    const requestId = header(request, 'paypal-request-id');
    const full = header(request, 'prefer')?.includes('return=representation') ?? false;
    const body = request.body ? parseJson(request.body) : {};
    const replayKey = requestId && method === 'POST' ? `${caller}\u0000${path}\u0000${requestId}` : undefined;
    const replay = replayKey ? this.requestIds.get(replayKey) : undefined;
    if (replay) {
      const { kind, id } = replay;
      return { status: 200, body: kind === 'order' ? view(getOrder(this.store, id), full) : kind === 'refund' ? refundView(getRefund(this.store, id), full) : billingView(this.store, kind, id, full) };
    }
    const billing = handleBilling(this.store, method, path, request.query ?? new URLSearchParams(), isObject(body) ? body : {}, full);
    if (billing) {
      if (replayKey && billing.made) this.requestIds.set(replayKey, billing.made);
      return billing;
    }

    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/v2/checkout/orders') {
      const order = createOrder(this.store, body as Parameters<typeof createOrder>[1]);
      if (replayKey) this.requestIds.set(replayKey, { kind: 'order', id: order.id });
      return { status: 201, body: view(order, full) };
    }
    if ((match = /^\/v2\/checkout\/orders\/([A-Z0-9]+)$/.exec(path)) && method === 'GET') {
      return { status: 200, body: getOrder(this.store, match[1]!) };
    }
    if ((match = /^\/v2\/checkout\/orders\/([A-Z0-9]+)\/capture$/.exec(path)) && method === 'POST') {
      const order = captureOrder(this.store, match[1]!);
      if (replayKey) this.requestIds.set(replayKey, { kind: 'order', id: order.id });
      return { status: 201, body: view(order, full), captured: true };
    }
    if ((match = /^\/v2\/payments\/captures\/([A-Z0-9]+)\/refund$/.exec(path)) && method === 'POST') {
      if (this.faults.refuseNextRefunds > 0 && this.store.captures.has(match[1]!)) {
        this.faults.refuseNextRefunds--;
        throw ApiError.unprocessable('REFUND_NOT_PERMITTED_DUE_TO_CHARGEBACK', 'Refunds not allowed on this capture due to a chargeback on the card or bank. Please contact the payee to resolve the chargeback.', 'payments/v2');
      }
      const refund = refundCapture(this.store, match[1]!, body as Parameters<typeof refundCapture>[2]);
      if (replayKey) this.requestIds.set(replayKey, { kind: 'refund', id: refund.id });
      return { status: 201, body: refundView(refund, full) };
    }
    if ((match = /^\/v2\/payments\/captures\/([A-Z0-9]+)$/.exec(path)) && method === 'GET') return { status: 200, body: getCapture(this.store, match[1]!) };
    if ((match = /^\/v2\/payments\/refunds\/([A-Z0-9]+)$/.exec(path)) && method === 'GET') return { status: 200, body: getRefund(this.store, match[1]!) };
    throw ApiError.notFound();
  }

  /** `POST /v1/oauth2/token` with HTTP Basic client id and secret and `grant_type=client_credentials`. */
  private token(request: ApiRequest): ApiResponse {
    const basic = /^Basic (\S+)$/.exec(header(request, 'authorization') ?? '')?.[1];
    const [id = '', secret = ''] = Buffer.from(basic ?? '', 'base64').toString('utf8').split(':');
    if (!basic || !same(id, this.credentials.clientId) || !same(secret, this.credentials.clientSecret)) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'Client Authentication failed' } };
    }
    if (new URLSearchParams(request.body).get('grant_type') !== 'client_credentials') {
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Grant Type is NULL' } };
    }
    const accessToken = `A21AA${randomBytes(32).toString('base64url')}`;
    this.tokens.set(accessToken, { clientId: id, expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000 });
    return {
      status: 200,
      body: {
        scope: 'https://uri.paypal.com/services/payments/payment https://uri.paypal.com/services/payments/refund',
        access_token: accessToken, token_type: 'Bearer', app_id: 'APP-SANDBOX', expires_in: TOKEN_LIFETIME_S, nonce: randomBytes(12).toString('hex'),
      },
    };
  }

  /** The client id whose valid token the request carries. */
  private caller(request: ApiRequest): string | undefined {
    const bearer = /^Bearer (\S+)$/.exec(header(request, 'authorization') ?? '')?.[1];
    const token = bearer ? this.tokens.get(bearer) : undefined;
    return token && token.expiresAt > Date.now() ? token.clientId : undefined;
  }
}

function view(order: Order, full: boolean): unknown {
  return full ? order : { id: order.id, status: order.status, links: order.links };
}

function refundView(refund: Refund, full: boolean): unknown {
  return full ? refund : { id: refund.id, status: refund.status, links: refund.links };
}

function header(request: ApiRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw ApiError.invalidRequest('MALFORMED_REQUEST_JSON', 'The request JSON is not well formed.');
  }
}
