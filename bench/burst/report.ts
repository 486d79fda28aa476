import { AWS_PRICES } from './aws-prices.js';
import type { BurstResult } from './burst-bench.js';
import type { Usage } from './meters.js';

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const n = (x: number, digits = 0) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The burst's figures as the lines `npm run bench` prints (Markdown, for BENCHMARKS.md). */
export function burstReport(r: BurstResult): string[] {
  const lines: string[] = [];
  const q = r.charge.queue;
  const o = r.outcome;
  const traces = r.charge.traces;
  const avg = (pick: (t: (typeof traces)[number]) => number) => traces.reduce((sum, t) => sum + pick(t), 0) / Math.max(1, traces.length);

  lines.push(`\n## Due-date burst: ${n(r.invoices)} invoices due at once`);
  if (r.timeScale !== 1) lines.push(`**Time-scaled ×${r.timeScale}**: every clock the design is sized by runs ${r.timeScale} times slower (bench/burst/burst-bench.ts).`);
  lines.push(`Stripe sandbox at ${r.rateLimitPerSecond} requests/s (token bucket, 429 above), ${r.chargeLatencyMs} ms a charge; event source: batch ${r.eventSource.batchSize}, maximum concurrency ${r.eventSource.maxConcurrency}, scaling up ${r.eventSource.rampPerMinute ?? 300} a minute; load average ${r.loadAverage.before.map((l) => l.toFixed(1)).join(' ')} before, ${r.loadAverage.after.map((l) => l.toFixed(1)).join(' ')} after`);
  lines.push(`Seeding ${s(r.seedMs)}; issue effects ${s(r.issue.ms)}; reminders ${s(r.remind.ms)}; charge aftermath (webhooks, receipts, schedules deleted) ${s(r.charge.aftermathMs)} after the burst`);
  lines.push('');
  lines.push('| figure | value |');
  lines.push('| --- | ---: |');
  lines.push(`| ideal time, ${n(r.invoices)} ÷ (${r.rateLimitPerSecond} × share) | ${s(r.idealMs)} |`);
  lines.push(`| actual time (first message to last deleted) | ${s(r.actualMs)} |`);
  lines.push(`| **ratio ideal ÷ actual** (target ≥ 0.9) | **${r.ratio.toFixed(3)}** |`);
  lines.push(`| charges per second, whole burst | ${(r.invoices / (r.actualMs / 1000)).toFixed(1)} |`);
  lines.push(`| 429s answered by the sandbox | ${n(r.rateLimited)} |`);
  lines.push(`| webhooks: events / answered 2xx / attempts | ${n(r.webhooks.events)} / ${n(r.webhooks.delivered)} / ${n(r.webhooks.attempts)} |`);
  lines.push(`| charges (captures) | ${n(o.captures)} |`);
  lines.push(`| double charges (must be 0) | ${n(o.doubleCharged)} |`);
  lines.push(`| invoices left unpaid (must be 0) | ${n(o.unpaid)} |`);
  lines.push(`| due-date steps recorded as other than paid (must be 0) | ${n(o.stepsNotPaid)} |`);
  lines.push(`| invocations / redeliveries | ${n(q.invocations)} / ${n(q.redeliveries)} |`);
  lines.push(`| invocation p50 / p95 / max | ${percentile(q.invocationMs, 50).toFixed(0)} / ${percentile(q.invocationMs, 95).toFixed(0)} / ${percentile(q.invocationMs, 100).toFixed(0)} ms |`);
  lines.push(`| per charge: DynamoDB calls, their time; Stripe requests, their time | ${avg((t) => t.dynamoCalls).toFixed(1)}, ${avg((t) => t.dynamoMs).toFixed(0)} ms; ${avg((t) => t.stripeRequests).toFixed(2)}, ${avg((t) => t.stripeMs).toFixed(0)} ms |`);
  lines.push(`\nCharges done per 10 s: ${perWindow(q.doneAtMs, 10_000).join(' ')}`);
  lines.push(`\nInvoice work, how each delivery ended: ${r.workOutcomes.map(([outcome, count]) => `${outcome} ${n(count)}`).join(', ')}`);
  lines.push(`Stripe API requests during the burst and its aftermath (429s included): ${r.stripeRequests.map(([endpoint, count]) => `${endpoint} ${n(count)}`).join(', ')}`);
  for (const problem of o.problems.slice(0, 10)) lines.push(`  problem: ${problem}`);

  lines.push(`\n### Cost per 1,000 invoices (${AWS_PRICES.region}, arm64, list prices recorded ${AWS_PRICES.recordedOn}; every request counted over the invoices' automatic life)`);
  lines.push('');
  lines.push('| item | per invoice | unit | USD per 1,000 invoices |');
  lines.push('| --- | ---: | --- | ---: |');
  for (const line of r.cost.lines) {
    const usd = line.usdPer1000Invoices.toFixed(4);
    lines.push(`| ${line.item} | ${line.perInvoice.toFixed(2)} | ${line.unit} | ${line.excluded ? `(${usd})` : usd} |`);
  }
  lines.push(`| **AWS, without SES** | | | **${r.cost.awsUsdPer1000.toFixed(4)}** |`);
  lines.push(`| SES (separately) | | | ${r.cost.sesUsdPer1000.toFixed(4)} |`);
  lines.push(`\nEmails asked for: ${r.emailKinds.map(([kind, count]) => `${kind} ${n(count)}`).join(', ')}`);
  lines.push('\nBy phase, per invoice:');
  lines.push('| phase | invocations | DynamoDB calls | RRU | WRU | Stripe requests | schedules created / deleted | emails | log KiB |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [phase, u] of [['issue', r.issue.usage], ['remind', r.remind.usage], ['charge', r.charge.usage]] as const) {
    const per = (x: number) => (x / r.invoices).toFixed(2);
    lines.push(`| ${phase} | ${per(u.invocations)} | ${per(u.dynamoCalls)} | ${per(u.readUnits)} | ${per(u.writeUnits)} | ${per(u.stripeRequests)} | ${per(u.schedulesCreated)} / ${per(u.schedulesDeleted)} | ${per(u.emails)} | ${per(u.logBytes / 1024)} |`);
  }
  lines.push('\nBy function during the charge phase:');
  lines.push('| function | invocations | ms each | DynamoDB calls | RRU | WRU | failed writes | Stripe requests |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [fn, u] of r.charge.byFunction) lines.push(functionRow(fn, u));
  return lines;
}

function functionRow(fn: string, u: Usage): string {
  const each = u.invocations ? (u.invocationMs / u.invocations).toFixed(0) : '–';
  return `| ${fn} | ${n(u.invocations)} | ${each} | ${n(u.dynamoCalls)} | ${n(u.readUnits, 1)} | ${n(u.writeUnits)} | ${n(u.failedWrites)} | ${n(u.stripeRequests)} |`;
}

/** How many of `times` fall in each window of `windowMs`. */
function perWindow(times: readonly number[], windowMs: number): number[] {
  const counts: number[] = [];
  for (const t of times) {
    const i = Math.floor(t / windowMs);
    while (counts.length <= i) counts.push(0);
    counts[i]!++;
  }
  return counts;
}
