import { ApiError } from './api-error.js';
import { paypalId } from './ids.js';
import { moneyOf, unitsOf } from './money.js';
import type { Capture, CaptureStatus, Money, Order, PurchaseUnit } from './objects.js';
import type { CaptureBehavior, PayPalStore } from './store.js';

/** The merchant every order pays: the sandbox has one. */
export const MERCHANT = { merchant_id: 'SANDBOXMERCH1', email_address: 'merchant@paypal-sandbox.localhost' } as const;
/** The buyer who approves every order and subscription: the sandbox has one. */
export const BUYER = { name: { given_name: 'Sandbox', surname: 'Buyer' }, email_address: 'buyer@paypal-sandbox.localhost', payer_id: 'SANDBOXBUYER1' } as const;

interface CreateBody {
  intent?: string;
  purchase_units?: Array<{ reference_id?: string; description?: string; custom_id?: string; invoice_id?: string; amount?: Partial<Money> }>;
  payment_source?: { paypal?: { experience_context?: { return_url?: string; cancel_url?: string; brand_name?: string } } };
  application_context?: { return_url?: string; cancel_url?: string; brand_name?: string };
}

const text = (value: unknown, max: number, field: string): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw ApiError.invalidRequest('INVALID_STRING_LENGTH', `The value of a field is either too short or too long (1 to ${max}).`, field);
  }
  return value;
};

/**
 * `POST /v2/checkout/orders` with intent CAPTURE and one purchase unit. With `payment_source.paypal`
 * the order is `PAYER_ACTION_REQUIRED` with a `payer-action` link; without, `CREATED` with `approve`.
 */
export function createOrder(store: PayPalStore, body: CreateBody): Order {
  if (body.intent !== 'CAPTURE') {
    throw body.intent === 'AUTHORIZE'
      ? ApiError.unprocessable('INTENT_NOT_SUPPORTED', 'The sandbox only serves intent CAPTURE.')
      : ApiError.invalidRequest('MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing.', '/intent');
  }
  const units = body.purchase_units ?? [];
  if (units.length !== 1) throw ApiError.invalidRequest('INVALID_ARRAY_MAX_ITEMS', 'The sandbox takes exactly one purchase unit.', '/purchase_units');
  const unit = units[0]!;
  const amount = moneyOf(unitsOf(unit.amount, '/purchase_units/@reference_id==\'default\'/amount'), unit.amount!.currency_code!);
  const context = body.payment_source?.paypal?.experience_context ?? body.application_context;
  const purchaseUnit: PurchaseUnit = {
    reference_id: text(unit.reference_id, 256, '/purchase_units/0/reference_id') ?? 'default',
    amount,
    payee: { ...MERCHANT },
  };
  const description = text(unit.description, 127, '/purchase_units/0/description');
  const customId = text(unit.custom_id, 127, '/purchase_units/0/custom_id');
  const invoiceId = text(unit.invoice_id, 127, '/purchase_units/0/invoice_id');
  if (description) purchaseUnit.description = description;
  if (customId) purchaseUnit.custom_id = customId;
  if (invoiceId) purchaseUnit.invoice_id = invoiceId;

  const id = paypalId();
  const now = store.isoNow();
  const action = body.payment_source?.paypal ? 'payer-action' : 'approve';
  const order: Order = {
    id,
    intent: 'CAPTURE',
    status: action === 'payer-action' ? 'PAYER_ACTION_REQUIRED' : 'CREATED',
    ...(body.payment_source?.paypal ? { payment_source: { paypal: {} } } : {}),
    purchase_units: [purchaseUnit],
    create_time: now,
    update_time: now,
    links: [
      { href: `${store.urls.apiBase}/v2/checkout/orders/${id}`, rel: 'self', method: 'GET' },
      { href: `${store.urls.pageBase}/checkoutnow?token=${id}`, rel: action, method: 'GET' },
    ],
  };
  store.orders.set(id, order);
  store.settings.set(id, {
    ...(context?.return_url ? { returnUrl: context.return_url } : {}),
    ...(context?.cancel_url ? { cancelUrl: context.cancel_url } : {}),
    ...(context?.brand_name ? { brandName: context.brand_name } : {}),
  });
  return order;
}

export function getOrder(store: PayPalStore, id: string): Order {
  const order = store.order(id);
  if (!order) throw ApiError.notFound();
  return order;
}

/** The buyer approved on the approval page, choosing how the capture will go. */
export function approveOrder(store: PayPalStore, order: Order, behavior: CaptureBehavior): void {
  order.status = 'APPROVED';
  order.payer = { ...BUYER, name: { ...BUYER.name } };
  order.payment_source = { paypal: { email_address: BUYER.email_address, account_id: BUYER.payer_id, account_status: 'VERIFIED', name: { ...BUYER.name } } };
  order.update_time = store.isoNow();
  order.links = order.links.filter((l) => l.rel === 'self');
  order.links.push({ href: `${store.urls.apiBase}/v2/checkout/orders/${order.id}/capture`, rel: 'capture', method: 'POST' });
  store.settings.set(order.id, { ...store.settings.get(order.id), behavior });
  store.emit('CHECKOUT.ORDER.APPROVED', order, `An order has been approved by buyer`);
}

