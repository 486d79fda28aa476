import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { PlannedCustomer } from '../../domain/account-import/import-plan.js';
import type { Customer } from '../../domain/customer.js';
import type { Invoice } from '../../domain/invoice.js';
import type { AccountImports, ImportChunk, ImportJob, NewAccount } from '../../ports/account-imports.js';
import { activityItem } from './activity-item.js';
import { customerItem, DynamoCustomerRepository } from './dynamo-customer-repository.js';
import { toInvoiceItem } from './invoice-item.js';
import { keys } from './keys.js';
import { type TransactItem, ledgerEntryItem } from './ledger-items.js';
import { outboxPut } from './outbox-item.js';
import { toServiceItem } from './service-item.js';

const jobKey = (id: string) => ({ PK: `IMPORT#${id}`, SK: 'JOB' });
const chunkKey = (id: string, index: number) => ({ PK: `IMPORT#${id}`, SK: `CHUNK#${String(index).padStart(6, '0')}` });
/** Where a job's customers wait for their invitation (GSI3, instead of `USER#<sub>` until they have one). */
const uninvited = (jobId: string) => `IMPORT_UNINVITED#${jobId}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function jobOf(i: Record<string, unknown>): ImportJob {
  return {
    id: i['id'] as string, rows: i['rows'] as number, chunks: i['chunks'] as number, customersTotal: i['customersTotal'] as number,
    customersDone: i['customersDone'] as number, imported: i['imported'] as number, skipped: i['skipped'] as number, createdAt: i['createdAt'] as string,
  };
}

/**
 * Import jobs in the single table (see ACCESS-PATTERNS.md): the job, its chunks of checked accounts
 * (JSON, about 100 customers each, well under an item's 400 KB), and the accounts written in
 * transactions of up to 100 items that take their invoice numbers from the same counter as
 * `DynamoInvoiceRepository.createNumbered`, moved on in the same transaction: no number is taken
 * without its invoice, and an account already there cancels nothing but itself.
 */
export class DynamoAccountImports implements AccountImports {
  private readonly customers: DynamoCustomerRepository;

  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {
    this.customers = new DynamoCustomerRepository(db, tableName);
  }

  async createJob(job: ImportJob, chunks: readonly ImportChunk[]): Promise<ImportJob> {
    const existing = await this.getJob(job.id);
    if (existing) return existing;
    // Chunks first, the job last: a job that exists has all its chunks, whatever stopped a first attempt.
    for (const chunk of chunks) {
      await this.putOnce({ ...chunkKey(job.id, chunk.index), type: 'import-chunk', index: chunk.index, customers: JSON.stringify(chunk.customers) });
    }
    await this.putOnce({ ...jobKey(job.id), type: 'import-job', ...job });
    return (await this.getJob(job.id))!;
  }

  async getJob(id: string): Promise<ImportJob | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: jobKey(id), ConsistentRead: true }));
    return Item ? jobOf(Item) : undefined;
  }

  async pendingChunks(jobId: string): Promise<ImportChunk[]> {
    const chunks: ImportChunk[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :chunk)',
        FilterExpression: 'attribute_not_exists(done)',
        ExpressionAttributeValues: { ':pk': `IMPORT#${jobId}`, ':chunk': 'CHUNK#' },
        ConsistentRead: true,
        ExclusiveStartKey,
      }));
      for (const i of page.Items ?? []) chunks.push({ index: i['index'] as number, customers: JSON.parse(i['customers'] as string) as PlannedCustomer[] });
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return chunks;
  }

  async writeAccounts(jobId: string, accounts: readonly NewAccount[]): Promise<{ written: number; alreadyWritten: number; emailTaken: number }> {
    let remaining = [...accounts];
    let alreadyWritten = 0;
    let emailTaken = 0;
    for (let attempt = 0; remaining.length > 0; attempt++) {
      const { Item: counter } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.invoiceNumberCounter(), ConsistentRead: true }));
      const last = (counter?.['value'] as number | undefined) ?? 0;
      const { items, owners } = this.transaction(jobId, remaining, last);
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return { written: remaining.length, alreadyWritten, emailTaken };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException) || attempt > 50) throw error;
        const refused = new Set<number>();
        (error.CancellationReasons ?? []).forEach((reason, index) => {
          if (reason.Code === 'ConditionalCheckFailed' && owners[index] !== undefined) refused.add(owners[index]);
        });
        // Accounts already there are left out; a moved counter or a conflict is simply tried again.
        for (const position of refused) {
          const { customer } = remaining[position]!;
          if (await this.customers.get(customer.id)) alreadyWritten += 1;
          else emailTaken += 1;
        }
        remaining = remaining.filter((_, position) => !refused.has(position));
        if (refused.size === 0) await sleep(Math.random() * 50);
      }
    }
    return { written: 0, alreadyWritten, emailTaken };
  }

  /** The transaction's items, and for each item that can refuse an account, that account's position. */
  private transaction(jobId: string, accounts: readonly NewAccount[], last: number): { items: TransactItem[]; owners: (number | undefined)[] } {
    const items: TransactItem[] = [];
    const owners: (number | undefined)[] = [];
    const put = (Item: Record<string, unknown>, owner?: number) => {
      items.push({ Put: { TableName: this.tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' } });
      owners.push(owner);
    };
    let number = last;
    const effects = [];
    for (const [position, account] of accounts.entries()) {
      const { customer } = account;
      put({ ...customerItem(customer), GSI3PK: uninvited(jobId), GSI3SK: `CUSTOMER#${customer.id}`, importJobId: jobId }, position);
      put({ ...keys.customerEmail(customer.email), type: 'customer-email', customerId: customer.id }, position);
      const entry = account.openingBalance;
      if (entry) put(ledgerEntryItem(entry));
      for (const service of account.services) put(toServiceItem(service));
      const invoices: Invoice[] = [];
      for (const planned of account.invoices) {
        const invoice = planned.build(++number);
        invoices.push(invoice);
        put(toInvoiceItem(invoice));
        put(activityItem(planned.activity(invoice)));
      }
      effects.push(...account.effects(invoices));
    }
    if (number > last) {
      items.push({
        Update: {
          TableName: this.tableName,
          Key: keys.invoiceNumberCounter(),
          UpdateExpression: 'SET #value = :next',
          ConditionExpression: last === 0 ? 'attribute_not_exists(#value)' : '#value = :last',
          ExpressionAttributeNames: { '#value': 'value' },
          ExpressionAttributeValues: { ':next': number, ...(last === 0 ? {} : { ':last': last }) },
        },
      });
      owners.push(undefined);
    }
    items.push(...outboxPut(this.tableName, effects, new Date()));
    return { items, owners };
  }

  async completeChunk(jobId: string, index: number, counts: { imported: number; skipped: number; customers: number }): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [
        { Update: { TableName: this.tableName, Key: chunkKey(jobId, index), UpdateExpression: 'SET done = :true', ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(done)', ExpressionAttributeValues: { ':true': true } } },
        {
          Update: {
            TableName: this.tableName, Key: jobKey(jobId),
            UpdateExpression: 'ADD customersDone :customers, imported :imported, skipped :skipped',
            ExpressionAttributeValues: { ':customers': counts.customers, ':imported': counts.imported, ':skipped': counts.skipped },
          },
        },
      ] }));
    } catch (error) {
      // Finished by an earlier or concurrent run: its counts are in already.
      if (!(error instanceof TransactionCanceledException)) throw error;
    }
  }

  async listUninvited(jobId: string, limit: number): Promise<Customer[]> {
    const { Items = [] } = await this.db.send(new QueryCommand({
      TableName: this.tableName, IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :pk', ExpressionAttributeValues: { ':pk': uninvited(jobId) }, Limit: limit,
    }));
    const customers = await Promise.all(Items.map((i) => this.customers.get(i['id'] as string)));
    return customers.filter((c): c is Customer => c !== undefined && c.userSub === '');
  }

  async markInvited(customerId: string, userSub: string): Promise<void> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName, Key: keys.customer(customerId),
        UpdateExpression: 'SET userSub = :sub, GSI3PK = :user, GSI3SK = :customer',
        ConditionExpression: 'attribute_exists(PK) AND userSub = :none',
        ExpressionAttributeValues: { ':sub': userSub, ':user': `USER#${userSub}`, ':customer': 'CUSTOMER', ':none': '' },
      }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  private async putOnce(Item: Record<string, unknown>): Promise<void> {
    try {
      await this.db.send(new PutCommand({ TableName: this.tableName, Item, ConditionExpression: 'attribute_not_exists(PK)' }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
