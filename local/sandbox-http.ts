import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The local provider sandboxes' HTTP plumbing: a request body in (at most 1 MB, as UTF-8), JSON and
 * HTML out, and a server started on a port. Pages carry a strict CSP and no scripts; nothing is cached.
 */
const MAX_BODY_BYTES = 1_000_000;

/** Reads a request's whole body as UTF-8. Throws when it is larger than 1 MB. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Answers with `body` as JSON (`indent` spaces, 0 for none), never cached, plus any provider headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, options: { headers?: Record<string, string>; indent?: number } = {}): void {
  const text = JSON.stringify(body, null, options.indent ?? 0);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...options.headers,
  });
  res.end(text);
}

/** Answers with an HTML page that may load nothing but its own inline styles. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(html);
}

/** Starts `server` on `host` and `port` (0: any free port) and gives its base URL, `http://host:port`. */
export async function listen(server: Server, host: string, port = 0): Promise<{ url: string; port: number }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return { url: `http://${host}:${bound}`, port: bound };
}
