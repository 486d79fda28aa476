import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Access } from '../routes.js';
import type { Caller } from './caller.js';
import { logger } from './logger.js';
import { type HttpContext, type HttpEvent, authorize, correlationId, decodeBody, mapErrors, refuseCardNumbers } from './middleware.js';
import type { HttpResult } from './responses.js';

export type { HttpEvent } from './middleware.js';

export interface HttpRequest {
  readonly event: HttpEvent;
  /** The signed-in user; absent on public routes. */
  readonly caller: Caller;
  /** The request body as text. */
  readonly body: string | undefined;
}

const ANONYMOUS: Caller = { sub: '', groups: [] };

/**
 * The frame every API handler shares: structured logging with the request id as correlation id,
 * errors mapped to DESIGN.md's shape, the body decoded, authorization by route access, and refusal
 * of card numbers in any input. The handler itself only parses its input, calls one use case and
 * shapes the result.
 */
export function httpHandler(access: Exclude<Access, 'webhook'>, handle: (request: HttpRequest) => Promise<HttpResult>) {
  const frame = middy<HttpEvent, HttpResult, Error, HttpContext>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlationId())
    .use(mapErrors())
    .use(decodeBody());
  if (access !== 'public') frame.use(authorize(access));
  return frame
    .use(refuseCardNumbers())
    .handler(async (event, context) => handle({ event, caller: context.caller ?? ANONYMOUS, body: context.rawBody?.toString('utf8') }));
}
