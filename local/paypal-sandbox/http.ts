import type { ServerResponse } from 'node:http';

/** An answer with PayPal's headers; pages get a strict content security policy (no scripts). */
export function send(res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'PayPal-Debug-Id': debugId(),
    ...(type.startsWith('text/html') ? {
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; base-uri 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    } : {}),
  });
  res.end(text);
}

/** A `PayPal-Debug-Id`, as PayPal puts on every answer. */
export function debugId(): string {
  return Math.random().toString(16).slice(2, 15);
}

