import { randomBytes } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryBody } from '../../../local/btcpay-sandbox/index.js';
import type { LocalSystem } from '../../../local/system.js';
import { documentClient } from '../../support/dynamodb.js';
import { days, seedCustomer } from '../../support/seeded-customer.js';
import { call, signIn, startSignedIn } from '../api/client.js';

/**
 * The whole local system with one established customer (120 days old, 2 invoices paid by card), and
 * the moves a crypto test makes: open a crypto checkout for a new invoice, drive BTCPay's sandbox as
 * the customer's wallet would, deliver BTCPay events by hand (signed as BTCPay signs them), and read
 * what the customer and the books say.
 */
export async function startCryptoSystem() {
  const { system, admin } = await startSignedIn();
  const seeded = await seedCustomer(system, { ageMs: days(120), paidBy: ['card', 'card'] });
  const token = await signIn(system, seeded.email, seeded.password);
  return { system, admin, customerId: seeded.customerId, token };
}

export type CryptoSystem = Awaited<ReturnType<typeof startCryptoSystem>>;

/**
 * A new invoice for the customer, and the crypto checkout opened for it through the API. Credit left
 * by an earlier test (an overpayment) would pay the new invoice at issue, so staff remove it first.
 */
export async function openCryptoCheckout(s: CryptoSystem, amountMinor: number, body: Record<string, unknown> = {}) {
  const { body: me } = await call(s.system, 'GET', '/v1/me', { token: s.token });
  if (me.creditBalance > 0) {
    const removed = await call(s.system, 'POST', `/v1/admin/customers/${s.customerId}/credit`, {
      token: s.admin, body: { amount: -me.creditBalance, reason: 'Test: start the next payment without credit' },
    });
    if (removed.status >= 300) throw new Error(`credit not removed: ${removed.status} ${JSON.stringify(removed.body)}`);
  }
  const { body: invoice } = await call(s.system, 'POST', '/v1/admin/invoices', {
    token: s.admin, body: { customerId: s.customerId, dueDate: '2031-01-31', lines: [{ description: 'Dedicated server', quantity: 1, unitAmount: amountMinor }] },
  });
  const paid = await call(s.system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: s.token, body: { method: 'crypto', ...body } });
  if (paid.status !== 200 || paid.body.status !== 'redirect') throw new Error(`crypto checkout not opened: ${paid.status} ${JSON.stringify(paid.body)}`);
  const redirectUrl = paid.body.redirectUrl as string;
  return { invoice: invoice as { id: string; number: number; total: number }, redirectUrl, btcpayId: redirectUrl.split('/').at(-1)! };
}

/** The allow-listed BTCPay events of one BTCPay invoice, as first delivered (or held), oldest first. */
export function eventsOf(system: LocalSystem, btcpayId: string): DeliveryBody[] {
  const handled = new Set(['InvoiceReceivedPayment', 'InvoiceProcessing', 'InvoicePaymentSettled', 'InvoiceSettled', 'InvoiceExpired', 'InvoiceInvalid']);
  return system.btcpay.deliveryBodies().filter((body) => body.invoiceId === btcpayId && handled.has(body.type));
}

/**
 * Delivers a BTCPay event to POST /webhooks/btcpay as BTCPay would redeliver it: a new delivery id,
 * the first one's as `originalDeliveryId`, signed afresh. `signature` replaces the header (or drops it).
 */
export async function deliver(
  system: LocalSystem,
  event: DeliveryBody,
  options: { redelivery?: boolean; rawBody?: string; signature?: string | null } = {},
): Promise<number> {
  const body = options.rawBody ?? JSON.stringify(options.redelivery === false ? event : {
    ...event, deliveryId: randomBytes(16).toString('base64url'), originalDeliveryId: event['originalDeliveryId'] ?? event.deliveryId, isRedelivery: true,
  });
  const signature = options.signature === undefined ? system.btcpay.sign(body) : options.signature;
  const response = await fetch(`${system.url}/webhooks/btcpay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'btcpay-sig': signature }) },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/** What the customer and the books say about an invoice. */
export async function stateOf(s: CryptoSystem, invoiceId: string) {
  const { body: invoice } = await call(s.system, 'GET', `/v1/invoices/${invoiceId}`, { token: s.token });
  const { body: me } = await call(s.system, 'GET', '/v1/me', { token: s.token });
  const { Items = [] } = await documentClient(s.system.dynamoDbEndpoint).send(new QueryCommand({
    TableName: s.system.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :ledger)',
    ExpressionAttributeValues: { ':pk': `CUSTOMER#${s.customerId}`, ':ledger': 'LEDGER#' }, ConsistentRead: true,
  }));
  return {
    status: invoice.status as string,
    amountPaid: invoice.amountPaid as number,
    amountDue: invoice.amountDue as number,
    paymentPending: invoice.paymentPending as boolean,
    payments: (invoice.payments as { method: string; amount: number; appliedToInvoice: number }[]).map((p) => `${p.method} ${p.amount}/${p.appliedToInvoice}`),
    creditBalance: me.creditBalance as number,
    ledgerEntries: Items.length,
  };
}
