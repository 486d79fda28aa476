import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NO_LOAD, RateLimiter } from '../../../local/stripe-sandbox/load.js';
import { SANDBOX_KEY, startSandboxTarget, uniqueId, type SandboxTarget } from './stripe-target.js';

/**
 * The sandbox under load behaves as live Stripe does (docs.stripe.com/rate-limits): a global rate
 * limit answered with 429 before the request does anything, and a charge that takes its time at the
 * bank. Off unless set.
 */
describe('Stripe sandbox under load', () => {
  let t: SandboxTarget;
  beforeAll(async () => {
    t = await startSandboxTarget();
  });
  afterAll(() => t.stop());
  afterEach(() => Object.assign(t.sandbox.load, NO_LOAD));

  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${t.sandbox.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SANDBOX_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });

  async function savedVisa() {
    const customer = (await (await post('/v1/customers', {})).json()) as { id: string };
    const card = (await (await post('/v1/payment_methods/pm_card_visa/attach', { customer: customer.id })).json()) as { id: string };
    return { customer: customer.id, card: card.id };
  }

  const charge = (saved: { customer: string; card: string }, invoiceId: string) => ({
    amount: '1000', currency: 'usd', customer: saved.customer, payment_method: saved.card, off_session: 'true', confirm: 'true',
    'metadata[invoiceId]': invoiceId,
  });

  it('is off by default: a quick run of requests all pass', async () => {
    expect(t.sandbox.load).toEqual({ rateLimitPerSecond: 0, chargeLatencyMs: 0 });
    const statuses = await Promise.all(Array.from({ length: 30 }, async () => (await post('/v1/customers', {})).status));
    expect(statuses.every((status) => status === 200)).toBe(true);
  });

  it('refuses requests above the rate limit with 429 as Stripe does, and saves nothing for their idempotency keys', async () => {
    const saved = await savedVisa();
    const invoices = Array.from({ length: 6 }, () => uniqueId('inv'));
    const refusedBefore = t.sandbox.rateLimitedRequests();
    // 2 a second: a burst of 2 passes; a third token takes 500 ms to come.
    t.sandbox.load.rateLimitPerSecond = 2;

    const answers = await Promise.all(invoices.map(async (invoiceId) => {
      const response = await post('/v1/payment_intents', charge(saved, invoiceId), { 'Idempotency-Key': `key-${invoiceId}` });
      return { invoiceId, response, body: await response.json() };
    }));

    const refused = answers.filter((a) => a.response.status === 429);
    expect(answers.filter((a) => a.response.status === 200)).toHaveLength(2);
    expect(refused).toHaveLength(4);
    expect(t.sandbox.rateLimitedRequests() - refusedBefore).toBe(4);
    for (const { response, body, invoiceId } of refused) {
      expect(body).toEqual({ error: { type: 'invalid_request_error', code: 'rate_limit', message: expect.any(String) } });
      expect(response.headers.get('stripe-rate-limited-reason')).toBe('global-rate');
      expect(response.headers.get('retry-after')).toBeNull();
      expect(response.headers.get('stripe-should-retry')).toBeNull();
      expect(t.sandbox.captureCount(invoiceId)).toBe(0);
    }

    // Once a token is back, the refused key runs afresh: a new charge, not a replayed 429.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const again = await post('/v1/payment_intents', charge(saved, refused[0]!.invoiceId), { 'Idempotency-Key': `key-${refused[0]!.invoiceId}` });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(await again.json()).toMatchObject({ object: 'payment_intent', status: 'succeeded' });
    expect(t.sandbox.captureCount(refused[0]!.invoiceId)).toBe(1);
  });

  it('makes a charge take its time at the bank when asked', async () => {
    const saved = await savedVisa();
    t.sandbox.load.chargeLatencyMs = 300;
    const started = performance.now();
    const response = await post('/v1/payment_intents', charge(saved, uniqueId('inv')), { 'Idempotency-Key': uniqueId('key') });
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  });
});

describe('the sandbox rate limiter (a token bucket)', () => {
  it('lets a burst of one second through, then the rate, and takes no token for a refusal', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    const burst = Array.from({ length: 150 }, () => limiter.take(100));
    expect(burst.filter(Boolean)).toHaveLength(100);

    // 10 ms later, one token; refusals in between did not use it up.
    now += 10;
    expect([limiter.take(100), limiter.take(100)]).toEqual([true, false]);

    // A second later (and more), never more than a second's worth.
    now += 5_000;
    expect(Array.from({ length: 150 }, () => limiter.take(100)).filter(Boolean)).toHaveLength(100);
  });

  it('lets everything through at rate 0', () => {
    const limiter = new RateLimiter(() => 0);
    expect(Array.from({ length: 1_000 }, () => limiter.take(0)).every(Boolean)).toBe(true);
  });
});
