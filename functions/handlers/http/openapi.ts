import * as z from 'zod';
import { type Access, type HandlerName, routes } from '../routes.js';
import {
  cardListSchema, cardOnFileSchema, createCustomerBody, createInvoiceBody, cryptoCheckoutListSchema, cryptoCheckoutSchema, cryptoCurrenciesSchema, cryptocurrencySchema,
  customerPageSchema, customerSchema, customersQuery, errorSchema, invoiceLineSchema, invoicePageSchema, invoicePaymentSchema, invoiceSchema,
  invoiceSummarySchema, invitationSchema, signInBody, invoicesQuery, issuedInvoiceSchema, myInvoicePageSchema, myInvoicesQuery, payInvoiceBody,
  paymentRefundSchema, paymentResultSchema, redirectSchema, updateCustomerBody, updateMeBody, webhookReceiptSchema,
} from './schemas.js';
import {
  addFundsBody, adjustCreditBody, fundsOptionsSchema, ledgerEntrySchema, payTogetherBody, payTogetherResultSchema, statementCsvQuery, statementQuery, statementSchema,
} from './credit-schemas.js';
import {
  invoiceActivityListSchema, invoiceActivitySchema, recordPaymentBody, refundPaymentBody, refundResultSchema,
} from './staff-schemas.js';
import { dashboardSchema, reportQuery, reportSchema } from './report-schemas.js';
import { importJobSchema, importRefusalSchema, invitationsResultSchema, startImportBody } from './import-schemas.js';
import { announcementPageSchema, announcementSchema, announcementsQuery, publishAnnouncementBody } from './announcement-schemas.js';
import {
  cancelServiceBody, createServiceBody, publishedEventListSchema, publishedEventSchema, serviceListSchema, serviceSchema, updateServiceBody,
} from './service-schemas.js';

interface Operation {
  summary: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** What a success answers; without `schema`, no body (204). JSON bodies are named in `components` below. */
  response?: { status: number; schema?: z.ZodType; contentType?: string };
}

/**
 * The API's nouns, published as `components.schemas` under these names and referred to by `$ref`, so
 * that a client generated from the document (web/src/api/schema.d.ts) gets one named type for each.
 */
const components = z.registry<{ id: string }>()
  .add(customerSchema, { id: 'Customer' })
  .add(customerPageSchema, { id: 'CustomerPage' })
  .add(invoiceSchema, { id: 'Invoice' })
  .add(invoiceLineSchema, { id: 'InvoiceLine' })
  .add(invoicePageSchema, { id: 'InvoicePage' })
  .add(invoiceSummarySchema, { id: 'InvoiceSummary' })
  .add(myInvoicePageSchema, { id: 'MyInvoicePage' })
  .add(issuedInvoiceSchema, { id: 'IssuedInvoice' })
  .add(cardOnFileSchema, { id: 'CardOnFile' })
  .add(cardListSchema, { id: 'CardList' })
  .add(paymentResultSchema, { id: 'PaymentResult' })
  .add(cryptocurrencySchema, { id: 'Cryptocurrency' })
  .add(cryptoCurrenciesSchema, { id: 'CryptoCurrencies' })
  .add(cryptoCheckoutSchema, { id: 'CryptoCheckout' })
  .add(cryptoCheckoutListSchema, { id: 'CryptoCheckoutList' })
  .add(redirectSchema, { id: 'Redirect' })
  .add(webhookReceiptSchema, { id: 'WebhookReceipt' })
  .add(invitationSchema, { id: 'Invitation' })
  .add(statementSchema, { id: 'Statement' })
  .add(ledgerEntrySchema, { id: 'LedgerEntry' })
  .add(payTogetherResultSchema, { id: 'PayTogetherResult' })
  .add(fundsOptionsSchema, { id: 'FundsOptions' })
  .add(invoicePaymentSchema, { id: 'InvoicePayment' })
  .add(paymentRefundSchema, { id: 'PaymentRefund' })
  .add(refundResultSchema, { id: 'RefundResult' })
  .add(invoiceActivitySchema, { id: 'InvoiceActivity' })
  .add(invoiceActivityListSchema, { id: 'InvoiceActivityList' })
  .add(dashboardSchema, { id: 'StaffDashboard' })
  .add(reportSchema, { id: 'BillingReport' })
  .add(announcementSchema, { id: 'Announcement' })
  .add(announcementPageSchema, { id: 'AnnouncementPage' })
  .add(importJobSchema, { id: 'ImportJob' })
  .add(importRefusalSchema, { id: 'ImportRefusal' })
  .add(invitationsResultSchema, { id: 'ImportInvitations' })
  .add(serviceSchema, { id: 'Service' })
  .add(serviceListSchema, { id: 'ServiceList' })
  .add(publishedEventSchema, { id: 'PublishedEvent' })
  .add(publishedEventListSchema, { id: 'PublishedEventList' })
  .add(errorSchema, { id: 'Error' });

