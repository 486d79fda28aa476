import { readFile, stat } from 'node:fs/promises';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type JWTPayload, createRemoteJWKSet, jwtVerify } from 'jose';
import { type RouteDefinition, routes } from '../functions/handlers/routes.js';
import { toApiGatewayEvent } from './lambda-event.js';
import { invokeAsLambda } from './lambda-invocation.js';

type Handler = (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface ApiServerOptions {
  port: number;
  host?: string;
  /**
   * The Cognito (cognito-local) that issues the tokens this server accepts. `userIsActive` answers
   * whether a token's user still exists and is enabled in this run's pool: cognito-local signs with a
   * key that ships in its npm package, so a valid signature alone proves little.
   */
  auth: { jwksUrl: string; issuer: string; clientId: string; userIsActive: (username: string) => Promise<boolean> };
  /**
   * The system's clock (ms since the epoch): every answer's `Date` header says it, as an AWS answer's
   * says the real time, so the web app counts "today" as the functions do after the clock control
   * moved the clock. Absent: Node's own `Date` (the machine's clock).
   */
  now?: () => number;
  /** Served at /config.json for the web app. */
  webConfig: Record<string, unknown>;
  /** Extra origins the web app may connect to (the sign-in service). */
  connectSources: string[];
  /** The built web app (web/dist); index.html is served for unknown non-API paths. */
  staticDir?: string;
  /**
   * Routes that exist only in the local runtime (the clock control), for staff only: the caller must
   * hold a valid token of the `admin` group. They are not in the route table, so no stack has them.
   */
  localRoutes?: readonly LocalRoute[];
  log?: (line: string) => void;
}

/** A staff-only route of the local runtime: `handle` gets the parsed JSON body (or undefined). */
export interface LocalRoute {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  handle(body: unknown): Promise<{ status: number; body: unknown }>;
}

export interface ApiServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
};

interface CompiledRoute { route: RouteDefinition; pattern: RegExp; names: string[] }

function compile(route: RouteDefinition): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

