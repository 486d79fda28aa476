import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { call, startSignedIn } from '../api/client.js';
import { type Flow, deliverPayPal, paypalPaymentWithHeldEvents } from './paypal-events.js';

/**
 * R3 and R4 for PayPal: the events of real PayPal payments (paid at once, pending then paid, pending
 * then denied) are held back at the sandbox and delivered by the test itself: 100 times in sequence
 * and 20 at once, and in every order with each event twice.
 */
describe('PayPal events delivered many times and in any order', () => {
  let system: LocalSystem;
  let tokens: { admin: string; customer: string; customerId: string };

  beforeAll(async () => {
    const started = await startSignedIn();
    system = started.system;
    tokens = { admin: started.admin, customer: started.alice, customerId: started.aliceId };
  }, 120_000);
  afterAll(() => system?.stop());

  const state = async (invoiceId: string) => {
    const invoice = (await call(system, 'GET', `/v1/invoices/${invoiceId}`, { token: tokens.customer })).body;
    const me = (await call(system, 'GET', '/v1/me', { token: tokens.customer })).body;
    return {
      status: invoice.status, amountPaid: invoice.amountPaid, paymentPending: invoice.paymentPending,
      payments: (invoice.payments as unknown[]).length, creditBalance: me.creditBalance,
    };
  };
  const apiCalls = () => system.paypal.requests().filter((r) => !r.endsWith('/oauth2/token')).length;

  it.each<[Flow, string]>([['paid', 'paid'], ['pending-then-paid', 'paid'], ['pending-then-denied', 'open']])(
    'R3 (%s): each event 100 times in sequence and 20 at once changes the invoice once, with at most one call to PayPal',
    async (flow, finalStatus) => {
      const { invoiceId, events } = await paypalPaymentWithHeldEvents(system, tokens, 2750, flow);
      const creditBefore = (await state(invoiceId)).creditBalance;
      const callsBefore = apiCalls();
      for (const event of events) {
        for (let i = 0; i < 100; i++) expect(await deliverPayPal(system, event)).toBe(200);
        const together = await Promise.all(Array.from({ length: 20 }, () => deliverPayPal(system, event)));
        // A delivery that meets another one mid-way is answered 409, so PayPal delivers it again.
        expect(together.every((s) => s === 200 || s === 409)).toBe(true);
      }
      const calls = apiCalls() - callsBefore;
      const after = await state(invoiceId);
      console.log(`R3 PayPal ${flow}: ${events.length} events × 120 deliveries → ${after.status}, amountPaid ${after.amountPaid}, payments ${after.payments}, credit change ${after.creditBalance - creditBefore}, PayPal API calls ${calls}`);
      expect(after).toEqual({
        status: finalStatus, amountPaid: finalStatus === 'paid' ? 2750 : 0, paymentPending: false,
        payments: finalStatus === 'paid' ? 1 : 0, creditBalance: creditBefore,
      });
      expect(calls).toBeLessThanOrEqual(1);
    },
    120_000,
  );

  it.each<Flow>(['paid', 'pending-then-paid', 'pending-then-denied'])(
    'R4 (%s): every order of the payment’s events, each delivered twice, ends in the in-order state',
    async (flow) => {
      const reference = await paypalPaymentWithHeldEvents(system, tokens, 1234, flow);
      for (const event of reference.events) expect(await deliverPayPal(system, event)).toBe(200);
      const { creditBalance: _credit, ...inOrder } = await state(reference.invoiceId);

      const orders: number[][] = [];
      const permute = (rest: number[], prefix: number[]) => {
        if (rest.length === 0) { orders.push(prefix); return; }
        rest.forEach((x, i) => { if (rest.indexOf(x) === i) permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...prefix, x]); });
      };
      permute([...reference.events.keys(), ...reference.events.keys()], []);
      let matched = 0;
      for (const order of orders) {
        const run = await paypalPaymentWithHeldEvents(system, tokens, 1234, flow);
        const creditBefore = (await state(run.invoiceId)).creditBalance;
        for (const index of order) expect(await deliverPayPal(system, run.events[index]!)).toBe(200);
        const { creditBalance, ...final } = await state(run.invoiceId);
        if (JSON.stringify(final) === JSON.stringify(inOrder) && creditBalance === creditBefore) matched++;
      }
      console.log(`R4 PayPal ${flow}: ${matched}/${orders.length} orders of ${reference.events.length} events (each twice) ended in the in-order state ${JSON.stringify(inOrder)}`);
      expect(matched).toBe(orders.length);
    },
    300_000,
  );
});
