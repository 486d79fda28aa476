import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '../functions/adapters/dynamodb/document-client.js';
import { DynamoInvoiceRepository } from '../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { DynamoServiceRepository } from '../functions/adapters/dynamodb/dynamo-service-repository.js';
import { keys } from '../functions/adapters/dynamodb/keys.js';
import { zonedInstant } from '../functions/domain/billing-schedule.js';
import { calendarDateIn } from '../functions/domain/zoned-calendar.js';
import { type CalendarDate, addDays, nextDay } from '../functions/domain/calendar-date.js';
import { LOCAL_REGION } from './dynamodb-local.js';

/** The daily service billing on the local clock: which days have run, and which is next. */
export interface ServiceDays {
  /** The first day not yet run whose billing hour is at or before `target` (ms on the local clock). */
  dueBy(target: number): { date: CalendarDate; at: number } | undefined;
  /**
   * Takes as run, without running them, the days before `target` on which the daily run can have
   * nothing to do: before the first service's invoice date and before any open invoice turns overdue
   * or reaches the suspension limit. (The clock control crosses months in seconds this way.)
   */
  skipQuietDays(target: number): Promise<void>;
  /** Runs the day's service billing and records it as run; true when it wrote anything. */
  runDay(date: CalendarDate): Promise<boolean>;
  /** When the daily run next issues an invoice: the earliest service's invoice date, at the billing hour. */
  next(): Promise<{ at: number; date: CalendarDate; serviceId: string } | undefined>;
  /** Runs `work` alone: the clock control and the real clock's own passing of the billing hour never overlap. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/** How often the real passing of time is checked for a billing hour (`npm start` left running). */
const CHECK_EVERY_MS = 5_000;

/**
 * What EventBridge Scheduler's daily schedule does in AWS: at the billing hour (BILLING_HOUR in
 * BILLING_TIME_ZONE) of each day, the service-billing-day function runs for that day. Locally the
 * clock control moves through each day's billing hour in turn (local/automation.ts), and a timer
 * catches the real clock passing it. The last day run is kept with the data, so a restart neither
 * runs a day twice nor skips one.
 */
export async function startServiceDays(options: {
  now: () => number;
  dynamoDbEndpoint: string;
  tableName: string;
  /** Runs one day's billing; true when it wrote anything (an invoice, a suspension, an event). */
  run: (today: CalendarDate) => Promise<boolean>;
  stateFile?: string;
  log?: (line: string) => void;
}): Promise<ServiceDays> {
  // Read when first needed: the handlers' environment (billing hour, time zone) is set after start.
  const settings = async () => (await import('../functions/config.js')).config();
  let hour: number | undefined;
  let timeZone: string | undefined;
  let daysBefore: number | undefined;
  let suspendAfter = 0;
  const ensureSettings = async () => {
    if (hour !== undefined && timeZone !== undefined && daysBefore !== undefined) return;
    const config = await settings();
    hour = config.schedule.hourOfDay;
    timeZone = config.schedule.timeZone;
    daysBefore = config.services.invoiceDaysBefore;
    suspendAfter = config.services.suspendAfterDays;
  };
  const billingAt = (date: CalendarDate) => zonedInstant(date, hour ?? 9, timeZone ?? 'UTC').getTime();

  let lastDay = readLastDay(options.stateFile);
  /** The day whose billing hour was the last one passed: the days before it are taken as run. */
  const initialLastDay = (): CalendarDate => {
    const today = calendarDateIn(new Date(options.now()), timeZone ?? 'UTC');
    return billingAt(today) <= options.now() ? today : addDays(today, -1);
  };
  const last = () => (lastDay ??= initialLastDay());

  const db = dynamoDocumentClient({ region: LOCAL_REGION, endpoint: options.dynamoDbEndpoint });
  const services = new DynamoServiceRepository(db, options.tableName);
  const invoices = new DynamoInvoiceRepository(db, options.tableName);

  /** Whether the daily run has noticed the invoice overdue (its mark, dynamo-overdue-notices.ts). */
  const noticed = async (invoiceId: string) => Boolean((await db.send(new GetCommand({ TableName: options.tableName, Key: keys.overdueNotice(invoiceId) }))).Item);

  /** The first day after the last one run on which the daily run may do something. */
  const firstWorkDay = async (): Promise<CalendarDate> => {
    const tomorrow = nextDay(last());
    const first = await services.firstDue();
    const invoiceDate = first?.invoiceDate(daysBefore ?? 7);
    // A service whose invoice date has passed unbilled (to be cancelled at its period's end) may act any day.
    if (invoiceDate !== undefined && invoiceDate < tomorrow) return tomorrow;
    const open = await invoices.listOpenDueBefore('9999-12-31');
    // An invoice overdue since before the last run day (seeded overdue, or overdue before the system
    // started) whose notice was never made acts on the next day, not on a day long gone.
    const unnoticed = await Promise.all(open.filter((i) => nextDay(i.state.dueDate) < tomorrow).map(async (i) => !(await noticed(i.id))));
    const candidates = [
      ...(invoiceDate ? [invoiceDate] : []),
      ...(unnoticed.some(Boolean) ? [tomorrow] : []),
      ...open.flatMap((i) => [nextDay(i.state.dueDate), ...(suspendAfter > 0 ? [addDays(i.state.dueDate, suspendAfter)] : [])]),
    ].filter((d) => d >= tomorrow).sort();
    return candidates[0] ?? ('9999-12-31' as CalendarDate);
  };
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    // The real clock's watch starts with the first use: the configuration is complete only once the
    // local system has started (its web address among it), and read once.
    timer ??= setInterval(catchUp, CHECK_EVERY_MS);
    const result = queue.then(async () => { await ensureSettings(); return work(); });
    queue = result.catch(() => undefined);
    return result;
  };

  const days: ServiceDays = {
    dueBy: (target) => {
      const date = nextDay(last());
      const at = billingAt(date);
      return at <= target ? { date, at } : undefined;
    },
    skipQuietDays: async (target) => {
      const work = await firstWorkDay();
      let skipTo = last();
      for (let day = nextDay(skipTo); day < work && billingAt(day) <= target; day = nextDay(day)) skipTo = day;
      lastDay = skipTo;
    },
    runDay: async (date) => {
      const wrote = await options.run(date);
      lastDay = date;
      if (options.stateFile) writeFileSync(options.stateFile, JSON.stringify({ lastDay }));
      return wrote;
    },
    next: async () => {
      timer ??= setInterval(catchUp, CHECK_EVERY_MS);
      await ensureSettings();
      const first = await services.firstDue();
      if (!first) return undefined;
      const tomorrow = nextDay(last());
      const invoiceDate = first.invoiceDate(daysBefore ?? 7);
      const date = invoiceDate > tomorrow ? invoiceDate : tomorrow;
      return { at: billingAt(date), date, serviceId: first.id };
    },
    exclusive,
    stop: async () => {
      clearInterval(timer);
      await queue;
    },
  };

  function catchUp() {
    void exclusive(async () => {
      for (let day = days.dueBy(options.now()); day; day = days.dueBy(options.now())) await days.runDay(day.date);
    }).catch((error: unknown) => options.log?.(`local service billing: ${String(error)}`));
  }
  return days;
}

function readLastDay(file: string | undefined): CalendarDate | undefined {
  if (!file || !existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { lastDay?: CalendarDate }).lastDay;
}
