import { formatDecimal, parseDecimal } from './decimal.js';
import { BANNER, escapeHtml, page } from './html.js';
import type { Invoice } from './objects.js';
import { PAYMENT_METHODS, fiatDigits, paymentMethod } from './rates.js';
import type { SandboxStore } from './store.js';

export interface PageResponse {
  status: number;
  html?: string;
  location?: string;
}

/**
 * The sandbox's pages, on its own origin like a BTCPay Server: the checkout page of an invoice
 * (`/i/<id>`, its `checkoutLink`) with the controls a tester needs instead of a wallet, and the store's
 * settings (`/stores/<id>`). Plain forms, no scripts.
 */
export class SandboxPages {
  constructor(private readonly store: SandboxStore) {}

  handle(method: string, path: string, query: URLSearchParams, form: URLSearchParams): PageResponse | undefined {
    const checkout = /^\/i\/([^/]+)(?:\/(pay|expire))?$/.exec(path);
    if (checkout) {
      const invoice = this.store.invoices.get(decodeURIComponent(checkout[1]!));
      if (!invoice) return { status: 404, html: page('Not found', '<h1>This invoice does not exist.</h1>') };
      const action = checkout[2];
      if (method === 'GET' && !action) return { status: 200, html: this.checkoutPage(invoice, query.get('method')) };
      if (method === 'POST' && action === 'pay') return this.pay(invoice, form);
      if (method === 'POST' && action === 'expire') {
        this.store.expireNow(invoice);
        return { status: 303, location: `/i/${invoice.id}` };
      }
      return undefined;
    }
    if (path === `/stores/${this.store.store.id}`) {
      if (method === 'GET') return { status: 200, html: this.storePage() };
      if (method === 'POST') return this.saveStore(form);
    }
    if (path === '/' && method === 'GET') return { status: 200, html: this.home() };
    return undefined;
  }

  private pay(invoice: Invoice, form: URLSearchParams): PageResponse {
    const methodId = form.get('method') ?? '';
    const back = `/i/${invoice.id}?method=${encodeURIComponent(methodId)}`;
    if (invoice.status !== 'New') return { status: 409, html: this.checkoutPage(invoice, methodId, 'This invoice no longer takes payments.') };
    if (!invoice.checkout.paymentMethods.includes(methodId)) return { status: 400, html: this.checkoutPage(invoice, null, 'Choose a payment method.') };
    const { due } = this.store.accounting(invoice);
    let fiat = due;
    if (form.get('kind') !== 'exact') {
      try {
        fiat = parseDecimal(form.get('amount') ?? '');
      } catch {
        return { status: 400, html: this.checkoutPage(invoice, methodId, `Enter an amount in ${invoice.currency}.`) };
      }
      if (fiat <= 0n) return { status: 400, html: this.checkoutPage(invoice, methodId, 'Enter an amount greater than zero.') };
    }
    this.store.pay(invoice, methodId, fiat);
    // Paying moved the invoice on (TypeScript still holds it at the New checked above).
    const status = invoice.status as Invoice['status'];
    const paidInFull = status === 'Processing' || status === 'Settled';
    if (paidInFull && invoice.checkout.redirectAutomatically && invoice.checkout.redirectURL) {
      return { status: 303, location: invoice.checkout.redirectURL };
    }
    return { status: 303, location: back };
  }

