// R8: no card number reaches our logs. Every test file of the integration project runs with this
// setup file: it watches everything the file's process writes (the handlers run in-process, so their
// Powertools logs land here) and fails the file if anything that looks like a card number went out.
import { afterAll, expect } from 'vitest';
import { containsCardNumber } from '../../functions/handlers/http/card-number-guard.js';

const leaks: string[] = [];
let scanned = 0;

function watch(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    scanned += text.length;
    if (containsCardNumber(text)) leaks.push(text.slice(0, 300));
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

watch(process.stdout);
watch(process.stderr);
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    const text = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a) ?? '')).join(' ');
    scanned += text.length;
    if (containsCardNumber(text)) leaks.push(text.slice(0, 300));
    original(...args);
  };
}

afterAll(() => {
  expect(leaks, `card-like numbers were written to the logs (${scanned} characters scanned)`).toEqual([]);
});
