import { PayPalCheckout } from '../../../functions/adapters/paypal/paypal-checkout.js';
import { PayPalClients } from '../../../functions/adapters/paypal/paypal-client.js';
import type { LocalSystem } from '../../../local/system.js';
import { call } from '../api/client.js';
import { type Decision, decide } from '../paypal/approval-driver.js';

/** How a test's PayPal payment goes after the buyer approves. */
export type Flow = 'paid' | 'pending-then-paid' | 'pending-then-denied';

/**
 * A fresh invoice whose PayPal payment really happened at the local sandbox, with every webhook held
 * back: the buyer approved, the order was captured (by this test, under the request id our adapter
 * uses, as if our capture's answer had been lost), and a pending capture settled. Returns the raw
 * events, for the test to deliver itself, signed afresh each time as PayPal signs each delivery.
 */
export async function paypalPaymentWithHeldEvents(
  system: LocalSystem, tokens: { admin: string; customer: string; customerId: string }, amount: number, flow: Flow,
): Promise<{ invoiceId: string; events: string[] }> {
  const { body: invoice } = await call(system, 'POST', '/v1/admin/invoices', {
    token: tokens.admin, body: { customerId: tokens.customerId, dueDate: '2031-01-31', lines: [{ description: 'Shared hosting', quantity: 1, unitAmount: amount }] },
  });
  system.paypal.faults.holdWebhooks = true;
  const before = system.paypal.events().length;
  const started = await call(system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: tokens.customer, body: { method: 'paypal' } });
  const decision: Decision = flow === 'paid' ? 'approve' : 'pending';
  await decide(started.body.redirectUrl, decision);
  const orderId = new URL(started.body.redirectUrl).searchParams.get('token')!;
  const captured = await checkoutOf(system).capture(orderId);
  if (flow !== 'paid' && captured.status === 'pending') {
    system.paypal.settleCapture(captured.paymentId, flow === 'pending-then-paid' ? 'COMPLETED' : 'DECLINED');
  }
  const events = system.paypal.events().slice(before).map((e) => JSON.stringify(e));
  return { invoiceId: invoice.id as string, events };
}

/** The adapter on the local system's own PayPal app, as the functions build it. */
export function checkoutOf(system: LocalSystem): PayPalCheckout {
  const credentials = {
    clientId: process.env['PAYPAL_CLIENT_ID']!, clientSecret: process.env['PAYPAL_CLIENT_SECRET']!, webhookId: process.env['PAYPAL_WEBHOOK_ID']!, environment: 'sandbox' as const,
  };
  return new PayPalCheckout(new PayPalClients(async () => credentials, { baseUrl: system.paypal.url }));
}

/** Delivers one raw event to the billing system, signed as PayPal signs it (at `at`, default now). */
export async function deliverPayPal(system: LocalSystem, rawEvent: string, options: { at?: Date; headers?: Record<string, string>; body?: string } = {}): Promise<number> {
  const headers = { ...system.paypal.signDelivery(rawEvent, options.at ? { transmissionTime: options.at } : {}), ...options.headers };
  const response = await fetch(`${system.url}/webhooks/paypal`, { method: 'POST', headers, body: options.body ?? rawEvent });
  await response.arrayBuffer();
  return response.status;
}
