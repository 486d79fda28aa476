import * as z from 'zod';
import { BILLING_CURRENCIES } from '../../domain/currencies.js';
import { MAX_ADDRESS_LINE_LENGTH, MAX_ADDRESS_LINES, MAX_TAX_ID_LENGTH } from '../../domain/billing-details.js';
import { AGING_BUCKETS } from '../../domain/aging.js';
import { isCalendarDate } from '../../domain/calendar-date.js';
import { OFFLINE_PAYMENT_KINDS, PAYMENT_METHODS } from '../../domain/payment.js';
import { REFUND_DESTINATIONS } from '../../domain/refund.js';
import { amountInput } from './amount-input.js';
import { invoiceServiceSchema } from './service-schemas.js';

/**
 * The API's shapes, validated at the edge and published as OpenAPI from the same definitions.
 * Request bodies are strict: a field the caller may not set (a balance, a status, an amount paid) is
 * refused by name rather than silently ignored.
 */
const amount = z.number().int().describe('An amount in the currency’s minor unit (cents), as Stripe writes it.');
export const currencyCode = z.enum(BILLING_CURRENCIES as [string, ...string[]], 'Must be an ISO 4217 currency code such as USD or EUR.')
  .describe('ISO 4217 currency code, upper case: one of the current currencies an account can be billed in.');
const date = z.string().refine(isCalendarDate, 'Must be a date written YYYY-MM-DD.').describe('A calendar date, YYYY-MM-DD.');
const limit = z.coerce.number().int().min(1).max(100).default(25);
const cursor = z.string().max(2048).optional().describe('The nextCursor of the previous page.');

export const invoiceFilter = z.enum(['unpaid', 'overdue', 'pending', 'paid', 'void', 'open', 'draft']);

export const myInvoicesQuery = z.strictObject({ status: invoiceFilter.exclude(['draft']).optional(), cursor, limit });
export const customersQuery = z.strictObject({
  search: z.string().max(200).optional(), email: z.literal('bouncing', 'email may only be "bouncing".').optional(), cursor, limit,
});
export const invoicesQuery = z.strictObject({
  customerId: z.string().max(64).optional(), status: invoiceFilter.optional(), cursor, limit,
  currency: currencyCode.optional(), aging: z.enum(AGING_BUCKETS, `aging must be one of ${AGING_BUCKETS.join(', ')}.`).optional(),
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
    unitAmount: amountInput.min(0, 'Unit amount cannot be negative.'),
  })).min(1, 'An invoice needs at least one line.').max(100),
});

/** One shape per payment method, told apart by `method`; each method's fields are its own. */
export const payInvoiceBody = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('card'),
    cardId: z.string().min(1).max(255).optional().describe('A saved card to charge now; without it, the card page opens.'),
    saveCard: z.boolean().default(false).describe('Keep the card entered on the card page for automatic billing (the customer ticks it).'),
  }),
  z.strictObject({
    method: z.literal('credit'),
    amount: amountInput.positive('Enter an amount greater than zero.').optional().describe('At most this much account credit; default: all the invoice can use.'),
  }),
  z.strictObject({
    method: z.literal('paypal'),
    orderId: z.string().regex(/^[A-Z0-9]{1,36}$/).optional()
      .describe('The PayPal order the customer approved (the `token` PayPal returns them with): capture it now; without it, PayPal’s approval page opens.'),
    recurring: z.boolean().default(false)
      .describe('For an invoice of a service: set up a PayPal subscription that pays this invoice and every later one of the service, instead of paying once.'),
    subscriptionId: z.string().regex(/^I-[A-Z0-9]{1,40}$/).optional()
      .describe('The PayPal subscription the customer approved (the `subscription_id` PayPal returns them with): learn where it stands now.'),
  }),
  z.strictObject({
    method: z.literal('crypto'),
    cryptocurrency: z.string().regex(/^[A-Z0-9]{2,10}(-[A-Z0-9]{2,10})?$/, 'Must be one of the accepted cryptocurrencies, such as BTC-CHAIN.').optional()
      .describe('The cryptocurrency to show first on the checkout page: one of GET /v1/crypto/currencies (e.g. BTC-CHAIN, BTC-LN).'),
  }),
]).describe('How to pay the invoice.');

