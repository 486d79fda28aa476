/**
 * Errors the domain and the use cases raise. They know nothing of HTTP: `functions/handlers/http/`
 * maps each `code` to a status. Match on `code`, never on message text.
 *
 * Expected business outcomes that a caller must handle (a declined card, an invoice already paid) are
 * return values, not these.
 */
export type DomainErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'business_rule'
  | 'unauthenticated'
  | 'forbidden'
  | 'provider_unavailable';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The input is malformed. `field` names the offending input, as a dotted path. */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
  constructor(readonly field: string, message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The thing does not exist, or it is not the caller's: both look the same from outside. */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
  constructor(readonly entity: string, options?: ErrorOptions) {
    super(`${entity} not found`, options);
  }
}

/** The request collides with the current state (an email already in use, a concurrent change). */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

/** The request is well-formed but a business rule forbids it (voiding a paid invoice). */
export class BusinessRuleError extends DomainError {
  readonly code = 'business_rule';
}

/** The caller's sign-in no longer counts (staff turned it off): they must sign in again, and cannot. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
}

/** The caller is who they say, but may not do this (a customer on a staff route). */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

/** A provider (card processor, identity service) failed; the message is written for a customer. */
export class ProviderUnavailableError extends DomainError {
  readonly code = 'provider_unavailable';
}
