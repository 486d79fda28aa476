import { ApiError, CustomError } from '@paypal/paypal-server-sdk';
import { PaymentProviderError, PaymentProviderUnavailableError } from '../../ports/payments/provider-errors.js';

/** PayPal's error body (`{name, message, debug_id, details: [{issue, description}]}`), as far as we read it. */
interface ErrorBody { name?: string; message?: string; debug_id?: string; details?: Array<{ issue?: string; description?: string }> }

/** The first `details[].issue` of a PayPal error answer (`ORDER_NOT_APPROVED`), if it is one. */
export function issueOf(error: unknown): string | undefined {
  return error instanceof ApiError ? bodyOf(error)?.details?.[0]?.issue : undefined;
}

/**
 * Sorts a PayPal SDK error into the port's errors: 5xx, 429, timeouts and lost connections are
 * passing faults (retry with the same PayPal-Request-Id); 401/403 a bad credential; an amount PayPal
 * will not take is `amount_not_accepted`; anything else a bug or a bad setting. The cause is a
 * summary with PayPal's debug id for staff, never the SDK's error, which holds the access token.
 */
export function providerError(error: unknown): Error {
  if (error instanceof PaymentProviderError || error instanceof PaymentProviderUnavailableError) return error;
  if (error instanceof ApiError) {
    const body = bodyOf(error);
    const said = `${body?.name ?? error.statusCode}${body?.details?.[0]?.issue ? ` ${body.details[0].issue}` : ''} (debug id ${body?.debug_id ?? 'none'})`;
    // The SDK's error holds the request, bearer token included: only a summary is kept as the cause.
    const cause = new Error(`PayPal answered HTTP ${error.statusCode}: ${said}`);
    if (error.statusCode >= 500 || error.statusCode === 429 || error.statusCode === 408) return new PaymentProviderUnavailableError({ cause });
    if (error.statusCode === 401 || error.statusCode === 403) return new PaymentProviderError('not_authorized', `PayPal refused the credentials: ${said}`, { cause });
    const issue = body?.details?.[0]?.issue ?? '';
    if (['CURRENCY_NOT_SUPPORTED', 'DECIMALS_NOT_SUPPORTED', 'CANNOT_BE_ZERO_OR_NEGATIVE', 'DECIMAL_PRECISION', 'PAYEE_NOT_ENABLED_FOR_CURRENCY'].includes(issue)) {
      return new PaymentProviderError('amount_not_accepted', `PayPal cannot take this amount: ${said}`, { cause });
    }
    return new PaymentProviderError('invalid_request', `PayPal refused the request: ${said}`, { cause });
  }
  // Network errors carry the request too (axios' config, with its headers): a summary again.
  const summary = error instanceof Error ? new Error(`${error.name}: ${(error as { code?: string }).code ?? error.message}`) : new Error(String(error));
  if (isNetworkFault(error)) return new PaymentProviderUnavailableError({ cause: summary });
  return new PaymentProviderError('unexpected', 'Unexpected error from PayPal', { cause: summary });
}

/** A timeout or a connection that failed or was cut (axios underneath the SDK, or an abort). */
function isNetworkFault(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return error.name === 'AbortError' || (typeof code === 'string' && /^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|ERR_NETWORK|ECONNABORTED|ERR_SOCKET)/.test(code));
}

function bodyOf(error: ApiError): ErrorBody | undefined {
  if (error instanceof CustomError && error.result) return error.result as ErrorBody;
  if (typeof error.body === 'string') {
    try {
      return JSON.parse(error.body) as ErrorBody;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
