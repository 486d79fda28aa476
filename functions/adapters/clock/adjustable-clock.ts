import type { Clock } from '../../ports/clock.js';

/**
 * The machine's time moved forward by an offset that can change while the process runs: `npm start`'s
 * clock control moves it so that a person watches a month of reminders, charges and retries pass in
 * minutes. Never used in AWS.
 */
export function adjustableClock(offsetMs: () => number): Clock {
  return { now: () => new Date(Date.now() + offsetMs()) };
}
