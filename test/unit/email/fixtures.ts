import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { type Customer, newCustomer } from '../../../functions/domain/customer.js';
import { Invoice, type InvoiceLineInput } from '../../../functions/domain/invoice.js';
import { currency, money } from '../../../functions/domain/money.js';
import type { Payment } from '../../../functions/domain/payment.js';
import type { Seller } from '../../../functions/ports/invoice-document-renderer.js';

export const SELLER: Seller = {
  name: 'Example Hosting Ltd',
  addressLines: ['1 Server Street', 'Dublin D02 XY00, Ireland', 'VAT IE1234567X'],
  email: 'billing@example-hosting.test',
};
export const APP_URL = 'https://billing.example-hosting.test';

/** Hostile values a customer or staff could type, each where it would do harm if not escaped. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  attribute: '"><img src=x onerror=alert(1)>',
  /** U+202E RIGHT-TO-LEFT OVERRIDE: would show "Invoice for gpj.exe" as "Invoice for exe.jpg". */
  rtlOverride: 'Ann \u202Egnp.exe',
  isolate: 'Bob \u2067evil\u2069',
};

export function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    ...newCustomer({ id: 'cus_1', email: 'ann@example.test', name: 'Ann Buyer', currency: currency('USD'), userSub: 'sub-ann', createdAt: new Date('2026-03-01T09:00:00Z') }),
    ...overrides,
  };
}

export function invoice(options: { lines?: InvoiceLineInput[]; currency?: string; billTo?: { name: string; email: string; billingAddress?: string[] } } = {}): Invoice {
  return Invoice.issue({
    id: 'inv_ABC123', number: 42, customerId: 'cus_1', currency: currency(options.currency ?? 'USD'),
    lines: options.lines ?? [{ description: 'Shared hosting, March', quantity: 1, unitAmountMinor: 1999 }],
    dueDate: calendarDate('2026-03-15'), issuedAt: new Date('2026-03-01T23:41:00Z'),
    billTo: options.billTo ?? { name: 'Ann Buyer', email: 'ann@example.test' },
  });
}

export function payment(inv: Invoice, overrides: Partial<Payment> = {}): Payment {
  return {
    method: 'card', externalId: 'pi_1', customerId: 'cus_1', invoiceId: inv.id,
    amount: inv.total, appliedToInvoice: inv.total, receivedAt: '2026-03-15T06:00:00.000Z',
    card: { brand: 'visa', last4: '4242' }, ...overrides,
  };
}

export const usd = (minor: number) => money(minor, currency('USD'));
