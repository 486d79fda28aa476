import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { callerOf, isAdmin } from '../../../functions/handlers/http/caller.js';
import { HttpError } from '../../../functions/handlers/http/error-mapper.js';

/** The part of an API Gateway v2 event the JWT authorizer fills in. */
const eventWith = (claims: Record<string, unknown> | undefined) =>
  ({ requestContext: { authorizer: claims ? { jwt: { claims, scopes: [] } } : undefined } }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

describe('caller', () => {
  it.each([
    ['"[admin]"', '[admin]', ['admin']],
    ['"[admin staff]"', '[admin staff]', ['admin', 'staff']],
    ['a comma-separated list', '[admin,staff]', ['admin', 'staff']],
    ['an array', ['admin', 'staff'], ['admin', 'staff']],
    ['"[]"', '[]', []],
    ['an empty string', '', []],
    ['a missing claim', undefined, []],
  ])('reads the groups from %s', (_, claim, groups) => {
    const caller = callerOf(eventWith({ sub: 'user-1', ...(claim === undefined ? {} : { 'cognito:groups': claim }) }));
    expect(caller).toEqual({ sub: 'user-1', groups });
  });

  it('treats only the admin group as staff', () => {
    expect(isAdmin(callerOf(eventWith({ sub: 'u', 'cognito:groups': '[staff admin]' })))).toBe(true);
    expect(isAdmin(callerOf(eventWith({ sub: 'u', 'cognito:groups': '[administrators]' })))).toBe(false);
    expect(isAdmin(callerOf(eventWith({ sub: 'u' })))).toBe(false);
  });

  it.each([
    ['no authorizer', undefined],
    ['no sub claim', { 'cognito:groups': '[admin]' }],
    ['an empty sub', { sub: '' }],
  ])('answers 401 with %s', (_, claims) => {
    let error: unknown;
    try { callerOf(eventWith(claims)); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).statusCode).toBe(401);
  });
});
