import { randomBytes } from 'node:crypto';
import type { ErrorBody } from './objects.js';

type Detail = NonNullable<ErrorBody['details']>[number];

/**
 * An error answer in PayPal's shape: `{name, message, debug_id, details: [{issue, description}], links}`
 * with PayPal's HTTP status for each name (developer.paypal.com/api/rest/responses/).
 */
export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ErrorBody) {
    super(body.message);
  }

  private static of(status: number, name: string, message: string, details?: Detail[], api = 'orders/v2'): ApiError {
    const issue = details?.[0]?.issue;
    return new ApiError(status, {
      name, message, debug_id: randomBytes(7).toString('hex'),
      ...(details ? { details } : {}),
      ...(issue ? { links: [{ href: `https://developer.paypal.com/docs/api/${api}/#error-${issue}`, rel: 'information_link', method: 'GET' as const }] } : {}),
    });
  }

  static invalidRequest(issue: string, description: string, field?: string): ApiError {
    return ApiError.of(400, 'INVALID_REQUEST', 'Request is not well-formed, syntactically incorrect, or violates schema.', [
      { issue, description, ...(field ? { field, location: 'body' } : {}) },
    ]);
  }

  static unprocessable(issue: string, description: string, api?: string): ApiError {
    return ApiError.of(422, 'UNPROCESSABLE_ENTITY', 'The requested action could not be performed, semantically incorrect, or failed business validation.', [{ issue, description }], api);
  }

  static notFound(): ApiError {
    return ApiError.of(404, 'RESOURCE_NOT_FOUND', 'The specified resource does not exist.', [
      { issue: 'INVALID_RESOURCE_ID', description: 'Specified resource ID does not exist. Please check the resource ID and try again.' },
    ]);
  }

  static authentication(): ApiError {
    return ApiError.of(401, 'AUTHENTICATION_FAILURE', 'Authentication failed due to invalid authentication credentials or a missing Authorization header.');
  }

  static internal(): ApiError {
    return ApiError.of(500, 'INTERNAL_SERVER_ERROR', 'An internal server error occurred (sandbox fault).');
  }

  static rateLimited(): ApiError {
    return ApiError.of(429, 'RATE_LIMIT_REACHED', 'Too many requests. Blocked due to rate limiting.');
  }
}
