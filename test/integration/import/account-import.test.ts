import { readFile } from 'node:fs/promises';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoAccountImports } from '../../../functions/adapters/dynamodb/dynamo-account-imports.js';
import { DynamoCustomerRepository } from '../../../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { DynamoPaymentLedger } from '../../../functions/adapters/dynamodb/dynamo-payment-ledger.js';
import { allCustomers } from '../../../functions/adapters/dynamodb/keys.js';
import { DEFAULT_BILLING_SCHEDULE } from '../../../functions/domain/billing-schedule.js';
import type { Clock } from '../../../functions/ports/clock.js';
import { OPENING_BALANCE_REASON, runAccountImport } from '../../../functions/use-cases/run-account-import.js';
import { startAccountImport } from '../../../functions/use-cases/start-account-import.js';
import { createTestTable, documentClient } from '../../support/dynamodb.js';

/**
 * Issue 11 and R12: the import of accounts from a previous billing system against DynamoDB Local.
 * A file with bad rows writes nothing; a good one writes each account once, however often it is run
 * and wherever a run stops.
 */
const db = documentClient();
const clock: Clock = { now: () => new Date('2026-03-01T09:00:00Z') };
const HEADER = 'record,email,name,currency,opening_credit,plan,price,cycle,paid_through,invoice_number,amount,due_date,description';

async function freshImports() {
  const table = await createTestTable();
  return { table, imports: new DynamoAccountImports(db, table), customers: new DynamoCustomerRepository(db, table), ledger: new DynamoPaymentLedger(db, table) };
}

/** Every item of the table, counted by its `type`. */
async function census(table: string): Promise<{ counts: Record<string, number>; items: Record<string, unknown>[] }> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const counts: Record<string, number> = {};
  for (const item of items) counts[String(item['type'] ?? item['PK'])] = (counts[String(item['type'] ?? item['PK'])] ?? 0) + 1;
  return { counts, items };
}

/** `customers` customers, each with an opening credit, two services and two unpaid invoices: 5 rows each. */
function bigFile(customers: number): string {
  const lines = [HEADER];
  for (let i = 0; i < customers; i++) {
    const email = `customer${i}@import.example`;
    lines.push(`customer,${email},Customer ${i},EUR,${i % 7}.50,,,,,,,,`);
    lines.push(`service,${email},,,,Business hosting,9.90,monthly,2026-03-31,,,,`);
    lines.push(`service,${email},,,,Backup add-on,30.00,yearly,2026-12-31,,,,`);
    lines.push(`invoice,${email},,,,,,,,OLD-${i}-A,9.90,2026-02-01,Business hosting February`);
    lines.push(`invoice,${email},,,,,,,,OLD-${i}-B,9.90,2026-03-15,Business hosting March`);
  }
  return `${lines.join('\n')}\n`;
}

function expectOneOfEverything(counts: Record<string, number>, items: Record<string, unknown>[], customers: number) {
  expect(counts['customer']).toBe(customers);
  expect(counts['customer-email']).toBe(customers);
  expect(counts['service']).toBe(2 * customers);
  expect(counts['invoice']).toBe(2 * customers);
  expect(counts['invoice-activity']).toBe(2 * customers);
  expect(counts['ledger-entry']).toBe(customers - Math.floor((customers + 6) / 7) + Math.floor((customers + 6) / 7)); // every credit is x.50 > 0
  const numbers = items.filter((i) => i['type'] === 'invoice').map((i) => i['number'] as number).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: 2 * customers }, (_, i) => i + 1));
  const counter = items.find((i) => i['PK'] === 'COUNTER#invoice-number');
  expect(counter?.['value']).toBe(2 * customers);
}