function jsonError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { code, message } }));
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The local stand-in for API Gateway + Lambda + CloudFront: it verifies the Cognito access token as the
 * JWT authorizer would, turns each request into an API Gateway v2 event, calls the very handler module
 * that is deployed as a Lambda function, serves the web app with the same security headers as the
 * CloudFront response-headers policy, and its /config.json.
 */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const compiled = routes.map(compile);
  const handlers = new Map<string, Promise<Handler>>();
  const loadHandler = (name: string): Promise<Handler> => {
    let loaded = handlers.get(name);
    if (!loaded) {
      loaded = import(`../functions/handlers/${name}.js`).then((m: { handler: Handler }) => m.handler);
      handlers.set(name, loaded);
    }
    return loaded;
  };
  const jwks = createRemoteJWKSet(new URL(options.auth.jwksUrl));
  const csp = [
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    `connect-src 'self' ${options.connectSources.join(' ')}`.trim(),
    "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'",
  ].join('; ');
  const securityHeaders = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
  };

  /**
   * What API Gateway's JWT authorizer checks (signature, issuer, a required expiry, the app client),
   * and, since cognito-local's signing key is public, that the token's user is a live user of this
   * run's pool.
   */
  async function verify(req: IncomingMessage): Promise<JWTPayload | undefined> {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: options.auth.issuer, algorithms: ['RS256'], requiredClaims: ['exp', 'sub'] });
      const audience = payload['token_use'] === 'access' ? payload['client_id'] : payload.aud;
      if (audience !== options.auth.clientId) return undefined;
      const username = payload['username'] ?? payload['cognito:username'];
      return typeof username === 'string' && await options.auth.userIsActive(username) ? payload : undefined;
    } catch {
      return undefined;
    }
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, url: URL, match: CompiledRoute, params: string[]) {
    const { route } = match;
    let claims: JWTPayload | undefined;
    if (route.access === 'customer' || route.access === 'admin') {
      claims = await verify(req);
      if (!claims) return jsonError(res, 401, 'unauthorized', 'Please sign in again.');
    }
    const body = await readBody(req);
    if (body === 'too-large') return jsonError(res, 413, 'payload_too_large', 'The request is too large.');
    const event = toApiGatewayEvent({
      request: req, url, body, routeKey: `${route.method} ${route.path}`, claims,
      pathParameters: Object.fromEntries(match.names.map((n, i) => [n, decodeURIComponent(params[i] ?? '')])),
    });
    const handler = await loadHandler(route.handler);
    const result = await invokeAsLambda(route.handler, handler, event);
    const headers = { ...securityHeaders, ...(result.headers as Record<string, string> | undefined) };
    res.writeHead(result.statusCode ?? 200, headers);
    res.end(result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
  }

  async function serveLocal(req: IncomingMessage, res: ServerResponse, route: LocalRoute) {
    const claims = await verify(req);
    if (!claims) return jsonError(res, 401, 'unauthorized', 'Please sign in again.');
    const groups = String(claims['cognito:groups'] ?? '').replace(/^\[|\]$/g, '').split(/[\s,]+/);
    if (!groups.includes('admin')) return jsonError(res, 403, 'forbidden', 'Only staff may do this.');
    const body = await readBody(req);
    if (body === 'too-large') return jsonError(res, 413, 'payload_too_large', 'The request is too large.');
    let parsed: unknown;
    try {
      parsed = body.length ? JSON.parse(body.toString('utf8')) : undefined;
    } catch {
      return jsonError(res, 400, 'invalid_json', 'The request body is not valid JSON.');
    }
    const result = await route.handle(parsed);
    res.writeHead(result.status, { ...securityHeaders, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(result.body));
  }

  async function serveStatic(res: ServerResponse, url: URL) {
    const dir = options.staticDir;
    const send = async (file: string, status = 200) => {
      const bytes = await readFile(file);
      const immutable = file.includes(`${path.sep}assets${path.sep}`);
      res.writeHead(status, {
        ...securityHeaders,
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      res.end(bytes);
    };
    if (!dir) return jsonError(res, 404, 'not_found', 'Not found.');
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
    if (file.startsWith(dir) && (await stat(file).catch(() => undefined))?.isFile()) return send(file);
    const index = path.join(dir, 'index.html');
    if ((await stat(index).catch(() => undefined))?.isFile()) return send(index);
    res.writeHead(503, { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' });
    res.end('The web app is not built yet: run `npm run build:web`.');
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (options.now) {
      res.sendDate = false;
      res.setHeader('date', new Date(options.now()).toUTCString());
    }
    void (async () => {
      // API Gateway refuses a path it cannot decode (a lone `%`, `%zz`); so does this server.
      try {
        decodeURIComponent(url.pathname);
      } catch {
        return jsonError(res, 400, 'bad_request', 'The request path is not validly percent-encoded.');
      }
      if (url.pathname === '/config.json' && method === 'GET') {
        res.writeHead(200, { ...securityHeaders, 'content-type': 'application/json', 'cache-control': 'no-cache' });
        return res.end(JSON.stringify(options.webConfig));
      }
      const local = options.localRoutes?.find((route) => route.path === url.pathname && route.method === method);
      if (local) return serveLocal(req, res, local);
      for (const match of compiled) {
        const params = match.pattern.exec(url.pathname);
        if (params && match.route.method === method) return serveApi(req, res, url, match, params.slice(1));
      }
      if (url.pathname.startsWith('/v1/') || url.pathname.startsWith('/webhooks/')) {
        return jsonError(res, 404, 'not_found', 'Not found.');
      }
      if (method !== 'GET' && method !== 'HEAD') return jsonError(res, 405, 'method_not_allowed', 'Method not allowed.');
      return serveStatic(res, url);
    })().catch((error: unknown) => {
      // A browser that leaves the page (say, for Stripe's) cancels its requests: nothing went wrong.
      if ((error as Error).message === 'aborted' || (error as NodeJS.ErrnoException).code === 'ECONNRESET') return;
      options.log?.(`local server error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) jsonError(res, 500, 'internal_error', 'Something went wrong on our side.');
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
