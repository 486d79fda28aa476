/**
 * The staff dashboard at a large provider's size (issue 14): 10,000 customers, each with a monthly
 * service and ten monthly invoices (100,000), paid by card a few days after issue except 3% left
 * open and this month's unpaid half, seeded into DynamoDB Local with BatchWriteItem (25 items a
 * request, 16 in flight). The dashboard use case runs against it through the real adapter, and its
 * time is divided by that of one Query of 100 items on the same table in the same run (5 rounds,
 * each the dashboard then 20 queries, interleaved; medians).
 *
 *   npm run bench -- dashboard      (DASHBOARD_CUSTOMERS sets the size: 10,000)
 */
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadavg } from 'node:os';
import { DynamoBillingFigures } from '../functions/adapters/dynamodb/dynamo-billing-figures.js';
import { DynamoIncomeTally, incomeDayItem } from '../functions/adapters/dynamodb/dynamo-income-tally.js';
import { customerItem } from '../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { paymentItem } from '../functions/adapters/dynamodb/dynamo-payment-ledger.js';
import { toProcessorFeeItem } from '../functions/adapters/dynamodb/dynamo-payment-fee-records.js';
import { dynamoDocumentClient } from '../functions/adapters/dynamodb/document-client.js';
import { toInvoiceItem } from '../functions/adapters/dynamodb/invoice-item.js';
import { toServiceItem } from '../functions/adapters/dynamodb/service-item.js';
import { type CalendarDate, calendarDate } from '../functions/domain/calendar-date.js';
import { newCustomer } from '../functions/domain/customer.js';
import { Invoice } from '../functions/domain/invoice.js';
import { currency, money } from '../functions/domain/money.js';
import { judgeProcessorFee } from '../functions/domain/processor-fee.js';
import { Service } from '../functions/domain/service.js';
import { getStaffDashboard } from '../functions/use-cases/get-staff-dashboard.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '../local/dynamodb-local.js';
import { ensureTable } from '../local/table.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const MONTHS = 10; // February to November 2026
const ROUNDS = 5;
const QUERIES_PER_ROUND = 20;

