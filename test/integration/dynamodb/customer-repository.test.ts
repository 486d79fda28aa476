import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoCustomerRepository } from '../../../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { dynamoDocumentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import { type Customer, newCustomer } from '../../../functions/domain/customer.js';
import { NotFoundError } from '../../../functions/domain/errors.js';
import { currency } from '../../../functions/domain/money.js';
import type { Page } from '../../../functions/ports/page.js';
import { createTestTable, dynamoDbEndpoint } from '../../support/dynamodb.js';

const COUNT = 400;
const start = Date.parse('2026-01-01T00:00:00Z');

/** 400 customers a minute apart; three of them with names to look for: the oldest, one in the middle, the newest. */
function people(): Customer[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const n = String(i).padStart(4, '0');
    const special = i === 0 ? { name: 'Zofia Łukasiewicz-Żądło', email: 'zofia@krakow.example' }
      : i === 200 ? { name: 'Grace Hopper', email: 'grace@navy.example' }
        : i === COUNT - 1 ? { name: 'Ada Lovelace', email: 'Ada@Analytical.Example' }
          : { name: `Customer ${n}`, email: `c${n}@example.com` };
    return newCustomer({ id: `cus_${n}`, ...special, currency: currency('EUR'), userSub: `sub-${n}`, createdAt: new Date(start + i * 60_000) });
  });
}

/** Every page of a search, following the cursor to the end. */
async function allPages(repo: DynamoCustomerRepository, search: string, limit: number): Promise<Page<Customer>[]> {
  const pages: Page<Customer>[] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.list({ search, limit, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 1000);
  return pages;
}

describe('DynamoCustomerRepository against DynamoDB Local', () => {
  let table: string;
  const db = dynamoDocumentClient({ region: 'us-east-1', endpoint: dynamoDbEndpoint() });
  const repo = (searchBudget?: number) => new DynamoCustomerRepository(db, table, searchBudget);
  const all = people();
  const newestFirst = [...all].reverse().map((c) => c.id);

  beforeAll(async () => {
    table = await createTestTable();
    for (let i = 0; i < all.length; i += 25) await Promise.all(all.slice(i, i + 25).map((c) => repo().create(c)));
  }, 120_000);

  it.each([
    ['part of the oldest customer’s name, in lower case', 'łukasiewicz', 'cus_0000'],
    ['the same in upper case', 'ŁUKASIEWICZ-ŻĄDŁO', 'cus_0000'],
    ['part of an email, in mixed case', 'ANALYTICAL.ex', `cus_0${COUNT - 1}`],
    ['part of a name in the middle of the list', 'grAce HOP', 'cus_0200'],
  ])('finds a customer by %s (%j), among 400, in one request', async (_, search, id) => {
    const page = await repo().list({ search, limit: 25 });

    expect(page.items.map((c) => c.id)).toEqual([id]);
    expect(page.nextCursor).toBeUndefined();
  });

  it('answers a search that ran out of its budget with what it found and a cursor; following it finds every match once', async () => {
    const pages = await allPages(repo(50), 'hopper', 25);

    expect(pages.length).toBeGreaterThan(COUNT / 50 - 1);
    expect(pages.flatMap((p) => p.items.map((c) => c.id))).toEqual(['cus_0200']);
    // Only the last page may end the search: every page before it carries a cursor, even when empty.
    expect(pages.slice(0, -1).every((p) => p.nextCursor)).toBe(true);
    expect(pages.at(-1)!.nextCursor).toBeUndefined();
  });

  it('stops a full page at the last customer taken, so the next page neither skips nor repeats one', async () => {
    const pages = await allPages(repo(), '@', 7);

    expect(pages.slice(0, -1).every((p) => p.items.length === 7)).toBe(true);
    expect(pages.flatMap((p) => p.items.map((c) => c.id))).toEqual(newestFirst);
  });

  it('lists without a search in pages of exactly the limit, newest first', async () => {
    const first = await repo().list({ limit: 30 });
    const second = await repo().list({ limit: 30, cursor: first.nextCursor! });

    expect([...first.items, ...second.items].map((c) => c.id)).toEqual(newestFirst.slice(0, 60));
  });

  it('keeps a billing address and tax ID, changes one without the other, and clears them', async () => {
    const id = 'cus_0005';
    const set = await repo().update(id, { billingAddress: ['Rynek Główny 1', '31-042 Kraków', 'Poland'], taxId: 'PL1234567890' });
    const moved = await repo().update(id, { billingAddress: ['Main Street 2', 'Dublin'] });
    const stored = await repo().get(id);
    const cleared = await repo().update(id, { billingAddress: null, taxId: null });

    expect(set).toMatchObject({ billingAddress: ['Rynek Główny 1', '31-042 Kraków', 'Poland'], taxId: 'PL1234567890' });
    expect(stored).toEqual(moved);
    expect(moved).toMatchObject({ billingAddress: ['Main Street 2', 'Dublin'], taxId: 'PL1234567890', name: 'Customer 0005' });
    expect(cleared.billingAddress).toBeUndefined();
    expect(cleared.taxId).toBeUndefined();
    expect(await repo().get(id)).toEqual(cleared);
  });

  it('answers NotFoundError when updating a customer that does not exist, and creates nothing', async () => {
    await expect(repo().update('cus_nobody', { taxId: 'X1' })).rejects.toBeInstanceOf(NotFoundError);
    expect(await repo().get('cus_nobody')).toBeUndefined();
  });
});
