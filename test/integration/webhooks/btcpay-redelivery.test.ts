import { createHmac } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryBody } from '../../../local/btcpay-sandbox/index.js';
import { documentClient } from '../../support/dynamodb.js';
import { type CryptoSystem, deliver, eventsOf, openCryptoCheckout, startCryptoSystem, stateOf } from '../crypto/crypto-driver.js';

/**
 * R3, R4 and R6 for BTCPay: the events of a real payment on the sandbox's checkout are held back and
 * delivered by the test itself (or redelivered by the sandbox), as BTCPay delivers them: every
 * redelivery with a new delivery id, in any order, and forged ones among them.
 */
describe('BTCPay events delivered many times, in any order, or forged', () => {
  let s: CryptoSystem;

  beforeAll(async () => {
    s = await startCryptoSystem();
    s.system.btcpay.faults.holdWebhooks = true;
  }, 120_000);
  afterAll(() => s?.system.stop());
  afterEach(() => s.system.btcpay.setConfirmationSeconds(600));

  type Scenario = 'exact' | 'over' | 'under-expired' | 'invalid';
  /** A new invoice paid on the sandbox's checkout as the scenario says, all its events held back. */
  async function paidWithHeldEvents(scenario: Scenario, amountMinor = 4000) {
    const { invoice, btcpayId } = await openCryptoCheckout(s, amountMinor);
    const { btcpay } = s.system;
    if (scenario === 'exact') btcpay.pay(btcpayId);
    if (scenario === 'over') btcpay.pay(btcpayId, { amount: ((amountMinor + 1234) / 100).toFixed(2) });
    if (scenario === 'under-expired') {
      btcpay.pay(btcpayId, { amount: ((amountMinor - 1500) / 100).toFixed(2) });
      btcpay.expire(btcpayId);
    }
    if (scenario === 'invalid') {
      btcpay.pay(btcpayId);
      btcpay.failToConfirm(btcpayId);
    } else {
      btcpay.advanceClock(600_000);
    }
    return { invoice, btcpayId, events: eventsOf(s.system, btcpayId) };
  }

  it('R3: InvoiceSettled redelivered by BTCPay with 100 different delivery ids, and 20 at once, credits once', async () => {
    const { invoice, events } = await paidWithHeldEvents('over');
    const before = await stateOf(s, invoice.id);
    const settled = events.find((e) => e.type === 'InvoiceSettled')!;
    for (const event of events.filter((e) => e !== settled)) expect(await deliver(s.system, event, { redelivery: false })).toBe(200);
    // Its first deliveries all at once: one applies it; one that meets it being applied is told 503, which BTCPay redelivers.
    const first = await Promise.all(Array.from({ length: 20 }, () => deliver(s.system, settled)));
    expect(first.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(first).toContain(200);
    const once = await stateOf(s, invoice.id);

    const ids = new Set<string>();
    for (let i = 0; i < 100; i++) ids.add(s.system.btcpay.redeliver(settled.deliveryId)!);
    await s.system.btcpay.webhooksIdle();
    expect((await Promise.all(Array.from({ length: 20 }, () => deliver(s.system, settled)))).every((status) => status === 200)).toBe(true);
    const redeliveries = s.system.btcpay.deliveries().filter((d) => ids.has(d.deliveryId));
    const after = await stateOf(s, invoice.id);

    console.log(`R3 BTCPay: InvoiceSettled × 20 at once first (${first.filter((x) => x === 503).length} told 503 while it was applied), then × ${ids.size} delivery ids and 20 at once again → ${redeliveries.filter((d) => d.outcome === 200).length} answered 200; `
      + `payments on the invoice ${after.payments.length}, credit change ${after.creditBalance - before.creditBalance}, ledger entries +${after.ledgerEntries - before.ledgerEntries}`);
    expect(ids.size).toBe(100);
    expect(redeliveries.map((d) => d.outcome)).toEqual(Array(100).fill(200));
    expect(redeliveries.every((d) => d.originalDeliveryId === settled.deliveryId)).toBe(true);
    expect(once).toMatchObject({ status: 'paid', amountPaid: 4000, amountDue: 0, payments: ['crypto 5234/4000'] });
    expect(once.creditBalance - before.creditBalance).toBe(1234);
    expect(once.ledgerEntries - before.ledgerEntries).toBe(1);
    expect(after).toEqual(once);
    // The record of the applied event is kept without expiry, under the invoice and type (not the delivery id).
    const record = await documentClient(s.system.dynamoDbEndpoint).send(new GetCommand({
      TableName: s.system.tableName, Key: { PK: `EVENT#btcpay#${settled.invoiceId}:InvoiceSettled`, SK: 'EVENT' },
    }));
    expect(record.Item).toMatchObject({ outcome: 'applied' });
  });

  /** Every order of the distinct events; each order is delivered, then delivered again backwards (each event twice). */
  function orders(count: number): number[][] {
    const all: number[][] = [];
    const permute = (rest: number[], prefix: number[]) => {
      if (rest.length === 0) all.push(prefix);
      rest.forEach((x, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...prefix, x]));
    };
    permute([...Array(count).keys()], []);
    return all.map((order) => [...order, ...order.slice().reverse()]);
  }

  it.each(['exact', 'over', 'under-expired', 'invalid'] as const)(
    'R4 (%s): every order of the invoice’s events, each delivered twice, ends in the in-order state',
    async (scenario) => {
      const reference = await paidWithHeldEvents(scenario);
      const credit0 = (await stateOf(s, reference.invoice.id)).creditBalance;
      for (const event of reference.events) await deliver(s.system, event, { redelivery: false });
      const inOrderFull = await stateOf(s, reference.invoice.id);
      const inOrder = { ...inOrderFull, credit: inOrderFull.creditBalance - credit0 };
      const types = reference.events.map((e) => e.type);

      let matched = 0;
      const all = orders(reference.events.length);
      for (const order of all) {
        const run = await paidWithHeldEvents(scenario);
        expect(run.events.map((e) => e.type)).toEqual(types);
        const start = (await stateOf(s, run.invoice.id)).creditBalance;
        for (const index of order) expect(await deliver(s.system, run.events[index] as DeliveryBody)).toBe(200);
        const final = await stateOf(s, run.invoice.id);
        const same = final.status === inOrder.status && final.amountPaid === inOrder.amountPaid && final.paymentPending === inOrder.paymentPending
          && final.creditBalance - start === inOrder.credit && final.payments.join() === inOrder.payments.join();
        if (same) matched++;
      }
      console.log(`R4 BTCPay ${scenario}: ${matched}/${all.length} orders of [${types.join(', ')}] (each twice) ended in the in-order state `
        + `(${inOrder.status}, paid ${inOrder.amountPaid}, due ${inOrder.amountDue}, pending ${inOrder.paymentPending}, credit +${inOrder.credit})`);
      expect(matched).toBe(all.length);
    },
    120_000,
  );

  it('R4: the in-order states are the promised ones: paid; paid with the excess as credit; the rest due; unpaid with nothing recorded', async () => {
    const expected = {
      exact: { status: 'paid', amountPaid: 4000, amountDue: 0, paymentPending: false, payments: ['crypto 4000/4000'], credit: 0 },
      over: { status: 'paid', amountPaid: 4000, amountDue: 0, paymentPending: false, payments: ['crypto 5234/4000'], credit: 1234 },
      'under-expired': { status: 'open', amountPaid: 2500, amountDue: 1500, paymentPending: false, payments: ['crypto 2500/2500'], credit: 0 },
      invalid: { status: 'open', amountPaid: 0, amountDue: 4000, paymentPending: false, payments: [], credit: 0 },
    } as const;
    for (const [scenario, promised] of Object.entries(expected)) {
      const run = await paidWithHeldEvents(scenario as Scenario);
      const before = await stateOf(s, run.invoice.id);
      for (const event of run.events) await deliver(s.system, event, { redelivery: false });
      const after = await stateOf(s, run.invoice.id);
      expect({ ...after, credit: after.creditBalance - before.creditBalance }, scenario).toMatchObject(promised);
    }
  });

  describe('R6: forged deliveries', () => {
    const forgeries = (body: string): [string, { rawBody: string; signature: string | null }][] => [
      ['a wrong secret', { rawBody: body, signature: `sha256=${createHmac('sha256', 'not-the-secret').update(body).digest('hex')}` }],
      ['no BTCPay-Sig header', { rawBody: body, signature: null }],
      ['an empty header', { rawBody: body, signature: '' }],
      ['another algorithm', { rawBody: body, signature: s.system.btcpay.sign(body).replace('sha256=', 'sha512=') }],
      ...Array.from({ length: 40 }, (_, i) => {
        const at = Math.floor((i * (body.length - 1)) / 39);
        const changed = `${body.slice(0, at)}${String.fromCharCode(body.charCodeAt(at) ^ 0x01)}${body.slice(at + 1)}`;
        return [`byte ${at} changed`, { rawBody: changed, signature: s.system.btcpay.sign(body) }] as [string, { rawBody: string; signature: string | null }];
      }),
    ];

    it('a wrong HMAC, any one changed byte, a missing header: all refused with 400, and nothing changes', async () => {
      const run = await paidWithHeldEvents('over');
      const settled = run.events.find((e) => e.type === 'InvoiceSettled')!;
      const body = JSON.stringify(settled);
      const before = await stateOf(s, run.invoice.id);
      const attempts = forgeries(body);
      const statuses = await Promise.all(attempts.map(([, forged]) => deliver(s.system, settled, forged)));
      const refused = statuses.filter((status) => status === 400).length;
      console.log(`R6 BTCPay: ${refused}/${attempts.length} forged deliveries refused with 400 (wrong secret, no header, empty, other algorithm, 40 single-byte changes)`);
      expect(statuses).toEqual(Array(attempts.length).fill(400));
      expect(await stateOf(s, run.invoice.id)).toEqual(before);
      // The genuine delivery of the same body still applies: the refusals claimed nothing.
      expect(await deliver(s.system, settled, { rawBody: body })).toBe(200);
      expect(await stateOf(s, run.invoice.id)).toMatchObject({ status: 'paid', amountPaid: 4000 });
    });
  });
});
