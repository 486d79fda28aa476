import * as z from 'zod';
import { type HandlerName, routes } from '../routes.js';
import {
  createCustomerBody, createInvoiceBody, customerSchema, customersQuery, errorSchema, invitationSchema, invoiceSchema, invoicesQuery,
  myInvoicesQuery, pageOf, payInvoiceBody, paymentResultSchema, redirectSchema, savedCardSchema, updateMeBody,
} from './schemas.js';

interface Operation {
  summary: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: { status: number; schema: z.ZodType; contentType?: string };
}

/** What each route takes and gives, from the same zod schemas the handlers validate with. */
const operations: Record<HandlerName, Operation> = {
  'get-openapi': { summary: 'This document.' },
  'get-me': { summary: 'The signed-in customer’s account.', response: { status: 200, schema: customerSchema } },
  'list-invoices': { summary: 'My invoices, newest first.', query: myInvoicesQuery, response: { status: 200, schema: pageOf(invoiceSchema) } },
  'get-invoice': { summary: 'One of my invoices.', response: { status: 200, schema: invoiceSchema } },
  'update-me': { summary: 'Turn automatic card billing on or off; choose the default card.', body: updateMeBody, response: { status: 200, schema: customerSchema } },
  'pay-invoice': { summary: 'Pay an invoice: charge a saved card, or get the card page to go to.', body: payInvoiceBody, response: { status: 200, schema: paymentResultSchema } },
  'list-payment-methods': { summary: 'My saved cards.', response: { status: 200, schema: z.object({ items: z.array(savedCardSchema) }) } },
  'add-payment-method': { summary: 'Save a card without paying: returns the card page to go to.', response: { status: 201, schema: redirectSchema } },
  'delete-payment-method': { summary: 'Delete a saved card, at the card processor first.', response: { status: 204, schema: z.null() } },
  'stripe-webhook': { summary: 'Stripe events, verified by their signature.', response: { status: 200, schema: z.object({ received: z.boolean() }) } },
  'get-invoice-pdf': { summary: 'One of my invoices as a PDF.', response: { status: 200, schema: z.string(), contentType: 'application/pdf' } },
  'admin-create-customer': { summary: 'Add a customer and invite them by email.', body: createCustomerBody, response: { status: 201, schema: customerSchema } },
  'admin-list-customers': { summary: 'Customers, newest first.', query: customersQuery, response: { status: 200, schema: pageOf(customerSchema) } },
  'admin-get-customer': { summary: 'One customer.', response: { status: 200, schema: customerSchema } },
  'admin-resend-invitation': { summary: 'Email the customer a new invitation (the first one’s temporary password may have expired).', response: { status: 202, schema: invitationSchema } },
  'admin-create-invoice': { summary: 'Issue an invoice.', body: createInvoiceBody, response: { status: 201, schema: invoiceSchema } },
  'admin-list-invoices': { summary: 'All invoices, newest first.', query: invoicesQuery, response: { status: 200, schema: pageOf(invoiceSchema) } },
  'admin-get-invoice': { summary: 'One invoice.', response: { status: 200, schema: invoiceSchema } },
  'admin-void-invoice': { summary: 'Void an invoice issued in error.', response: { status: 200, schema: invoiceSchema } },
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const ERRORS: Record<string, string> = {
  '400': 'Bad input; `field` names it.',
  '401': 'No token, or an expired one.',
  '403': 'A customer on a staff route.',
  '404': 'Not found, or not yours.',
  '409': 'Conflicts with the current state.',
  '422': 'A business rule forbids it.',
  '502': 'A provider failed; the message says what to do.',
};

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
          ...(op.response ? {
            content: { [op.response.contentType ?? 'application/json']: { schema: jsonSchema(op.response.schema, 'output') } },
          } : {}),
        },
        ...(route.access === 'public' || route.access === 'webhook' ? {} : Object.fromEntries(Object.entries(ERRORS).map(([status, description]) => [status, {
          description, content: { 'application/json': { schema: jsonSchema(errorSchema, 'output') } },
        }]))),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Hosting billing API', version: '1.0.0', description: 'Amounts are integers in the currency’s minor unit.' },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ cognito: [] }],
    paths,
  };
}
