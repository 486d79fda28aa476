// DynamoDB Local, AWS's own emulator (it has transactions; dynalite does not).
//
// The jar ships inside the npm package `amplify-dynamodb-simulator` (folder `package/emulator/`), but
// installing that package drags in ~350 MB of unrelated dependencies. So we `npm pack` one pinned
// version once, check the tarball against its pinned sha512, extract only `package/emulator/` into
// `.cache/dynamodb-local/` (gitignored) and reuse it from then on.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { assertJava } from './java.js';
import { LOOPBACK, spawnService, startOnPort } from './ports.js';

export const DYNAMODB_LOCAL_PACKAGE = 'amplify-dynamodb-simulator';
export const DYNAMODB_LOCAL_VERSION = '2.9.30'; // contains DynamoDB Local 1.25.1
export const DYNAMODB_LOCAL_INTEGRITY =
  'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the extracted emulator lives: `<repo>/.cache/dynamodb-local/<package>-<version>/`. */
export const DYNAMODB_LOCAL_CACHE = path.join(repoRoot, '.cache', 'dynamodb-local');

/** Credentials DynamoDB Local accepts: any, as long as the access key id is only letters and digits. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';

let ensuring: Promise<string> | undefined;

/**
 * The directory holding `DynamoDBLocal.jar` and `DynamoDBLocal_lib/`, downloading and verifying the
 * pinned package the first time. Safe to call concurrently, also from several processes: each
 * extracts into its own temporary folder and renames it into place; a killed download leaves no
 * half-written jar behind.
 */
export function ensureDynamoDbLocal(): Promise<string> {
  ensuring ??= ensureUncached().catch((error: unknown) => {
    ensuring = undefined;
    throw error;
  });
  return ensuring;
}

async function ensureUncached(): Promise<string> {
  const target = path.join(DYNAMODB_LOCAL_CACHE, `${DYNAMODB_LOCAL_PACKAGE}-${DYNAMODB_LOCAL_VERSION}`);
  if (isComplete(target)) return target;

  await mkdir(DYNAMODB_LOCAL_CACHE, { recursive: true });
  // The work folder sits beside the target so that rename() stays on one file system.
  const work = await mkdtemp(path.join(DYNAMODB_LOCAL_CACHE, '.download-'));
  try {
    const tarball = await npmPack(`${DYNAMODB_LOCAL_PACKAGE}@${DYNAMODB_LOCAL_VERSION}`, work);
    const actual = `sha512-${await sha512Base64(tarball)}`;
    if (actual !== DYNAMODB_LOCAL_INTEGRITY) {
      throw new Error(
        `Refusing ${path.basename(tarball)}: its checksum ${actual} is not the pinned ${DYNAMODB_LOCAL_INTEGRITY}`,
      );
    }
    const extracted = path.join(work, 'x');
    await mkdir(extracted);
    await run('tar', ['-xzf', tarball, '-C', extracted, 'package/emulator']);
    const emulator = path.join(extracted, 'package', 'emulator');
    if (!isComplete(emulator)) throw new Error(`${path.basename(tarball)} has no package/emulator/DynamoDBLocal.jar`);
    try {
      await rename(emulator, target);
    } catch (error) {
      // Another process won the race: its copy is as good as ours.
      if (!isComplete(target)) throw error;
    }
    return target;
  } finally {
    await rm(work, { recursive: true, force: true });
    await removeStaleDownloads();
  }
}

function isComplete(dir: string): boolean {
  return existsSync(path.join(dir, 'DynamoDBLocal.jar')) && existsSync(path.join(dir, 'DynamoDBLocal_lib'));
}

async function removeStaleDownloads(): Promise<void> {
  // Leftovers of a killed download older than an hour (a running one is younger).
  for (const name of await readdir(DYNAMODB_LOCAL_CACHE).catch(() => [] as string[])) {
    if (!name.startsWith('.download-')) continue;
    const dir = path.join(DYNAMODB_LOCAL_CACHE, name);
    const info = await stat(dir).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > 3_600_000) await rm(dir, { recursive: true, force: true });
  }
}

async function npmPack(spec: string, destination: string): Promise<string> {
  // Inside npm scripts npm_execpath points at npm's own CLI; elsewhere use the npm on the PATH.
  const npmCli = process.env.npm_execpath;
  const [command, prefix] =
    npmCli && /npm-cli\.(c?js)$/.test(npmCli) ? [process.execPath, [npmCli]] : ['npm', [] as string[]];
  const stdout = await run(command, [...prefix, 'pack', spec, '--pack-destination', destination, '--json'], {
    cwd: destination,
  });
  const start = stdout.indexOf('[');
  const parsed = JSON.parse(stdout.slice(start)) as Array<{ filename: string }>;
  const filename = parsed[0]?.filename;
  if (!filename) throw new Error(`npm pack ${spec} printed no file name`);
  return path.join(destination, filename);
}

function sha512Base64(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha512');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('base64')));
  });
}

function run(command: string, args: string[], options: { cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', (e) => reject(new Error(`${command} ${args.join(' ')}: ${e.message}`)));
    child.once('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${command} ${args.join(' ')} failed (${code}): ${stderr.trim()}`)),
    );
  });
}

export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>`, for `new DynamoDBClient({ endpoint, region, credentials })`. */
  readonly endpoint: string;
  readonly port: number;
  /** Kills the Java process and waits for it to exit. */
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** 0 or undefined: a free port. */
  port?: number;
  /** A folder to keep the data in (created if missing); undefined: in memory. */
  dataDir?: string;
  /** Print DynamoDB Local's own output (prefixed) to stderr. */
  echo?: boolean;
  /** How long to wait for the first answer; default 60 s. */
  startTimeoutMs?: number;
}

/**
 * Starts DynamoDB Local and resolves once it answers ListTables (about 3 s).
 *
 * `-sharedDb` is always passed, so every client sees the same tables whatever credentials or region
 * it signs with. Note: DynamoDB Local has no bind-address option; it listens on every interface of
 * the chosen port. Everything here talks to it on 127.0.0.1.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJava();
  const dir = await ensureDynamoDbLocal();
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const storage = options.dataDir ? ['-dbPath', path.resolve(options.dataDir)] : ['-inMemory'];

  const client = (port: number) => new DynamoDBClient({
    endpoint: `http://${LOOPBACK}:${port}`, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1,
  });
  const { service, port } = await startOnPort({
    name: 'DynamoDB Local',
    port: options.port,
    spawn: (port) => spawnService(
      'java',
      [
        // Starts about twice as fast on a busy 2-core machine: no C2 compiler threads competing
        // with the tests, one GC thread. An emulator's steady-state speed matters less than that.
        '-XX:TieredStopAtLevel=1',
        '-XX:+UseSerialGC',
        `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
        '-jar',
        path.join(dir, 'DynamoDBLocal.jar'),
        ...storage,
        '-sharedDb',
        '-disableTelemetry',
        '-port',
        String(port),
      ],
      { name: 'dynamodb-local', cwd: dir, ...(options.echo ? { echo: true } : {}) },
    ),
    ready: async (port) => {
      const probe = client(port);
      try {
        await probe.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2000) });
        return true;
      } finally {
        probe.destroy();
      }
    },
    portTaken: /Could not start server on port|Address already in use|BindException/,
    timeoutMs: options.startTimeoutMs ?? 60_000,
    intervalMs: 150,
  });
  return { endpoint: `http://${LOOPBACK}:${port}`, port, stop: () => service.stop() };
}