// The domain checks the billing details in full (billing-details.ts); these bounds keep what is parsed small.
const billingAddressInput = z.array(z.string().max(MAX_ADDRESS_LINE_LENGTH * 2)).max(MAX_ADDRESS_LINES * 2).nullable()
  .describe(`The postal address printed under the name on invoices, one line each: at most ${MAX_ADDRESS_LINES} lines of ${MAX_ADDRESS_LINE_LENGTH} characters, no control characters; blank lines are dropped; [] or null clears it.`);
const taxIdInput = z.string().max(MAX_TAX_ID_LENGTH * 2).nullable()
  .describe(`VAT number or other tax ID printed on invoices: at most ${MAX_TAX_ID_LENGTH} characters; "" or null clears it.`);

export const updateMeBody = z.strictObject({
  autopay: z.boolean().optional().describe('Charge the default card automatically on the due date.'),
  defaultCardId: z.string().min(1).max(255).optional(),
  billingAddress: billingAddressInput.optional(),
  taxId: taxIdInput.optional(),
}).refine((b) => Object.values(b).some((value) => value !== undefined), 'Send at least one of autopay, defaultCardId, billingAddress, taxId.');

export const updateCustomerBody = z.strictObject({
  billingAddress: billingAddressInput.optional(),
  taxId: taxIdInput.optional(),
}).refine((b) => b.billingAddress !== undefined || b.taxId !== undefined, 'Send billingAddress, taxId or both.');

/** A card saved at the card processor, as the customer's list of cards shows it. */
export const cardOnFileSchema = z.object({
  id: z.string(), brand: z.string(), last4: z.string(),
  expMonth: z.number().int().describe('1 to 12.'), expYear: z.number().int().describe('Four digits.'),
  isDefault: z.boolean().describe('The card automatic billing charges.'),
  expired: z.boolean().describe('Past the end of its expiry month: it cannot be charged.'),
});

export const cardListSchema = z.object({ items: z.array(cardOnFileSchema) });

/** Where to send the browser next (the card processor's hosted page). */
export const redirectSchema = z.object({ redirectUrl: z.string() });

const emailProblemSchema = z.object({
  at: z.string().describe('ISO 8601 timestamp: when the mail service reported it.'),
  reason: z.string().describe('The receiving server’s words, such as "smtp; 550 5.1.1 user unknown", or "Marked as spam".'),
});

export const customerSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  currency: currencyCode,
  autopay: z.boolean().describe('The customer’s choice; it charges only while a default card exists.'),
  defaultCardId: z.string().optional(),
  creditBalance: amount,
  createdAt: z.string().describe('ISO 8601 timestamp'),
  billingAddress: z.array(z.string()).optional().describe('Printed under the name on invoices, one line each.'),
  taxId: z.string().optional().describe('VAT number or other tax ID, printed on invoices.'),
  emailBounced: emailProblemSchema.optional()
    .describe('Email to this address bounces for good (reported by the mail service): invoice emails to it are not sent until it changes or a delivery succeeds.'),
  emailComplained: emailProblemSchema.optional().describe('The customer marked an email from us as spam.'),
  signInDisabledAt: z.string().optional().describe('Staff turned this customer’s sign-in off (ISO 8601): they cannot sign in, and the API refuses them with 401.'),
});

export const signInBody = z.strictObject({
  enabled: z.boolean().describe('false turns the customer’s sign-in off at once; true lets them sign in again.'),
});

export const invitationSchema = z.object({
  sentTo: z.string().describe('The email address the new temporary password went to.'),
});

