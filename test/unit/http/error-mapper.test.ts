import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import {
  BusinessRuleError, ConflictError, ForbiddenError, NotFoundError, ProviderUnavailableError, ValidationError,
} from '../../../functions/domain/errors.js';
import { HttpError, toHttpResult } from '../../../functions/handlers/http/error-mapper.js';

const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
const respond = (error: unknown) => {
  const result = toHttpResult(error, logger);
  return { status: result.statusCode, body: JSON.parse(result.body as string) as { error: { code: string; message: string; field?: string } } };
};

describe('error mapper', () => {
  it('answers a validation error with 400 and the field', () => {
    expect(respond(new ValidationError('lines.0.quantity', 'Quantity must be a number greater than zero.'))).toEqual({
      status: 400, body: { error: { code: 'validation_failed', message: 'Quantity must be a number greater than zero.', field: 'lines.0.quantity' } },
    });
  });

  it.each([
    [new NotFoundError('Invoice'), 404, 'not_found'],
    [new ConflictError('Email in use.'), 409, 'conflict'],
    [new BusinessRuleError('Invoice 7 is paid.'), 422, 'business_rule'],
    [new ForbiddenError('No.'), 403, 'forbidden'],
    [new ProviderUnavailableError('Try again in a minute.'), 502, 'provider_unavailable'],
    [new HttpError(401, 'unauthorized', 'Please sign in again.'), 401, 'unauthorized'],
  ])('answers %s with %i', (error, status, code) => {
    const response = respond(error);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message).toBe(error.message);
  });

  it('answers anything else with 500 and a message that reveals nothing of the cause', () => {
    const response = respond(new Error('ConditionalCheckFailed on table billing-prod, key PK=CUSTOMER#cus_1'));
    expect(response.status).toBe(500);
    expect(response.body.error.code).toBe('internal_error');
    expect(response.body.error.message).not.toMatch(/billing-prod|CUSTOMER#/);
  });
});
