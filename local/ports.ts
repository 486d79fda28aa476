// Helpers shared by the local stand-ins (DynamoDB Local, cognito-local, aws-ses-v2-local):
// a free loopback port, polling until a service answers, and child processes that die with us.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** A TCP port that is free on the loopback interface right now (the OS picks it). */
export function freePort(host: string = LOOPBACK): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

/** Calls `probe` until it resolves true, or throws after `timeoutMs`. `abort` ends the wait early. */
export async function waitUntil(
  probe: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; what: string; abort?: () => Error | undefined },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 100;
  let lastError: unknown;
  for (;;) {
    const aborted = options.abort?.();
    if (aborted) throw aborted;
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`${options.what} did not answer within ${options.timeoutMs} ms${reason}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** The last lines the process printed (stdout and stderr), for error messages. */
  output(): string;
  /** Set when the process has exited (code or signal). */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

// Each service runs under a small Node guard, in a process group of its own:
//   node -e GUARD <command> <args...>
// The guard starts the service with inherited stdio and watches its IPC channel to us. When we die
// in any way (even SIGKILL, when no 'exit' handler runs), the channel closes and the guard stops the
// service, so no orphaned DynamoDB Local keeps its port and its data folder locked. stop() signals
// the whole group, guard and service together.
const GUARD = `
const { spawn } = require('node:child_process');
const [command, ...args] = process.argv.slice(1);
const service = spawn(command, args, { stdio: 'inherit' });
const stop = (signal) => { try { service.kill(signal); } catch {} };
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
process.on('disconnect', () => {
  stop('SIGTERM');
  setTimeout(() => stop('SIGKILL'), 5000).unref();
});
service.on('error', (error) => { console.error(command + ': ' + error.message); process.exit(127); });
service.on('exit', (code, signal) => process.exit(code ?? 128));
`;

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: a plain kill() is. SIGINT/SIGTERM handling is the caller's
  // job (it should call stop() on each service, or process.exit(), which lands here); if it has
  // none, the guards notice that we are gone.
  process.on('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  });
}

/**
 * Spawns a long-running service (under its guard, see above). Its output is kept (last ~200 lines)
 * rather than printed, unless `echo` is set. The service dies with this process.
 */
export function spawnService(
  command: string,
  args: readonly string[],
  options: Pick<SpawnOptions, 'cwd' | 'env'> & { name: string; echo?: boolean },
): ServiceProcess {
  installExitHook();
  const { name, echo, ...spawnOptions } = options;
  const child = spawn(process.execPath, ['-e', GUARD, command, ...args], {
    ...spawnOptions,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (echo) process.stderr.write(text.replace(/^(?=.)/gm, `[${name}] `));
    lines.push(...text.split('\n').filter((l) => l.length > 0));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // Neither the IPC channel nor the pipes may keep this process alive on their own.
  child.channel?.unref();

  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      running.delete(child);
      resolve();
    });
    child.once('error', (error) => {
      lines.push(`${name}: ${error.message}`);
      exitInfo ??= { code: null, signal: null };
      running.delete(child);
      resolve();
    });
  });
  running.add(child);

  let stopping: Promise<void> | undefined;
  return {
    child,
    output: () => lines.join('\n'),
    exited: () => exitInfo,
    stop(graceMs = 5000) {
      if (exitInfo) return Promise.resolve();
      stopping ??= (async () => {
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => {
          if (!exitInfo) killGroup(child, 'SIGKILL');
        }, graceMs);
        await exitedPromise;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

/** An Error for a service that exited or never answered, with the tail of its output. */
export function serviceError(name: string, service: ServiceProcess, reason: string): Error {
  const tail = service.output().split('\n').slice(-15).join('\n');
  return new Error(`${name} ${reason}${tail ? `\n--- last output of ${name} ---\n${tail}` : ''}`);
}

/**
 * Starts a service on `port`, or on a free one, and waits until it answers. A free port can be taken
 * between our probe and the service's bind: when its output says so, another port is tried (3 tries).
 */
export async function startOnPort(options: {
  name: string;
  port?: number | undefined;
  spawn: (port: number) => ServiceProcess;
  ready: (port: number) => Promise<boolean>;
  /** What the service prints when its port was taken. */
  portTaken: RegExp;
  timeoutMs: number;
  intervalMs: number;
}): Promise<{ service: ServiceProcess; port: number }> {
  const attempts = options.port ? 1 : 3;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = options.port || (await freePort());
    const service = options.spawn(port);
    try {
      await waitUntil(() => options.ready(port), {
        what: options.name,
        timeoutMs: options.timeoutMs,
        intervalMs: options.intervalMs,
        abort: () => (service.exited() ? serviceError(options.name, service, `exited before answering on port ${port}`) : undefined),
      });
      return { service, port };
    } catch (error) {
      lastError = error;
      await service.stop();
      if (!options.portTaken.test(service.output())) break;
    }
  }
  throw lastError;
}