export const invoiceLineSchema = z.object({
  description: z.string(), quantity: z.number(), unitAmount: amount, amount: amount.describe('quantity × unitAmount, rounded.'),
});

/** Money given back of a payment, as the invoice's payment history shows it. */
export const paymentRefundSchema = z.object({
  amount,
  destination: z.enum(REFUND_DESTINATIONS).describe('original: back where it came from (the card, PayPal, or paid back outside the system); credit: to account credit.'),
  status: z.enum(['pending', 'refunded']).describe('pending: the processor has been asked and has not answered yet.'),
  requestedAt: z.string().describe('ISO 8601 timestamp'),
  refundedAt: z.string().optional().describe('ISO 8601 timestamp'),
  by: z.string().optional().describe('Staff only: who refunded it (a staff member’s email, or the processor for a refund made at its dashboard).'),
});

/** Money received for an invoice, as its payment history shows it. */
export const invoicePaymentSchema = z.object({
  method: z.enum(PAYMENT_METHODS).describe('offline: received outside the system (bank transfer, cash, cheque), recorded by staff.'),
  externalId: z.string().optional().describe('Staff only: the payment’s id (at its provider, or the request id staff recorded it with), for refunding it.'),
  amount: amount.describe('Everything received in this payment.'),
  appliedToInvoice: amount.describe('What went to the invoice; the rest became account credit (or was refunded).'),
  invoicesPaid: z.number().int().optional()
    .describe('One payment for several invoices together: how many it paid; `appliedToInvoice` is this invoice’s share, the rest went to the others.'),
  receivedAt: z.string().describe('ISO 8601 timestamp'),
  card: z.object({ brand: z.string(), last4: z.string() }).optional().describe('The card it was paid with.'),
  offline: z.object({
    kind: z.enum(OFFLINE_PAYMENT_KINDS), reference: z.string(), receivedOn: date.describe('The day the money arrived.'),
  }).optional().describe('Money received outside the system, as staff recorded it.'),
  refund: z.object({
    status: z.enum(['pending', 'refunded', 'failed']),
    amount,
    failure: z.string().optional().describe('Why the refund did not go through; the amount stayed as credit.'),
  }).optional().describe('Money that was not owed (the invoice was already paid or void) goes back to the card.'),
  refunds: z.array(paymentRefundSchema).describe('Refunds of this payment, oldest first.'),
  processorFee: z.object({
    amount: amount.describe('What the card processor kept, in `currency`.'),
    currency: currencyCode.describe('The currency the money settled in (the processor account’s), which may differ from the payment’s.'),
    settledAmount: amount.describe('The payment as it reached the processor balance, in `currency`, before the fee.'),
    exchangeRate: z.number().optional().describe('Payment amount × exchangeRate = settledAmount (in major units); absent when nothing was converted.'),
    basisPoints: z.number().int().describe('amount ÷ settledAmount in hundredths of a percent, rounded half up (470 = 4.70%).'),
    flagged: z.boolean().describe('More than the provider’s threshold (FEE_FLAG_PERCENT, 4% by default); exactly at it is not flagged.'),
  }).optional().describe('Staff only: the card processor’s fee, read after the payment was recorded (absent until then, and for other methods).'),
  refundable: z.object({
    toOriginal: amount.describe('What is left to refund back where the money came from.'),
    toCredit: amount.describe('What is left to refund to account credit (only what paid invoices).'),
  }).optional().describe('Staff only: what can still be refunded.'),
});

