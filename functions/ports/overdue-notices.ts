import type { OutboxEffect } from './outbox.js';

/**
 * Marks an invoice as having been noticed overdue, once: the first call writes the mark with the
 * notice's effects (its `invoice.overdue` event) in one transaction and answers true; every later call
 * (the next day's run, a run twice) writes nothing and answers false.
 */
export interface OverdueNotices {
  noteOnce(invoiceId: string, effects: readonly OutboxEffect[], now: Date): Promise<boolean>;
}
