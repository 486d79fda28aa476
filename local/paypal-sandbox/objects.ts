import type { Sale, Subscription } from './billing-objects.js';

/**
 * PayPal's objects as its REST API sends them (snake_case JSON), for the subset the sandbox serves:
 * Orders v2, Payments v2 captures and refunds, and webhook events (subscriptions: billing-objects.ts). Field names and values follow
 * developer.paypal.com/docs/api/orders/v2 and /payments/v2.
 */
export interface Money { currency_code: string; value: string }
export interface Link { href: string; rel: string; method: 'GET' | 'POST' | 'PATCH' }

export type OrderStatus = 'CREATED' | 'SAVED' | 'APPROVED' | 'VOIDED' | 'COMPLETED' | 'PAYER_ACTION_REQUIRED';
export type CaptureStatus = 'COMPLETED' | 'DECLINED' | 'PARTIALLY_REFUNDED' | 'PENDING' | 'REFUNDED' | 'FAILED';

export interface Capture {
  id: string;
  status: CaptureStatus;
  status_details?: { reason: string };
  amount: Money;
  final_capture: boolean;
  seller_protection: { status: string; dispute_categories: string[] };
  seller_receivable_breakdown?: { gross_amount: Money; paypal_fee: Money; net_amount: Money };
  invoice_id?: string;
  custom_id?: string;
  links: Link[];
  create_time: string;
  update_time: string;
  /** Sent in webhook resources: the order the capture belongs to. */
  supplementary_data?: { related_ids: { order_id: string } };
}

export interface PurchaseUnit {
  reference_id: string;
  description?: string;
  custom_id?: string;
  invoice_id?: string;
  amount: Money;
  payee: { merchant_id: string; email_address: string };
  payments?: { captures: Capture[] };
}

export interface Order {
  id: string;
  intent: 'CAPTURE' | 'AUTHORIZE';
  status: OrderStatus;
  payment_source?: { paypal: { email_address?: string; account_id?: string; account_status?: string; name?: { given_name: string; surname: string } } };
  purchase_units: PurchaseUnit[];
  payer?: { name: { given_name: string; surname: string }; email_address: string; payer_id: string };
  create_time: string;
  update_time: string;
  links: Link[];
}

export interface Refund {
  id: string;
  status: 'CANCELLED' | 'FAILED' | 'PENDING' | 'COMPLETED';
  amount: Money;
  invoice_id?: string;
  custom_id?: string;
  note_to_payer?: string;
  seller_payable_breakdown: { gross_amount: Money; paypal_fee: Money; net_amount: Money; total_refunded_amount: Money };
  links: Link[];
  create_time: string;
  update_time: string;
}

export type EventType =
  | 'CHECKOUT.ORDER.APPROVED'
  | 'PAYMENT.CAPTURE.COMPLETED'
  | 'PAYMENT.CAPTURE.PENDING'
  | 'PAYMENT.CAPTURE.DENIED'
  | 'PAYMENT.CAPTURE.REFUNDED'
  | 'PAYMENT.CAPTURE.REVERSED'
  | 'BILLING.SUBSCRIPTION.CREATED'
  | 'BILLING.SUBSCRIPTION.ACTIVATED'
  | 'BILLING.SUBSCRIPTION.SUSPENDED'
  | 'BILLING.SUBSCRIPTION.CANCELLED'
  | 'BILLING.SUBSCRIPTION.EXPIRED'
  | 'BILLING.SUBSCRIPTION.PAYMENT.FAILED'
  | 'PAYMENT.SALE.COMPLETED';

export interface WebhookEvent {
  id: string;
  event_version: '1.0';
  create_time: string;
  resource_type: 'checkout-order' | 'capture' | 'refund' | 'subscription' | 'sale';
  /** Absent on sale events, which carry a Payments v1 resource. */
  resource_version?: '2.0';
  event_type: EventType;
  summary: string;
  resource: Order | Capture | Refund | Subscription | Sale;
  links: Link[];
}

/** PayPal's error body (developer.paypal.com/api/rest/responses/#link-errorresponses). */
export interface ErrorBody {
  name: string;
  message: string;
  debug_id: string;
  details?: Array<{ issue: string; description: string; field?: string; value?: string; location?: string }>;
  links?: Link[];
}
