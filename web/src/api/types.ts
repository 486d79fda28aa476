import type { components, operations } from './schema.js';

/**
 * Short names for the billing API's shapes (camelCase JSON; amounts are integers in the currency's
 * minor unit). Every one comes from schema.d.ts, which is generated from the API's OpenAPI document:
 * to change a shape, change the server's schema (functions/handlers/http/schemas.ts) and run
 * `npm run generate:api-types`. Nothing here is written by hand.
 */
type Schemas = components['schemas'];
type OperationId = keyof operations;

/** The JSON body an operation takes, e.g. `RequestBody<'pay-invoice'>`. */
type RequestBody<Op extends OperationId> = NonNullable<operations[Op]['requestBody']>['content']['application/json'];
/** The query parameters an operation takes. */
type QueryOf<Op extends OperationId> = NonNullable<operations[Op]['parameters']['query']>;

export type Customer = Schemas['Customer'];
export type CustomerPage = Schemas['CustomerPage'];
export type Invoice = Schemas['Invoice'];
/** One payment in an invoice's history (how and when it was paid, any refund). */
export type InvoicePayment = NonNullable<Invoice['payments']>[number];
/** An invoice just issued, with what staff should know about it ("cards cannot pay this amount"). */
export type IssuedInvoice = Schemas['IssuedInvoice'];
export type InvoicePage = Schemas['InvoicePage'];
/** My Invoices: a page of invoices, and on the first page what is owed in total. */
export type MyInvoicePage = Schemas['MyInvoicePage'];
/** What a customer owes over all their invoices, and how much of it is overdue. */
export type InvoiceSummary = Schemas['InvoiceSummary'];
/** The status filters GET /v1/invoices accepts (the staff list accepts these and `draft`). */
export type InvoiceFilter = NonNullable<QueryOf<'list-invoices'>['status']>;

/** A card saved at the card processor, as GET /v1/payment-methods lists it (brand, last 4, expiry, flags). */
export type CardOnFile = Schemas['CardOnFile'];
export type CardList = Schemas['CardList'];
/** Where the API sends the browser next: the card processor's hosted page. */
export type Redirect = Schemas['Redirect'];

/** GET /v1/crypto/currencies: what the store accepts now, and whether this customer may pay with it. */
export type CryptoCurrencies = Schemas['CryptoCurrencies'];
export type Cryptocurrency = Schemas['Cryptocurrency'];
/** One of an invoice's crypto checkouts as BTCPay holds it (staff). */
export type CryptoCheckout = Schemas['CryptoCheckout'];
export type CryptoCheckoutList = Schemas['CryptoCheckoutList'];

/** The answer to POST /v1/invoices/{id}/payments, one shape per `status`. */
export type PaymentResult = Schemas['PaymentResult'];
export type PayInvoiceRequest = RequestBody<'pay-invoice'>;
export type UpdateMeRequest = RequestBody<'update-me'>;
export type UpdateCustomerRequest = RequestBody<'admin-update-customer'>;
export type CreateCustomerRequest = RequestBody<'admin-create-customer'>;
export type CreateInvoiceRequest = RequestBody<'admin-create-invoice'>;

/** GET /v1/funds: the least and most one Add Funds may be (minor units of the account's currency), and the ways to pay. */
export type FundsOptions = Schemas['FundsOptions'];
/** POST /v1/funds: how much credit to buy (minor units) and how to pay for it. */
export type AddFundsRequest = RequestBody<'add-funds'>;
/** The ways to pay for Add Funds that the API takes (card, PayPal, crypto); GET /v1/funds says which are set up. */
export type FundsMethodId = AddFundsRequest['method'];
/** POST /v1/payments: several invoices in one payment (mass pay). */
export type PayTogetherRequest = RequestBody<'pay-invoices-together'>;
/** Paid at once from credit (`paid`), or a card page for the total (`redirect`). */
export type PayTogetherResult = Schemas['PayTogetherResult'];
/** A page of the account statement (GET /v1/ledger): the balance before it, then each entry, oldest first. */
export type Statement = Schemas['Statement'];
/** One movement of account credit, with the balance right after it. */
export type LedgerEntry = Schemas['LedgerEntry'];
/** The date range and page GET /v1/ledger takes (UTC calendar days, both inclusive). */
export type StatementQuery = QueryOf<'get-statement'>;
/** Staff: money received outside the system (POST /v1/admin/invoices/{id}/payments). */
export type RecordPaymentRequest = RequestBody<'admin-record-payment'>;
/** Staff: a refund of a payment (POST /v1/admin/payments/{method}/{externalId}/refunds), and its answer. */
export type RefundPaymentRequest = RequestBody<'admin-refund-payment'>;
export type RefundResult = Schemas['RefundResult'];
/** One refund in a payment's history. */
export type PaymentRefund = Schemas['PaymentRefund'];
/** An invoice's activity log (issued, viewed, paid, refunded, voided; who and when), oldest first. */
export type InvoiceActivityList = Schemas['InvoiceActivityList'];
export type InvoiceActivity = Schemas['InvoiceActivity'];
export type AdjustCreditRequest = RequestBody<'admin-adjust-credit'>;

export type StaffDashboard = Schemas['StaffDashboard'];
export type BillingReport = Schemas['BillingReport'];
/** News from the provider to every customer: a title, a short text and its date. */
export type Announcement = Schemas['Announcement'];
export type AnnouncementPage = Schemas['AnnouncementPage'];
export type PublishAnnouncementRequest = RequestBody<'admin-publish-announcement'>;

/** An import of accounts from a previous billing system, and how far it has got. */
export type ImportJob = Schemas['ImportJob'];
/** A refused import file: every problem with its line. */
export type ImportRefusal = Schemas['ImportRefusal'];
export type ImportInvitations = Schemas['ImportInvitations'];
export type StartImportRequest = RequestBody<'admin-start-import'>;
/** A hosting service of a customer: its price per cycle, state, next due date and the period its next invoice pays for. */
export type Service = Schemas['Service'];
export type ServiceList = Schemas['ServiceList'];
export type CreateServiceRequest = RequestBody<'admin-create-service'>;
export type CancelServiceRequest = RequestBody<'admin-cancel-service'>;
/** An event published for the provider's automation (invoice.paid, service.suspended, …). */
export type PublishedEvent = Schemas['PublishedEvent'];
export type PublishedEventList = Schemas['PublishedEventList'];
