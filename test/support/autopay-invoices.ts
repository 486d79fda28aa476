import { BatchWriteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { customerEmailItem, customerItem } from '../../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { savedCardItem } from '../../functions/adapters/dynamodb/dynamo-card-repository.js';
import { providerAccountItem } from '../../functions/adapters/dynamodb/dynamo-provider-accounts.js';
import { toInvoiceItem } from '../../functions/adapters/dynamodb/invoice-item.js';
import { keys } from '../../functions/adapters/dynamodb/keys.js';
import { outboxPut } from '../../functions/adapters/dynamodb/outbox-item.js';
import { randomIdGenerator } from '../../functions/adapters/ids/random-id-generator.js';
import { StripeCardPayments } from '../../functions/adapters/stripe/stripe-card-payments.js';
import { StripeClients } from '../../functions/adapters/stripe/stripe-client.js';
import type { BillingSchedulePolicy } from '../../functions/domain/billing-schedule.js';
import type { CalendarDate } from '../../functions/domain/calendar-date.js';
import { newCustomer } from '../../functions/domain/customer.js';
import { Invoice } from '../../functions/domain/invoice.js';
import { currency } from '../../functions/domain/money.js';
import type { SavedCard } from '../../functions/domain/saved-card.js';
import { issueEffects } from '../../functions/use-cases/create-invoice.js';

/** One customer of the batch: automatic billing on, a Visa 4242 saved as default, one open invoice. */
export interface AutopayInvoice {
  readonly customerId: string;
  readonly email: string;
  readonly invoiceId: string;
  /** The customer at the Stripe sandbox, and the card attached to it there. */
  readonly stripeCustomer: string;
  readonly cardId: string;
}

export interface AutopayInvoicesOptions {
  count: number;
  amountMinor: number;
  /** Every invoice's due date: their charges fall in the same minute. */
  dueDate: CalendarDate;
  /** The provider's schedule policy, for the schedules each issued invoice asks for. */
  policy: BillingSchedulePolicy;
  /** The moment of issue (the customers were created a month before). */
  now: Date;
  /** Calls in flight at once, to DynamoDB and to the sandbox. */
  concurrency?: number;
}

const STRIPE_KEY = 'sk_test_local_sandbox';
const BATCH_WRITE_ITEMS = 25;

/**
 * Many customers with an open invoice due on the same day, each with automatic billing on and
 * Stripe's test card 4242 saved as the default, without going through the API one by one: what the
 * real flows leave behind (the customer and the claim on their email, the saved card and the
 * customer's Stripe customer, the invoice numbered after the last one with the outbox item its issue
 * writes: the issue email and its reminder and charge schedules), written in bulk (BatchWriteItem)
 * with the adapters' own item shapes. At the Stripe sandbox, through its API, as the real flows do:
 * the customer made by our adapter, and the test card attached to it.
 *
 * Not made: the sign-in user (nobody signs in here; the customer's user id is a fresh UUID).
 */
export async function seedAutopayInvoices(
  target: { db: DynamoDBDocumentClient; tableName: string; stripe: { host: string; port: number } },
  options: AutopayInvoicesOptions,
): Promise<AutopayInvoice[]> {
  const concurrency = options.concurrency ?? 16;
  const endpoint = { host: target.stripe.host, port: target.stripe.port, protocol: 'http' as const };
  const stripe = new Stripe(STRIPE_KEY, endpoint);
  const cards = new StripeCardPayments(new StripeClients(async () => ({ secretKey: STRIPE_KEY, webhookSecret: 'unused' }), endpoint));
  const code = currency('USD');
  const createdAt = new Date(options.now.getTime() - 30 * 86_400_000);

  const customers = await inParallel(options.count, concurrency, async () => {
    const customer = newCustomer({
      id: randomIdGenerator.newId('cus'), email: `${randomUUID()}@example.test`, name: 'Autopay Customer', currency: code, userSub: randomUUID(), createdAt,
    });
    const stripeCustomer = await cards.ensureCustomer({ billingCustomerId: customer.id, email: customer.email, name: customer.name });
    const method = await stripe.paymentMethods.attach('pm_card_visa', { customer: stripeCustomer });
    const card: SavedCard = {
      id: method.id, customerId: customer.id, brand: method.card!.brand, last4: method.card!.last4,
      expMonth: method.card!.exp_month, expYear: method.card!.exp_year, addedAt: createdAt.toISOString(),
    };
    return { customer: { ...customer, defaultCardId: card.id }, card, stripeCustomer };
  });

  const { Item: counter } = await target.db.send(new GetCommand({ TableName: target.tableName, Key: keys.invoiceNumberCounter(), ConsistentRead: true }));
  const { Item: tickets } = await target.db.send(new GetCommand({ TableName: target.tableName, Key: keys.invoiceNumberTickets(), ConsistentRead: true }));
  const lastNumber = (counter?.['value'] as number | undefined) ?? 0;
  const items: Record<string, unknown>[] = [];
  const seeded = customers.map(({ customer, card, stripeCustomer }, i) => {
    const invoice = Invoice.issue({
      id: randomIdGenerator.newId('inv'), number: lastNumber + i + 1, customerId: customer.id, currency: code,
      lines: [{ description: 'Hosting (monthly)', quantity: 1, unitAmountMinor: options.amountMinor }],
      dueDate: options.dueDate, issuedAt: options.now, billTo: { name: customer.name, email: customer.email },
    });
    items.push(
      customerItem(customer), customerEmailItem(customer.email, customer.id), savedCardItem(card),
      providerAccountItem(customer.id, 'card', stripeCustomer), toInvoiceItem(invoice),
      ...outboxPut(target.tableName, issueEffects(invoice, options.policy, options.now), options.now).map((put) => put.Put!.Item!),
    );
    return { customerId: customer.id, email: customer.email, invoiceId: invoice.id, stripeCustomer, cardId: card.id };
  });
  const batches = Array.from({ length: Math.ceil(items.length / BATCH_WRITE_ITEMS) }, (_, i) => items.slice(i * BATCH_WRITE_ITEMS, (i + 1) * BATCH_WRITE_ITEMS));
  await inParallel(batches.length, concurrency, (i) => batchWrite(target.db, target.tableName, batches[i]!));

  // The numbers are taken: the next invoice staff issue continues after them, in its turn.
  await target.db.send(new UpdateCommand({
    TableName: target.tableName,
    Key: keys.invoiceNumberCounter(),
    UpdateExpression: 'SET #value = :value, #ticket = :ticket',
    ExpressionAttributeNames: { '#value': 'value', '#ticket': 'ticket' },
    ExpressionAttributeValues: { ':value': lastNumber + options.count, ':ticket': (tickets?.['next'] as number | undefined) ?? 0 },
  }));
  return seeded;
}

/** Writes up to 25 items, again and again until DynamoDB has taken all of them. */
async function batchWrite(db: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]): Promise<void> {
  let requests = items.map((Item) => ({ PutRequest: { Item } }));
  for (let round = 0; requests.length > 0; round++) {
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** round)));
    const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
    requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
  }
}

/** Runs `work(0…count-1)` with at most `concurrency` at once; the results in order. */
async function inParallel<T>(count: number, concurrency: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const index = next++;
      results[index] = await work(index);
    }
  }));
  return results;
}
