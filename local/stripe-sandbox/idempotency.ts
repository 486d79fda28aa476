import { ApiError } from './api-error.js';

export interface SavedResponse {
  status: number;
  body: unknown;
}

/**
 * Stripe's idempotency layer: the first response for a key is saved (once the endpoint has started
 * executing, errors included) and replayed for every later request with that key; the same key with
 * other parameters or another endpoint is an `idempotency_error`; a request arriving while the first
 * is still executing gets 409 `idempotency_key_in_use`. Keys are scoped to the API key.
 */
export class IdempotencyLayer {
  private readonly saved = new Map<string, { fingerprint: string; response: SavedResponse }>();
  private readonly inFlight = new Set<string>();

  /** The saved response to replay, or undefined when the request should run. Throws Stripe's errors. */
  check(scope: string, key: string, fingerprint: string): SavedResponse | undefined {
    if (key.length > 255) throw ApiError.invalidRequest('Idempotency-Key must be at most 255 characters long.', 'Idempotency-Key');
    const id = `${scope}\u0000${key}`;
    const found = this.saved.get(id);
    if (found) {
      if (found.fingerprint !== fingerprint) throw ApiError.idempotencyMismatch(key);
      return found.response;
    }
    if (this.inFlight.has(id)) throw ApiError.keyInUse();
    return undefined;
  }

  begin(scope: string, key: string): void {
    this.inFlight.add(`${scope}\u0000${key}`);
  }

  finish(scope: string, key: string, fingerprint: string, response: SavedResponse | undefined): void {
    const id = `${scope}\u0000${key}`;
    this.inFlight.delete(id);
    if (response) this.saved.set(id, { fingerprint, response });
  }
}
