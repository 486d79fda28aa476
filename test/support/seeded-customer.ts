import { DEFAULT_FEE_FLAG_BASIS_POINTS, judgeProcessorFee } from '../../functions/domain/processor-fee.js';
import { DynamoCustomerRepository } from '../../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { DynamoInvoiceActivityLog } from '../../functions/adapters/dynamodb/dynamo-invoice-activity-log.js';
import { DynamoInvoiceRepository } from '../../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { DynamoPaymentLedger } from '../../functions/adapters/dynamodb/dynamo-payment-ledger.js';
import { dynamoDocumentClient } from '../../functions/adapters/dynamodb/document-client.js';
import { randomIdGenerator } from '../../functions/adapters/ids/random-id-generator.js';
import { calendarDate, calendarDateOf } from '../../functions/domain/calendar-date.js';
import { newCustomer } from '../../functions/domain/customer.js';
import { Invoice, billToOf } from '../../functions/domain/invoice.js';
import { currency, money } from '../../functions/domain/money.js';
import type { PaymentMethod } from '../../functions/domain/payment.js';
import { systemClock } from '../../functions/ports/clock.js';
import { recordPayment } from '../../functions/use-cases/steps/record-payment.js';
import { createUser } from '../../local/cognito-local.js';

const DAY_MS = 86_400_000;

/** What a test needs of the local system (local/system.ts) to seed a customer into it. */
export interface SeedTarget {
  dynamoDbEndpoint: string;
  tableName: string;
  cognito: { endpoint: string; userPoolId: string };
}

export interface SeededCustomer {
  customerId: string;
  email: string;
  password: string;
  /** Invoices paid as asked, oldest first. */
  paidInvoiceIds: string[];
  /** Invoices left open, as asked, with their numbers as the app shows them. */
  openInvoices: { id: string; number: number }[];
}

/**
 * A customer with a history, written through the same adapters and payment step the system uses:
 * a sign-in user, the account created `ageMs` ago, and one paid invoice per method in `paidBy` (each
 * paid in full by that method, as if its provider's webhook had reported it).
 */
export async function seedCustomer(
  target: SeedTarget,
  options: { ageMs: number; paidBy?: readonly PaymentMethod[]; currency?: string; openInvoices?: readonly number[] },
): Promise<SeededCustomer> {
  const db = dynamoDocumentClient({ region: 'us-east-1', endpoint: target.dynamoDbEndpoint });
  const deps = {
    customers: new DynamoCustomerRepository(db, target.tableName),
    invoices: new DynamoInvoiceRepository(db, target.tableName),
    ledger: new DynamoPaymentLedger(db, target.tableName),
    activity: new DynamoInvoiceActivityLog(db, target.tableName),
    ids: randomIdGenerator,
    clock: systemClock,
  };
  const email = `${randomIdGenerator.newId('seeded').replace('_', '-')}@example.com`;
  const password = 'Seeded-customer-2026';
  const { sub } = await createUser(target.cognito.endpoint, target.cognito.userPoolId, { email, password });
  const createdAt = new Date(Date.now() - options.ageMs);
  const customer = newCustomer({
    id: randomIdGenerator.newId('cus'), email, name: 'Seeded Customer', currency: currency(options.currency ?? 'USD'), userSub: sub, createdAt,
  });
  await deps.customers.create(customer);

  const issue = (description: string, unitAmountMinor: number) => deps.invoices.createNumbered((number) => Invoice.issue({
    billTo: billToOf(customer),
    id: randomIdGenerator.newId('inv'), number, customerId: customer.id, currency: customer.currency,
    lines: [{ description, quantity: 1, unitAmountMinor }],
    dueDate: calendarDate(calendarDateOf(new Date(Date.now() + 14 * DAY_MS))), issuedAt: new Date(),
  }));
  const paidInvoiceIds: string[] = [];
  for (const method of options.paidBy ?? []) {
    const invoice = await issue(`Hosting paid by ${method}`, 1500);
    const amount = money(1500, customer.currency);
    await recordPayment(deps, {
      method, externalId: randomIdGenerator.newId(`seed_${method}`), customerId: customer.id, invoiceId: invoice.id, amount,
      // A seeded card payment has no charge at the Stripe sandbox to read a fee from: it comes with its fee (2.9% + 0.30).
      ...(method === 'card' ? { processorFee: judgeProcessorFee({ fee: money(74, customer.currency), settled: amount, details: [] }, DEFAULT_FEE_FLAG_BASIS_POINTS, new Date()) } : {}),
    });
    paidInvoiceIds.push(invoice.id);
  }
  const openInvoices: { id: string; number: number }[] = [];
  for (const amount of options.openInvoices ?? []) {
    const invoice = await issue('Dedicated server (monthly)', amount);
    openInvoices.push({ id: invoice.id, number: invoice.state.number });
  }
  return { customerId: customer.id, email, password, paidInvoiceIds, openInvoices };
}

export const days = (n: number): number => n * DAY_MS;
