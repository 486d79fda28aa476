import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { Access } from '../routes.js';
import { assertNoCardNumber } from './card-number-guard.js';
import { type Caller, callerOf, isAdmin } from './caller.js';
import { HttpError, toHttpResult } from './error-mapper.js';
import { logger } from './logger.js';
import type { HttpResult } from './responses.js';

/**
 * The HTTP frame's concerns, one middleware each (middy's own pattern: http-json-body-parser,
 * http-error-handler), composed by `httpHandler` and `webhookHandler`. What a middleware finds out
 * travels on the Lambda context, typed by `HttpContext`.
 */
export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

export interface HttpContext extends Context {
  /** The signed-in user; set by `authorize`. */
  caller?: Caller;
  /** The body's bytes exactly as sent (API Gateway may base64 them); set by `decodeBody`. */
  rawBody?: Buffer;
}

type HttpMiddleware = MiddlewareObj<HttpEvent, HttpResult, Error, HttpContext>;

/** Every log line of the request carries API Gateway's request id, to follow one request across lines. */
export const correlationId = (): HttpMiddleware => ({
  before: async ({ event }) => {
    logger.setCorrelationId(event.requestContext.requestId);
  },
});

/** Turns any error thrown below into DESIGN.md's error shape `{error: {code, message}}`, in one place. */
export const mapErrors = (): HttpMiddleware => ({
  onError: async (request) => {
    request.response = toHttpResult(request.error, logger);
  },
});

/** The body's bytes, decoded from base64 when API Gateway encoded them. */
export const decodeBody = (): HttpMiddleware => ({
  before: async ({ event, context }) => {
    if (event.body === undefined || event.body === null) return;
    context.rawBody = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  },
});

/** Who may call: a customer route needs a signed-in user; an admin route, a user in the `admin` group. */
export const authorize = (access: Extract<Access, 'customer' | 'admin'>): HttpMiddleware => ({
  before: async ({ event, context }) => {
    const caller = callerOf(event);
    if (access === 'admin' && !isAdmin(caller)) throw new HttpError(403, 'forbidden', 'This page is for staff only.');
    context.caller = caller;
  },
});

/**
 * Card numbers never reach our servers (R8): a body or query value that holds one is refused before
 * it is parsed, stored or logged. Not used on webhooks: a provider's signed event is passed through
 * untouched, since refusing it would only make it retry.
 */
export const refuseCardNumbers = (): HttpMiddleware => ({
  before: async ({ event, context }) => {
    assertNoCardNumber(context.rawBody?.toString('utf8'), 'body');
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
      if (name !== 'cursor') assertNoCardNumber(value, name);
    }
  },
});
