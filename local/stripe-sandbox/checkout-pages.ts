import { randomUUID } from 'node:crypto';
import { formatAmount } from './format-amount.js';
import { escapeHtml, page } from './html.js';
import type { CheckoutSession, PaymentIntent, PaymentMethod, SetupIntent } from './objects.js';
import { confirmPayment, createPaymentIntent, failAuthentication } from './payments.js';
import type { SandboxStore } from './store.js';
import { testCardByNumber } from './test-cards.js';

export interface PageResponse {
  status: number;
  html?: string;
  location?: string;
}

/** A card waiting for the customer's 3-D Secure answer. Holds the pm_ id, never the number. */
interface PendingAuthentication {
  sessionId: string;
  paymentMethodId: string;
}

/**
 * The hosted Checkout page, served by the sandbox on its own origin like checkout.stripe.com: the
 * tester types a test card, the sandbox turns it into a PaymentMethod at once, charges or saves it,
 * and sends the browser to success_url (or shows why not).
 */
export class CheckoutPages {
  private readonly pending = new Map<string, PendingAuthentication>();

  constructor(private readonly store: SandboxStore) {}

  handle(method: string, path: string, form: URLSearchParams): PageResponse | undefined {
    const match = /^\/checkout\/([^/]+)(?:\/authenticate\/([^/]+))?$/.exec(path);
    if (!match) return undefined;
    const session = this.store.sessions.get(decodeURIComponent(match[1] ?? ''));
    if (!session) return { status: 404, html: page('Not found', '<h1>This checkout page does not exist.</h1>') };
    // Checked when the form is POSTed, not only when the page was loaded: another tab may have paid
    // the session, or it may have expired, since. Nothing is charged then.
    if (session.status !== 'open') return { status: 410, html: this.closed(session, method === 'POST') };
    const token = match[2];
    if (token) {
      const pending = this.pending.get(token);
      if (!pending || pending.sessionId !== session.id) return { status: 404, html: page('Not found', '<h1>This authentication has expired.</h1>') };
      if (method === 'GET') return { status: 200, html: this.authenticationPage(session, path) };
      if (method === 'POST') return this.authenticate(session, token, pending, form.get('decision'));
      return undefined;
    }
    if (method === 'GET') return { status: 200, html: this.form(session) };
    if (method === 'POST') return this.submit(session, form);
    return undefined;
  }

  private submit(session: CheckoutSession, form: URLSearchParams): PageResponse {
    const card = testCardByNumber(form.get('cardNumber') ?? '');
    if (!card) return { status: 400, html: this.form(session, 'Use one of the test card numbers listed below: this is a sandbox.') };
    const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(form.get('expiry') ?? '');
    const month = Number(expiry?.[1]);
    const year = expiry?.[2]?.length === 2 ? 2000 + Number(expiry[2]) : Number(expiry?.[2]);
    const today = new Date(this.store.now());
    if (!expiry || month < 1 || month > 12 || year * 12 + month < today.getUTCFullYear() * 12 + today.getUTCMonth() + 1) {
      return { status: 400, html: this.form(session, "Your card's expiration date is incomplete or in the past.") };
    }
    if (!/^\d{3,4}$/.test(form.get('cvc') ?? '')) return { status: 400, html: this.form(session, "Your card's security code is incomplete.") };
    // From here on only the PaymentMethod exists: brand, last 4, expiry.
    const pm = this.store.createPaymentMethod(card, month, year);
    return session.mode === 'setup' ? this.save(session, pm, false) : this.pay(session, pm, false);
  }

  private pay(session: CheckoutSession, pm: PaymentMethod, authenticated: boolean): PageResponse {
    const pi = this.paymentIntentFor(session);
    const attempt = confirmPayment(this.store, pi, pm, { offSession: false, authenticated });
    if (attempt.result === 'authenticate') return this.askForAuthentication(session, pm);
    if (attempt.result === 'declined') return { status: 402, html: this.form(session, attempt.message) };
    return this.complete(session);
  }

  private save(session: CheckoutSession, pm: PaymentMethod, authenticated: boolean): PageResponse {
    const si = this.setupIntentFor(session);
    const check = this.store.cardBehaviorForSetup(pm.id);
    if (check.result === 'declined') {
      si.last_setup_error = { type: 'card_error', code: 'card_declined', decline_code: check.declineCode, message: check.message };
      return { status: 402, html: this.form(session, check.message) };
    }
    if (check.result === 'authenticate' && !authenticated) return this.askForAuthentication(session, pm);
    this.store.succeedSetup(si, pm);
    return this.complete(session);
  }

  private authenticate(session: CheckoutSession, token: string, pending: PendingAuthentication, decision: string | null): PageResponse {
    if (decision !== 'approve' && decision !== 'fail') return { status: 400, html: this.authenticationPage(session, `/checkout/${session.id}/authenticate/${token}`) };
    this.pending.delete(token);
    const pm = this.store.paymentMethod(pending.paymentMethodId);
    if (decision === 'approve') return session.mode === 'setup' ? this.save(session, pm, true) : this.pay(session, pm, true);
    const message = 'We are unable to authenticate your payment method. Please choose a different payment method and try again.';
    if (session.mode === 'setup') {
      this.setupIntentFor(session).last_setup_error = { type: 'invalid_request_error', code: 'setup_intent_authentication_failure', message };
    } else {
      failAuthentication(this.store, this.paymentIntentFor(session));
    }
    return { status: 402, html: this.form(session, message) };
  }

