/**
 * `npm run bench`: prints the figures that BENCHMARKS.md records. Not part of `npm test`.
 * `npm run bench -- burst` runs only the due-date burst; BURST_INVOICES sets its size (10,000) and
 * BURST_TIME_SCALE slows it down for a machine too busy to keep up (1; see bench/burst/burst-bench.ts).
 * `npm run bench -- dashboard` runs only the staff dashboard at 10,000 customers and 100,000
 * invoices (DASHBOARD_CUSTOMERS sets the size) and the web app's initial JavaScript.
 */
import { burstBench } from './burst/burst-bench.js';
import { dashboardBench } from './dashboard-bench.js';
import { burstReport } from './burst/report.js';
import { lambdaBench } from './lambda-bench.js';

const only = process.argv[2];

if (only === undefined || only === 'dashboard') {
  const d = await dashboardBench(undefined, (line) => console.log(`  dashboard: ${line}`));
  console.log(`\nStaff dashboard, ${d.customers.toLocaleString('en')} customers, ${d.invoices.toLocaleString('en')} invoices (${d.openInvoices.toLocaleString('en')} open), ${d.payments.toLocaleString('en')} payments; load average ${d.loadAverage.map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`  dashboard use case   median ${d.dashboardMs.toFixed(0)} ms   (figures complete: ${d.complete})`);
  console.log(`  one Query, 100 items median ${d.queryMs.toFixed(1)} ms`);
  console.log(`  ratio                ${d.ratio.toFixed(0)} ×   (seeded in ${d.seedSeconds.toFixed(0)} s)`);
  if (only === 'dashboard') {
    const { webSize } = await import('./web-size.js') as { webSize: () => Promise<{ gzipKiB: number }> };
    console.log(`\nWeb app initial JavaScript, gzipped: ${(await webSize()).gzipKiB.toFixed(1)} KiB (target ≤ 100)`);
    process.exit(0);
  }
}

if (only !== 'burst') {
  const result = await lambdaBench();
  console.log(`\nNode ${result.node}; bare \`node -e ''\` start (median of 7): ${result.bareStartMs.toFixed(1)} ms wall, ${result.bareCpuMs.toFixed(1)} ms CPU; load average ${result.loadAverage.map((l) => l.toFixed(1)).join(' ')}\n`);
  console.log('| function | route | bundle KiB | cold start ms | × bare node | CPU ms | CPU × bare |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const b of result.bundles) {
    console.log(`| ${b.handler} | \`${b.route}\` | ${b.sizeKiB.toFixed(0)} | ${b.coldStartMs.toFixed(0)} | ${b.coldStartRatio.toFixed(2)} | ${b.cpuMs.toFixed(0)} | ${b.cpuRatio.toFixed(2)} |`);
  }
  const { handler, direct } = result.warm;
  console.log(`\nWarm GET /v1/invoices, 16 concurrent, 2,000 requests each way (interleaved rounds):`);
  console.log(`  handler      p50 ${handler.p50.toFixed(2)} ms   p99 ${handler.p99.toFixed(2)} ms`);
  console.log(`  DynamoDB     p50 ${direct.p50.toFixed(2)} ms   p99 ${direct.p99.toFixed(2)} ms   (the same queries, alone)`);
  console.log(`  ratio        p50 ${(handler.p50 / direct.p50).toFixed(3)}      p99 ${(handler.p99 / direct.p99).toFixed(3)}`);

  try {
    const { webSize } = await import('./web-size.js') as { webSize?: () => Promise<{ gzipKiB: number }> };
    if (webSize) console.log(`\nWeb app initial JavaScript, gzipped: ${(await webSize()).gzipKiB.toFixed(1)} KiB (target ≤ 150)`);
  } catch (error) {
    console.log(`\nWeb app size: not measured (${error instanceof Error ? error.message : String(error)})`);
  }
}

const invoices = Number(process.env['BURST_INVOICES'] ?? 10_000);
const timeScale = Number(process.env['BURST_TIME_SCALE'] ?? 1);
const burst = await burstBench({ invoices, timeScale, log: (line) => console.log(`  burst: ${line}`) });
console.log(burstReport(burst).join('\n'));
process.exit(0);
