import { divideUp, formatDecimal, max, multiply, parseDecimal } from './decimal.js';
import { newDestination, newId, newPaymentId } from './ids.js';
import type { CheckoutSettings, Invoice, InvoiceEvent, Payment, Store } from './objects.js';
import { PAYMENT_METHODS, fiatDigits, paymentMethod, rateOf } from './rates.js';

/** Everything the sandbox holds, as plain JSON: what `npm start` keeps across restarts. */
export interface StoreSnapshot {
  store: Store;
  invoices: Invoice[];
  events: InvoiceEvent[];
}

/** What an invoice's money amounts to, at 10^-8 of its fiat currency. */
export interface Accounting {
  /** Net of network fees, every payment that counts (being confirmed or settled). */
  paid: bigint;
  /** The same, settled payments only. */
  settled: bigint;
  amount: bigint;
  /** What is left to pay; negative when overpaid. */
  due: bigint;
}

/**
 * The sandbox's state and BTCPay's rules for it (BTCPayServer/HostedServices/InvoiceWatcher.cs): an
 * invoice is New until paid in full (then Processing until its payments confirm, then Settled) or until
 * it expires (Expired, `PaidPartial` if something was paid); Processing past its monitoring time
 * without enough confirmed becomes Invalid. Each change appends the webhook event BTCPay would send
 * (InvoiceTriggerProvider.cs) to `pending`, which the caller hands to the sender.
 */
export class SandboxStore {
  readonly invoices = new Map<string, Invoice>();
  readonly events: InvoiceEvent[] = [];
  store: Store;
  private pending: InvoiceEvent[] = [];

  constructor(private readonly clock: () => number, storeId: string) {
    this.store = {
      id: storeId,
      name: 'Sandbox store',
      defaultCurrency: 'USD',
      paymentMethods: { 'BTC-CHAIN': true, 'BTC-LN': true, 'LTC-CHAIN': false },
      confirmationSeconds: 600,
      paymentTolerance: 0,
      defaultExpirationMinutes: 15,
      defaultMonitoringMinutes: 1440,
    };
  }

  now(): number {
    return this.clock();
  }

  nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  snapshot(): StoreSnapshot {
    return { store: this.store, invoices: [...this.invoices.values()], events: this.events };
  }

  restore(snapshot: StoreSnapshot): void {
    this.store = { ...this.store, ...snapshot.store, id: this.store.id };
    this.invoices.clear();
    for (const invoice of snapshot.invoices) this.invoices.set(invoice.id, invoice);
    this.events.splice(0, this.events.length, ...snapshot.events);
  }

  /** The enabled payment methods, in the sandbox's order. */
  enabledMethods(): string[] {
    return PAYMENT_METHODS.map((method) => method.id).filter((id) => this.store.paymentMethods[id]);
  }

  createInvoice(input: { amount: string; currency: string; metadata: Record<string, unknown>; checkout: CheckoutSettings }): Invoice {
    const now = this.nowSeconds();
    const expirationTime = now + Math.round(input.checkout.expirationMinutes * 60);
    const invoice: Invoice = {
      id: newId(16),
      storeId: this.store.id,
      amount: input.amount,
      currency: input.currency,
      metadata: input.metadata,
      checkout: input.checkout,
      status: 'New',
      additionalStatus: 'None',
      createdTime: now,
      expirationTime,
      monitoringExpiration: expirationTime + Math.round(input.checkout.monitoringMinutes * 60),
      archived: false,
      payments: [],
      destinations: Object.fromEntries(input.checkout.paymentMethods.map((id) => [id, newDestination(id)])),
    };
    this.invoices.set(invoice.id, invoice);
    this.emit('InvoiceCreated', invoice);
    return invoice;
  }

  accounting(invoice: Invoice): Accounting {
    const counted = invoice.payments.filter((payment) => payment.status !== 'Invalid');
    const net = (payments: Payment[]) => payments.reduce((sum, payment) => sum + this.netFiat(invoice, payment), 0n);
    const amount = parseDecimal(invoice.amount);
    const paid = net(counted);
    return { paid, settled: net(counted.filter((payment) => payment.status === 'Settled')), amount, due: amount - paid };
  }