  private askForAuthentication(session: CheckoutSession, pm: PaymentMethod): PageResponse {
    const token = randomUUID();
    this.pending.set(token, { sessionId: session.id, paymentMethodId: pm.id });
    return { status: 303, location: `/checkout/${session.id}/authenticate/${token}` };
  }

  private complete(session: CheckoutSession): PageResponse {
    session.status = 'complete';
    session.url = null;
    if (session.mode === 'payment') session.payment_status = 'paid';
    this.store.emit('checkout.session.completed', session);
    const target = (session.success_url ?? '').replaceAll('{CHECKOUT_SESSION_ID}', session.id);
    return { status: 303, location: target };
  }

  private paymentIntentFor(session: CheckoutSession): PaymentIntent {
    const existing = typeof session.payment_intent === 'string' ? this.store.paymentIntents.get(session.payment_intent) : undefined;
    if (existing) return existing;
    const settings = this.store.sessionSettings.get(session.id);
    const pi = createPaymentIntent(this.store, {
      amount: session.amount_total ?? 0,
      currency: session.currency ?? 'usd',
      customer: typeof session.customer === 'string' ? session.customer : null,
      paymentMethod: null,
      description: settings?.paymentIntentData.description ?? null,
      metadata: settings?.paymentIntentData.metadata ?? {},
      setupFutureUsage: settings?.paymentIntentData.setupFutureUsage ?? null,
    });
    session.payment_intent = pi.id;
    return pi;
  }

  private setupIntentFor(session: CheckoutSession): SetupIntent {
    const existing = typeof session.setup_intent === 'string' ? this.store.setupIntents.get(session.setup_intent) : undefined;
    if (existing) return existing;
    const customer = typeof session.customer === 'string' ? session.customer : null;
    const si = this.store.createSetupIntent(customer, this.store.sessionSettings.get(session.id)?.setupIntentMetadata ?? {});
    session.setup_intent = si.id;
    return si;
  }

  private form(session: CheckoutSession, error?: string): string {
    const settings = this.store.sessionSettings.get(session.id);
    const heading =
      session.mode === 'setup'
        ? '<h1>Save a card</h1><p>Nothing is charged now. The card is kept for future payments.</p>'
        : `<h1>${escapeHtml(settings?.productName ?? 'Payment')}</h1><p class="amount">${formatAmount(session.amount_total ?? 0, session.currency ?? 'usd')}</p>` +
          (settings?.paymentIntentData.setupFutureUsage ? '<p class="hint">The card is saved for future payments.</p>' : '');
    const cancel = session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel and go back</a></p>` : '';
    return page(
      session.mode === 'setup' ? 'Save a card' : 'Pay',
      `${heading}
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/checkout/${escapeHtml(session.id)}" autocomplete="off">
<label for="cardNumber">Card number</label>
<input id="cardNumber" name="cardNumber" inputmode="numeric" required placeholder="4242 4242 4242 4242">
<label for="expiry">Expiry (MM / YY)</label>
<input id="expiry" name="expiry" required placeholder="12 / 34">
<label for="cvc">CVC</label>
<input id="cvc" name="cvc" inputmode="numeric" required placeholder="123">
<button type="submit">${session.mode === 'setup' ? 'Save card' : 'Pay'}</button>
</form>
${cancel}
<details><summary>Test cards</summary><ul>
<li>4242 4242 4242 4242: succeeds</li>
<li>4000 0000 0000 0002: declined</li>
<li>4000 0000 0000 9995: declined, insufficient funds</li>
<li>4000 0027 6000 3184: 3-D Secure on every payment</li>
<li>4000 0025 0000 3155: 3-D Secure until saved</li>
<li>4000 0000 0000 0341: saves, then every charge is declined</li>
</ul><small>Any future expiry, any 3-digit CVC.</small></details>`,
    );
  }

  private authenticationPage(session: CheckoutSession, action: string): string {
    return page(
      '3-D Secure',
      `<h1>3-D Secure authentication</h1>
<p>Your bank asks you to confirm this ${session.mode === 'setup' ? 'card' : `payment of ${formatAmount(session.amount_total ?? 0, session.currency ?? 'usd')}`}.</p>
<form method="post" action="${escapeHtml(action)}">
<button type="submit" name="decision" value="approve">Complete authentication</button>
<button type="submit" name="decision" value="fail" class="secondary">Fail authentication</button>
</form>`,
    );
  }

  private closed(session: CheckoutSession, attempted: boolean): string {
    const why = session.status === 'complete' ? 'It has already been completed.' : 'It has expired.';
    const charged = attempted ? '<p>Nothing was charged by this attempt.</p>' : '';
    const back =
      session.status === 'complete' && session.success_url
        ? `<p><a href="${escapeHtml(session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id))}">Return to the merchant</a></p>`
        : session.cancel_url
          ? `<p><a href="${escapeHtml(session.cancel_url)}">Return to the merchant</a> to start again.</p>`
          : '';
    return page('Checkout closed', `<h1>This checkout is closed.</h1><p>${why}</p>${charged}${back}`);
  }
}
