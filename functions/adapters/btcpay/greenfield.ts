import * as z from 'zod';

/**
 * The part of BTCPay Server's Greenfield API (v1) that the adapter reads, typed from its published
 * OpenAPI document (btcpayserver/btcpayserver, BTCPayServer/wwwroot/swagger/v1/swagger.template.*.json:
 * InvoiceData, InvoicePaymentMethodDataModel, Payment, GenericPaymentMethodData, WebhookInvoice*Event).
 * Only the fields the adapter uses are checked; BTCPay may add others, which pass through.
 *
 * Amounts are decimal strings (`"5.00"`, `"0.00012000"`): fiat in the invoice's currency, crypto in
 * the payment method's. Times are Unix seconds.
 */

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal string');

export const INVOICE_STATUSES = ['New', 'Processing', 'Expired', 'Invalid', 'Settled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Why an invoice is in its status (`InvoiceAdditionalStatus`). */
export const ADDITIONAL_STATUSES = ['None', 'PaidLate', 'PaidPartial', 'Marked', 'Invalid', 'PaidOver'] as const;

/** What we put in an invoice's `metadata` (BTCPay keeps any JSON there and echoes it in webhooks). */
export const ourMetadata = z.object({
  /** Indexed by BTCPay: our invoice id, or `funds-<customer>` for Add Funds. */
  orderId: z.string().optional(),
  /** Our invoice, when the money pays one. */
  invoiceId: z.string().optional(),
  /** Our customer whose money it is. */
  customerId: z.string().optional(),
}).loose();

export const invoiceData = z.object({
  id: z.string().min(1),
  storeId: z.string(),
  amount: decimal,
  /** Net amount paid so far, in the invoice's currency, rounded to its digits (BTCPay ≥ 2.1.2). */
  paidAmount: decimal.optional(),
  currency: z.string(),
  checkoutLink: z.string().nullable().optional(),
  status: z.enum(INVOICE_STATUSES),
  additionalStatus: z.string(),
  createdTime: z.number(),
  expirationTime: z.number(),
  monitoringExpiration: z.number(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
}).loose();
export type InvoiceData = z.infer<typeof invoiceData>;

export const PAYMENT_STATUSES = ['Invalid', 'Processing', 'Settled'] as const;

export const invoicePayment = z.object({
  id: z.string(),
  receivedDate: z.number(),
  /** In the payment method's currency (BTC). */
  value: decimal,
  /** The network fee the customer paid with it, in the same currency. */
  fee: decimal,
  status: z.enum(PAYMENT_STATUSES),
  destination: z.string().optional(),
}).loose();
export type InvoicePayment = z.infer<typeof invoicePayment>;

export const invoicePaymentMethod = z.object({
  paymentMethodId: z.string(),
  currency: z.string(),
  /** Fiat per unit of the payment method's currency. */
  rate: decimal,
  amount: decimal,
  paymentMethodFee: decimal,
  paymentMethodPaid: decimal,
  totalPaid: decimal,
  due: decimal,
  payments: z.array(invoicePayment),
}).loose();
export type InvoicePaymentMethod = z.infer<typeof invoicePaymentMethod>;

export const storePaymentMethod = z.object({
  /** BTCPay 2 ids: `BTC-CHAIN` (on-chain), `BTC-LN` (Lightning), `BTC-LNURL`, `LTC-CHAIN`, … */
  paymentMethodId: z.string(),
  enabled: z.boolean(),
}).loose();
export type StorePaymentMethod = z.infer<typeof storePaymentMethod>;

/** `POST /api/v1/stores/{storeId}/invoices` (CreateInvoiceRequest), the fields we send. */
export interface CreateInvoiceRequest {
  amount: string;
  currency: string;
  metadata: Record<string, string>;
  checkout: {
    speedPolicy?: 'HighSpeed' | 'MediumSpeed' | 'LowMediumSpeed' | 'LowSpeed';
    /** At least 30 seconds' worth (BTCPay refuses less). */
    expirationMinutes: number;
    redirectURL?: string;
    redirectAutomatically?: boolean;
    defaultPaymentMethod?: string;
  };
  additionalSearchTerms?: string[];
}

/** Every webhook's envelope (WebhookEvent), then the invoice fields (WebhookInvoiceEvent). */
export const webhookEvent = z.object({
  deliveryId: z.string(),
  webhookId: z.string().optional(),
  originalDeliveryId: z.string().nullable().optional(),
  isRedelivery: z.boolean().optional(),
  type: z.string().min(1),
  timestamp: z.number(),
  storeId: z.string().optional(),
  invoiceId: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  /** InvoiceReceivedPayment and InvoicePaymentSettled. */
  payment: invoicePayment.optional(),
  paymentMethodId: z.string().optional(),
  afterExpiration: z.boolean().optional(),
  /** InvoiceExpired. */
  partiallyPaid: z.boolean().optional(),
  /** InvoiceSettled, InvoiceInvalid. */
  manuallyMarked: z.boolean().optional(),
  /** InvoiceSettled, InvoiceProcessing. */
  overPaid: z.boolean().optional(),
}).loose();
export type WebhookEvent = z.infer<typeof webhookEvent>;

/** BTCPay's error bodies: `{code, message}` (GreenfieldAPIError), or a list of `{path, message}` on 422. */
export const apiError = z.object({ code: z.string().nullable().optional(), message: z.string() }).loose();
export const validationErrors = z.array(z.object({ path: z.string(), message: z.string() }).loose());