  /** What a payment is worth to the invoice: its value less its network fee, at the test rate. */
  netFiat(invoice: Invoice, payment: Payment): bigint {
    const rate = this.rate(invoice, payment.paymentMethodId);
    return multiply(parseDecimal(payment.value) - parseDecimal(payment.fee), rate);
  }

  rate(invoice: Invoice, methodId: string): bigint {
    const method = paymentMethod(methodId);
    const rate = method && rateOf(method, invoice.currency);
    if (!rate) throw new Error(`No test rate for ${methodId} in ${invoice.currency}`);
    return rate;
  }

  /** The crypto to send with `methodId` so that the invoice gets `fiat` (10^-8), network fee included. */
  cryptoFor(invoice: Invoice, methodId: string, fiat: bigint): { value: bigint; fee: bigint } {
    const fee = parseDecimal(paymentMethod(methodId)!.networkFee);
    return { value: divideUp(max(fiat, 0n), this.rate(invoice, methodId)) + fee, fee };
  }

  /** The customer sends crypto worth `fiat` (net of the fee) to the invoice with `methodId`. */
  pay(invoice: Invoice, methodId: string, fiat: bigint): Payment {
    const method = paymentMethod(methodId);
    if (!method || !invoice.checkout.paymentMethods.includes(methodId)) throw new Error(`${methodId} is not a payment method of invoice ${invoice.id}`);
    const { value, fee } = this.cryptoFor(invoice, methodId, fiat);
    const instant = method.lightning || this.store.confirmationSeconds <= 0;
    const payment: Payment = {
      id: newPaymentId(method.lightning),
      paymentMethodId: methodId,
      value: formatDecimal(value, 8),
      fee: formatDecimal(fee, 8),
      status: instant ? 'Settled' : 'Processing',
      receivedDate: this.nowSeconds(),
      destination: invoice.destinations[methodId] ?? newDestination(methodId),
      confirmAt: instant ? this.now() : this.now() + this.store.confirmationSeconds * 1000,
    };
    invoice.payments.push(payment);
    this.emit('InvoiceReceivedPayment', invoice, this.paymentFields(invoice, payment));
    if (payment.status === 'Settled') this.emit('InvoicePaymentSettled', invoice, this.paymentFields(invoice, payment));
    this.update(invoice);
    return payment;
  }

  /** "Let it expire": the invoice's time runs out now. */
  expireNow(invoice: Invoice): void {
    if (invoice.status !== 'New') return;
    invoice.expirationTime = Math.min(invoice.expirationTime, this.nowSeconds());
    invoice.monitoringExpiration = invoice.expirationTime + Math.round(invoice.checkout.monitoringMinutes * 60);
    this.update(invoice);
  }

  /** Its payments will never confirm (double-spent): at the end of monitoring it becomes Invalid. */
  failToConfirm(invoice: Invoice): void {
    for (const payment of invoice.payments) {
      if (payment.status === 'Processing') payment.confirmAt = null;
    }
    invoice.monitoringExpiration = Math.min(invoice.monitoringExpiration, this.nowSeconds() - 1);
    if (invoice.status === 'New') invoice.expirationTime = Math.min(invoice.expirationTime, this.nowSeconds() - 1);
    this.update(invoice);
  }

  /** The merchant marks the invoice (InvoiceRepository.MarkInvoiceStatus). False when BTCPay would refuse. */
  markStatus(invoice: Invoice, status: 'Invalid' | 'Settled'): boolean {
    const allowed = status === 'Invalid'
      ? invoice.status !== 'Invalid' && (invoice.status !== 'Settled' || invoice.additionalStatus === 'Marked')
      : invoice.status !== 'Settled' || invoice.additionalStatus === 'Marked';
    if (!allowed) return false;
    invoice.status = status;
    invoice.additionalStatus = 'Marked';
    if (status === 'Invalid') this.emit('InvoiceInvalid', invoice, { manuallyMarked: true });
    else this.emit('InvoiceSettled', invoice, { manuallyMarked: true, overPaid: false });
    return true;
  }

