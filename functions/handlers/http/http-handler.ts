import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { Access } from '../routes.js';
import { assertNoCardNumber } from './card-number-guard.js';
import { type Caller, callerOf, isAdmin } from './caller.js';
import { HttpError, toHttpResult } from './error-mapper.js';
import { logger } from './logger.js';
import type { HttpResult } from './responses.js';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

export interface HttpRequest {
  readonly event: HttpEvent;
  /** The signed-in user; absent on public routes. */
  readonly caller: Caller;
  /** The request body, decoded (API Gateway may base64 it). */
  readonly body: string | undefined;
}

/** Who may call: a customer route needs a signed-in user; an admin route, a user in the `admin` group. */
function authorize(event: HttpEvent, access: Access): Caller {
  if (access === 'public' || access === 'webhook') return { sub: '', groups: [] };
  const caller = callerOf(event);
  if (access === 'admin' && !isAdmin(caller)) {
    throw new HttpError(403, 'forbidden', 'This page is for staff only.');
  }
  return caller;
}

function decodeBody(event: HttpEvent): string | undefined {
  if (event.body === undefined || event.body === null) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** Turns any error thrown below into DESIGN.md's error shape, in one place. */
const errorMapper = (): MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: async (request) => {
    request.response = toHttpResult(request.error, logger);
  },
});

/**
 * The frame every HTTP handler shares: structured logging with the request id as correlation id,
 * authorization by route access, refusal of card numbers in any input, and the error mapper. The
 * handler itself only parses its input, calls one use case and shapes the result.
 */
export function httpHandler(access: Access, handle: (request: HttpRequest) => Promise<HttpResult>) {
  return middy<HttpEvent, HttpResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(errorMapper())
    .handler(async (event) => {
      logger.setCorrelationId(event.requestContext.requestId);
      const caller = authorize(event, access);
      const body = decodeBody(event);
      // A provider's signed event is passed through untouched: refusing it would only make it retry.
      if (access !== 'webhook') {
        assertNoCardNumber(body, 'body');
        for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
          if (name !== 'cursor') assertNoCardNumber(value, name);
        }
      }
      return handle({ event, caller, body });
    });
}
