/**
 * The single table's keys, in one place. See ACCESS-PATTERNS.md beside this file.
 */
export const keys = {
  customer: (id: string) => ({ PK: `CUSTOMER#${id}`, SK: 'CUSTOMER' }),
  customerEmail: (email: string) => ({ PK: `EMAIL#${email}`, SK: 'EMAIL' }),
  invoice: (id: string) => ({ PK: `INVOICE#${id}`, SK: 'INVOICE' }),
  invoiceNumberCounter: () => ({ PK: 'COUNTER#invoice-number', SK: 'COUNTER' }),
  invoiceNumberTickets: () => ({ PK: 'COUNTER#invoice-number-tickets', SK: 'COUNTER' }),
  savedCard: (customerId: string, cardId: string) => ({ PK: `CUSTOMER#${customerId}`, SK: `CARD#${cardId}` }),
  payment: (method: string, externalId: string) => ({ PK: `PAYMENT#${method}#${externalId}`, SK: 'PAYMENT' }),
  /** A provider's webhook event, claimed once and kept for good (its dedupe key: see WebhookSource). */
  webhookEvent: (provider: string, dedupeKey: string) => ({ PK: `EVENT#${provider}#${dedupeKey}`, SK: 'EVENT' }),
  /** An email claimed before it is sent, once per dedupe key (see SentEmails), kept for good. */
  sentEmail: (dedupeKey: string) => ({ PK: `SENT_EMAIL#${dedupeKey}`, SK: 'SENT_EMAIL' }),
  /** Several invoices paid in one payment (mass pay), kept while the provider's page takes the money. */
  paymentBatch: (id: string) => ({ PK: `BATCH#${id}`, SK: 'BATCH' }),
  /** What one payment for several invoices gave one of them; listed under the invoice on GSI2. */
  paymentAllocation: (method: string, externalId: string, invoiceId: string) => ({ PK: `PAYMENT#${method}#${externalId}`, SK: `ALLOCATION#${invoiceId}` }),
  /** A customer's account at the provider behind a payment method (the Stripe customer for `card`). */
  providerAccount: (customerId: string, method: string) => ({ PK: `CUSTOMER#${customerId}`, SK: `PROVIDER#${method}` }),
  /** A refund of a payment, one per request id, kept in the payment's partition. */
  refund: (method: string, externalId: string, requestId: string) => ({ PK: `PAYMENT#${method}#${externalId}`, SK: `REFUND#${requestId}` }),
  /**
   * The automatic refund of a payment not owed, as listed for the refunds report (GSI3 `REFUNDS`); the
   * payment's own `refund` attribute is its state. Outside `REFUND#`, so staff's refunds of the payment
   * do not list it.
   */
  unowedRefund: (method: string, externalId: string) => ({ PK: `PAYMENT#${method}#${externalId}`, SK: 'UNOWED_REFUND' }),
  /** The provider's id of a refund, claimed once: a refund we asked for and its webhook are recorded once. */
  providerRefund: (method: string, externalId: string, refundId: string) => ({ PK: `PAYMENT#${method}#${externalId}`, SK: `PROVIDER_REFUND#${refundId}` }),
  /** One line of an invoice's activity log, in the invoice's partition, in time order. */
  invoiceActivity: (invoiceId: string, at: string, id: string) => ({ PK: `INVOICE#${invoiceId}`, SK: `ACTIVITY#${at}#${id}` }),
  /** When the customer last opened the invoice, so that a view is logged at most once an hour. */
  invoiceView: (invoiceId: string) => ({ PK: `INVOICE#${invoiceId}`, SK: 'VIEWED' }),
  /** An announcement to every customer; listed newest first on GSI1 `ANNOUNCEMENTS`. */
  announcement: (id: string) => ({ PK: `ANNOUNCEMENT#${id}`, SK: 'ANNOUNCEMENT' }),
  /** A hosting service of a customer. */
  service: (id: string) => ({ PK: `SERVICE#${id}`, SK: 'SERVICE' }),
  /** A period of a service, claimed once in the transaction that issues its invoice. */
  servicePeriod: (serviceId: string, start: string) => ({ PK: `SERVICE#${serviceId}`, SK: `PERIOD#${start}` }),
  /** An invoice's `invoice.overdue` event, claimed once in the transaction that queues it. */
  overdueNotice: (invoiceId: string) => ({ PK: `INVOICE#${invoiceId}`, SK: 'OVERDUE_NOTICE' }),
  /** An event for the provider's automation, claimed before it is published (once per dedupe key). */
  publishedEvent: (dedupeKey: string) => ({ PK: `BUS_EVENT#${dedupeKey}`, SK: 'BUS_EVENT' }),
  /** A billing plan made at a provider for one price and cycle (PayPal), remembered so it is made once. */
  providerPlan: (method: string, planKey: string) => ({ PK: `PROVIDER_PLAN#${method}#${planKey}`, SK: 'PLAN' }),
  ledgerEntry: (customerId: string, createdAt: string, id: string) => ({
    PK: `CUSTOMER#${customerId}`,
    SK: `LEDGER#${createdAt}#${id}`,
  }),
} as const;

export const indexes = {
  /**
   * Customers newest first (GSI1PK = CUSTOMERS); a customer's invoices newest first (GSI1PK = CUSTOMER#id,
   * GSI1SK = INVOICE#<number>) and payments oldest first (same partition, GSI1SK = PAYMENT#<receivedAt>#…).
   */
  byOwner: { name: 'GSI1', pk: 'GSI1PK', sk: 'GSI1SK' },
  /**
   * Invoices by status, by due date (GSI2PK = INVOICE_STATUS#open); services still billed by next due
   * date (GSI2PK = SERVICES_BILLED, sparse: a cancelled service drops out); an invoice's payments and
   * the service periods it bills (GSI2PK = INVOICE#id).
   */
  byStatus: { name: 'GSI2', pk: 'GSI2PK', sk: 'GSI2SK' },
  /**
   * A customer by their user's sub (GSI3PK = USER#sub); all invoices newest first (GSI3PK = INVOICES);
   * the customer behind a provider's customer (GSI3PK = PROVIDER#<method>#<ref>); every service by
   * creation (GSI3PK = SERVICES).
   */
  lookup: { name: 'GSI3', pk: 'GSI3PK', sk: 'GSI3SK' },
} as const;

/** The key attributes of an item in an index, as the cursor of a query on it must carry. */
export const cursorKeys = (index: { pk: string; sk: string }) => ['PK', 'SK', index.pk, index.sk] as const;

/**
 * Index partitions that gather items of every customer, for the staff dashboard and reports:
 * every payment, ledger entry and refund by time (GSI3), and the customers whose email bounces (GSI2,
 * sparse: only while a bounce is recorded).
 */
export const allCustomers = {
  payments: 'PAYMENTS',
  ledger: 'LEDGER',
  refunds: 'REFUNDS',
  bouncingEmails: 'EMAIL_BOUNCED',
  /** Every service by creation (GSI3), for the recurring revenue. */
  services: 'SERVICES',
} as const;
