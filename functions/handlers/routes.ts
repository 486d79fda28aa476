/**
 * The HTTP API in one table. The CDK stack makes one Lambda function and one route per entry, and
 * grants and configures each function from its entry alone; the local server mounts the same handler
 * modules on the same paths.
 *
 * - `access`: who may call. `public` needs no token; `customer` a valid token of a user bound to a
 *   customer record; `admin` a valid token whose user is in the Cognito group `admin`; `webhook` no
 *   token either: the handler checks the provider's signature on the raw body.
 * - `table`: the DynamoDB actions the handler's use cases call. `read` = GetItem, Query and
 *   ConditionCheckItem (TransactGetItems is authorised as GetItem); `write` adds PutItem, UpdateItem and
 *   DeleteItem (TransactWriteItems is authorised per item as those). Judge by what the use cases do,
 *   not by the HTTP method: a GET that records something needs `write`.
 * - `needs`: what else the function reaches; each is one `bind*` on its construct (lib/api.ts).
 * - `timeout`: seconds, from `timeouts` below.
 *
 * One route per line, so that routes added on two branches merge without conflict.
 */
export type Access = 'public' | 'webhook' | 'customer' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export type TableAccess = 'none' | 'read' | 'write';
/**
 * `stripeSecret`: reads the Stripe keys from Secrets Manager (STRIPE_SECRET_ARN).
 * `paypalSecret`: reads the PayPal credentials and webhook id from Secrets Manager (PAYPAL_SECRET_ARN).
 * `btcpaySecret`: reads the BTCPay keys from Secrets Manager (BTCPAY_SECRET_ARN), and is told the
 *   BTCPay Server (BTCPAY_URL) and who may pay by crypto (CRYPTO_MIN_ACCOUNT_AGE_DAYS,
 *   CRYPTO_MIN_PAID_INVOICES). Every function that may open, close or read a crypto checkout.
 * `userPool`: creates, reads, re-invites and deletes Cognito users (USER_POOL_ID).
 * `userInvitations`: only sends a user's invitation again (AdminCreateUser RESEND; USER_POOL_ID).
 * `userSignIn`: only turns a user's sign-in off or on (AdminDisableUser, AdminEnableUser; USER_POOL_ID).
 * `userLookup`: only reads a user (AdminGetUser; USER_POOL_ID), to name staff in an audit trail.
 * `invoiceFonts`: the fonts the invoice PDF embeds, copied into the function's bundle.
 */
