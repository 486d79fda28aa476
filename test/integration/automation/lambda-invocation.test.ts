import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { invokeAsLambda } from '../../../local/lambda-invocation.js';

// Powertools' development mode logs through the global console, where the test reads the lines.
vi.stubEnv('POWERTOOLS_DEV', 'true');
const { logger } = await import('../../../functions/handlers/http/logger.js');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A handler as ours are written: the shared module logger, the invocation's context injected. */
const handlerThatLogs = middy<{ waitMs: number; say: string }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async ({ waitMs, say }) => {
    logger.warn(`${say}: before`);
    await pause(waitMs);
    logger.warn(`${say}: after`);
    return say;
  });

/**
 * The local runtime runs every function in one process, with one logger per module; invocations that
 * overlap still log under their own function's name and request id, as separate Lambda functions do.
 */
describe('functions invoked by the local runtime', () => {
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('log under their own function name and request id while they overlap', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'warn').mockImplementation((line: string) => {
      lines.push(line);
    });

    await Promise.all([
      invokeAsLambda('outbox-consumer', handlerThatLogs, { waitMs: 80, say: 'slow' }),
      pause(20).then(() => invokeAsLambda('invoice-work', handlerThatLogs, { waitMs: 10, say: 'quick' })),
    ]);
    vi.restoreAllMocks();
    const logged = lines.map((line) => JSON.parse(line) as { message: string; function_name?: string; function_request_id?: string; service: string });
    const nameOf = (message: string) => logged.find((line) => line.message === message)?.function_name;
    const requestIds = (prefix: string) => new Set(logged.filter((line) => line.message.startsWith(prefix)).map((line) => line.function_request_id));

    expect(logged.map((line) => line.message)).toEqual(['slow: before', 'quick: before', 'quick: after', 'slow: after']);
    expect(nameOf('slow: before')).toBe('outbox-consumer');
    expect(nameOf('slow: after')).toBe('outbox-consumer');
    expect(nameOf('quick: before')).toBe('invoice-work');
    expect(nameOf('quick: after')).toBe('invoice-work');
    expect(requestIds('slow').size).toBe(1);
    expect(requestIds('quick').size).toBe(1);
  });
});
