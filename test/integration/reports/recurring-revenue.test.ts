import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoBillingFigures } from '../../../functions/adapters/dynamodb/dynamo-billing-figures.js';
import { DynamoIncomeTally } from '../../../functions/adapters/dynamodb/dynamo-income-tally.js';
import { DynamoServiceRepository } from '../../../functions/adapters/dynamodb/dynamo-service-repository.js';
import { dynamoDocumentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { money } from '../../../functions/domain/money.js';
import { Service } from '../../../functions/domain/service.js';
import type { ServiceCycle } from '../../../functions/domain/service-cycle.js';
import { type StaffDashboard, getStaffDashboard } from '../../../functions/use-cases/get-staff-dashboard.js';
import { createTestTable, dynamoDbEndpoint } from '../../support/dynamodb.js';

// "Now" is 23:00 on 30 November in New York, already 1 December in UTC: this month is November.
const TIME_ZONE = 'America/New_York';
const NOW = new Date('2026-12-01T04:00:00Z');

/**
 * Issue 14: monthly recurring revenue from active services, per currency, and its change this month,
 * read from the services' index (GSI3 `SERVICES`) on DynamoDB Local.
 */
describe('Monthly recurring revenue on the staff dashboard (DynamoDB Local)', () => {
  let dashboard: StaffDashboard;

  beforeAll(async () => {
    const db = dynamoDocumentClient({ region: 'us-east-1', endpoint: dynamoDbEndpoint() });
    const tableName = await createTestTable();
    const services = new DynamoServiceRepository(db, tableName);
    let n = 0;
    const add = async (code: string, price: number, cycle: ServiceCycle, createdAt: string, change?: (s: Service) => Service) => {
      const created = Service.create({
        id: `svc_${++n}`, customerId: `cus_${code}`, customerCurrency: code, name: `Plan ${n}`, price: money(price, code), cycle,
        nextDueDate: calendarDate('2026-12-15'), createdAt: new Date(createdAt),
      });
      await services.create(created);
      if (change) await services.save(change(created), created.state.version);
    };
    // USD, active: 10.00 monthly, 30.00 quarterly (10.00 a month), three at 10.00 yearly (0.8333… each).
    await add('USD', 1_000, 'monthly', '2025-03-01T10:00:00Z');
    await add('USD', 3_000, 'quarterly', '2026-11-10T10:00:00Z'); // new this month
    for (let i = 0; i < 3; i++) await add('USD', 1_000, 'yearly', '2025-06-01T10:00:00Z');
    // USD, suspended this month (not in the revenue): 20.00 monthly.
    await add('USD', 2_000, 'monthly', '2025-01-01T10:00:00Z', (s) => s.suspend('inv_1', new Date('2026-11-20T12:00:00Z')));
    // USD, suspended last month: neither revenue nor this month's change.
    await add('USD', 5_000, 'monthly', '2025-01-01T10:00:00Z', (s) => s.suspend('inv_2', new Date('2026-10-20T12:00:00Z')));
    // USD, cancelled this month (22:30 on 30 November in New York, 1 December in UTC): 120.00 yearly.
    await add('USD', 12_000, 'yearly', '2025-01-01T10:00:00Z', (s) => s.cancel(new Date('2026-12-01T03:30:00Z')));
    // USD, cancelled in October: nothing this month.
    await add('USD', 9_900, 'monthly', '2025-01-01T10:00:00Z', (s) => s.cancel(new Date('2026-10-05T12:00:00Z')));
    // EUR: 7.00 quarterly (2.3333…), 25.00 monthly created this month, and one created and cancelled this month.
    await add('EUR', 700, 'quarterly', '2026-02-01T10:00:00Z');
    await add('EUR', 2_500, 'monthly', '2026-11-01T05:00:00Z'); // 00:00 on 1 November in New York
    await add('EUR', 1_200, 'monthly', '2026-11-02T10:00:00Z', (s) => s.cancel(new Date('2026-11-03T10:00:00Z')));
    // Created at 23:00 on 31 October in New York (1 November in UTC): not new this month.
    await add('EUR', 100, 'yearly', '2026-11-01T03:00:00Z');

    dashboard = await getStaffDashboard({ figures: new DynamoBillingFigures(db, tableName), incomeTally: new DynamoIncomeTally(db, tableName), clock: { now: () => NOW } }, { timeZone: TIME_ZONE });
  });

  it('sums active services per currency at their monthly value, rounding once: 10.00 + 10.00 + 3 × 10.00 ÷ 12 = 22.50 USD', () => {
    const usd = dashboard.recurringRevenue.find((r) => r.currency === 'USD')!;
    expect(usd.mrr).toEqual({ amount: 2_250, services: 5 });
  });

  it('counts this month’s new, cancelled and suspended services by the provider’s calendar', () => {
    expect(dashboard.recurringRevenue).toEqual([
      {
        currency: 'EUR',
        // 7.00 ÷ 3 + 25.00 + 1.00 ÷ 12 = 27.4166… → 27.42
        mrr: { amount: 2_742, services: 3 },
        new: { amount: 3_700, services: 2 },
        cancelled: { amount: 1_200, services: 1 },
        suspended: { amount: 0, services: 0 },
      },
      {
        currency: 'USD',
        mrr: { amount: 2_250, services: 5 },
        new: { amount: 1_000, services: 1 },
        cancelled: { amount: 1_000, services: 1 },
        suspended: { amount: 2_000, services: 1 },
      },
    ]);
    expect(dashboard.complete).toBe(true);
  });
});