export const invoiceSchema = z.object({
  id: z.string(),
  number: z.number().int().describe('Consecutive and gap-free across all invoices.'),
  customerId: z.string(),
  status: z.enum(['draft', 'open', 'paid', 'void']),
  currency: currencyCode,
  lines: z.array(invoiceLineSchema),
  total: amount,
  amountPaid: amount.describe('What payments have paid of the total. A refund while the invoice is open takes its part off again; a paid invoice stays paid.'),
  amountRefunded: amount.describe('What has been given back of payments to this invoice (to the card or to account credit).'),
  amountDue: amount,
  issuedAt: z.string().describe('ISO 8601 timestamp'),
  issueDate: date.describe('The calendar date of issue (UTC), as the invoice prints it: the same day in every time zone.'),
  dueDate: date,
  overdue: z.boolean().describe('Open and past its due date.'),
  daysOverdue: z.number().int().min(0).describe('Whole days past the due date while open (UTC calendar days); 0 when not overdue.'),
  automaticCharge: z.object({
    lastOutcome: z.enum(['declined', 'requires_action', 'not_charged', 'paid']).describe(
      '`declined`; `requires_action`: the bank asked the customer to confirm (emailed a link); `not_charged`: automatic billing off or no usable card; `paid`.',
    ),
    lastAttemptAt: z.string().describe('ISO 8601 timestamp'),
    declines: z.number().int().describe('How many automatic charges were declined.'),
    reason: z.string().optional().describe('Why the last one did not go through, for the customer.'),
    nextAttemptAt: z.string().optional().describe('When it is tried again (ISO 8601); absent after the last retry.'),
  }).optional().describe('Where the automatic charges on and after the due date stand (dunning); absent before the first.'),
  paymentPending: z.boolean().describe('A payment was started and has not settled yet.'),
  pendingMethod: z.enum(['card', 'paypal', 'crypto']).optional()
    .describe('While `paymentPending`: how the pending payment is made (crypto waits for network confirmations, PayPal for its capture to clear).'),
  paidAt: z.string().optional(),
  voidedAt: z.string().optional(),
  seller: z.object({ name: z.string(), addressLines: z.array(z.string()), email: z.string() }).optional(),
  customer: z.object({
    name: z.string(), email: z.string(), billingAddress: z.array(z.string()).optional(), taxId: z.string().optional(),
  }).optional().describe('Bill to: the customer’s details as they are now.'),
  payments: z.array(invoicePaymentSchema).optional().describe('On one invoice: the payments received for it, oldest first.'),
  service: invoiceServiceSchema.optional().describe('On one invoice: the service it bills, if any, and its subscription.'),
});

/** A cryptocurrency the provider's store accepts now. */
export const cryptocurrencySchema = z.object({
  id: z.string().describe('Pass it as `cryptocurrency` to pay with it, e.g. BTC-CHAIN or BTC-LN.'),
  code: z.string().describe('The ticker, e.g. BTC.'),
  name: z.string().describe('e.g. Bitcoin.'),
  network: z.string().describe('e.g. on-chain, Lightning.'),
});

/** GET /v1/crypto/currencies: what is accepted now, and whether this customer may pay with it. */
export const cryptoCurrenciesSchema = z.object({
  currencies: z.array(cryptocurrencySchema).describe('Accepted now (the store’s settings, at most a few minutes old); empty when crypto is not set up.'),
  available: z.boolean().describe('Whether the signed-in customer may pay by cryptocurrency now.'),
  unavailable: z.object({
    code: z.enum(['not_set_up', 'none_accepted', 'not_established']),
    message: z.string().describe('Why not, and when they will qualify, in a sentence for the customer.'),
    oldEnoughAt: z.string().optional().describe('ISO 8601: when the account is old enough (not_established only, while it is not).'),
    paidInvoicesNeeded: z.number().int().optional().describe('How many more invoices must be paid by card or PayPal (not_established only).'),
  }).optional(),
  rule: z.object({
    minAccountAgeDays: z.number().int(),
    minPaidInvoices: z.number().int().describe('Invoices paid by card or PayPal; credit and crypto do not count.'),
  }).describe('Who may pay by cryptocurrency: the provider’s numbers.'),
});