describe('import of accounts from a previous billing system (DynamoDB Local)', () => {
  it('refuses a file with bad rows whole, naming every bad line and what is wrong, and writes nothing', async () => {
    const { table, imports } = await freshImports();
    const file = [
      HEADER,
      'customer,ok@example.com,Good Customer,EUR,1.00,,,,,,,,',
      'customer,not-an-email,Bad Email,EUR,,,,,,,,,',
      'service,ok@example.com,,,,Business hosting,9.90,weekly,2021-12-31,,,,',
      'invoice,nobody@example.com,,,,,,,,X-1,5.00,2021-12-01,Hosting',
      'customer,ok@example.com,Twice,EUR,,,,,,,,,',
      'invoice,ok@example.com,,,,,,,,X-2,5.00,2021-13-01,Hosting',
      'invoice,ok@example.com,,,,,,,,X-3,5.001,2021-12-01,Hosting',
      '',
      'planet,ok@example.com,,,,,,,,,,,',
    ].join('\n');

    const result = await startAccountImport({ imports, clock }, { content: file, format: 'csv' });

    expect('refused' in result).toBe(true);
    const problems = 'refused' in result ? result.refused : [];
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'email is not a valid email address.'],
      [4, 'cycle must be one of monthly, quarterly, yearly.'],
      [5, 'No customer row has the email nobody@example.com.'],
      [6, 'ok@example.com is already a customer of this file (line 2).'],
      [7, 'due_date must be a date written YYYY-MM-DD.'],
      [8, 'amount 5.001 has more decimals than EUR has.'],
      [10, 'record must be one of customer, service, invoice.'],
    ]);
    expect((await census(table)).items).toEqual([]);
  });

  it('imports the sample file in both formats as the same accounts: credit through the ledger, services due the day after paid-through, the old number on the invoice', async () => {
    const csv = await readFile('examples/import/accounts.csv', 'utf8');
    const json = await readFile('examples/import/accounts.json', 'utf8');
    const { table, imports, customers, ledger } = await freshImports();

    const fromCsv = await startAccountImport({ imports, clock }, { content: csv, format: 'csv' });
    const fromJson = await startAccountImport({ imports, clock }, { content: json, format: 'json' });
    if (!('job' in fromCsv) || !('job' in fromJson)) throw new Error('the sample was refused');
    const job = await runAccountImport({ imports, schedulePolicy: DEFAULT_BILLING_SCHEDULE }, { jobId: fromCsv.job.id, keepGoing: () => true });

    const carla = await customers.findByEmail('carla.rossi@example.com');
    const { items } = await census(table);
    const service = items.find((i) => i['type'] === 'service' && i['customerId'] === carla?.id);
    const invoice = items.find((i) => i['type'] === 'invoice' && i['customerId'] === carla?.id);
    expect(fromJson.job.id).toBe(fromCsv.job.id);
    expect(job).toMatchObject({ customersTotal: 3, customersDone: 3, imported: 3, skipped: 0 });
    expect(carla?.creditBalance).toEqual({ amountMinor: 1250, currency: 'EUR' });
    expect(carla?.userSub).toBe('');
    expect((await ledger.listEntries(carla!.id, 10)).map((e) => [e.kind, e.amount.amountMinor, e.description])).toEqual([['adjustment', 1250, OPENING_BALANCE_REASON]]);
    // Listed among every customer's entries by time, as any ledger entry, so the staff credit report counts it.
    expect(items.find((i) => i['type'] === 'ledger-entry' && i['customerId'] === carla?.id)).toMatchObject({ GSI3PK: allCustomers.ledger });
    expect(service).toMatchObject({ name: 'Business hosting', price: 990, cycle: 'monthly', paidThrough: '2021-12-31', nextDueDate: '2022-01-01', status: 'active' });
    expect(invoice).toMatchObject({ status: 'open', dueDate: '2021-12-01', number: 1 });
    expect((invoice?.['lines'] as { description: string }[])[0]?.description).toBe('Business hosting December 2021 (previous system’s invoice OLD-2021-0412)');
  });

  it('finishes a run stopped halfway (as by a timeout) when run again, with exactly one of everything', async () => {
    const { table, imports } = await freshImports();
    const accepted = await startAccountImport({ imports, clock }, { content: bigFile(300), format: 'csv' });
    if (!('job' in accepted)) throw new Error('refused');
    const deps = { imports, schedulePolicy: DEFAULT_BILLING_SCHEDULE };
    let batches = 0;

    const stopped = await runAccountImport(deps, { jobId: accepted.job.id, keepGoing: () => batches++ < 17 });
    const before = await census(table);
    const finished = await runAccountImport(deps, { jobId: accepted.job.id, keepGoing: () => true });
    const { counts, items } = await census(table);

    expect(stopped.customersDone).toBeLessThan(300);
    expect(before.counts['customer']).toBeGreaterThan(stopped.customersDone);
    expect(finished).toMatchObject({ customersTotal: 300, customersDone: 300, imported: 300, skipped: 0 });
    expectOneOfEverything(counts, items, 300);
  }, 300_000);

  it('skips, and counts, a customer whose email is already a customer’s here, and writes the others', async () => {
    const { imports, customers } = await freshImports();
    const first = await startAccountImport({ imports, clock }, { content: bigFile(3), format: 'csv' });
    if (!('job' in first)) throw new Error('refused');
    await runAccountImport({ imports, schedulePolicy: DEFAULT_BILLING_SCHEDULE }, { jobId: first.job.id, keepGoing: () => true });
    const other = `${bigFile(4).trimEnd()}\n`; // the same three customers and one more: another file, another job

    const second = await startAccountImport({ imports, clock }, { content: other, format: 'csv' });
    if (!('job' in second)) throw new Error('refused');
    const job = await runAccountImport({ imports, schedulePolicy: DEFAULT_BILLING_SCHEDULE }, { jobId: second.job.id, keepGoing: () => true });

    expect(second.job.id).not.toBe(first.job.id);
    expect(job).toMatchObject({ customersTotal: 4, imported: 1, skipped: 3 });
    expect((await customers.list({ limit: 100 })).items).toHaveLength(4);
  }, 120_000);
  it('imports a 10,000-row file, each account once; the same file again changes nothing (its time is printed, not asserted: this machine is shared)', async () => {
    const { table, imports } = await freshImports();
    const file = bigFile(2_000);
    const deps = { imports, schedulePolicy: DEFAULT_BILLING_SCHEDULE };

    const started = performance.now();
    const accepted = await startAccountImport({ imports, clock }, { content: file, format: 'csv' });
    if (!('job' in accepted)) throw new Error(`refused: ${JSON.stringify(accepted.refused.slice(0, 3))}`);
    const checkedAt = performance.now();
    const job = await runAccountImport(deps, { jobId: accepted.job.id, keepGoing: () => true });
    const seconds = (performance.now() - started) / 1000;
    console.log(`Import of 10,000 rows (2,000 customers, 4,000 services, 4,000 invoices) on DynamoDB Local: ${seconds.toFixed(1)} s (checking and storing the file ${((checkedAt - started) / 1000).toFixed(1)} s)`);

    const again = await startAccountImport({ imports, clock: { now: () => new Date() } }, { content: file, format: 'csv' });
    const rerun = await runAccountImport(deps, { jobId: 'job' in again ? again.job.id : '', keepGoing: () => true });
    const { counts, items } = await census(table);

    expect(accepted.job.rows).toBe(10_000);
    expect(job).toMatchObject({ customersTotal: 2_000, customersDone: 2_000, imported: 2_000, skipped: 0 });
    expect(rerun).toEqual(job);
    expectOneOfEverything(counts, items, 2_000);
  }, 900_000);
});
