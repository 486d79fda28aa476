import { DynamoBillingFigures } from '../../adapters/dynamodb/dynamo-billing-figures.js';
import { DynamoAnnouncementRepository } from '../../adapters/dynamodb/dynamo-announcement-repository.js';
import { DynamoCustomerRepository } from '../../adapters/dynamodb/dynamo-customer-repository.js';
import { DynamoIncomeTally } from '../../adapters/dynamodb/dynamo-income-tally.js';
import { DynamoInvoiceActivityLog } from '../../adapters/dynamodb/dynamo-invoice-activity-log.js';
import { DynamoInvoiceRepository } from '../../adapters/dynamodb/dynamo-invoice-repository.js';
import { DynamoPaymentLedger } from '../../adapters/dynamodb/dynamo-payment-ledger.js';
import { DynamoRefundRecords } from '../../adapters/dynamodb/dynamo-refund-records.js';
import { DynamoOverdueNotices } from '../../adapters/dynamodb/dynamo-overdue-notices.js';
import { DynamoPublishedEvents } from '../../adapters/dynamodb/dynamo-published-events.js';
import { DynamoServiceRepository } from '../../adapters/dynamodb/dynamo-service-repository.js';
import { dynamoDocumentClient } from '../../adapters/dynamodb/document-client.js';
import { randomIdGenerator } from '../../adapters/ids/random-id-generator.js';
import { adjustableClock } from '../../adapters/clock/adjustable-clock.js';
import { config, currentClockOffsetMs } from '../../config.js';
import { systemClock } from '../../ports/clock.js';

/**
 * The composition root for storage: the DynamoDB client and the real adapters, built once per cold
 * start from the configuration and shared by every request the function serves.
 */
async function build() {
  const { tableName, region, dynamoDbEndpoint, seller, schedule, services, adjustableClock: movable } = config();
  const db = dynamoDocumentClient({ region, endpoint: dynamoDbEndpoint });
  return {
    db,
    customers: new DynamoCustomerRepository(db, tableName),
    invoices: new DynamoInvoiceRepository(db, tableName),
    ledger: new DynamoPaymentLedger(db, tableName),
    refundRecords: new DynamoRefundRecords(db, tableName),
    activity: new DynamoInvoiceActivityLog(db, tableName),
    figures: new DynamoBillingFigures(db, tableName),
    incomeTally: new DynamoIncomeTally(db, tableName),
    announcements: new DynamoAnnouncementRepository(db, tableName),
    services: new DynamoServiceRepository(db, tableName),
    overdueNotices: new DynamoOverdueNotices(db, tableName),
    publishedEvents: new DynamoPublishedEvents(db, tableName),
    ids: randomIdGenerator,
    clock: movable ? adjustableClock(currentClockOffsetMs) : systemClock,
    seller,
    schedulePolicy: schedule,
    servicePolicy: services,
  };
}

let built: ReturnType<typeof build> | undefined;

export function storage(): ReturnType<typeof build> {
  built ??= build();
  built.catch(() => { built = undefined; });
  return built;
}
