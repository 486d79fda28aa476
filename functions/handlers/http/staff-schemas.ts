import * as z from 'zod';
import { isCalendarDate } from '../../domain/calendar-date.js';
import { INVOICE_ACTIVITY_KINDS, UNPAID_CHARGE_OUTCOMES } from '../../domain/invoice-activity.js';
import { OFFLINE_PAYMENT_KINDS, PAYMENT_METHODS } from '../../domain/payment.js';
import { REFUND_DESTINATIONS } from '../../domain/refund.js';
import { amountInput } from './amount-input.js';
import { invoicePaymentSchema, paymentRefundSchema } from './schemas.js';

/** The shapes of what staff do with an invoice: money received outside the system, refunds, the activity log. */
const amount = z.number().int().describe('An amount in the currency’s minor unit (cents), as Stripe writes it.');
const date = z.string().refine(isCalendarDate, 'Must be a date written YYYY-MM-DD.').describe('A calendar date, YYYY-MM-DD.');

/** The same pattern as a path id, since an offline payment is refunded by this id in the path. */
const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Must be 8 to 64 letters, digits, - or _ (a UUID will do).')
  .describe('A new id (a UUID) for each action staff mean to take, kept when it is sent again: the same request twice acts once.');

export const recordPaymentBody = z.strictObject({
  amount: amountInput.positive('Enter the amount received, greater than zero.').describe('What was received, in the invoice currency’s minor units.'),
  kind: z.enum(OFFLINE_PAYMENT_KINDS).describe('How the money came.'),
  reference: z.string().trim().min(1, 'Give the reference (the bank’s reference, the cheque number, the receipt number).').max(200),
  receivedOn: date.describe('The day the money arrived (today or before).'),
  requestId,
});

export const refundPaymentBody = z.strictObject({
  amount: amountInput.positive('Enter an amount to refund greater than zero.').describe('How much to give back, in the payment currency’s minor units.'),
  destination: z.enum(REFUND_DESTINATIONS).describe('original: back where the money came from (the card or PayPal through the processor; paid back outside the system for money received that way); credit: to the customer’s account credit.'),
  requestId,
});

/** The path of a payment's refunds: its method and its external id. */
export const paymentPath = z.object({ method: z.enum(PAYMENT_METHODS), externalId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export const refundResultSchema = z.object({
  refund: paymentRefundSchema,
  payment: invoicePaymentSchema.describe('The payment as it stands after the refund.'),
});

export const invoiceActivitySchema = z.object({
  id: z.string(),
  kind: z.enum(INVOICE_ACTIVITY_KINDS),
  at: z.string().describe('ISO 8601 timestamp'),
  by: z.object({
    kind: z.enum(['staff', 'customer', 'system', 'provider']),
    name: z.string().describe('A staff member’s email, “Customer”, “System”, or the provider (“Card processor”, “PayPal”).'),
  }),
  amount: amount.optional().describe('Payments: what was received; refunds: what was given back; issued and voided: the total or what was due.'),
  applied: amount.optional().describe('Payments: the part that went to this invoice; the rest became account credit.'),
  method: z.enum(PAYMENT_METHODS).optional(),
  paymentId: z.string().optional(),
  destination: z.enum(REFUND_DESTINATIONS).optional(),
  reference: z.string().optional().describe('The reference of money received outside the system.'),
  outcome: z.enum(UNPAID_CHARGE_OUTCOMES).optional().describe('An automatic charge that did not pay: how it ended.'),
  reason: z.string().optional().describe('An automatic charge that did not pay: why, as the customer was told it or as it was stopped.'),
});

export const invoiceActivityListSchema = z.object({
  currency: z.string(),
  items: z.array(invoiceActivitySchema).describe('Oldest first.'),
});
