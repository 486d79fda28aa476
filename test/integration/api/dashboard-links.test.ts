import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { call, startSignedIn } from './client.js';

const BUCKETS = ['current', '1-30', '31-60', '61-90', 'over-90'] as const;

/**
 * Each aging figure on the staff dashboard links to the invoice list narrowed to that currency and
 * bucket: the list holds exactly the invoices the figure counts, for every bucket and currency.
 */
describe('The dashboard’s aging figures and the lists they link to', () => {
  let system: LocalSystem;
  let admin = '';
  let aliceId = '';

  beforeAll(async () => {
    ({ system, admin, aliceId } = await startSignedIn());
  }, 120_000);
  afterAll(() => system?.stop());

  const listAll = async (query: string) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const response = await call(system, 'GET', `/v1/admin/invoices?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: admin });
      expect(response.status).toBe(200);
      ids.push(...response.body.items.map((i: { id: string }) => i.id));
      cursor = response.body.nextCursor;
    } while (cursor);
    return ids;
  };

  it('lists, for each currency and bucket, exactly the invoices the dashboard counts there', async () => {
    // Something owed in several buckets: the seed's invoices (due before and after today), 45 days on, and one due in 2031.
    const later = await call(system, 'POST', '/v1/admin/invoices', {
      token: admin, body: { customerId: aliceId, dueDate: '2031-01-31', lines: [{ description: 'Hosting', quantity: 1, unitAmount: 90_000 }] },
    });
    expect(later.status).toBe(201);
    for (let day = 0; day < 45; day++) {
      expect((await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'day' } })).status).toBe(200);
    }

    const { receivables } = (await call(system, 'GET', '/v1/admin/dashboard', { token: admin })).body as {
      receivables: Array<{ currency: string; buckets: Record<(typeof BUCKETS)[number], { invoices: number }> }>;
    };
    let counted = 0;
    for (const { currency, buckets } of receivables) {
      for (const bucket of BUCKETS) {
        const status = bucket === 'current' ? 'unpaid' : 'overdue';
        const listed = await listAll(`status=${status}&currency=${currency}&aging=${bucket}`);
        expect({ currency, bucket, listed: listed.length }).toEqual({ currency, bucket, listed: buckets[bucket].invoices });
        counted += buckets[bucket].invoices;
      }
    }
    expect(counted).toBeGreaterThan(1);
    expect(receivables.some((r) => r.buckets['31-60'].invoices + r.buckets['1-30'].invoices > 0)).toBe(true);
  }, 120_000);

  it('refuses an aging bucket that does not exist, naming the ones that do', async () => {
    const response = await call(system, 'GET', '/v1/admin/invoices?status=overdue&aging=100-200', { token: admin });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('aging must be one of current, 1-30, 31-60, 61-90, over-90');
  });
});
