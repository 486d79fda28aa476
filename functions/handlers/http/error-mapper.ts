import type { Logger } from '@aws-lambda-powertools/logger';
import { DomainError, type DomainErrorCode, ValidationError } from '../../domain/errors.js';
import { type HttpResult, errorBody, json } from './responses.js';

/** An error that the edge itself raises before any use case runs (no token, wrong group). */
export class HttpError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

const STATUS: Record<DomainErrorCode, number> = {
  validation_failed: 400,
  not_found: 404,
  conflict: 409,
  business_rule: 422,
  unauthenticated: 401,
  forbidden: 403,
  provider_unavailable: 502,
};

/** The one place where errors become HTTP responses. Unknown errors are logged and never shown. */
export function toHttpResult(error: unknown, logger: Logger): HttpResult {
  if (error instanceof HttpError) return json(error.statusCode, errorBody(error.code, error.message));
  if (error instanceof ValidationError) return json(400, errorBody(error.code, error.message, error.field));
  if (error instanceof DomainError) {
    if (error.code === 'provider_unavailable') logger.warn('Provider unavailable', { error });
    return json(STATUS[error.code], errorBody(error.code, error.message));
  }
  logger.error('Unhandled error', { error });
  return json(500, errorBody('internal_error', 'Something went wrong on our side. Nothing was changed; please try again.'));
}
