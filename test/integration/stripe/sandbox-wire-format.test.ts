import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStripeForm } from '../../../local/stripe-sandbox/form.js';
import { SANDBOX_KEY, startSandboxTarget, type SandboxTarget } from './stripe-target.js';

/** The sandbox speaks Stripe's wire format, so that code proven against it also works live. */
describe('Stripe sandbox wire format', () => {
  let t: SandboxTarget;
  beforeAll(async () => {
    t = await startSandboxTarget();
  });
  afterAll(() => t.stop());

  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${t.sandbox.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SANDBOX_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });

  it('parses bracketed keys into objects and arrays', () => {
    expect(parseStripeForm('metadata[invoiceId]=inv_1&line_items[0][price_data][unit_amount]=100&line_items[1][quantity]=2&expand[]=a&expand[]=b&payment_intent_data[setup_future_usage]=off_session')).toEqual({
      metadata: { invoiceId: 'inv_1' },
      line_items: [{ price_data: { unit_amount: '100' } }, { quantity: '2' }],
      expand: ['a', 'b'],
      payment_intent_data: { setup_future_usage: 'off_session' },
    });
  });

  it('answers 401 without a test-mode secret key', async () => {
    const response = await fetch(`${t.sandbox.url}/v1/customers`, { method: 'POST' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('refuses unknown parameters with 400, as Stripe does', async () => {
    const response = await post('/v1/customers', { emial: 'a@example.test' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', message: 'Received unknown parameter: emial', param: 'emial' } });
  });

  it('gives ids with Stripe prefixes and lists as {object: "list", data, has_more, url}', async () => {
    const customer = (await (await post('/v1/customers', { email: 'a@example.test', 'metadata[customerId]': 'c1' })).json()) as { id: string; metadata: unknown };
    expect(customer.id).toMatch(/^cus_/);
    expect(customer.metadata).toEqual({ customerId: 'c1' });
    await post('/v1/payment_methods/pm_card_visa/attach', { customer: customer.id });
    const list = await (await fetch(`${t.sandbox.url}/v1/customers/${customer.id}/payment_methods`, { headers: { Authorization: `Bearer ${SANDBOX_KEY}` } })).json();
    expect(list).toMatchObject({ object: 'list', has_more: false, url: `/v1/customers/${customer.id}/payment_methods`, data: [{ id: expect.stringMatching(/^pm_/), object: 'payment_method' }] });
  });

  it('answers a decline with 402 card_error and decline_code, and replays it for the same idempotency key', async () => {
    const customer = (await (await post('/v1/customers', {})).json()) as { id: string };
    const card = (await (await post('/v1/payment_methods/pm_card_chargeCustomerFail/attach', { customer: customer.id })).json()) as { id: string };
    const charge = { amount: '1000', currency: 'usd', customer: customer.id, payment_method: card.id, off_session: 'true', confirm: 'true' };
    const first = await post('/v1/payment_intents', charge, { 'Idempotency-Key': 'k-decline' });
    expect(first.status).toBe(402);
    const body = await first.json();
    expect(body).toMatchObject({ error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', payment_intent: { id: expect.stringMatching(/^pi_/), status: 'requires_payment_method' } } });
    const replay = await post('/v1/payment_intents', charge, { 'Idempotency-Key': 'k-decline' });
    expect(replay.status).toBe(402);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(body);
  });

  it('answers 400 idempotency_error when a key is reused with other parameters', async () => {
    await post('/v1/customers', { email: 'one@example.test' }, { 'Idempotency-Key': 'k-reuse' });
    const reuse = await post('/v1/customers', { email: 'two@example.test' }, { 'Idempotency-Key': 'k-reuse' });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: { type: 'idempotency_error' } });
  });

  it('answers 429 for a rate limit and 500 api_error for a fault', async () => {
    t.sandbox.faults.rateLimitNext = 1;
    const limited = await post('/v1/customers', {});
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limit' } });
    t.sandbox.faults.failNextWith500 = 1;
    const failed = await post('/v1/customers', {});
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ error: { type: 'api_error' } });
  });
});
