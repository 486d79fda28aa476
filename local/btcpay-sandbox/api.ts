import { formatDecimal, parseDecimal } from './decimal.js';
import type { CheckoutSettings, Invoice } from './objects.js';
import { PAYMENT_METHODS, fiatDigits, paymentMethod, rateOf } from './rates.js';
import { type SandboxStore, paymentView } from './store.js';
import type { WebhookSender } from './webhook-sender.js';

/**
 * An error answer in BTCPay's shapes (BTCPayServer.Abstractions/Extensions/GreenfieldExtensions.cs):
 * `{code, message}` (GreenfieldAPIError) with 400, 401, 403 or 404, or on 422 a list of
 * `{path, message}` (GreenfieldValidationError).
 */
export class GreenfieldError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(`BTCPay sandbox ${status}`);
  }

  static api(status: number, code: string | null, message: string): GreenfieldError {
    return new GreenfieldError(status, { code, message });
  }

  static validation(errors: { path: string; message: string }[]): GreenfieldError {
    return new GreenfieldError(422, errors);
  }

  static notFound(): GreenfieldError {
    return GreenfieldError.api(404, 'invoice-not-found', 'The invoice was not found');
  }

  static forbidden(permission: string): GreenfieldError {
    return new GreenfieldError(403, {
      code: 'missing-permission', missingPermission: permission,
      message: `Insufficient API Permissions. Please use an API key with permission "${permission}". You can create an API key in your account's settings / Api Keys.`,
    });
  }
}

export interface ApiContext {
  store: SandboxStore;
  sender: WebhookSender;
  publicBaseUrl: string;
}

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/**
 * The Greenfield subset the billing system calls, on the store-scoped paths (and the store-less ones
 * newer BTCPay versions add for invoices). Answers the JSON body of a success, or throws GreenfieldError.
 */
export function handleApi(ctx: ApiContext, request: ApiRequest): { status: number; body: unknown } {
  const { store } = ctx;
  const path = request.path.replace(/\/+$/, '');
  const scoped = /^\/api\/v1\/stores\/([^/]+)(\/.*)?$/.exec(path);
  let rest: string;
  if (scoped) {
    if (decodeURIComponent(scoped[1]!) !== store.store.id) throw GreenfieldError.forbidden('btcpay.store.canviewstoresettings');
    rest = scoped[2] ?? '';
  } else if (/^\/api\/v1\/invoices\//.test(path)) {
    rest = path.slice('/api/v1'.length);
  } else {
    throw GreenfieldError.api(404, 'not-found', `No Greenfield endpoint ${request.method} ${path} in the sandbox`);
  }

  const route = `${request.method} ${rest}`;
  let match: RegExpExecArray | null;
  if (route === 'POST /invoices') return { status: 200, body: invoiceView(ctx, createInvoice(ctx, request.body)) };
  if (route === 'GET /invoices') return { status: 200, body: listInvoices(ctx, request.query) };
  if ((match = /^GET \/invoices\/([^/]+)$/.exec(route))) return { status: 200, body: invoiceView(ctx, invoiceOf(ctx, match[1]!)) };
  if ((match = /^GET \/invoices\/([^/]+)\/payment-methods$/.exec(route))) {
    const onlyAccounted = request.query.get('onlyAccountedPayments')?.toLowerCase() !== 'false';
    return { status: 200, body: paymentMethodsView(ctx, invoiceOf(ctx, match[1]!), onlyAccounted) };
  }
  if ((match = /^POST \/invoices\/([^/]+)\/status$/.exec(route))) {
    const invoice = invoiceOf(ctx, match[1]!);
    const status = (request.body as { status?: unknown } | null)?.status;
    if (status !== 'Invalid' && status !== 'Settled') throw GreenfieldError.validation([{ path: 'status', message: 'The status must be Invalid or Settled' }]);
    if (!store.markStatus(invoice, status)) {
      throw GreenfieldError.validation([{ path: 'status', message: 'Status can only be marked to invalid or settled within certain conditions.' }]);
    }
    return { status: 200, body: invoiceView(ctx, invoice) };
  }
  if (route === 'GET /payment-methods') {
    const onlyEnabled = request.query.get('onlyEnabled');
    const methods = PAYMENT_METHODS.map((method) => ({ paymentMethodId: method.id, enabled: Boolean(store.store.paymentMethods[method.id]) }))
      .filter((method) => onlyEnabled === null || method.enabled === (onlyEnabled.toLowerCase() === 'true'));
    return { status: 200, body: methods };
  }
  if ((match = /^PUT \/payment-methods\/([^/]+)$/.exec(route))) {
    const id = decodeURIComponent(match[1]!);
    if (!paymentMethod(id)) throw GreenfieldError.api(404, 'paymentmethod-not-found', 'The payment method is not found');
    const enabled = (request.body as { enabled?: unknown } | null)?.enabled;
    if (typeof enabled === 'boolean') store.store.paymentMethods[id] = enabled;
    return { status: 200, body: { paymentMethodId: id, enabled: Boolean(store.store.paymentMethods[id]) } };
  }
  if ((match = /^POST \/webhooks\/([^/]+)\/deliveries\/([^/]+)\/redeliver$/.exec(route))) {
    if (decodeURIComponent(match[1]!) !== ctx.sender.webhookId) throw GreenfieldError.api(404, 'webhook-not-found', 'The webhook was not found');
    const id = ctx.sender.redeliver(decodeURIComponent(match[2]!));
    if (!id) throw GreenfieldError.api(404, 'webhookdelivery-not-found', 'The webhook delivery was not found');
    return { status: 200, body: id };
  }
  throw GreenfieldError.api(404, 'not-found', `No Greenfield endpoint ${request.method} ${path} in the sandbox`);
}