/**
 * `POST /v2/checkout/orders/:id/capture`: only an APPROVED order; the capture goes as the buyer chose
 * (completed; pending as an eCheck; or declined), and is announced by its webhook.
 */
export function captureOrder(store: PayPalStore, id: string): Order {
  const order = getOrder(store, id);
  if (order.status === 'COMPLETED') throw ApiError.unprocessable('ORDER_ALREADY_CAPTURED', 'Order already captured. If intent=CAPTURE only one capture per order is allowed.');
  if (order.status !== 'APPROVED') {
    throw ApiError.unprocessable('ORDER_NOT_APPROVED', 'Payer has not yet approved the Order for payment. Please redirect the payer to the \'rel\':\'approve\' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.');
  }
  const unit = order.purchase_units[0]!;
  const behavior = store.settings.get(id)?.behavior ?? 'complete';
  const status: CaptureStatus = behavior === 'pending' ? 'PENDING' : behavior === 'deny' ? 'DECLINED' : 'COMPLETED';
  const captureId = paypalId();
  const now = store.isoNow();
  const capture: Capture = {
    id: captureId,
    status,
    ...(status === 'PENDING' ? { status_details: { reason: 'ECHECK' } } : {}),
    amount: { ...unit.amount },
    final_capture: true,
    seller_protection: { status: 'ELIGIBLE', dispute_categories: ['ITEM_NOT_RECEIVED', 'UNAUTHORIZED_TRANSACTION'] },
    ...(status === 'COMPLETED' ? { seller_receivable_breakdown: breakdown(unit.amount) } : {}),
    ...(unit.invoice_id ? { invoice_id: unit.invoice_id } : {}),
    ...(unit.custom_id ? { custom_id: unit.custom_id } : {}),
    links: [
      { href: `${store.urls.apiBase}/v2/payments/captures/${captureId}`, rel: 'self', method: 'GET' },
      { href: `${store.urls.apiBase}/v2/payments/captures/${captureId}/refund`, rel: 'refund', method: 'POST' },
      { href: `${store.urls.apiBase}/v2/checkout/orders/${id}`, rel: 'up', method: 'GET' },
    ],
    create_time: now,
    update_time: now,
  };
  unit.payments = { captures: [capture] };
  order.status = 'COMPLETED';
  order.update_time = now;
  order.links = order.links.filter((l) => l.rel === 'self');
  store.captures.set(captureId, { capture, orderId: id });
  if (status !== 'DECLINED') {
    store.captureLog.push({ captureId, orderId: id, referenceId: unit.reference_id, amount: unit.amount.value, currency: unit.amount.currency_code, at: store.now() });
  }
  announce(store, capture, id);
  return order;
}

/** A pending capture (an eCheck) clears or bounces: PAYMENT.CAPTURE.COMPLETED or .DENIED. */
export function settleCapture(store: PayPalStore, captureId: string, outcome: 'COMPLETED' | 'DECLINED'): Capture {
  const found = store.captures.get(captureId);
  if (!found) throw new Error(`No such capture: ${captureId}`);
  if (found.capture.status !== 'PENDING') throw new Error(`Capture ${captureId} is ${found.capture.status}, not PENDING`);
  found.capture.status = outcome;
  delete found.capture.status_details;
  if (outcome === 'COMPLETED') found.capture.seller_receivable_breakdown = breakdown(found.capture.amount);
  found.capture.update_time = store.isoNow();
  if (outcome === 'DECLINED') {
    const index = store.captureLog.findIndex((c) => c.captureId === captureId);
    if (index >= 0) store.captureLog.splice(index, 1);
  }
  announce(store, found.capture, found.orderId);
  return found.capture;
}

function announce(store: PayPalStore, capture: Capture, orderId: string): void {
  const resource = { ...capture, supplementary_data: { related_ids: { order_id: orderId } } };
  if (capture.status === 'COMPLETED') store.emit('PAYMENT.CAPTURE.COMPLETED', resource, `Payment completed for ${capture.amount.value} ${capture.amount.currency_code}`);
  else if (capture.status === 'PENDING') store.emit('PAYMENT.CAPTURE.PENDING', resource, `Payment pending for ${capture.amount.value} ${capture.amount.currency_code}`);
  else store.emit('PAYMENT.CAPTURE.DENIED', resource, `Payment denied for ${capture.amount.value} ${capture.amount.currency_code}`);
}

/** PayPal's fee in the sandbox: 3.49 % + nothing fixed, rounded; only for the breakdown's sake. */
function breakdown(gross: Money): NonNullable<Capture['seller_receivable_breakdown']> {
  const units = unitsOf(gross, 'amount');
  const fee = Math.round(units * 0.0349);
  return { gross_amount: { ...gross }, paypal_fee: moneyOf(fee, gross.currency_code), net_amount: moneyOf(units - fee, gross.currency_code) };
}
