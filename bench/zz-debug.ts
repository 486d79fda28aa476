import { randomUUID } from 'node:crypto';
import { dynamoDocumentClient } from '../functions/adapters/dynamodb/document-client.js';
import { config } from '../functions/config.js';
import { addDays, calendarDateOf } from '../functions/domain/calendar-date.js';
import { startLocalSystem } from '../local/system.js';
import { seedAutopayInvoices } from '../test/support/autopay-invoices.js';
import { lambdaContext } from '../local/lambda-event.js';

const N = Number(process.env['N'] ?? 100);
const C = Number(process.env['C'] ?? 33);
const system = await startLocalSystem({ port: 0, inMemory: true });
try {
  const db = dynamoDocumentClient({ region: 'us-east-1', endpoint: system.dynamoDbEndpoint });
  const now = new Date();
  const seeded = await seedAutopayInvoices({ db, tableName: system.tableName, stripe: { host: system.stripe.host, port: system.stripe.port } },
    { count: N, amountMinor: 4200, dueDate: addDays(calendarDateOf(now), 10), policy: config().schedule, now });
  await system.automation.settle();
  const { automation } = await import('../functions/handlers/composition/automation.js');
  const deps = await automation();
  const stats = new Map<string, number[]>();
  deps.db.middlewareStack.add((next, context) => async (args) => {
    const t = performance.now();
    try { return await next(args); } finally { const k = context.commandName ?? '?'; if (!stats.has(k)) stats.set(k, []); stats.get(k)!.push(performance.now() - t); }
  }, { step: 'initialize', name: 'dbg' });
  const handler = (await import('../functions/handlers/invoice-work.js')).handler as any;
  if (process.env['NOHOOK']) system.stripe.setWebhookUrl(undefined);
  Object.assign(system.stripe.load, { chargeLatencyMs: Number(process.env['LAT'] ?? 300) });
  let next = 0; const t0 = performance.now();
  await Promise.all(Array.from({ length: C }, async () => {
    while (next < seeded.length) {
      const s = seeded[next++]!;
      await handler({ Records: [{ messageId: randomUUID(), receiptHandle: 'x', body: JSON.stringify({ invoiceId: s.invoiceId, action: 'charge', step: 0 }), md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'a', awsRegion: 'us-east-1', messageAttributes: {}, attributes: {} }] }, lambdaContext('invoice-work'));
    }
  }));
  const ms = performance.now() - t0;
  console.log(`N=${N} C=${C} ${ms.toFixed(0)} ms, ${(N / ms * 1000).toFixed(1)}/s`);
  for (const [k, v] of stats) console.log(k, v.length, (v.reduce((a, b) => a + b, 0) / v.length).toFixed(1), 'ms avg');
} finally { await system.stop(); process.exit(0); }