export interface DashboardBenchResult {
  customers: number;
  invoices: number;
  payments: number;
  openInvoices: number;
  seedSeconds: number;
  dashboardMs: number;
  queryMs: number;
  ratio: number;
  complete: boolean;
  loadAverage: number[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function dashboardBench(customers = Number(process.env['DASHBOARD_CUSTOMERS'] ?? 10_000), log: (line: string) => void = () => {}): Promise<DashboardBenchResult> {
  // The table's client signs with DynamoDB Local's fixed credentials, as `npm start` does.
  process.env['AWS_ACCESS_KEY_ID'] ??= LOCAL_CREDENTIALS.accessKeyId;
  process.env['AWS_SECRET_ACCESS_KEY'] ??= LOCAL_CREDENTIALS.secretAccessKey;
  const local = await startDynamoDbLocal();
  try {
    const tableName = 'dashboard-bench';
    await ensureTable(new DynamoDBClient({ endpoint: local.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }), tableName);
    const db = dynamoDocumentClient({ region: LOCAL_REGION, endpoint: local.endpoint });

    const started = performance.now();
    const counts = await seed(db, tableName, customers, log);
    const seedSeconds = (performance.now() - started) / 1000;
    log(`seeded ${counts.items} items in ${seedSeconds.toFixed(0)} s`);

    const figures = new DynamoBillingFigures(db, tableName);
    const incomeTally = new DynamoIncomeTally(db, tableName);
    const clock = { now: () => NOW };
    const query = () => db.send(new QueryCommand({
      TableName: tableName, IndexName: 'GSI3', KeyConditionExpression: 'GSI3PK = :pk', ExpressionAttributeValues: { ':pk': 'INVOICES' },
      ScanIndexForward: false, Limit: 100,
    }));
    await getStaffDashboard({ figures, incomeTally, clock }, { timeZone: 'UTC' }); // warm the client and DynamoDB Local's JIT
    for (let i = 0; i < 5; i++) await query();
    const dashboardTimes: number[] = [];
    const queryTimes: number[] = [];
    let complete = true;
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      const dashboard = await getStaffDashboard({ figures, incomeTally, clock }, { timeZone: 'UTC' });
      dashboardTimes.push(performance.now() - t0);
      complete &&= dashboard.complete;
      for (let i = 0; i < QUERIES_PER_ROUND; i++) {
        const q0 = performance.now();
        const page = await query();
        if ((page.Items ?? []).length !== 100) throw new Error('The baseline query did not read 100 items');
        queryTimes.push(performance.now() - q0);
      }
      log(`round ${round + 1}: dashboard ${dashboardTimes.at(-1)!.toFixed(0)} ms`);
    }
    const dashboardMs = median(dashboardTimes);
    const queryMs = median(queryTimes);
    return { customers, ...counts, seedSeconds, dashboardMs, queryMs, ratio: dashboardMs / queryMs, complete, loadAverage: loadavg() };
  } finally {
    await local.stop();
  }
}

async function seed(db: ReturnType<typeof dynamoDocumentClient>, tableName: string, customers: number, log: (line: string) => void) {
  const queue: Record<string, unknown>[] = [];
  let items = 0;
  let invoices = 0;
  let payments = 0;
  let openInvoices = 0;
  const inFlight = new Set<Promise<void>>();
  const flush = async (all: boolean) => {
    while (queue.length >= (all ? 1 : 25)) {
      const batch = queue.splice(0, 25);
      const write = writeBatch(db, tableName, batch).finally(() => inFlight.delete(write));
      inFlight.add(write);
      if (inFlight.size >= 16) await Promise.race(inFlight);
    }
    if (all) await Promise.all(inFlight);
  };
  // The income counted per UTC day, as the outbox consumer's `tally` effects (or the backfill) leave it.
  const days = new Map<string, Map<string, { currency: string; amountMinor: number; count: number }>>();
  let number = 0;
  for (let c = 0; c < customers; c++) {
    const code = currency(c % 5 === 0 ? 'EUR' : 'USD');
    const id = `cus_${c}`;
    const createdAt = new Date(Date.UTC(2026, 0, 1 + (c % 28)));
    queue.push(customerItem(newCustomer({ id, email: `c${c}@example.com`, name: `Customer ${c}`, currency: code, userSub: `sub-${c}`, createdAt })));
    const price = 1_000 + (c % 5) * 500;
    queue.push(toServiceItem(Service.create({
      id: `svc_${c}`, customerId: id, customerCurrency: code, name: 'Hosting', price: money(price, code), cycle: c % 10 === 0 ? 'yearly' : 'monthly',
      nextDueDate: calendarDate('2026-12-01'), createdAt,
    })));
    items += 3;
    for (let m = 0; m < MONTHS; m++) {
      const issuedAt = new Date(Date.UTC(2026, 1 + m, 1 + (c % 20)));
      if (issuedAt > NOW) continue;
      const dueDate = calendarDate(new Date(issuedAt.getTime() + 14 * 86_400_000).toISOString().slice(0, 10));
      let invoice = Invoice.issue({
        billTo: { name: 'Test Customer', email: 'customer@example.test' },
        id: `inv_${c}_${m}`, number: ++number, customerId: id, currency: code, dueDate, issuedAt,
        lines: [{ description: 'Hosting', quantity: 1, unitAmountMinor: price }],
      });
      invoices += 1;
      const leftOpen = (c * 31 + m) % 100 < 3 || (m === MONTHS - 1 && c % 2 === 0);
      if (leftOpen) {
        openInvoices += 1;
      } else {
        const receivedAt = new Date(issuedAt.getTime() + 3 * 86_400_000);
        invoice = invoice.recordPayment(invoice.amountDue, receivedAt).invoice;
        const settled = money(price, 'USD');
        queue.push({
          ...paymentItem({
            method: 'card', externalId: `pi_${c}_${m}`, customerId: id, invoiceId: invoice.id, amount: money(price, code),
            appliedToInvoice: money(price, code), receivedAt: receivedAt.toISOString(), card: { brand: 'visa', last4: '4242' },
          }),
          processorFee: toProcessorFeeItem(judgeProcessorFee({ fee: money(Math.round(price * 0.029) + 30, 'USD'), settled, details: [] }, 400, receivedAt)),
        });
        payments += 1;
        items += 1;
        const day = receivedAt.toISOString().slice(0, 10);
        const byCurrency = days.get(day) ?? new Map<string, { currency: string; amountMinor: number; count: number }>();
        days.set(day, byCurrency);
        const sums = byCurrency.get(code) ?? { currency: code, amountMinor: 0, count: 0 };
        byCurrency.set(code, { currency: code, amountMinor: sums.amountMinor + price, count: sums.count + 1 });
      }
      queue.push(toInvoiceItem(invoice));
      items += 1;
      await flush(false);
    }
    if (c % 2_000 === 1_999) log(`seeding: ${c + 1} customers`);
  }
  for (const [day, byCurrency] of days) {
    queue.push(incomeDayItem('UTC', day as CalendarDate, [...byCurrency.values()].map((sums) => ({ ...sums, method: 'card' as const }))));
    items += 1;
  }
  await flush(true);
  return { items, invoices, payments, openInvoices };
}

async function writeBatch(db: ReturnType<typeof dynamoDocumentClient>, tableName: string, batch: Record<string, unknown>[]): Promise<void> {
  let requests = batch.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; requests.length > 0; attempt++) {
    const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
    requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
    if (requests.length && attempt > 10) throw new Error('DynamoDB Local kept items unprocessed');
  }
}
