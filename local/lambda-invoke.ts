// Lambda's Invoke API on one machine, for the callers that invoke our functions by name rather than
// through HTTP: cognito-local's user pool triggers (Cognito invokes a Custom Message trigger with
// Lambda Invoke, and cognito-local does the same, with the aws-sdk v2 Lambda client pointed here).
// Only RequestResponse invocations, answered as Lambda answers them: 200 with the function's result
// as the payload; 200 with `X-Amz-Function-Error: Unhandled` and `{errorMessage, errorType}` when the
// function throws; 404 ResourceNotFoundException for a function it does not know.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import { invokeAsLambda } from './lambda-invocation.js';
import { LOOPBACK } from './ports.js';

/** A function's handler, loaded on its first invocation (so the environment it reads is set by then). */
export type LoadHandler = () => Promise<(event: never, context: Context) => Promise<unknown>>;

export interface LambdaInvokeServer {
  /** The Lambda endpoint, for `new Lambda({ endpoint })`. */
  readonly url: string;
  stop(): Promise<void>;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export async function startLambdaInvokeServer(functions: Readonly<Record<string, LoadHandler>>): Promise<LambdaInvokeServer> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const name = decodeURIComponent(INVOKE_PATH.exec(new URL(request.url ?? '/', 'http://x').pathname)?.[1] ?? '');
      const load = request.method === 'POST' ? functions[name] : undefined;
      if (!load) {
        response.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
        response.end(JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }));
        return;
      }
      try {
        const handler = await load();
        const result = await invokeAsLambda(name, handler, JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as never);
        response.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' });
        response.end(JSON.stringify(result ?? null));
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        response.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
        response.end(JSON.stringify({ errorMessage: e.message, errorType: e.name }));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${LOOPBACK}:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
