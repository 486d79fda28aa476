import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { call, startSignedIn } from './client.js';

/**
 * The staff dashboard and reports through the API on the local system. The local system starts with
 * seeded customers, so each figure is asserted by what one staff action changes in it.
 */
describe('Staff dashboard and reports through the API', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';
  let aliceId = '';

  beforeAll(async () => {
    ({ system, admin, alice, aliceId } = await startSignedIn());
  }, 120_000);
  afterAll(() => system?.stop());

  const dashboard = async () => {
    const response = await call(system, 'GET', '/v1/admin/dashboard', { token: admin });
    expect(response.status).toBe(200);
    return response.body;
  };
  const today = () => new Date().toISOString().slice(0, 10); // the local system's time zone is UTC
  const incomeToday = async (currency: string) => {
    const report = await call(system, 'GET', `/v1/admin/reports/income?from=${today()}&to=${today()}&by=day`, { token: admin });
    expect(report.status).toBe(200);
    return report.body.rows.find((r: { currency: string }) => r.currency === currency) ?? { offline: 0, total: 0 };
  };

  it('shows money received this month and what is owed, changed exactly by an invoice and a part payment', async () => {
    const currency = (await call(system, 'GET', '/v1/me', { token: alice })).body.currency as string;
    const before = await dashboard();
    const reportBefore = await incomeToday(currency);
    const invoice = (await call(system, 'POST', '/v1/admin/invoices', {
      token: admin, body: { customerId: aliceId, dueDate: '2031-01-31', lines: [{ description: 'Hosting', quantity: 1, unitAmount: 50_000 }] },
    })).body as { id: string; amountDue: number };
    const recorded = await call(system, 'POST', `/v1/admin/invoices/${invoice.id}/payments`, {
      token: admin, body: { amount: 1_234, kind: 'bank_transfer', reference: 'BANK-1', receivedOn: today(), requestId: randomUUID() },
    });
    expect(recorded.status).toBe(201);
    // The dashboard's income is kept by the outbox consumer, a moment after the payment's transaction.
    await system.automation.settle();
    const after = await dashboard();

    const month = (d: any) => d.income.find((s: { currency: string }) => s.currency === currency)?.months.at(-1) ?? { byMethod: {}, total: 0 };
    expect(month(after).total - month(before).total).toBe(1_234);
    expect((month(after).byMethod.offline ?? 0) - (month(before).byMethod.offline ?? 0)).toBe(1_234);
    const owed = (d: any) => d.receivables.find((r: { currency: string }) => r.currency === currency) ?? { amountDue: 0, buckets: { current: { amountDue: 0 } } };
    // What was already owed may have been paid from credit at issue; the new invoice owes what is left of it.
    const left = (await call(system, 'GET', `/v1/admin/invoices/${invoice.id}`, { token: admin })).body.amountDue as number;
    expect(owed(after).buckets.current.amountDue - owed(before).buckets.current.amountDue).toBe(left);
    expect(after.months).toHaveLength(13);
    expect(after.complete).toBe(true);
    expect((await incomeToday(currency)).offline - reportBefore.offline).toBe(1_234);
  });

  it('downloads a report as CSV with a byte order mark, amounts as decimals beside their currency', async () => {
    const response = await fetch(`${system.url}/v1/admin/reports/income?from=${today()}&to=${today()}&by=day&format=csv`, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain(`income-by-day-${today()}-to-${today()}.csv`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).trim().split('\n');
    expect(lines[0]).toBe('Period,Currency,Card,PayPal,Crypto,Offline,Total');
    expect(lines.slice(1).every((line) => /^\d{4}-\d{2}-\d{2},[A-Z]{3},(\d+(\.\d+)?,){4}\d+(\.\d+)?$/.test(line))).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
  });

  it('refuses a report that does not exist, a range that ends before it starts, and a customer', async () => {
    expect((await call(system, 'GET', '/v1/admin/reports/profits?from=2026-01-01&to=2026-01-31', { token: admin })).status).toBe(400);
    const backwards = await call(system, 'GET', '/v1/admin/reports/income?from=2026-02-01&to=2026-01-31', { token: admin });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.field ?? backwards.body.error.code).toBeDefined();
    expect((await call(system, 'GET', '/v1/admin/dashboard', { token: alice })).status).toBe(403);
  });
});
