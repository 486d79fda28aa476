import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { type Metafile, build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlingAliases } from '../../lib/bundling/aliases.js';
import { projectRoot } from './synth.js';

/**
 * The modules lib/bundling/aliases.ts puts in place of others exist only in function bundles; the rest
 * of the suite runs the unbundled code. So here, small entry points are bundled as a function is
 * (ESM, node24, minified, the aliases) and run in a fresh Node, as Lambda runs them.
 */
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'billing-bundling-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bundleAndRun(name: string, source: string, env: NodeJS.ProcessEnv = {}): Promise<{ stdout: string; metafile: Metafile; code: string }> {
  const outfile = join(dir, `${name}.mjs`);
  const { metafile } = await build({
    stdin: { contents: source, resolveDir: projectRoot, loader: 'ts', sourcefile: `${name}.ts` },
    outfile, bundle: true, platform: 'node', format: 'esm', target: 'node24', minify: true,
    mainFields: ['module', 'main'], alias: { ...bundlingAliases }, metafile: true, logLevel: 'error',
  });
  // Not spawnSync: the stand-in services of these tests answer from this process's event loop.
  const { stdout } = await promisify(execFile)(process.execPath, [outfile], { env: { PATH: process.env.PATH, ...env }, timeout: 30_000 });
  return { stdout, metafile, code: readFileSync(outfile, 'utf8') };
}

const inputs = (metafile: Metafile) => Object.keys(metafile.inputs).join('\n');

describe('function bundles with the cold-start aliases', () => {
  it('send a signed DynamoDB request with credentials from the environment, without the default credential chain, and reach node:http and node:process through CommonJS', async () => {
    const received: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      received.push(req.headers);
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ Item: { PK: { S: 'CUSTOMER#1' }, SK: { S: 'CUSTOMER' }, name: { S: 'Ana' } } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { stdout, metafile, code } = await bundleAndRun('dynamodb', `
        import { GetCommand } from '@aws-sdk/lib-dynamodb';
        import { dynamoDocumentClient } from './functions/adapters/dynamodb/document-client.ts';
        const db = dynamoDocumentClient({ region: 'eu-west-1', endpoint: process.env.ENDPOINT });
        const { Item } = await db.send(new GetCommand({ TableName: 'billing', Key: { PK: 'CUSTOMER#1', SK: 'CUSTOMER' } }));
        console.log(JSON.stringify(Item));`,
      { ENDPOINT: endpoint, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' });

      expect(JSON.parse(stdout)).toEqual({ PK: 'CUSTOMER#1', SK: 'CUSTOMER', name: 'Ana' });
      expect(received[0]?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/dynamodb\/aws4_request/);
      expect(received[0]?.['x-amz-security-token']).toBe('token');
      expect(inputs(metafile)).not.toMatch(/@aws-sdk\/(credential-provider-node|credential-provider-ini|credential-provider-sso|nested-clients)\//);
      // An ES-module import of these built-ins would run their lazy getters on every cold start
      // (node:http's load undici): aliases.ts reaches them through CommonJS.
      expect(code).not.toMatch(/(from\s*|import\()["'](node:)?(http|process|fs|util)(\/[a-z]+)?["']/);
      expect(code).toMatch(/from\s*["']node:https["']/); // the pattern above does find an import
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
