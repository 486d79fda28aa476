/**
 * The HTTP API in one table. The CDK stack makes one Lambda function and one route per entry; the local
 * server mounts the same handler modules on the same paths. `access` says who may call a route:
 * `public` needs no token, `customer` needs a valid token of a user bound to a customer record, `admin`
 * needs a valid token whose user is in the Cognito group `admin`.
 */
export type Access = 'public' | 'customer' | 'admin';
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
  { method: 'GET', path: '/v1/invoices/{id}/pdf', handler: 'get-invoice-pdf', access: 'customer' },
  { method: 'POST', path: '/v1/admin/customers', handler: 'admin-create-customer', access: 'admin' },
  { method: 'GET', path: '/v1/admin/customers', handler: 'admin-list-customers', access: 'admin' },
  { method: 'GET', path: '/v1/admin/customers/{id}', handler: 'admin-get-customer', access: 'admin' },
  { method: 'POST', path: '/v1/admin/invoices', handler: 'admin-create-invoice', access: 'admin' },
  { method: 'GET', path: '/v1/admin/invoices', handler: 'admin-list-invoices', access: 'admin' },
  { method: 'GET', path: '/v1/admin/invoices/{id}', handler: 'admin-get-invoice', access: 'admin' },
  { method: 'POST', path: '/v1/admin/invoices/{id}/void', handler: 'admin-void-invoice', access: 'admin' },
] as const satisfies readonly RouteDefinition[];

export type HandlerName = (typeof routes)[number]['handler'];
