import * as z from 'zod';
import { isCalendarDate } from '../../domain/calendar-date.js';
import { amountInput, signedAmountInput } from './amount-input.js';
import { currencyCode, invoiceSchema } from './schemas.js';

/** The shapes of account credit: Add Funds, mass pay, the statement, staff adjustments. */
const amount = z.number().int().describe('An amount in the currency’s minor unit (cents), as Stripe writes it.');
const date = z.string().refine(isCalendarDate, 'Must be a date written YYYY-MM-DD.').describe('A calendar date, YYYY-MM-DD (UTC).');

const fundsMethod = z.enum(['card', 'paypal', 'crypto']);

export const addFundsBody = z.strictObject({
  amount: amountInput.positive('Enter an amount greater than zero.').describe('How much credit to buy, in the account currency’s minor units.'),
  method: fundsMethod.describe('How to pay for it, on the provider’s page: card, PayPal, or crypto (established customers only). GET /v1/funds lists those set up.'),
});

export const fundsOptionsSchema = z.object({
  currency: currencyCode,
  minimum: amount.describe('The least one Add Funds may be, in minor units of `currency`.'),
  maximum: amount.describe('The most one Add Funds may be, in minor units of `currency`.'),
  methods: z.array(z.object({
    id: fundsMethod.describe('`method` of POST /v1/funds.'),
    available: z.boolean().describe('Whether this customer may use it now.'),
    unavailable: z.object({
      code: z.enum(['not_established', 'none_accepted', 'currency_not_supported', 'provider_unreachable']),
      message: z.string().describe('Why not (and, for crypto, when they will qualify), in a sentence for the customer.'),
    }).optional(),
  })).describe('The ways to pay for it that are set up, in the order to offer them; one the customer cannot use now is listed with the reason.'),
});

export const payTogetherBody = z.strictObject({
  invoiceIds: z.array(z.string().min(1).max(64)).min(1, 'Choose at least one invoice to pay.').max(45, 'At most 45 invoices can be paid together.')
    .describe('The invoices to pay in one payment (at most 45: one payment is one DynamoDB transaction of at most 100 items).'),
  method: z.enum(['card', 'credit']).describe('credit: the account credit pays all of them, or nothing; card: one card page for the total.'),
});

export const payTogetherResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('paid'), total: amount, invoices: z.array(invoiceSchema) }),
  z.object({ status: z.literal('redirect'), total: amount, redirectUrl: z.string().describe('The card page for the total.') }),
]);

export const statementQuery = z.strictObject({
  from: date.optional(), to: date.optional(),
  cursor: z.string().max(2048).optional(), limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const statementCsvQuery = z.strictObject({ from: date.optional(), to: date.optional() });

export const ledgerEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(['funds_added', 'credit_applied', 'overpayment', 'refund_to_credit', 'adjustment', 'refunded_to_card', 'refund_failed']),
  amount: amount.describe('Signed: positive adds credit, negative spends it.'),
  balanceAfter: amount,
  createdAt: z.string().describe('ISO 8601 timestamp'),
  description: z.string(),
  invoiceId: z.string().optional(),
  invoiceIds: z.array(z.string()).optional(),
  actor: z.object({ id: z.string(), name: z.string() }).optional().describe('Staff only: who made an adjustment.'),
});

export const statementSchema = z.object({
  currency: z.string(),
  openingBalance: amount.describe('The balance before the first entry of this page.'),
  items: z.array(ledgerEntrySchema),
  nextCursor: z.string().optional(),
});

export const adjustCreditBody = z.strictObject({
  amount: signedAmountInput.refine((value) => value !== 0, 'Enter an amount to grant (positive) or remove (negative), not zero.')
    .describe('Signed, in the customer’s currency’s minor units: positive grants credit, negative removes it.'),
  reason: z.string().trim().min(1, 'Give the reason: the customer sees it.').max(300),
});