function invoiceOf(ctx: ApiContext, id: string): Invoice {
  const invoice = ctx.store.invoices.get(decodeURIComponent(id));
  if (!invoice) throw GreenfieldError.notFound();
  return invoice;
}

/** CreateInvoiceRequest, checked as GreenfieldInvoiceController.CreateInvoice checks it. */
function createInvoice(ctx: ApiContext, body: unknown): Invoice {
  const { store } = ctx;
  if (!body || typeof body !== 'object') throw GreenfieldError.validation([{ path: '', message: 'A JSON body is required' }]);
  const request = body as Record<string, unknown>;
  const checkout = (request['checkout'] ?? {}) as Record<string, unknown>;
  const errors: { path: string; message: string }[] = [];
  const amountText = typeof request['amount'] === 'number' ? String(request['amount']) : request['amount'];
  if (amountText === undefined || amountText === null) {
    throw GreenfieldError.api(400, null, 'The BTCPay sandbox does not make top-up invoices (without an amount)');
  }
  let amount = 0n;
  try {
    amount = parseDecimal(String(amountText));
  } catch {
    errors.push({ path: 'amount', message: 'The amount is not a valid decimal' });
  }
  if (amount < 0n) errors.push({ path: 'amount', message: 'The amount should be 0 or more.' });
  const currency = typeof request['currency'] === 'string' && request['currency'] ? request['currency'].toUpperCase() : store.store.defaultCurrency;
  const expirationMinutes = numberOr(checkout['expirationMinutes'], store.store.defaultExpirationMinutes);
  if (expirationMinutes * 60 < 30) errors.push({ path: 'checkout.expirationMinutes', message: 'Expiration time must be at least 30 seconds' });
  const paymentTolerance = numberOr(checkout['paymentTolerance'], store.store.paymentTolerance);
  if (paymentTolerance < 0 || paymentTolerance > 100) errors.push({ path: 'checkout.paymentTolerance', message: 'PaymentTolerance can only be between 0 and 100 percent' });
  const requested = Array.isArray(checkout['paymentMethods']) ? checkout['paymentMethods'] as unknown[] : undefined;
  requested?.forEach((id, i) => {
    if (typeof id !== 'string' || !paymentMethod(id)) errors.push({ path: `checkout.paymentMethods[${i}]`, message: 'Invalid PaymentMethodId' });
  });
  if (errors.length > 0) throw GreenfieldError.validation(errors);

  const offered = ((requested as string[] | undefined) ?? store.enabledMethods())
    .filter((id) => store.store.paymentMethods[id] && rateOf(paymentMethod(id)!, currency) !== undefined);
  if (offered.length === 0) {
    throw GreenfieldError.api(400, null, `No payment method is available for this invoice: the store accepts none with a rate in ${currency}`);
  }
  const preferred = typeof checkout['defaultPaymentMethod'] === 'string' ? checkout['defaultPaymentMethod'] : null;
  const settings: CheckoutSettings = {
    speedPolicy: typeof checkout['speedPolicy'] === 'string' ? checkout['speedPolicy'] : 'MediumSpeed',
    paymentMethods: offered,
    defaultPaymentMethod: preferred && offered.includes(preferred) ? preferred : null,
    expirationMinutes,
    monitoringMinutes: numberOr(checkout['monitoringMinutes'], store.store.defaultMonitoringMinutes),
    paymentTolerance,
    redirectURL: typeof checkout['redirectURL'] === 'string' ? checkout['redirectURL'] : null,
    redirectAutomatically: checkout['redirectAutomatically'] === true,
  };
  const metadata = request['metadata'] && typeof request['metadata'] === 'object' ? request['metadata'] as Record<string, unknown> : {};
  return store.createInvoice({ amount: formatDecimal(amount, fiatDigits(currency)), currency, metadata, checkout: settings });
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function listInvoices(ctx: ApiContext, query: URLSearchParams): unknown[] {
  const orderIds = query.getAll('orderId');
  const statuses = query.getAll('status');
  const skip = Number(query.get('skip') ?? 0);
  const take = Number(query.get('take') ?? 1000);
  // Newest first; of two made in the same second, the one made later first.
  return [...ctx.store.invoices.values()].reverse()
    .filter((invoice) => orderIds.length === 0 || orderIds.includes(String(invoice.metadata['orderId'] ?? '')))
    .filter((invoice) => statuses.length === 0 || statuses.includes(invoice.status))
    .sort((a, b) => b.createdTime - a.createdTime)
    .slice(skip, skip + take)
    .map((invoice) => invoiceView(ctx, invoice));
}

/** InvoiceData, as GreenfieldInvoiceController.ToModel answers it. */
export function invoiceView(ctx: ApiContext, invoice: Invoice) {
  const marks = [
    ...(invoice.status !== 'Settled' || invoice.additionalStatus === 'Marked' ? ['Settled'] : []),
    ...(invoice.status !== 'Invalid' && (invoice.status !== 'Settled' || invoice.additionalStatus === 'Marked') ? ['Invalid'] : []),
  ];
  return {
    metadata: invoice.metadata,
    checkout: {
      speedPolicy: invoice.checkout.speedPolicy,
      paymentMethods: invoice.checkout.paymentMethods,
      defaultPaymentMethod: invoice.checkout.defaultPaymentMethod,
      expirationMinutes: Math.round((invoice.expirationTime - invoice.createdTime) / 60),
      monitoringMinutes: Math.round((invoice.monitoringExpiration - invoice.expirationTime) / 60),
      paymentTolerance: invoice.checkout.paymentTolerance,
      redirectURL: invoice.checkout.redirectURL,
      redirectAutomatically: invoice.checkout.redirectAutomatically,
      defaultLanguage: null,
    },
    receipt: { enabled: true, showQR: true, showPayments: true },
    id: invoice.id,
    storeId: invoice.storeId,
    amount: invoice.amount,
    paidAmount: ctx.store.paidAmount(invoice),
    currency: invoice.currency,
    type: 'Standard',
    checkoutLink: `${ctx.publicBaseUrl}/i/${invoice.id}`,
    createdTime: invoice.createdTime,
    expirationTime: invoice.expirationTime,
    monitoringExpiration: invoice.monitoringExpiration,
    status: invoice.status,
    additionalStatus: invoice.additionalStatus,
    availableStatusesForManualMarking: marks,
    archived: invoice.archived,
  };
}

/**
 * InvoicePaymentMethodDataModel[], crypto amounts with 8 places. `onlyAccounted` (BTCPay's default)
 * leaves out payments that do not count (invalid: double-spent, or never confirmed).
 */
export function paymentMethodsView(ctx: ApiContext, invoice: Invoice, onlyAccounted = true) {
  const { store } = ctx;
  const money = store.accounting(invoice);
  return invoice.checkout.paymentMethods.map((id) => {
    const method = paymentMethod(id)!;
    const rate = store.rate(invoice, id);
    const counted = invoice.payments.filter((payment) => payment.paymentMethodId === id && payment.status !== 'Invalid');
    const payments = onlyAccounted ? counted : invoice.payments.filter((payment) => payment.paymentMethodId === id);
    const fee = parseDecimal(method.networkFee);
    const crypto = (fiat: bigint) => store.cryptoFor(invoice, id, fiat).value - fee;
    const paidHere = counted.reduce((sum, payment) => sum + parseDecimal(payment.value), 0n);
    return {
      activated: true,
      paymentMethodId: id,
      currency: method.cryptoCode,
      destination: invoice.destinations[id] ?? '',
      paymentLink: `${method.lightning ? 'lightning:' : method.cryptoCode === 'LTC' ? 'litecoin:' : 'bitcoin:'}${invoice.destinations[id] ?? ''}`,
      rate: formatDecimal(rate, fiatDigits(invoice.currency)),
      paymentMethodPaid: formatDecimal(paidHere, 8),
      totalPaid: formatDecimal(crypto(money.paid), 8),
      due: formatDecimal(crypto(money.due > 0n ? money.due : 0n) + (money.due > 0n ? fee : 0n) - (money.due < 0n ? crypto(-money.due) : 0n), 8),
      amount: formatDecimal(crypto(money.amount) + fee, 8),
      paymentMethodFee: formatDecimal(fee, 8),
      payments: payments.map(paymentView),
      additionalData: {},
    };
  });
}
