import type { Clock } from '../../../functions/ports/clock.js';

/** A clock that says what the test tells it to, and moves only when told. */
export class FixedClock implements Clock {
  private current: Date;

  constructor(at: Date | string = '2026-03-01T09:00:00.000Z') {
    this.current = new Date(at);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at);
  }

  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}
