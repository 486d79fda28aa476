/**
 * A failed API call, carrying a sentence for people. The API writes its messages for people on 400,
 * 409, 422 and 502; every other status gets a fixed sentence, so no raw JSON or stack trace is shown.
 * On a 400, `field` names the input at fault (`amount`, `invoiceIds`), so a form can mark that field.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** The whole answer, for a page that reads more than the message (an import's list of problems). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const byStatus: Record<number, string> = {
  0: 'We could not reach the billing service. Check your connection and try again.',
  400: 'Some of the details are not valid. Check them and try again.',
  401: 'Your session has ended. Please sign in again.',
  403: 'You do not have access to this page.',
  404: 'We could not find this. It may not exist, or the link may be wrong.',
  409: 'This was changed at the same time by someone else. Reload the page and try again.',
  413: 'That is too much data to send at once.',
  422: 'This cannot be done for this item.',
  429: 'There have been too many requests. Please wait a moment and try again.',
  502: 'A payment service is not answering. Please try again in a few minutes.',
  503: 'The billing service is busy. Please try again in a few minutes.',
};

const serverFault = 'Something went wrong on our side. Please try again in a few minutes.';
const messageForPeople = new Set([400, 409, 422, 502]);

function readable(message: unknown): message is string {
  return (
    typeof message === 'string' &&
    message.trim().length > 0 &&
    message.length < 300 &&
    !/[{}<>]|\n\s+at\s/.test(message)
  );
}

export function apiErrorFrom(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${status}`;
  const fallback = byStatus[status] ?? (status >= 500 ? serverFault : byStatus[400]!);
  const field = status === 400 && typeof error?.field === 'string' ? error.field : undefined;
  const message = messageForPeople.has(status) && readable(error?.message) ? inWords(error.message, field) : fallback;
  return new ApiError(status, code, message, field, body);
}

/** How people call the fields whose API name is not their word. */
const FIELD_WORDS: Record<string, string> = {
  unitAmount: 'unit price', receivedOn: 'day received', dueDate: 'due date', taxId: 'tax ID', requestId: 'request',
  invoiceIds: 'invoices', defaultCardId: 'default card', billingAddress: 'billing address',
};
/** What one element of a list field is called ("lines.0" is line 1). */
const ELEMENT_WORDS: Record<string, string> = { lines: 'line', billingAddress: 'billing address line', invoiceIds: 'invoice' };

const wordOf = (part: string) => FIELD_WORDS[part] ?? part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * A 400's message as people read it. The API names the field by its path at the start
 * (`lines.0.unitAmount can be at most…`, `name: Enter the customer's name.`, parse.ts): a sentence of
 * its own loses the prefix, and a path becomes words ("Line 1, unit price can be at most…").
 */
export function inWords(message: string, field: string | undefined): string {
  if (!field) return message;
  if (message.startsWith(`${field}: `)) return message.slice(field.length + 2);
  if (!message.startsWith(`${field} `)) return message;
  const parts = field.split('.');
  const words = parts.map((part, i) => {
    const list = parts[i - 1] ?? '';
    if (/^\d+$/.test(part)) return `${ELEMENT_WORDS[list] ?? `${wordOf(list)} item`} ${Number(part) + 1}`;
    // A list's name is said with its element ("line 1"), not before it.
    return /^\d+$/.test(parts[i + 1] ?? '') ? undefined : wordOf(part);
  }).filter((word): word is string => word !== undefined).join(', ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${message.slice(field.length)}`;
}

/** A sentence for any error thrown while talking to the API. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.name === 'CognitoError') return error.message;
  return serverFault;
}
