// DynamoDB Local is AWS's own Java emulator: it needs Java 17 or newer on the PATH.
import { spawnSync } from 'node:child_process';

export const MIN_JAVA_MAJOR = 17;

export const JAVA_INSTALL_HINT =
  `Java ${MIN_JAVA_MAJOR} or newer is needed to run DynamoDB Local: install it with ` +
  `"apt-get install -y openjdk-17-jre-headless" (Debian/Ubuntu) or from https://adoptium.net`;

/** Thrown when Java is missing or too old; its message is one line saying what to install. */
export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';
  constructor(readonly found?: string) {
    super(found ? `${JAVA_INSTALL_HINT} (found: ${found})` : JAVA_INSTALL_HINT);
  }
}

/** The major version in `java -version` output: `openjdk version "17.0.15"` → 17, `"1.8.0_1"` → 8. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

/** The Java major version on the PATH, or undefined if `java -version` does not run. */
export function javaMajorVersion(javaCommand = 'java'): { major?: number; output: string } {
  const result = spawnSync(javaCommand, ['-version'], { encoding: 'utf8', timeout: 30_000 });
  if (result.error || result.status !== 0) return { output: '' };
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`;
  const major = parseJavaMajor(output);
  return major === undefined ? { output } : { major, output };
}

/** Throws JavaMissingError unless Java 17+ is on the PATH. */
export function assertJava(javaCommand = 'java'): void {
  const { major, output } = javaMajorVersion(javaCommand);
  if (major === undefined) throw new JavaMissingError(output ? output.split('\n')[0]?.trim() : undefined);
  if (major < MIN_JAVA_MAJOR) throw new JavaMissingError(`Java ${major}`);
}
