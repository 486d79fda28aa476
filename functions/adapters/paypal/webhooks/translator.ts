import * as z from 'zod';
import type { PaymentEvent } from '../../../ports/payments/payment-events.js';

/**
 * What we put in a purchase unit's `custom_id` (PayPal carries it onto the capture and its refunds):
 * our customer, and the invoice or `funds` (Add Funds: the money becomes credit).
 */
export function customIdOf(billingCustomerId: string, invoiceId: string | undefined): string {
  return `${billingCustomerId}|${invoiceId ?? 'funds'}`;
}

/** The customer and invoice a `custom_id` names, or nothing for a payment that is not ours. */
export function parseCustomId(customId: string | undefined): { billingCustomerId: string; invoiceId?: string } | undefined {
  const match = /^([^|]+)\|([^|]+)$/.exec(customId ?? '');
  if (!match) return undefined;
  return { billingCustomerId: match[1]!, ...(match[2] === 'funds' ? {} : { invoiceId: match[2]! }) };
}

/**
 * The `custom_id` of a refund we asked for: our request id, so the refund's webhook can be matched to
 * it. (A refund made at PayPal's dashboard carries the capture's `custom_id`, never this form.)
 */
export const refundCustomId = (reference: string): string => `refund:${reference}`;

/** Our request id in a refund's `custom_id`, when we asked for the refund. */
export function refundReferenceOf(customId: string | undefined): string | undefined {
  return /^refund:(.+)$/.exec(customId ?? '')?.[1];
}

const amount = z.object({ currency_code: z.string(), value: z.string() });
const link = z.object({ href: z.string(), rel: z.string() });

/** The fields of PayPal's webhook resources that we read (developer.paypal.com/api/rest/webhooks/event-names/). */
export const orderResource = z.object({
  id: z.string(),
  status: z.string(),
  purchase_units: z.array(z.object({ custom_id: z.string().optional(), amount })).min(1),
});
export const captureResource = z.object({
  id: z.string(),
  status: z.string(),
  amount,
  custom_id: z.string().optional(),
  status_details: z.object({ reason: z.string() }).optional(),
  supplementary_data: z.object({ related_ids: z.object({ order_id: z.string().optional() }) }).optional(),
});
export const refundResource = z.object({
  id: z.string(),
  amount,
  custom_id: z.string().optional(),
  seller_payable_breakdown: z.object({ total_refunded_amount: amount.optional() }).optional(),
  links: z.array(link).default([]),
});

/** A Subscriptions v1 subscription, as BILLING.SUBSCRIPTION.* events carry it. */
export const subscriptionResource = z.object({
  id: z.string(),
  status: z.string().optional(),
  custom_id: z.string().optional(),
});
/** A Payments v1 sale, as PAYMENT.SALE.COMPLETED carries it (amounts as `{total, currency}`). */
export const saleResource = z.object({
  id: z.string(),
  amount: z.object({ total: z.string(), currency: z.string() }),
  billing_agreement_id: z.string().optional(),
  custom: z.string().optional(),
});

/** A verified PayPal webhook event: its envelope, and the resource it is about. */
export const paypalEvent = z.object({
  id: z.string().min(1),
  event_type: z.string().min(1),
  create_time: z.string(),
  resource: z.unknown(),
});
export type PayPalEvent = z.infer<typeof paypalEvent>;

/** Turns one verified PayPal event into a neutral event, or null when it is none of ours. */
export type EventTranslator = (event: PayPalEvent) => PaymentEvent | null;

export function eventBase(event: PayPalEvent): { eventId: string; occurredAt: string } {
  return { eventId: event.id, occurredAt: new Date(event.create_time).toISOString() };
}

/** The capture a refund belongs to: its `up` link (`…/v2/payments/captures/<id>`). */
export function captureIdOf(links: ReadonlyArray<{ href: string; rel: string }>): string | undefined {
  const up = links.find((l) => l.rel === 'up')?.href;
  return up ? /\/captures\/([^/?]+)/.exec(up)?.[1] : undefined;
}