/** One of an invoice's crypto checkouts as BTCPay holds it, for staff. */
export const cryptoCheckoutSchema = z.object({
  id: z.string().describe('The BTCPay invoice id.'),
  status: z.string().describe('BTCPay’s status: New, Processing, Settled, Expired or Invalid.'),
  detail: z.string().optional().describe('BTCPay’s additional status: PaidPartial, PaidOver, PaidLate, Marked.'),
  amount: amount.describe('What it asked for, in the invoice’s currency.'),
  paid: amount.describe('What was paid on it, net of network fees, in the invoice’s currency.'),
  currency: currencyCode,
  createdAt: z.string(),
  expiresAt: z.string(),
  payments: z.array(z.object({
    id: z.string(),
    method: z.string().describe('e.g. BTC-CHAIN.'),
    amount: z.string().describe('A decimal in `currency`, network fee included.'),
    currency: z.string().describe('e.g. BTC.'),
    status: z.enum(['Processing', 'Settled', 'Invalid']),
    receivedAt: z.string(),
  })),
});

export const cryptoCheckoutListSchema = z.object({ items: z.array(cryptoCheckoutSchema) });

/** The answer to POST /v1/invoices/{id}/payments, one shape per `status`. */
export const paymentResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('redirect'),
    redirectUrl: z.string().describe('Send the customer here (the card processor’s page, or the crypto checkout).'),
  }),
  z.object({ status: z.literal('paid'), invoice: invoiceSchema }),
  z.object({ status: z.literal('already_paid'), invoice: invoiceSchema })
    .describe('The invoice was paid before this request (another tab, the automatic charge): this request took nothing.'),
  z.object({ status: z.literal('partly_paid'), invoice: invoiceSchema }).describe('Account credit paid part of it; the rest is still due.'),
  z.object({
    status: z.enum(['declined', 'requires_action']),
    message: z.string().describe('Why the payment did not go through, for the customer.'),
  }),
  z.object({ status: z.literal('processing') }).describe('Accepted and not settled yet: the provider’s webhook settles it.'),
  z.object({ status: z.literal('subscribed'), invoice: invoiceSchema })
    .describe('The service is paid by a live subscription: its payments pay this invoice (by webhook) and the next ones.'),
]);

const pageOf = <T extends z.ZodType>(item: T) => z.object({
  items: z.array(item),
  nextCursor: z.string().optional().describe('Pass it as `cursor` to get the next page; absent on the last page.'),
});
export const customerPageSchema = pageOf(customerSchema);
/** The invoice staff just issued, and what they should know about it (it was issued all the same). */
export const issuedInvoiceSchema = invoiceSchema.extend({
  warnings: z.array(z.object({
    code: z.enum(['card_cannot_pay']),
    message: z.string().describe('A sentence for staff, e.g. "Card payments in USD must be at least 0.50 USD."'),
  })),
});

export const invoicePageSchema = pageOf(invoiceSchema);

/** What the customer owes over all their invoices, in their one currency. */
export const invoiceSummarySchema = z.object({
  currency: currencyCode,
  amountDue: amount.describe('The amount due of every unpaid invoice (open, no payment settling: what the `unpaid` filter lists), overdue ones included.'),
  amountOverdue: amount.describe('The part of amountDue on invoices past their due date.'),
  invoicesDue: z.number().int().describe('How many invoices amountDue is owed on.'),
  invoicesOverdue: z.number().int().describe('How many of them are overdue.'),
});

/** My Invoices: a page of invoices, and on the first page what is owed in total. */
export const myInvoicePageSchema = invoicePageSchema.extend({
  summary: invoiceSummarySchema.optional().describe('On the first page only (no `cursor`): what is owed over all the customer’s invoices, whatever the `status` filter.'),
});

export const webhookReceiptSchema = z.object({ received: z.literal(true) });

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().describe('A sentence written for the person using the app.'),
    field: z.string().optional().describe('The input at fault, as a dotted path, on 400.'),
  }),
});