export type Need = 'stripeSecret' | 'paypalSecret' | 'btcpaySecret' | 'userPool' | 'userInvitations' | 'userSignIn' | 'userLookup' | 'invoiceFonts';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/v1/invoices/{id}`. */
  readonly path: string;
  /** File name under functions/handlers/, without extension; it exports `handler`. */
  readonly handler: string;
  readonly access: Access;
  readonly table: TableAccess;
  readonly needs: readonly Need[];
  /** The function's timeout in seconds: at most 29, because API Gateway answers 503 after 30. */
  readonly timeout: number;
}

/**
 * The Stripe client's budget inside an API function: each request gets `timeoutMs`, and is tried
 * `maxNetworkRetries + 1` times, with stripe-node's back-off of 0.5 s before the retry. Worst case
 * for one call: 2 × 6 s + 0.5 s = 12.5 s. (Outside the API, where no one waits on an HTTP answer, the
 * client may take 8 s × 3 attempts + 1.5 s of back-off = 25.5 s a call.)
 */
export const stripeClientForApi = { timeoutMs: 6_000, maxNetworkRetries: 1 } as const;

/**
 * The BTCPay client's budget inside an API function: each Greenfield request gets `timeoutMs` and is
 * tried once (BTCPay has no idempotency keys, and a webhook that fails is redelivered by BTCPay).
 */
export const btcpayClientForApi = { timeoutMs: 4_000 } as const;

/**
 * Function timeouts, each covering the worst case of the clients its handler calls, so a client gives
 * up (and the handler answers 502 with a message) before Lambda kills the function mid-way.
 */
export const timeouts = {
  /** DynamoDB and Cognito calls only; the SDK's own retries take well under this. */
  aws: 10,
  /** The dashboard and reports: DynamoDB only, but up to 50,000 items read a page (1 MB) at a time. */
  figures: 29,
  /** At most two Stripe calls one after the other (ensure the customer, open the card page): 2 × 12.5 s, plus the table. */
  stripe: 29,
  /**
   * Invoice numbering waits its turn for up to 25 s (DynamoInvoiceRepository.createNumbered), plus
   * the customer read before it and one last claim after; API Gateway's 30 s is the ceiling.
   */
  invoiceNumber: 29,
  /** At most three BTCPay requests one after the other (the accepted list, its staff view): 3 × 4 s, plus the table. */
  btcpay: 20,
} as const;

const { aws, stripe, invoiceNumber, btcpay, figures } = timeouts;

export const routes = [
  { method: 'GET', path: '/openapi.json', handler: 'get-openapi', access: 'public', table: 'none', needs: [], timeout: aws },
  { method: 'GET', path: '/v1/me', handler: 'get-me', access: 'customer', table: 'read', needs: [], timeout: aws },
  { method: 'GET', path: '/v1/invoices', handler: 'list-invoices', access: 'customer', table: 'read', needs: [], timeout: aws },
  // Writes: the invoice's activity log records the customer's view (at most once an hour).
  { method: 'GET', path: '/v1/invoices/{id}', handler: 'get-invoice', access: 'customer', table: 'write', needs: [], timeout: aws },
  { method: 'PATCH', path: '/v1/me', handler: 'update-me', access: 'customer', table: 'write', needs: [], timeout: aws },
  { method: 'GET', path: '/v1/invoices/{id}/pdf', handler: 'get-invoice-pdf', access: 'customer', table: 'read', needs: ['invoiceFonts'], timeout: aws },
  { method: 'POST', path: '/v1/invoices/{id}/payments', handler: 'pay-invoice', access: 'customer', table: 'write', needs: ['stripeSecret', 'paypalSecret', 'btcpaySecret'], timeout: stripe },
  { method: 'GET', path: '/v1/crypto/currencies', handler: 'list-crypto-currencies', access: 'customer', table: 'read', needs: ['btcpaySecret'], timeout: btcpay },
  { method: 'GET', path: '/v1/payment-methods', handler: 'list-payment-methods', access: 'customer', table: 'read', needs: [], timeout: aws },
  { method: 'POST', path: '/v1/payment-methods', handler: 'add-payment-method', access: 'customer', table: 'write', needs: ['stripeSecret'], timeout: stripe },
  { method: 'DELETE', path: '/v1/payment-methods/{id}', handler: 'delete-payment-method', access: 'customer', table: 'write', needs: ['stripeSecret'], timeout: stripe },
  { method: 'GET', path: '/v1/funds', handler: 'get-funds-options', access: 'customer', table: 'read', needs: ['stripeSecret', 'paypalSecret', 'btcpaySecret'], timeout: stripe },
  { method: 'POST', path: '/v1/funds', handler: 'add-funds', access: 'customer', table: 'write', needs: ['stripeSecret', 'paypalSecret', 'btcpaySecret'], timeout: stripe },
  { method: 'POST', path: '/v1/payments', handler: 'pay-invoices-together', access: 'customer', table: 'write', needs: ['stripeSecret', 'paypalSecret', 'btcpaySecret'], timeout: stripe },
  { method: 'GET', path: '/v1/ledger', handler: 'get-statement', access: 'customer', table: 'read', needs: [], timeout: aws },
  { method: 'GET', path: '/v1/ledger.csv', handler: 'get-statement-csv', access: 'customer', table: 'read', needs: [], timeout: aws },
  { method: 'POST', path: '/v1/admin/customers/{id}/credit', handler: 'admin-adjust-credit', access: 'admin', table: 'write', needs: ['userLookup'], timeout: aws },
  { method: 'GET', path: '/v1/admin/customers/{id}/ledger', handler: 'admin-get-customer-ledger', access: 'admin', table: 'read', needs: [], timeout: aws },
  { method: 'POST', path: '/v1/admin/customers', handler: 'admin-create-customer', access: 'admin', table: 'write', needs: ['userPool'], timeout: aws },
  { method: 'GET', path: '/v1/admin/customers', handler: 'admin-list-customers', access: 'admin', table: 'read', needs: [], timeout: aws },
  { method: 'GET', path: '/v1/admin/customers/{id}', handler: 'admin-get-customer', access: 'admin', table: 'read', needs: [], timeout: aws },
  { method: 'PATCH', path: '/v1/admin/customers/{id}', handler: 'admin-update-customer', access: 'admin', table: 'write', needs: [], timeout: aws },
  { method: 'POST', path: '/v1/admin/customers/{id}/sign-in', handler: 'admin-set-customer-sign-in', access: 'admin', table: 'write', needs: ['userSignIn'], timeout: aws },
  { method: 'POST', path: '/v1/admin/customers/{id}/invitation', handler: 'admin-resend-invitation', access: 'admin', table: 'read', needs: ['userInvitations'], timeout: aws },
  { method: 'GET', path: '/v1/services', handler: 'list-my-services', access: 'customer', table: 'read', needs: [], timeout: aws },
  { method: 'POST', path: '/v1/services/{id}/cancel', handler: 'cancel-my-service', access: 'customer', table: 'write', needs: ['paypalSecret'], timeout: stripe },
  { method: 'DELETE', path: '/v1/subscriptions/{id}', handler: 'cancel-my-subscription', access: 'customer', table: 'write', needs: ['paypalSecret'], timeout: stripe },
  { method: 'POST', path: '/v1/services/{id}/keep', handler: 'keep-my-service', access: 'customer', table: 'write', needs: [], timeout: aws },
  { method: 'POST', path: '/v1/admin/customers/{id}/services', handler: 'admin-create-service', access: 'admin', table: 'write', needs: [], timeout: aws },
  { method: 'GET', path: '/v1/admin/customers/{id}/services', handler: 'admin-list-services', access: 'admin', table: 'read', needs: [], timeout: aws },
  { method: 'PATCH', path: '/v1/admin/customers/{id}/services/{serviceId}', handler: 'admin-update-service', access: 'admin', table: 'write', needs: [], timeout: aws },
  { method: 'POST', path: '/v1/admin/customers/{id}/services/{serviceId}/cancel', handler: 'admin-cancel-service', access: 'admin', table: 'write', needs: ['paypalSecret'], timeout: stripe },
  { method: 'POST', path: '/v1/admin/customers/{id}/services/{serviceId}/keep', handler: 'admin-keep-service', access: 'admin', table: 'write', needs: [], timeout: aws },
  { method: 'GET', path: '/v1/admin/events', handler: 'admin-list-events', access: 'admin', table: 'read', needs: [], timeout: aws },
  { method: 'POST', path: '/v1/admin/invoices', handler: 'admin-create-invoice', access: 'admin', table: 'write', needs: ['userLookup'], timeout: invoiceNumber },
  { method: 'GET', path: '/v1/admin/invoices', handler: 'admin-list-invoices', access: 'admin', table: 'read', needs: [], timeout: aws },
  { method: 'GET', path: '/v1/admin/invoices/{id}', handler: 'admin-get-invoice', access: 'admin', table: 'read', needs: [], timeout: aws },
  { method: 'GET', path: '/v1/admin/invoices/{id}/crypto-payments', handler: 'admin-list-invoice-crypto-payments', access: 'admin', table: 'read', needs: ['btcpaySecret'], timeout: btcpay },
  { method: 'POST', path: '/v1/admin/invoices/{id}/void', handler: 'admin-void-invoice', access: 'admin', table: 'write', needs: ['stripeSecret', 'paypalSecret', 'btcpaySecret', 'userLookup'], timeout: stripe },
  { method: 'POST', path: '/v1/admin/invoices/{id}/payments', handler: 'admin-record-payment', access: 'admin', table: 'write', needs: ['userLookup'], timeout: aws },
  { method: 'GET', path: '/v1/admin/invoices/{id}/activity', handler: 'admin-get-invoice-activity', access: 'admin', table: 'read', needs: [], timeout: aws },
  { method: 'GET', path: '/v1/admin/invoices/{id}/pdf', handler: 'admin-get-invoice-pdf', access: 'admin', table: 'read', needs: ['invoiceFonts'], timeout: aws },
  { method: 'GET', path: '/v1/admin/dashboard', handler: 'admin-get-dashboard', access: 'admin', table: 'read', needs: [], timeout: figures },
  { method: 'GET', path: '/v1/admin/reports/{report}', handler: 'admin-get-report', access: 'admin', table: 'read', needs: [], timeout: figures },
  { method: 'POST', path: '/v1/admin/payments/{method}/{externalId}/refunds', handler: 'admin-refund-payment', access: 'admin', table: 'write', needs: ['stripeSecret', 'paypalSecret', 'userLookup'], timeout: stripe },
  { method: 'GET', path: '/v1/announcements', handler: 'list-announcements', access: 'customer', table: 'read', needs: [], timeout: aws },
  { method: 'GET', path: '/v1/admin/announcements', handler: 'admin-list-announcements', access: 'admin', table: 'read', needs: [], timeout: aws },
  { method: 'POST', path: '/v1/admin/announcements', handler: 'admin-publish-announcement', access: 'admin', table: 'write', needs: [], timeout: aws },
  { method: 'DELETE', path: '/v1/admin/announcements/{id}', handler: 'admin-withdraw-announcement', access: 'admin', table: 'write', needs: [], timeout: aws },
  { method: 'POST', path: '/v1/admin/import', handler: 'admin-start-import', access: 'admin', table: 'write', needs: [], timeout: aws },
  { method: 'GET', path: '/v1/admin/import/{id}', handler: 'admin-get-import', access: 'admin', table: 'read', needs: [], timeout: aws },
  // Writes for up to 15 s (admin-run-import.ts), then answers the progress; the page calls again.
  { method: 'POST', path: '/v1/admin/import/{id}/run', handler: 'admin-run-import', access: 'admin', table: 'write', needs: [], timeout: 29 },
  { method: 'POST', path: '/v1/admin/import/{id}/invitations', handler: 'admin-send-import-invitations', access: 'admin', table: 'write', needs: ['userPool'], timeout: 29 },
  { method: 'POST', path: '/webhooks/stripe', handler: 'stripe-webhook', access: 'webhook', table: 'write', needs: ['stripeSecret', 'paypalSecret', 'btcpaySecret'], timeout: stripe },
  { method: 'POST', path: '/webhooks/paypal', handler: 'paypal-webhook', access: 'webhook', table: 'write', needs: ['stripeSecret', 'paypalSecret', 'btcpaySecret'], timeout: stripe },
  { method: 'POST', path: '/webhooks/btcpay', handler: 'btcpay-webhook', access: 'webhook', table: 'write', needs: ['stripeSecret', 'paypalSecret', 'btcpaySecret'], timeout: stripe },
] as const satisfies readonly RouteDefinition[];

export type HandlerName = (typeof routes)[number]['handler'];
