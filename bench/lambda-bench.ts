/**
 * Lambda figures, each a ratio of two things measured in the same run (the machine is shared and
 * noisy, so absolute times mean little):
 *  - per bundle: size, and cold start = a fresh Node 24 process that loads the bundle and answers one
 *    request against DynamoDB Local, divided by a bare `node -e ''` start; in wall time, and in the
 *    CPU time each process reports for itself (which other load on the machine disturbs less);
 *  - warm GET /v1/invoices at 16 concurrent requests: handler p50/p99 divided by the p50/p99 of the
 *    same DynamoDB calls made alone, at the same concurrency.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { build } from 'esbuild';
import { DynamoCustomerRepository } from '../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { DynamoInvoiceRepository } from '../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { dynamoDocumentClient } from '../functions/adapters/dynamodb/document-client.js';
import { routes } from '../functions/handlers/routes.js';
import { bundlingAliases } from '../lib/bundling/aliases.js';
import { lambdaContext } from '../local/lambda-event.js';
import { type LocalSystem, startLocalSystem } from '../local/system.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.cache', 'bench');
const REQUIRE_SHIM = "import { createRequire as __billingCreateRequire } from 'node:module';const require = __billingCreateRequire(import.meta.url);";

const median = (xs: number[]) => percentile(xs, 50);
function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The same esbuild settings as lib/billing-function.ts gives NodejsFunction. */
async function bundle(handler: string): Promise<string> {
  const file = path.join(out, handler, 'index.mjs');
  await build({
    entryPoints: [path.join(root, 'functions', 'handlers', `${handler}.ts`)],
    outfile: file, bundle: true, platform: 'node', format: 'esm', target: 'node24', minify: true,
    sourcemap: true, sourcesContent: false, mainFields: ['module', 'main'], banner: { js: REQUIRE_SHIM }, logLevel: 'error',
    alias: { ...bundlingAliases },
  });
  return file;
}

/**
 * A child's own CPU time (user + system, since it started), written to fd 3 as it exits: through
 * `fs.writeSync` from `process.getBuiltinModule`, which loads nothing that the process had not.
 */
const REPORT_CPU = "process.on('exit', () => { const u = process.cpuUsage(); process.getBuiltinModule('node:fs').writeSync(3, String((u.user + u.system) / 1000)); });";

/** Wall time from spawn to exit, and the CPU time the process used (less sensitive to other load). */
function timeProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ wallMs: number; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let cpu = '';
    child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (c: Buffer) => { cpu += c.toString(); });
    child.on('close', (code) => code === 0
      ? resolve({ wallMs: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: Number(cpu) })
      : reject(new Error(`exit ${code}: ${stderr.slice(-500)}`)));
  });
}

function eventFor(route: (typeof routes)[number], ids: { sub: string; adminSub: string; invoiceId: string; customerId: string }) {
  const admin = route.access === 'admin';
  const pathParameters = route.path.includes('{id}') ? { id: route.path.includes('customers') ? ids.customerId : ids.invoiceId } : undefined;
  return {
    version: '2.0', routeKey: `${route.method} ${route.path}`, rawPath: route.path, rawQueryString: '', headers: {},
    ...(pathParameters ? { pathParameters } : {}),
    // POST bodies are deliberately incomplete: the function loads and validates, but changes nothing.
    ...(route.method === 'POST' && !route.path.endsWith('/void') ? { body: '{}' } : {}),
    isBase64Encoded: false,
    requestContext: {
      requestId: 'bench', routeKey: `${route.method} ${route.path}`, http: { method: route.method, path: route.path },
      authorizer: { jwt: { claims: { sub: admin ? ids.adminSub : ids.sub, ...(admin ? { 'cognito:groups': '[admin]' } : {}) }, scopes: [] } },
    },
  };
}