  private checkoutPage(invoice: Invoice, chosen: string | null, error?: string): string {
    const methods = invoice.checkout.paymentMethods;
    const methodId = chosen && methods.includes(chosen) ? chosen : invoice.checkout.defaultPaymentMethod ?? methods[0]!;
    const method = paymentMethod(methodId)!;
    const digits = fiatDigits(invoice.currency);
    const fiat = (value: bigint) => `${formatDecimal(value, digits)} ${invoice.currency}`;
    const money = this.store.accounting(invoice);
    const rate = this.store.rate(invoice, methodId);
    const due = money.due > 0n ? money.due : 0n;
    const send = this.store.cryptoFor(invoice, methodId, due);
    const open = invoice.status === 'New';
    const secondsLeft = Math.max(0, invoice.expirationTime - this.store.nowSeconds());
    const title = String(invoice.metadata['itemDesc'] ?? invoice.metadata['orderId'] ?? 'Invoice');
    const returnLink = invoice.checkout.redirectURL
      ? `<p><a href="${escapeHtml(invoice.checkout.redirectURL)}">Return to the store</a></p>` : '';
    const payments = invoice.payments.map((payment) => {
      const confirm = payment.status === 'Processing' && payment.confirmAt !== null
        ? ` · confirms in ${Math.max(0, Math.ceil((payment.confirmAt - this.store.now()) / 1000))} s` : '';
      return `<tr><td>${escapeHtml(payment.paymentMethodId)}</td><td>${escapeHtml(payment.value)}</td><td>${fiat(this.store.netFiat(invoice, payment))}</td><td>${payment.status}${confirm}</td></tr>`;
    }).join('');
    const half = formatDecimal(due / 2n, digits);
    const more = formatDecimal(due + due / 10n, digits);

    return page('Checkout', `<h1>${escapeHtml(title)}</h1>
<p class="amount">${fiat(money.amount)}</p>
<p>Status: <span class="status" data-status="${invoice.status}">${invoice.status}</span>${invoice.additionalStatus !== 'None' ? ` (${invoice.additionalStatus})` : ''}
${open ? ` · expires in ${Math.floor(secondsLeft / 60)} min ${secondsLeft % 60} s` : ''}</p>
<p>Paid so far: <span data-paid>${fiat(money.paid)}</span> · still due: <span data-due>${fiat(due)}</span></p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<nav class="methods" aria-label="Pay with">${methods.map((id) => `<a href="/i/${invoice.id}?method=${encodeURIComponent(id)}"${id === methodId ? ' aria-current="true"' : ''}>${escapeHtml(id)}</a>`).join('')}</nav>
${open ? `<fieldset><legend>Send ${escapeHtml(method.cryptoCode)}${method.lightning ? ' over Lightning' : ''}</legend>
<p>Send exactly <strong data-crypto-amount>${formatDecimal(send.value, 8)} ${escapeHtml(method.cryptoCode)}</strong>${send.fee > 0n ? `, which includes a network fee of <span data-network-fee>${formatDecimal(send.fee, 8)} ${escapeHtml(method.cryptoCode)}</span>` : ''}.</p>
<p><small>Rate: 1 ${escapeHtml(method.cryptoCode)} = ${fiat(rate)} (fixed test rate). To: <code>${escapeHtml(invoice.destinations[methodId] ?? '')}</code></small></p>
<form method="post" action="/i/${invoice.id}/pay"><input type="hidden" name="method" value="${escapeHtml(methodId)}"><input type="hidden" name="kind" value="exact"><button type="submit">Pay exactly</button></form>
<form method="post" action="/i/${invoice.id}/pay"><input type="hidden" name="method" value="${escapeHtml(methodId)}"><input type="hidden" name="kind" value="less">
<label for="less">Amount the store receives (${escapeHtml(invoice.currency)})</label><input id="less" name="amount" type="text" inputmode="decimal" value="${half}"> <button type="submit">Pay less</button></form>
<form method="post" action="/i/${invoice.id}/pay"><input type="hidden" name="method" value="${escapeHtml(methodId)}"><input type="hidden" name="kind" value="more">
<label for="more">Amount the store receives (${escapeHtml(invoice.currency)})</label><input id="more" name="amount" type="text" inputmode="decimal" value="${more}"> <button type="submit">Pay more</button></form>
<form method="post" action="/i/${invoice.id}/expire"><button type="submit" class="secondary">Let it expire</button></form>
</fieldset>` : ''}
${payments ? `<h2>Payments</h2><table><thead><tr><th>Method</th><th>Sent</th><th>Counts for</th><th>Status</th></tr></thead><tbody>${payments}</tbody></table>` : ''}
${this.confirmationsForm(`/i/${invoice.id}`)}
${returnLink}`);
  }

  private confirmationsForm(returnTo: string): string {
    return `<form method="post" action="/stores/${this.store.store.id}"><input type="hidden" name="returnTo" value="${escapeHtml(returnTo)}">
<label for="confirmationSeconds">Confirmations arrive after (seconds of the sandbox clock)</label>
<input id="confirmationSeconds" name="confirmationSeconds" type="number" min="0" value="${this.store.store.confirmationSeconds}"> <button type="submit" class="secondary">Set</button></form>`;
  }

  private storePage(): string {
    const rows = PAYMENT_METHODS.map((method) => `<label><input type="checkbox" name="method" value="${method.id}"${this.store.store.paymentMethods[method.id] ? ' checked' : ''}> ${method.id}</label>`).join('');
    return page('Store settings', `<h1>${escapeHtml(this.store.store.name)}: settings</h1>
<form method="post" action="/stores/${this.store.store.id}"><input type="hidden" name="methods" value="1">
<fieldset><legend>Accepted payment methods</legend>${rows}</fieldset>
<label for="confirmationSeconds">Confirmations arrive after (seconds)</label><input id="confirmationSeconds" name="confirmationSeconds" type="number" min="0" value="${this.store.store.confirmationSeconds}">
<label for="paymentTolerance">Payment tolerance (%)</label><input id="paymentTolerance" name="paymentTolerance" type="number" min="0" max="100" step="0.01" value="${this.store.store.paymentTolerance}">
<p><button type="submit">Save</button></p></form>`);
  }

  private saveStore(form: URLSearchParams): PageResponse {
    const settings = this.store.store;
    if (form.has('methods')) {
      const chosen = new Set(form.getAll('method'));
      for (const method of PAYMENT_METHODS) settings.paymentMethods[method.id] = chosen.has(method.id);
    }
    const seconds = Number(form.get('confirmationSeconds'));
    if (form.has('confirmationSeconds') && Number.isInteger(seconds) && seconds >= 0) settings.confirmationSeconds = seconds;
    const tolerance = Number(form.get('paymentTolerance'));
    if (form.has('paymentTolerance') && tolerance >= 0 && tolerance <= 100) settings.paymentTolerance = tolerance;
    const returnTo = form.get('returnTo');
    return { status: 303, location: returnTo && returnTo.startsWith('/i/') ? returnTo : `/stores/${settings.id}` };
  }

  private home(): string {
    const invoices = [...this.store.invoices.values()].slice(-20).reverse()
      .map((invoice) => `<li><a href="/i/${invoice.id}">${invoice.id}</a> ${escapeHtml(invoice.amount)} ${escapeHtml(invoice.currency)} · ${invoice.status}</li>`).join('');
    return page(BANNER, `<h1>${BANNER}</h1><p>A local stand-in for BTCPay Server's Greenfield API and checkout pages, with fixed test rates.</p>
<p><a href="/stores/${this.store.store.id}">Store settings</a> (accepted payment methods, confirmation time)</p>
${invoices ? `<h2>Recent invoices</h2><ul>${invoices}</ul>` : ''}`);
  }
}
