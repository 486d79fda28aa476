import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answer3DSecure, openPage, submitCard } from './hosted-checkout-driver.js';
import { startSandboxTarget, uniqueId, type SandboxTarget } from './stripe-target.js';

/**
 * The Checkout Session lifecycle in the sandbox, as Stripe runs it (issue 8, R1): open → complete or
 * expired, `POST …/expire`, `expires_at` bounds and expiry by time on a clock the test moves, and a
 * hosted page that takes no money once the session is closed. Driven through the real `stripe` SDK
 * and the hosted page; events are checked as a webhook endpoint receives them (stripe-node's
 * `constructEvent`, which checks the signature's age against the real time).
 */
describe('Stripe sandbox: Checkout Session lifecycle', () => {
  const MINUTE = 60_000;
  const clock = { ms: Date.parse('2030-06-01T09:00:00Z') };
  const nowSeconds = () => Math.floor(clock.ms / 1000);
  let t: SandboxTarget;
  let inbox: Inbox;
  beforeAll(async () => {
    t = await startSandboxTarget({ now: () => clock.ms });
    inbox = await startInbox(t.webhookSecret);
    t.sandbox.setWebhookUrl(inbox.url);
  });
  afterAll(async () => {
    await t.stop();
    await inbox.stop();
  });
  afterEach(() => t.sandbox.webhooksIdle());

  async function openSession(options: { expiresAt?: number } = {}) {
    const invoiceId = uniqueId('inv');
    const session = await t.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 2500, product_data: { name: 'Invoice INV-0042' } } }],
      payment_intent_data: { metadata: { invoiceId } },
      metadata: { invoiceId },
      success_url: 'http://app.test/paid?session={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://app.test/invoices/1',
      ...(options.expiresAt !== undefined && { expires_at: options.expiresAt }),
    });
    return { invoiceId, session, pageUrl: session.url ?? '' };
  }

  /** Every event the sandbox created about one object, oldest first, by type. */
  const eventTypesFor = (id: string) => t.sandbox.events().filter((e) => e.data.object.id === id).map((e) => e.type);

  async function deliveredFor(id: string): Promise<Stripe.Event[]> {
    await t.sandbox.webhooksIdle();
    return inbox.received.filter((e) => (e.data.object as { id?: string }).id === id);
  }

  it('expires an open session: the SDK gets it back expired and unpaid, without a url, and checkout.session.expired is sent', async () => {
    const { session } = await openSession();
    expect(session).toMatchObject({ status: 'open', payment_status: 'unpaid', expires_at: nowSeconds() + 24 * 3600 });

    const expired = await t.stripe.checkout.sessions.expire(session.id);

    expect(expired).toMatchObject({ id: session.id, object: 'checkout.session', status: 'expired', payment_status: 'unpaid', url: null });
    expect(await t.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'expired', payment_status: 'unpaid' });
    const [event, ...more] = await deliveredFor(session.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ type: 'checkout.session.expired', created: nowSeconds(), data: { object: { id: session.id, status: 'expired', payment_status: 'unpaid' } } });
  });

  it.each([
    ['complete', async (pageUrl: string, id: string) => {
      expect((await submitCard(pageUrl, '4242 4242 4242 4242')).status).toBe(303);
      return id;
    }],
    ['expired', async (_pageUrl: string, id: string) => (await t.stripe.checkout.sessions.expire(id)).id],
  ] as const)('refuses to expire a session that is already %s with 400 invalid_request_error, changing nothing', async (status, close) => {
    const { session, pageUrl, invoiceId } = await openSession();
    await close(pageUrl, session.id);
    const before = eventTypesFor(session.id);

    const refusal = await t.stripe.checkout.sessions.expire(session.id).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(refusal).toMatchObject({
      statusCode: 400, rawType: 'invalid_request_error', code: undefined,
      message: `Only a Checkout Session whose status is "open" can be expired; this one's status is "${status}".`,
    });
    expect((await t.stripe.checkout.sessions.retrieve(session.id)).status).toBe(status);
    expect(eventTypesFor(session.id)).toEqual(before);
    expect(t.sandbox.captureCount(invoiceId)).toBe(status === 'complete' ? 1 : 0);
  });

  it('answers 404 resource_missing when expiring a session that does not exist', async () => {
    await expect(t.stripe.checkout.sessions.expire('cs_test_nope')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('accepts expires_at from 30 minutes to 24 hours ahead, both included, and refuses it outside with a 400 naming expires_at', async () => {
    expect((await openSession({ expiresAt: nowSeconds() + 30 * 60 })).session.expires_at).toBe(nowSeconds() + 30 * 60);
    expect((await openSession({ expiresAt: nowSeconds() + 24 * 3600 })).session.expires_at).toBe(nowSeconds() + 24 * 3600);
    for (const expiresAt of [nowSeconds() + 30 * 60 - 1, nowSeconds() + 24 * 3600 + 1, nowSeconds() - 60]) {
      await expect(openSession({ expiresAt })).rejects.toMatchObject({ statusCode: 400, rawType: 'invalid_request_error', param: 'expires_at' });
    }
  });

  it('expires a session once its expires_at passes on the sandbox clock, with one checkout.session.expired at that time', async () => {
    const { session } = await openSession({ expiresAt: nowSeconds() + 30 * 60 });
    clock.ms += 29 * MINUTE;
    expect((await t.stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');

    clock.ms += MINUTE;
    const read = await t.stripe.checkout.sessions.retrieve(session.id);
    expect(read).toMatchObject({ status: 'expired', payment_status: 'unpaid', url: null });
    await t.stripe.checkout.sessions.retrieve(session.id);

    const delivered = await deliveredFor(session.id);
    expect(delivered.map((e) => [e.type, e.created])).toEqual([['checkout.session.expired', session.expires_at]]);
  });

  it('shows a session whose time ran out as closed when its page is opened, and sends the event', async () => {
    const { session, pageUrl } = await openSession({ expiresAt: nowSeconds() + 45 * 60 });
    clock.ms += 46 * MINUTE;

    const page = await openPage(pageUrl);

    expect(page.status).toBe(410);
    expect(page.html).toContain('This checkout is closed.');
    expect(page.html).toContain('It has expired.');
    expect((await deliveredFor(session.id)).map((e) => e.type)).toEqual(['checkout.session.expired']);
  });

  it('takes no money when the card form is sent after the session expired, though the page was loaded while it was open', async () => {
    const { session, pageUrl, invoiceId } = await openSession({ expiresAt: nowSeconds() + 30 * 60 });
    expect((await openPage(pageUrl)).status).toBe(200);
    clock.ms += 31 * MINUTE;

    const step = await submitCard(pageUrl, '4242 4242 4242 4242');

    expect(step.status).toBe(410);
    expect(step.location).toBeUndefined();
    expect(step.html).toContain('Nothing was charged by this attempt.');
    expect(t.sandbox.captureCount(invoiceId)).toBe(0);
    expect(await t.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'expired', payment_intent: null });
    expect(eventTypesFor(session.id)).toEqual(['checkout.session.expired']);
  });

  it('takes no money when the card form is sent after the session was expired through the API', async () => {
    const { session, pageUrl, invoiceId } = await openSession();
    expect((await openPage(pageUrl)).status).toBe(200);
    await t.stripe.checkout.sessions.expire(session.id);

    const step = await submitCard(pageUrl, '4242 4242 4242 4242');

    expect(step.status).toBe(410);
    expect(t.sandbox.captureCount(invoiceId)).toBe(0);
    expect(t.sandbox.events().filter((e) => e.type === 'payment_intent.succeeded' && (e.data.object as { metadata?: Record<string, string> }).metadata?.['invoiceId'] === invoiceId)).toEqual([]);
  });

  it('pays once when two tabs send the card form for the same session: the second is told the checkout is closed', async () => {
    const { session, pageUrl, invoiceId } = await openSession();
    expect((await openPage(pageUrl)).status).toBe(200);
    expect((await openPage(pageUrl)).status).toBe(200);

    const first = await submitCard(pageUrl, '4242 4242 4242 4242');
    const second = await submitCard(pageUrl, '5555 5555 5555 4444');

    expect(first).toMatchObject({ status: 303, location: `http://app.test/paid?session=${session.id}` });
    expect(second.status).toBe(410);
    expect(second.html).toContain('It has already been completed.');
    expect(t.sandbox.captureCount(invoiceId)).toBe(1);
    const paid = await t.stripe.checkout.sessions.retrieve(session.id);
    expect(paid).toMatchObject({ status: 'complete', payment_status: 'paid', url: null });
    expect(eventTypesFor(session.id)).toEqual(['checkout.session.completed']);
    const intent = await t.stripe.paymentIntents.retrieve(String(paid.payment_intent), { expand: ['payment_method'] });
    expect(intent).toMatchObject({ status: 'succeeded', amount_received: 2500, payment_method: { card: { last4: '4242' } } });
  });

  it('pays once when two tabs send the card form at the same moment', async () => {
    const { pageUrl, invoiceId } = await openSession();

    const steps = await Promise.all([submitCard(pageUrl, '4242 4242 4242 4242'), submitCard(pageUrl, '4242 4242 4242 4242')]);

    expect(steps.map((s) => s.status).sort()).toEqual([303, 410]);
    expect(t.sandbox.captureCount(invoiceId)).toBe(1);
  });

  it('leaves an earlier session open when another is created, so two sessions can both be paid (as at Stripe)', async () => {
    const first = await openSession();
    const second = await t.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 2500, product_data: { name: 'Invoice INV-0042' } } }],
      payment_intent_data: { metadata: { invoiceId: first.invoiceId } },
      success_url: 'http://app.test/paid',
    });

    expect((await submitCard(first.pageUrl, '4242 4242 4242 4242')).status).toBe(303);
    expect((await submitCard(second.url ?? '', '4242 4242 4242 4242')).status).toBe(303);

    expect(t.sandbox.captureCount(first.invoiceId)).toBe(2);
  });

  it('refuses a 3-D Secure approval that arrives after the session expired, and cancels its PaymentIntent', async () => {
    const { session, pageUrl, invoiceId } = await openSession();
    const challenge = await submitCard(pageUrl, '4000 0027 6000 3184');
    expect(challenge.status).toBe(303);
    await t.stripe.checkout.sessions.expire(session.id);

    const approval = await answer3DSecure(challenge.location ?? '', 'approve');

    expect(approval.status).toBe(410);
    expect(t.sandbox.captureCount(invoiceId)).toBe(0);
    const expired = await t.stripe.checkout.sessions.retrieve(session.id);
    const intent = await t.stripe.paymentIntents.retrieve(String(expired.payment_intent));
    expect(intent).toMatchObject({ status: 'canceled', canceled_at: nowSeconds(), amount_received: 0 });
    expect((await deliveredFor(intent.id)).map((e) => e.type)).toEqual(['payment_intent.canceled']);
  });

  it('stamps objects and events with the sandbox clock but signs webhooks with the real time', async () => {
    clock.ms += 3 * 24 * 60 * MINUTE;
    const { session } = await openSession();
    expect(session.created).toBe(nowSeconds());
    await t.stripe.checkout.sessions.expire(session.id);

    const [event] = await deliveredFor(session.id);

    // constructEvent accepted it, so the signature's timestamp was within 300 s of the real time.
    expect(event?.created).toBe(nowSeconds());
    expect(Math.abs(nowSeconds() - Date.now() / 1000)).toBeGreaterThan(24 * 3600);
  });
});

/** A webhook endpoint that accepts only what stripe-node's `constructEvent` verifies. */
interface Inbox {
  url: string;
  received: Stripe.Event[];
  stop(): Promise<void>;
}

async function startInbox(secret: string): Promise<Inbox> {
  const received: Stripe.Event[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    try {
      received.push(Stripe.webhooks.constructEvent(Buffer.concat(chunks), String(req.headers['stripe-signature']), secret));
      res.writeHead(200).end();
    } catch {
      res.writeHead(400).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`,
    received,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
