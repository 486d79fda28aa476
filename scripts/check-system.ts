/**
 * Runs before `npm test`: the suite needs two system packages, and a missing one should cost the
 * reader one clear line, not a stack trace from deep inside a test.
 */
import { existsSync } from 'node:fs';
import { JavaMissingError, assertJava } from '../local/java.js';

const SYSTEM_PACKAGES = 'The tests need Java 17+ and Chromium: on Debian/Ubuntu run "apt-get update && apt-get install -y openjdk-17-jre-headless chromium".';

const problems: string[] = [];
try {
  assertJava();
} catch (error) {
  if (!(error instanceof JavaMissingError)) throw error;
  problems.push('Java 17+ (DynamoDB Local) is missing');
}
const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
if (!existsSync(chromium)) problems.push(`Chromium is not at ${chromium} (set CHROMIUM_PATH to use another)`);

if (problems.length > 0) {
  console.error(`${SYSTEM_PACKAGES} (${problems.join('; ')})`);
  process.exit(1);
}
