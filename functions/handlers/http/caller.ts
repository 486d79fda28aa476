import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { HttpError } from './error-mapper.js';

export interface Caller {
  /** The Cognito user id. */
  readonly sub: string;
  readonly groups: readonly string[];
  /** The user's sign-in name (their email address here), for audit trails. */
  readonly name?: string;
}

/**
 * API Gateway's JWT authorizer hands the verified claims over as strings; an array claim such as
 * `cognito:groups` arrives as `"[admin staff]"`. The local server does the same, so both parse alike.
 */
function parseGroups(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string' || claim === '') return [];
  return claim.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

export function callerOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): Caller {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  const sub = claims?.['sub'];
  if (typeof sub !== 'string' || !sub) throw new HttpError(401, 'unauthorized', 'Please sign in again.');
  const name = claims?.['username'] ?? claims?.['cognito:username'] ?? claims?.['email'];
  return { sub, groups: parseGroups(claims?.['cognito:groups']), ...(typeof name === 'string' && name ? { name } : {}) };
}

export const isAdmin = (caller: Caller): boolean => caller.groups.includes('admin');
