import type { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import { issueMessage } from './issue-messages.js';

/**
 * Validates input against a schema; the first problem becomes a 400 that names its field. A message
 * that starts in lower case ends a sentence begun by the field's name ("amount must be a whole
 * number."); one that starts with a capital is a sentence of its own, after the field ("amount: Enter
 * an amount greater than zero.").
 */
export function parse<T extends z.ZodType>(schema: T, input: unknown, where: string): z.output<T> {
  // `reportInput` only tells a missing field from a wrong one; the input is never put in a message.
  const result = schema.safeParse(input ?? {}, { error: issueMessage, reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.code === 'unrecognized_keys'
    ? [...issue.path, issue.keys[0]!].join('.')
    : issue.path.join('.') || where;
  return failWith(field, messageOf(issue, field));
}

function messageOf(issue: z.core.$ZodIssue, field: string): string {
  if (issue.code === 'unrecognized_keys') return `${field} cannot be set here.`;
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) return `${field} is required.`;
  return /^[a-z]/.test(issue.message) ? `${field} ${issue.message}` : `${field}: ${issue.message}`;
}

function failWith(field: string, message: string): never {
  throw new ValidationError(field, message);
}

/** Parses a JSON request body; a body that is not JSON is a 400 naming `body`. */
export function parseJsonBody<T extends z.ZodType>(schema: T, body: string | undefined): z.output<T> {
  let value: unknown;
  try {
    value = body ? JSON.parse(body) : undefined;
  } catch (cause) {
    throw new ValidationError('body', 'The request body is not valid JSON.', { cause });
  }
  if (value === undefined) throw new ValidationError('body', 'The request needs a JSON body.');
  return parse(schema, value, 'body');
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A path id that cannot exist is simply not found, like any other. */
export function pathId(value: string | undefined): string {
  return value && ID.test(value) ? value : '-';
}
