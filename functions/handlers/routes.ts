/**
 * The HTTP API in one table. The CDK stack makes one Lambda function and one route per entry; the local
 * server mounts the same handler modules on the same paths. `access` says who may call a route:
 * `public` needs no token, `customer` needs a valid token of a user bound to a customer record, `admin`
 * needs a valid token whose user is in the Cognito group `admin`. `webhook` needs no token either: the
 * handler checks the provider's signature on the raw body.
 */
export type Access = 'public' | 'webhook' | 'customer' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/v1/invoices/{id}`. */
  readonly path: string;
  /** File name under functions/handlers/, without extension; it exports `handler`. */
  readonly handler: string;
  readonly access: Access;
}

export const routes = [
  { method: 'GET', path: '/openapi.json', handler: 'get-openapi', access: 'public' },
  { method: 'GET', path: '/v1/me', handler: 'get-me', access: 'customer' },
  { method: 'GET', path: '/v1/invoices', handler: 'list-invoices', access: 'customer' },
  { method: 'GET', path: '/v1/invoices/{id}', handler: 'get-invoice', access: 'customer' },
  { method: 'PATCH', path: '/v1/me', handler: 'update-me', access: 'customer' },
  { method: 'GET', path: '/v1/invoices/{id}/pdf', handler: 'get-invoice-pdf', access: 'customer' },
  { method: 'POST', path: '/v1/invoices/{id}/payments', handler: 'pay-invoice', access: 'customer' },
  { method: 'GET', path: '/v1/payment-methods', handler: 'list-payment-methods', access: 'customer' },
  { method: 'POST', path: '/v1/payment-methods', handler: 'add-payment-method', access: 'customer' },
  { method: 'DELETE', path: '/v1/payment-methods/{id}', handler: 'delete-payment-method', access: 'customer' },
  { method: 'POST', path: '/v1/admin/customers', handler: 'admin-create-customer', access: 'admin' },
  { method: 'GET', path: '/v1/admin/customers', handler: 'admin-list-customers', access: 'admin' },
  { method: 'GET', path: '/v1/admin/customers/{id}', handler: 'admin-get-customer', access: 'admin' },
  { method: 'POST', path: '/v1/admin/customers/{id}/invitation', handler: 'admin-resend-invitation', access: 'admin' },
  { method: 'POST', path: '/v1/admin/invoices', handler: 'admin-create-invoice', access: 'admin' },
  { method: 'GET', path: '/v1/admin/invoices', handler: 'admin-list-invoices', access: 'admin' },
  { method: 'GET', path: '/v1/admin/invoices/{id}', handler: 'admin-get-invoice', access: 'admin' },
  { method: 'POST', path: '/v1/admin/invoices/{id}/void', handler: 'admin-void-invoice', access: 'admin' },
  { method: 'POST', path: '/webhooks/stripe', handler: 'stripe-webhook', access: 'webhook' },
] as const satisfies readonly RouteDefinition[];

export type HandlerName = (typeof routes)[number]['handler'];
