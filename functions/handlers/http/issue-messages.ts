import type * as z from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'an object',
  date: 'a date', bigint: 'a whole number',
};

const listed = (values: readonly unknown[]): string =>
  values.length <= 12 ? `one of ${values.map((v) => JSON.stringify(v)).join(', ')}` : 'one of the accepted values';

/**
 * zod's error map for the API's input: each problem zod finds on its own, as the end of a sentence
 * that starts with the field's name ("amount" + " must be a whole number."), so that no message of
 * zod's own wording ("Too big: expected string to have <=200 characters") reaches a person. A
 * schema's own message (`z.string().min(1, 'Enter the name.')`) comes first and is kept. Nothing the
 * caller sent is echoed (it could be a card number).
 */
export const issueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required.';
      if (issue.input === null) return `cannot be null: it must be ${TYPE_NAMES[issue.expected] ?? issue.expected}.`;
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}.`;
    }
    case 'invalid_value':
      return issue.input === undefined ? 'is required.' : `must be ${listed(issue.values)}.`;
    case 'too_big': {
      const at = issue.inclusive === false ? 'less than' : 'at most';
      if (issue.origin === 'string') return `can have at most ${issue.maximum} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `can have at most ${issue.maximum} items.`;
      return `must be ${at} ${Number(issue.maximum).toLocaleString('en')}.`;
    }
    case 'too_small': {
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? 'cannot be empty.' : `needs at least ${issue.minimum} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}.`;
      return `must be ${issue.inclusive === false ? 'greater than' : 'at least'} ${Number(issue.minimum).toLocaleString('en')}.`;
    }
    case 'invalid_format':
      return issue.format === 'regex' ? 'is not in the expected format.' : `must be a valid ${issue.format}.`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}.`;
    case 'invalid_union':
      return 'is not one of the accepted shapes.';
    default:
      return 'is not valid.';
  }
};
