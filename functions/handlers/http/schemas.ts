import * as z from 'zod';
import { isCalendarDate } from '../../domain/calendar-date.js';
import { isCurrencyCode } from '../../domain/money.js';

/**
 * The API's shapes, validated at the edge and published as OpenAPI from the same definitions.
 * Request bodies are strict: a field the caller may not set (a balance, a status, an amount paid) is
 * refused by name rather than silently ignored.
 */
const amount = z.number().int().describe('An amount in the currency’s minor unit (cents), as Stripe writes it.');
const currencyCode = z.string().refine(isCurrencyCode, 'Must be an ISO 4217 currency code such as USD or EUR.')
  .describe('ISO 4217 currency code, upper case.');
const date = z.string().refine(isCalendarDate, 'Must be a date written YYYY-MM-DD.').describe('A calendar date, YYYY-MM-DD.');
const limit = z.coerce.number().int().min(1).max(100).default(25);
const cursor = z.string().max(2048).optional().describe('The nextCursor of the previous page.');

export const invoiceFilter = z.enum(['unpaid', 'overdue', 'pending', 'paid', 'void', 'open', 'draft']);

export const myInvoicesQuery = z.strictObject({ status: invoiceFilter.exclude(['draft']).optional(), cursor, limit });
export const customersQuery = z.strictObject({ search: z.string().max(200).optional(), cursor, limit });
export const invoicesQuery = z.strictObject({
  customerId: z.string().max(64).optional(), status: invoiceFilter.optional(), cursor, limit,
});

export const createCustomerBody = z.strictObject({
  email: z.email('Enter a valid email address.').max(254),
  name: z.string().trim().min(1, 'Enter the customer’s name.').max(200),
  currency: currencyCode,
});

export const createInvoiceBody = z.strictObject({
  customerId: z.string().min(1).max(64),
  dueDate: date,
  lines: z.array(z.strictObject({
    description: z.string().trim().min(1, 'Each line needs a description.').max(500),
    quantity: z.number().positive('Quantity must be greater than zero.').max(1_000_000),
    unitAmount: amount.min(0).max(1_000_000_000_000),
  })).min(1, 'An invoice needs at least one line.').max(100),
});

export const payInvoiceBody = z.strictObject({
  method: z.enum(['card']).describe('How to pay. Card now; PayPal, crypto and account credit follow.'),
  cardId: z.string().min(1).max(255).optional().describe('A saved card to charge now; without it, the card page opens.'),
  saveCard: z.boolean().default(true).describe('Keep the card entered on the card page for automatic billing.'),
});

export const paymentResultSchema = z.object({
  status: z.enum(['paid', 'redirect', 'declined', 'requires_action', 'processing']),
  redirectUrl: z.string().optional().describe('Send the customer here (the card processor’s page).'),
  message: z.string().optional().describe('Why a payment did not go through, for the customer.'),
  invoice: z.unknown().optional(),
});

export const updateMeBody = z.strictObject({
  autopay: z.boolean().optional().describe('Charge the default card automatically on the due date.'),
  defaultCardId: z.string().min(1).max(255).optional(),
}).refine((b) => b.autopay !== undefined || b.defaultCardId !== undefined, 'Send autopay, defaultCardId or both.');

export const savedCardSchema = z.object({
  id: z.string(), brand: z.string(), last4: z.string(), expMonth: z.number().int(), expYear: z.number().int(),
  isDefault: z.boolean(), expired: z.boolean(),
});

export const redirectSchema = z.object({ redirectUrl: z.string() });

export const customerSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  currency: currencyCode,
  autopay: z.boolean().describe('The customer’s choice; it charges only while a default card exists.'),
  defaultCardId: z.string().optional(),
  creditBalance: amount,
  createdAt: z.string().describe('ISO 8601 timestamp'),
});

export const invitationSchema = z.object({
  sentTo: z.string().describe('The email address the new temporary password went to.'),
});

export const invoiceSchema = z.object({
  id: z.string(),
  number: z.number().int().describe('Consecutive and gap-free across all invoices.'),
  customerId: z.string(),
  status: z.enum(['draft', 'open', 'paid', 'void']),
  currency: currencyCode,
  lines: z.array(z.object({ description: z.string(), quantity: z.number(), unitAmount: amount, amount })),
  total: amount,
  amountPaid: amount,
  amountDue: amount,
  issuedAt: z.string(),
  dueDate: date,
  overdue: z.boolean().describe('Open and past its due date.'),
  paymentPending: z.boolean().describe('A payment was started and has not settled yet.'),
  paidAt: z.string().optional(),
  voidedAt: z.string().optional(),
  seller: z.object({ name: z.string(), addressLines: z.array(z.string()), email: z.string() }).optional(),
  customer: z.object({ name: z.string(), email: z.string() }).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().optional() });

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().describe('A sentence written for the person using the app.'),
    field: z.string().optional().describe('The input at fault, as a dotted path, on 400.'),
  }),
});
