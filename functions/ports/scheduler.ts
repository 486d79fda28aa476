/** What a schedule brings to the invoice-work queue when it fires. */
export interface ScheduledWork {
  readonly invoiceId: string;
  readonly action: 'remind' | 'charge';
  /** 0 for the reminder and the due date's charge; 1, 2, 3… for the retries. */
  readonly step: number;
}

export interface ScheduleRequest {
  /** Deterministic, so that creating it twice (a redelivered outbox item) is harmless. */
  readonly name: string;
  /** When it fires (UTC). */
  readonly at: Date;
  readonly work: ScheduledWork;
}

/**
 * One-time schedules that put invoice work on the queue at a moment (EventBridge Scheduler in AWS; a
 * local scheduler on the injectable clock in `npm start`). Both calls are idempotent by name.
 */
export interface Scheduler {
  /** Creates the schedules; one that exists already is left as it is. */
  schedule(requests: readonly ScheduleRequest[]): Promise<void>;
  /** Deletes the schedules; one that does not exist (fired, or never made) is fine. */
  cancel(names: readonly string[]): Promise<void>;
}

/** The schedule name of one piece of an invoice's work. */
export const scheduleName = (work: ScheduledWork): string =>
  work.action === 'remind' ? `inv-${work.invoiceId}-remind` : `inv-${work.invoiceId}-charge-${work.step}`;