async function measureWarm(system: LocalSystem, sub: string, customerId: string) {
  process.env['POWERTOOLS_LOG_LEVEL'] = 'ERROR';
  const { handler } = await import('../functions/handlers/list-invoices.js') as { handler: (e: unknown, c: unknown) => Promise<{ statusCode: number }> };
  const event = eventFor(routes.find((r) => r.handler === 'list-invoices')!, { sub, adminSub: sub, invoiceId: '', customerId });
  const db = dynamoDocumentClient({ region: 'us-east-1', endpoint: system.dynamoDbEndpoint });
  // Exactly the reads the handler makes: the caller's customer by sub, then at once a page of their
  // invoices and (first page: what is owed) all their open invoices.
  const direct = async () => {
    await db.send(new QueryCommand({
      TableName: system.tableName, IndexName: 'GSI3', KeyConditionExpression: 'GSI3PK = :pk',
      ExpressionAttributeValues: { ':pk': `USER#${sub}` }, Limit: 1,
    }));
    await Promise.all([
      db.send(new QueryCommand({
        TableName: system.tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :p)',
        ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':p': 'INVOICE#' }, ScanIndexForward: false, Limit: 25,
      })),
      db.send(new QueryCommand({
        TableName: system.tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :p)',
        FilterExpression: '#status = :open', ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':p': 'INVOICE#', ':open': 'open' },
      })),
    ]);
  };
  const viaHandler = async () => {
    const result = await handler(event, lambdaContext('list-invoices'));
    if (result.statusCode !== 200) throw new Error(`handler answered ${result.statusCode}`);
  };
  const run = async (fn: () => Promise<void>, total: number) => {
    const times: number[] = [];
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next++ < total) {
        const t = process.hrtime.bigint();
        await fn();
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }));
    return times;
  };
  await run(viaHandler, 200); await run(direct, 200); // warm both paths
  const handlerTimes: number[] = []; const directTimes: number[] = [];
  for (let round = 0; round < 5; round++) { // interleaved rounds, so drift in machine load hits both alike
    handlerTimes.push(...await run(viaHandler, 400));
    directTimes.push(...await run(direct, 400));
  }
  return {
    handler: { p50: median(handlerTimes), p99: percentile(handlerTimes, 99) },
    direct: { p50: median(directTimes), p99: percentile(directTimes, 99) },
  };
}

export async function lambdaBench() {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const system = await startLocalSystem({ port: 0, inMemory: true });
  try {
    const alice = system.logins.customers[0]!;
    const db = dynamoDocumentClient({ region: 'us-east-1', endpoint: system.dynamoDbEndpoint });
    const customer = (await new DynamoCustomerRepository(db, system.tableName).get(alice.customerId))!;
    const invoice = (await new DynamoInvoiceRepository(db, system.tableName).listByCustomer(customer.id, { limit: 1, today: '2026-01-01' })).items[0]!;
    const ids = { sub: customer.userSub, adminSub: 'bench-admin', invoiceId: invoice.id, customerId: customer.id };

    const env = { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' };
    const bundles = [];
    for (const route of routes) {
      const file = await bundle(route.handler);
      const runner = path.join(path.dirname(file), 'invoke.mjs');
      await writeFile(runner, `${REPORT_CPU}
import { handler } from './index.mjs';
const r = await handler(${JSON.stringify(eventFor(route, ids))}, { functionName: '${route.handler}', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10000 });
if (!(r.statusCode < 500)) { console.error(JSON.stringify(r)); process.exit(1); }`);
      bundles.push({ route, file, runner, size: (await stat(file)).size });
    }
    const bare: Array<{ wallMs: number; cpuMs: number }> = [];
    const cold = new Map<string, Array<{ wallMs: number; cpuMs: number }>>(bundles.map((b) => [b.route.handler, []]));
    for (let round = 0; round < 7; round++) { // interleaved, as above
      bare.push(await timeProcess(['-e', REPORT_CPU], env));
      for (const b of bundles) cold.get(b.route.handler)!.push(await timeProcess([b.runner], env));
    }
    const bareMs = median(bare.map((t) => t.wallMs));
    const bareCpuMs = median(bare.map((t) => t.cpuMs));
    const warm = await measureWarm(system, customer.userSub, customer.id);
    return {
      node: execFileSync(process.execPath, ['-v']).toString().trim(),
      bareStartMs: bareMs,
      bareCpuMs,
      loadAverage: loadavg(),
      bundles: bundles.map((b) => {
        const wallMs = median(cold.get(b.route.handler)!.map((t) => t.wallMs));
        const cpuMs = median(cold.get(b.route.handler)!.map((t) => t.cpuMs));
        return {
          handler: b.route.handler, route: `${b.route.method} ${b.route.path}`,
          sizeKiB: b.size / 1024, coldStartMs: wallMs, coldStartRatio: wallMs / bareMs, cpuMs, cpuRatio: cpuMs / bareCpuMs,
        };
      }),
      warm,
    };
  } finally {
    await system.stop();
  }
}