/** What each route takes and gives, from the same zod schemas the handlers validate with. */
const operations: Record<HandlerName, Operation> = {
  'get-openapi': { summary: 'This document.' },
  'get-me': { summary: 'The signed-in customer’s account.', response: { status: 200, schema: customerSchema } },
  'list-invoices': { summary: 'My invoices, newest first; the first page also says what I owe in total.', query: myInvoicesQuery, response: { status: 200, schema: myInvoicePageSchema } },
  'get-invoice': { summary: 'One of my invoices.', response: { status: 200, schema: invoiceSchema } },
  'update-me': { summary: 'Turn automatic card billing on or off; choose the default card; set my billing address and tax ID.', body: updateMeBody, response: { status: 200, schema: customerSchema } },
  'pay-invoice': { summary: 'Pay an invoice: charge a saved card, use account credit, or get the card page, PayPal approval page or crypto checkout to go to.', body: payInvoiceBody, response: { status: 200, schema: paymentResultSchema } },
  'list-crypto-currencies': { summary: 'The cryptocurrencies accepted now, and whether I may pay with them (or why not, and when I will).', response: { status: 200, schema: cryptoCurrenciesSchema } },
  'list-payment-methods': { summary: 'My saved cards.', response: { status: 200, schema: cardListSchema } },
  'add-payment-method': { summary: 'Save a card without paying: returns the card page to go to.', response: { status: 201, schema: redirectSchema } },
  'delete-payment-method': { summary: 'Delete a saved card, at the card processor first.', response: { status: 204 } },
  'stripe-webhook': { summary: 'Stripe events, verified by their signature.', response: { status: 200, schema: webhookReceiptSchema } },
  'paypal-webhook': { summary: 'PayPal events, verified by their signature (SHA256withRSA, PayPal’s certificate).', response: { status: 200, schema: webhookReceiptSchema } },
  'btcpay-webhook': { summary: 'BTCPay Server events, verified by their BTCPay-Sig HMAC.', response: { status: 200, schema: webhookReceiptSchema } },
  'get-invoice-pdf': { summary: 'One of my invoices as a PDF.', response: { status: 200, schema: z.string(), contentType: 'application/pdf' } },
  'get-funds-options': { summary: 'What one Add Funds may be (the limits in my account’s currency) and the ways to pay for it.', response: { status: 200, schema: fundsOptionsSchema } },
  'add-funds': { summary: 'Buy account credit: returns the payment page to go to; the credit appears once the payment is confirmed.', body: addFundsBody, response: { status: 201, schema: redirectSchema } },
  'pay-invoices-together': { summary: 'Pay several invoices in one payment (mass pay): from credit, or on one card page for the total.', body: payTogetherBody, response: { status: 200, schema: payTogetherResultSchema } },
  'get-statement': { summary: 'My account statement: credit entries with running balances, for a range of days.', query: statementQuery, response: { status: 200, schema: statementSchema } },
  'get-statement-csv': { summary: 'My account statement as CSV.', query: statementCsvQuery, response: { status: 200, schema: z.string(), contentType: 'text/csv' } },
  'admin-adjust-credit': { summary: 'Grant (positive) or remove (negative) a customer’s credit, with a reason the customer sees.', body: adjustCreditBody, response: { status: 201, schema: customerSchema } },
  'admin-get-customer-ledger': { summary: 'A customer’s credit history, with who made each adjustment.', query: statementQuery, response: { status: 200, schema: statementSchema } },
  'admin-create-customer': { summary: 'Add a customer and invite them by email.', body: createCustomerBody, response: { status: 201, schema: customerSchema } },
  'admin-list-customers': { summary: 'Customers, newest first. A search may answer fewer than `limit` (even none) with a `nextCursor`: it stopped after a bounded read, and the cursor searches on; only a page without `nextCursor` ends the search.', query: customersQuery, response: { status: 200, schema: customerPageSchema } },
  'admin-get-customer': { summary: 'One customer.', response: { status: 200, schema: customerSchema } },
  'admin-update-customer': { summary: 'Set the billing address and tax ID a customer’s invoices print.', body: updateCustomerBody, response: { status: 200, schema: customerSchema } },
  'admin-set-customer-sign-in': { summary: 'Turn a customer’s sign-in off (they cannot sign in, and the API refuses their tokens with 401 at once) or on again. Invoices, credit and automatic charges are untouched.', body: signInBody, response: { status: 200, schema: customerSchema } },
  'admin-resend-invitation': { summary: 'Email the customer a new invitation (the first one’s temporary password may have expired).', response: { status: 202, schema: invitationSchema } },
  'admin-create-invoice': { summary: 'Issue an invoice; warns when cards cannot pay its amount.', body: createInvoiceBody, response: { status: 201, schema: issuedInvoiceSchema } },
  'admin-list-invoices': { summary: 'All invoices, newest first.', query: invoicesQuery, response: { status: 200, schema: invoicePageSchema } },
  'admin-get-invoice': { summary: 'One invoice.', response: { status: 200, schema: invoiceSchema } },
  'admin-list-invoice-crypto-payments': { summary: 'An invoice’s crypto checkouts and their payments, as BTCPay holds them now.', response: { status: 200, schema: cryptoCheckoutListSchema } },
  'admin-void-invoice': { summary: 'Void an invoice issued in error.', response: { status: 200, schema: invoiceSchema } },
  'admin-record-payment': { summary: 'Record money received outside the system (bank transfer, cash, cheque) against an invoice; what is beyond the amount due becomes account credit. The same requestId twice records once.', body: recordPaymentBody, response: { status: 201, schema: invoiceSchema } },
  'admin-get-invoice-activity': { summary: 'What happened to an invoice (issued, viewed, paid, refunded, voided), who did it and when, oldest first.', response: { status: 200, schema: invoiceActivityListSchema } },
  'admin-get-invoice-pdf': { summary: 'Any invoice as the PDF its customer downloads.', response: { status: 200, schema: z.string(), contentType: 'application/pdf' } },
  'admin-get-dashboard': { summary: 'The staff dashboard: income this month and each of the 12 before by payment method, what is owed now aged by days past due, invoices whose automatic charge was declined or needs authentication or whose payment is pending, and how many customers’ email bounces. Money per currency; dates in the provider’s time zone.', response: { status: 200, schema: dashboardSchema } },
  'admin-get-report': { summary: 'A report over the dates `from` to `to` (both included, at most 731 days), by day or month, money per currency: `income` by payment method, `invoices-issued`, `credit` added and used by kind, `refunds` by method. `format=csv` downloads it as CSV (UTF-8 with a byte order mark, text cells safe from formula injection).', query: reportQuery, response: { status: 200, schema: reportSchema } },
  'list-announcements': { summary: 'The provider’s announcements, newest first.', query: announcementsQuery, response: { status: 200, schema: announcementPageSchema } },
  'admin-list-announcements': { summary: 'The announcements customers read, newest first.', query: announcementsQuery, response: { status: 200, schema: announcementPageSchema } },
  'admin-publish-announcement': { summary: 'Publish an announcement (a title, a short text and its date) to every customer.', body: publishAnnouncementBody, response: { status: 201, schema: announcementSchema } },
  'admin-withdraw-announcement': { summary: 'Withdraw an announcement: customers stop seeing it.', response: { status: 204 } },
  'admin-start-import': { summary: 'Check an export of a previous billing system (CSV or JSON, examples/import/README.md) whole: 422 `ImportRefusal` listing every problem with its line, nothing written; or the import job (the same file is the same job).', body: startImportBody, response: { status: 201, schema: importJobSchema } },
  'admin-get-import': { summary: 'An import’s progress.', response: { status: 200, schema: importJobSchema } },
  'admin-run-import': { summary: 'Write the next part of an import (about 15 s of work) and answer its progress; call again until `status` is done. Safe to repeat or run twice at once.', response: { status: 200, schema: importJobSchema } },
  'admin-send-import-invitations': { summary: 'Email the next batch of an import’s customers their invitation; call again while `remaining`.', response: { status: 200, schema: invitationsResultSchema } },
  'list-my-services': { summary: 'My services (hosting plans): their states, next due dates and the period the next invoice pays for.', response: { status: 200, schema: serviceListSchema } },
  'cancel-my-subscription': { summary: 'Cancel a service’s PayPal subscription: at PayPal first (502 and nothing changed if PayPal cannot be reached).', response: { status: 204 } },
  'cancel-my-service': { summary: 'Ask to end one of my services when the period paid for ends: no further invoice is issued.', response: { status: 200, schema: serviceSchema } },
  'keep-my-service': { summary: 'Take back “cancel at end of period” for one of my services, before its period ends: it goes on and is invoiced as before. 422 once the period has ended or the service is cancelled.', response: { status: 200, schema: serviceSchema } },
  'admin-create-service': { summary: 'Give a customer a service: its invoice is issued some days (SERVICE_INVOICE_DAYS_BEFORE) before each due date, for the period that starts then.', body: createServiceBody, response: { status: 201, schema: serviceSchema } },
  'admin-list-services': { summary: 'A customer’s services, cancelled ones included, oldest first.', response: { status: 200, schema: serviceListSchema } },
  'admin-update-service': { summary: 'Change a service’s name, price, cycle or next due date; invoices already issued keep what they say.', body: updateServiceBody, response: { status: 200, schema: serviceSchema } },
  'admin-cancel-service': { summary: 'End a service now, or at the end of the period paid for.', body: cancelServiceBody, response: { status: 200, schema: serviceSchema } },
  'admin-keep-service': { summary: 'Take back “cancel at period end” for a service, before its period ends: it goes on and is invoiced as before. 422 once the period has ended or the service is cancelled.', response: { status: 200, schema: serviceSchema } },
  'admin-list-events': { summary: 'The latest events published for the provider’s automation (invoice.paid, invoice.overdue, service.suspended, service.unsuspended), newest first.', response: { status: 200, schema: publishedEventListSchema } },
  'admin-refund-payment': { summary: 'Refund all or part of a payment: back to the card or PayPal through the processor, or to account credit. Never more than is left to refund; the same requestId twice refunds once. A paid invoice stays paid and shows what was refunded; an open one is owed the refunded part again. A refusal by the processor changes nothing (422, or 502 when it did not answer).', body: refundPaymentBody, response: { status: 201, schema: refundResultSchema } },
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const componentRef = (id: string) => `#/components/schemas/${id}`;

/** Every named schema, its references to the others as `$ref`s into `components.schemas`. */
function componentSchemas(): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(components, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any', uri: componentRef });
  // Each comes out as a document of its own; inside `components` they take the document's dialect and place.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]));
}

/** A response body's schema: a reference when it is one of the named components. */
function responseSchema(schema: z.ZodType) {
  const id = components.get(schema)?.id;
  return id ? { $ref: componentRef(id) } : jsonSchema(schema, 'output');
}

const ERRORS: Record<string, string> = {
  '400': 'Bad input; `field` names it.',
  '401': 'No token, or an expired one.',
  '403': 'A customer on a staff route.',
  '404': 'Not found, or not yours.',
  '409': 'Conflicts with the current state.',
  '422': 'A business rule forbids it.',
  '502': 'A provider failed; the message says what to do.',
};

function errorsOf(access: Access): Record<string, string> {
  if (access === 'webhook') return { '400': 'The signature is missing, wrong or too old.' };
  return access === 'public' ? {} : ERRORS;
}

export function buildOpenApiDocument(serverUrl = '/') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const op = operations[route.handler];
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1], in: 'path', required: true, schema: { type: 'string' },
    }));
    const queryParams = op.query
      ? Object.entries(op.query.shape).map(([name, schema]) => ({
        name, in: 'query', required: false, schema: jsonSchema(schema as z.ZodType, 'input'),
      }))
      : [];
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.handler,
      summary: op.summary,
      ...(route.access === 'public' || route.access === 'webhook' ? { security: [] } : {}),
      ...(route.access === 'admin' ? { description: 'Staff only (Cognito group `admin`).' } : {}),
      parameters: [...pathParams, ...queryParams],
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
      responses: {
        [op.response?.status ?? 200]: {
          description: 'Success',
          ...(op.response?.schema ? {
            content: { [op.response.contentType ?? 'application/json']: { schema: responseSchema(op.response.schema) } },
          } : {}),
        },
        ...Object.fromEntries(Object.entries(errorsOf(route.access)).map(([status, description]) => [status, {
          description, content: { 'application/json': { schema: { $ref: componentRef('Error') } } },
        }])),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Hosting billing API', version: '1.0.0', description: 'Amounts are integers in the currency’s minor unit.' },
    servers: [{ url: serverUrl }],
    components: {
      schemas: componentSchemas(),
      securitySchemes: { cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    security: [{ cognito: [] }],
    paths,
  };
}