  /** Time has passed: payments due to confirm confirm, invoices due to expire expire. Returns the changes. */
  tick(): number {
    const before = this.pending.length;
    for (const invoice of this.invoices.values()) {
      for (const payment of invoice.payments) {
        if (payment.status === 'Processing' && payment.confirmAt !== null && payment.confirmAt <= this.now()) {
          payment.status = 'Settled';
          this.emit('InvoicePaymentSettled', invoice, this.paymentFields(invoice, payment));
        }
      }
      this.update(invoice);
    }
    return this.pending.length - before;
  }

  takePending(): InvoiceEvent[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }

  /** BTCPay's invoice watcher, one pass (UpdateInvoice). */
  private update(invoice: Invoice): void {
    const now = this.nowSeconds();
    if (invoice.status === 'New' && invoice.expirationTime <= now) {
      invoice.status = 'Expired';
      this.emit('InvoiceExpired', invoice, { partiallyPaid: invoice.additionalStatus === 'PaidPartial' });
    }
    const money = this.accounting(invoice);
    const hasPayment = invoice.payments.some((payment) => payment.status !== 'Invalid');
    const underPaid = this.underPaid(invoice, money.paid, money.amount);
    if (invoice.status === 'New' || invoice.status === 'Expired') {
      if (!underPaid && invoice.status === 'New') {
        invoice.status = 'Processing';
        invoice.additionalStatus = money.paid > money.amount ? 'PaidOver' : 'None';
        this.emit('InvoiceProcessing', invoice, { overPaid: invoice.additionalStatus === 'PaidOver' });
      } else if (!underPaid && invoice.status === 'Expired' && invoice.additionalStatus !== 'PaidLate') {
        invoice.additionalStatus = 'PaidLate';
        this.emit('InvoicePaidAfterExpiration', invoice);
      }
      if (hasPayment && underPaid && invoice.additionalStatus !== 'PaidPartial') invoice.additionalStatus = 'PaidPartial';
    }
    if (invoice.status === 'Processing') {
      const confirmedEnough = !this.underPaid(invoice, money.settled, money.amount);
      if (confirmedEnough) {
        invoice.status = 'Settled';
        this.emit('InvoiceSettled', invoice, { manuallyMarked: false, overPaid: invoice.additionalStatus === 'PaidOver' });
      } else if (invoice.monitoringExpiration < now) {
        invoice.status = 'Invalid';
        for (const payment of invoice.payments) if (payment.status === 'Processing') payment.status = 'Invalid';
        this.emit('InvoiceInvalid', invoice, { manuallyMarked: false });
      }
    }
  }

  private underPaid(invoice: Invoice, paid: bigint, amount: bigint): boolean {
    const toleranceBp = BigInt(Math.round(invoice.checkout.paymentTolerance * 100));
    return paid * 10_000n < amount * (10_000n - toleranceBp);
  }

  private paymentFields(invoice: Invoice, payment: Payment): Record<string, unknown> {
    return {
      afterExpiration: invoice.status === 'Expired' || invoice.status === 'Invalid',
      paymentMethodId: payment.paymentMethodId,
      payment: paymentView(payment),
    };
  }

  private emit(type: string, invoice: Invoice, fields: Record<string, unknown> = {}): void {
    const event: InvoiceEvent = { type, timestamp: this.nowSeconds(), storeId: invoice.storeId, invoiceId: invoice.id, metadata: invoice.metadata, ...fields };
    this.events.push(event);
    this.pending.push(event);
  }

  /** `paidAmount` as BTCPay answers it: the net paid, rounded to the currency's digits. */
  paidAmount(invoice: Invoice): string {
    return formatDecimal(this.accounting(invoice).paid, fiatDigits(invoice.currency));
  }
}

/** A payment as Greenfield shows it (InvoicePaymentMethodDataModel.Payment). */
export function paymentView(payment: Payment) {
  return {
    id: payment.id, receivedDate: payment.receivedDate, value: payment.value, fee: payment.fee, status: payment.status, destination: payment.destination,
  };
}
