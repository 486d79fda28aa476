import { ValidationError } from '../../domain/errors.js';
import type { HttpEvent } from './http-handler.js';

/**
 * Where a payment provider sends the customer back to: the configured app address, or else the
 * origin the browser called from (which a browser sets itself and a page cannot forge).
 */
export function returnUrlOf(event: HttpEvent, appUrl: string | undefined): string {
  if (appUrl) return appUrl;
  const origin = event.headers['origin'];
  try {
    const url = new URL(origin ?? '');
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
    if (url.protocol === 'https:' || (url.protocol === 'http:' && local)) return url.origin;
  } catch {
    // fall through
  }
  throw new ValidationError('origin', 'Open the billing app in a browser to pay.');
}
