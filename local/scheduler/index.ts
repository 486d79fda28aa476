import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';
import { describeFailure } from '../batch-failure.js';
import { ScheduleStore } from './schedule-store.js';

/** What delivers a fired schedule's message: the invoice-work consumer, as SQS would call it. */
export type QueueConsumer = (event: SQSEvent) => Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }>;

export interface LocalScheduler {
  /** The stand-in of EventBridge Scheduler's API, for the SDK's `endpoint`. */
  endpoint: string;
  store: ScheduleStore;
  /** Fires every schedule whose time has come on the clock, and waits for their work to finish. */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

/** How long a failed delivery waits (on the local clock) before it is tried again, as SQS's visibility timeout would. */
const RETRY_AFTER_MS = 60_000;

/**
 * EventBridge Scheduler and its SQS target on one machine: the subset of Scheduler's REST API the
 * adapter calls (CreateSchedule, DeleteSchedule, GetSchedule on `/schedules/{Name}`, with its
 * ConflictException and ResourceNotFoundException), so the production adapter runs unchanged; and a
 * runner that, on the injectable clock, hands each fired schedule's message to the queue consumer as
 * an SQS event, deleting the schedule once its work succeeded (ActionAfterCompletion: DELETE) and
 * trying again later when it failed. It checks the time every `intervalMs` of real time; the clock
 * control moves the clock.
 */
export async function startLocalScheduler(options: {
  now: () => number;
  consumer: QueueConsumer;
  stateFile?: string;
  intervalMs?: number;
  log?: (line: string) => void;
}): Promise<LocalScheduler> {
  const store = new ScheduleStore(options.stateFile);
  let running: Promise<number> | undefined;

  const fire = async (): Promise<number> => {
    let fired = 0;
    for (const schedule of store.due(options.now())) {
      const messageId = randomUUID();
      const event = { Records: [sqsRecord(messageId, schedule.input, schedule.targetArn)] } as SQSEvent;
      let ok = false;
      try {
        ok = (await options.consumer(event)).batchItemFailures.length === 0;
      } catch (error) {
        options.log?.(`local scheduler: ${schedule.name} failed: ${describeFailure(error)}`);
      }
      if (ok) store.delete(schedule.groupName, schedule.name);
      else store.put({ ...schedule, attempts: schedule.attempts + 1, retryAfter: options.now() + RETRY_AFTER_MS });
      fired++;
    }
    return fired;
  };
  const tick = async () => {
    // One pass at a time: a tick that finds one running waits for it, then makes its own.
    while (running) await running.catch(() => undefined);
    running = fire();
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };
  const timer = setInterval(() => { void tick().catch(() => undefined); }, options.intervalMs ?? 500);

  const server = createServer((req, res) => {
    void handle(store, req, res, options.now).catch((error: unknown) => sendError(res, 500, 'InternalServerException', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    store,
    tick,
    stop: async () => {
      clearInterval(timer);
      await running?.catch(() => undefined);
      await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
    },
  };
}

async function handle(store: ScheduleStore, req: IncomingMessage, res: ServerResponse, now: () => number): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  const match = /^\/schedules\/([^/]+)$/.exec(url.pathname);
  if (!match) return sendError(res, 404, 'ResourceNotFoundException', `No such operation: ${req.method} ${url.pathname}`);
  const name = decodeURIComponent(match[1]!);
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> : {};
  const groupName = String(req.method === 'POST' ? body['GroupName'] ?? 'default' : url.searchParams.get('groupName') ?? 'default');

  if (req.method === 'POST') {
    if (store.has(groupName, name)) return sendError(res, 409, 'ConflictException', `Schedule ${name} already exists.`);
    const at = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(String(body['ScheduleExpression'] ?? ''));
    if (!at || body['ScheduleExpressionTimezone'] !== 'UTC') return sendError(res, 400, 'ValidationException', 'The local scheduler takes one-time at() schedules in UTC only.');
    const target = body['Target'] as { Arn: string; Input: string };
    store.put({ name, groupName, at: Date.parse(`${at[1]}Z`), input: target.Input, targetArn: target.Arn, attempts: 0 });
    return sendJson(res, 200, { ScheduleArn: `arn:aws:scheduler:local:000000000000:schedule/${groupName}/${name}` });
  }
  if (req.method === 'DELETE') {
    if (!store.delete(groupName, name)) return sendError(res, 404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
    return sendJson(res, 200, {});
  }
  if (req.method === 'GET') {
    const schedule = store.all().find((s) => s.groupName === groupName && s.name === name);
    if (!schedule) return sendError(res, 404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
    return sendJson(res, 200, { Name: name, GroupName: groupName, ScheduleExpression: `at(${new Date(schedule.at).toISOString().slice(0, 19)})`, State: 'ENABLED' });
  }
  void now;
  return sendError(res, 405, 'ValidationException', `Method ${req.method} is not supported here.`);
}

function sqsRecord(messageId: string, body: string, queueArn: string) {
  return {
    messageId, receiptHandle: messageId, body, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: queueArn, awsRegion: 'us-east-1',
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'local-scheduler', ApproximateFirstReceiveTimestamp: String(Date.now()) },
    messageAttributes: {},
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, type: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type }).end(JSON.stringify({ Message: message }));
}
