import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { newCustomer } from '../../../functions/domain/customer.js';
import { Invoice, billToOf } from '../../../functions/domain/invoice.js';
import { currency, money } from '../../../functions/domain/money.js';
import { amountOwed } from '../../../functions/domain/amount-owed.js';
import { customerView, invoiceView, owedView, pageView, savedCardView } from '../../../functions/handlers/http/presenters.js';
import {
  cardListSchema, customerPageSchema, customerSchema, invoicePageSchema, invoiceSchema, myInvoicePageSchema, paymentResultSchema,
} from '../../../functions/handlers/http/schemas.js';

// What the API answers must be what openapi.ts publishes: parsing an answer with its published schema
// keeps every field (a field the schema does not know would be dropped, and the answer would differ).
const now = new Date('2026-04-10T09:00:00.000Z');
const eur = currency('EUR');
const plain = newCustomer({ id: 'cus_1', email: 'ada@example.com', name: 'Ada', currency: eur, userSub: 'sub-1', createdAt: now });
const withCard = { ...plain, defaultCardId: 'pm_1', autopay: false };
const withAddress = { ...plain, billingAddress: ['Rynek Główny 1', '31-042 Kraków'], taxId: 'PL1234567890' };
const open = Invoice.issue({
  billTo: billToOf(plain),
  id: 'inv_1', number: 7, customerId: plain.id, currency: eur, issuedAt: new Date('2026-03-01T10:00:00.000Z'),
  dueDate: calendarDate('2026-03-31'), lines: [{ description: 'Hosting, March', quantity: 1.5, unitAmountMinor: 999 }],
});
const paid = open.recordPayment(money(open.amountDue.amountMinor, eur), now).invoice;
const voided = open.void(now);
const seller = { name: 'Example Hosting Ltd', addressLines: ['1 Server Street', 'Dublin'], email: 'billing@example.com' };
const card = { id: 'pm_1', customerId: plain.id, brand: 'visa', last4: '4242', expMonth: 3, expYear: 2027, addedAt: now.toISOString() };

describe('API answers match the published schemas', () => {
  it.each([
    ['a new customer', customerView(plain)],
    ['a customer with a default card and autopay off', customerView(withCard)],
    ['a customer with a billing address and tax ID', customerView(withAddress)],
  ])('Customer: %s', (_, view) => {
    expect(customerSchema.parse(view)).toEqual(view);
  });

  it.each([
    ['an open, overdue invoice', invoiceView(open, now)],
    ['a paid invoice with the seller and customer', invoiceView(paid, now, { seller, customer: plain })],
    ['an invoice billed to an address and tax ID', invoiceView(open, now, { seller, customer: withAddress })],
    ['a void invoice', invoiceView(voided, now)],
  ])('Invoice: %s', (_, view) => {
    expect(invoiceSchema.parse(view)).toEqual(view);
  });

  it('CardList: a default card and an expired one', () => {
    const view = { items: [savedCardView(card, withCard, now), savedCardView({ ...card, id: 'pm_2', expYear: 2025 }, withCard, now)] };
    expect(cardListSchema.parse(view)).toEqual(view);
    expect(view.items.map((c) => [c.isDefault, c.expired])).toEqual([[true, false], [false, true]]);
  });

  it('pages, with and without a next cursor', () => {
    const invoices = pageView({ items: [open], nextCursor: 'abc' }, (i) => invoiceView(i, now));
    const customers = pageView({ items: [plain] }, customerView);
    expect(invoicePageSchema.parse(invoices)).toEqual(invoices);
    expect(customerPageSchema.parse(customers)).toEqual(customers);
  });

  it('MyInvoicePage: a first page with what is owed', () => {
    const page = { ...pageView({ items: [open] }, (i) => invoiceView(i, now)), summary: owedView(amountOwed([open, paid, voided], eur, now)) };
    expect(myInvoicePageSchema.parse(page)).toEqual(page);
    expect(page.summary).toEqual({ currency: 'EUR', amountDue: open.amountDue.amountMinor, amountOverdue: open.amountDue.amountMinor, invoicesDue: 1, invoicesOverdue: 1 });
  });

  it.each([
    { status: 'redirect', redirectUrl: 'https://checkout.example/cs_1' },
    { status: 'paid', invoice: invoiceView(paid, now) },
    { status: 'declined', message: 'Your card was declined.' },
    { status: 'requires_action', message: 'Your bank wants you to confirm this payment.' },
    { status: 'processing' },
  ])('PaymentResult: $status', (answer) => {
    expect(paymentResultSchema.parse(answer)).toEqual(answer);
  });

  it('PaymentResult refuses a shape the API never answers', () => {
    expect(paymentResultSchema.safeParse({ status: 'paid' }).success).toBe(false);
    expect(paymentResultSchema.safeParse({ status: 'declined' }).success).toBe(false);
  });
});
