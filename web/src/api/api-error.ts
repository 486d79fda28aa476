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
  const message = messageForPeople.has(status) && readable(error?.message) ? error.message : fallback;
  const field = status === 400 && typeof error?.field === 'string' ? error.field : undefined;
  return new ApiError(status, code, message, field, body);
}

/** A sentence for any error thrown while talking to the API. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.name === 'CognitoError') return error.message;
  return serverFault;
}
