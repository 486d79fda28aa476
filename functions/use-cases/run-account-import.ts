import type { PlannedCustomer } from '../domain/account-import/import-plan.js';
import { type BillingSchedulePolicy, chargeAt, reminderAt } from '../domain/billing-schedule.js';
import { type CalendarDate, calendarDateOf, nextDay } from '../domain/calendar-date.js';
import { NotFoundError } from '../domain/errors.js';
import { SYSTEM } from '../domain/invoice-activity.js';
import { Invoice, billToOf } from '../domain/invoice.js';
import { money } from '../domain/money.js';
import { newCustomer } from '../domain/customer.js';
import { Service } from '../domain/service.js';
import { type AccountImports, type ImportJob, MAX_WRITES_PER_BATCH, type NewAccount, writesOf } from '../ports/account-imports.js';
import type { OutboxEffect } from '../ports/outbox.js';
import { derivedId } from './steps/import-ids.js';

/** The reason the customer reads beside their opening credit. */
export const OPENING_BALANCE_REASON = 'Opening balance from previous system';

/**
 * The account a planned customer becomes, every id derived from the job and the row's key (email,
 * service position, old invoice number), every date from the job's: a re-run builds the same items.
 * - the customer is not bound to a sign-in user (`userSub` empty) until staff send the invitation;
 * - the opening credit is an `adjustment` ledger entry, the balance including it;
 * - a service is valid through its paid-through date and next due the day after;
 * - an unpaid invoice is open, its line naming the old system's number; dated the day it fell due
 *   when that is before the import (its issue date is not in the file). No "new invoice" email: the
 *   customer had it from the old system and has not been invited yet. Its reminder and due-date
 *   charge are scheduled as any open invoice's when the due date is still ahead.
 */
export function accountOf(job: ImportJob, planned: PlannedCustomer, policy: BillingSchedulePolicy): NewAccount {
  const importedAt = new Date(job.createdAt);
  const id = derivedId('cus', job.id, planned.email);
  const base = newCustomer({ id, email: planned.email, name: planned.name, currency: planned.currency, userSub: '', createdAt: importedAt });
  const customer = { ...base, creditBalance: money(planned.openingCreditMinor, planned.currency) };
  const openingBalance = planned.openingCreditMinor > 0 ? {
    id: derivedId('led', job.id, planned.email, 'opening'), customerId: id, kind: 'adjustment' as const,
    amount: money(planned.openingCreditMinor, planned.currency), createdAt: job.createdAt, description: OPENING_BALANCE_REASON,
  } : undefined;
  const services = planned.services.map((s, i) => Service.create({
    id: derivedId('svc', job.id, planned.email, String(i)), customerId: id, customerCurrency: planned.currency, name: s.plan,
    price: money(s.priceMinor, planned.currency), cycle: s.cycle, nextDueDate: nextDay(s.paidThrough), paidThrough: s.paidThrough, createdAt: importedAt,
  }));
  const billTo = billToOf(customer);
  const invoices = planned.invoices.map((old) => {
    const invoiceId = derivedId('inv', job.id, planned.email, old.reference);
    const issuedAt = old.dueDate < calendarDateOf(importedAt) ? new Date(`${old.dueDate}T00:00:00Z`) : importedAt;
    return {
      build: (number: number) => Invoice.issue({
        id: invoiceId, number, customerId: id, currency: planned.currency, dueDate: old.dueDate, issuedAt, billTo,
        lines: [{ description: `${old.description} (previous system’s invoice ${old.reference})`, quantity: 1, unitAmountMinor: old.amountMinor }],
      }),
      activity: (invoice: Invoice) => ({
        id: derivedId('act', invoice.id, 'imported'), invoiceId: invoice.id, kind: 'issued' as const, at: issuedAt.toISOString(), by: SYSTEM, amount: invoice.total,
      }),
    };
  });
  const effects = (written: readonly Invoice[]): OutboxEffect[] => written
    .filter((invoice) => invoice.state.dueDate > calendarDateOf(importedAt))
    .map((invoice) => {
      const remind = reminderAt(invoice.state.dueDate as CalendarDate, policy, importedAt);
      return {
        kind: 'schedule' as const, key: `schedule#${invoice.id}#issue`, invoiceId: invoice.id,
        entries: [
          ...(remind ? [{ action: 'remind' as const, step: 0, at: remind.toISOString() }] : []),
          { action: 'charge' as const, step: 0, at: chargeAt(invoice.state.dueDate, 0, policy)!.toISOString() },
        ],
      };
    });
  return { customer, ...(openingBalance ? { openingBalance } : {}), services, invoices, effects };
}

/**
 * Writes a stored import job, or the rest of it: chunk by chunk, each chunk in batches of accounts
 * that fit one transaction. Safe to stop anywhere (a function timing out) and to run again, even
 * twice at once: an account written before is refused by its conditional puts and counted once; a
 * chunk's counts are added once, when it is finished.
 * @param input.keepGoing asked before each batch; false stops (the handler's time budget; tests
 *   stop after N batches). The job as it stands is answered either way.
 * @throws NotFoundError when there is no such job
 */
export async function runAccountImport(
  deps: { imports: AccountImports; schedulePolicy: BillingSchedulePolicy },
  input: { jobId: string; keepGoing: () => boolean },
): Promise<ImportJob> {
  const job = await deps.imports.getJob(input.jobId);
  if (!job) throw new NotFoundError('Import');
  for (const chunk of await deps.imports.pendingChunks(job.id)) {
    const accounts = chunk.customers.map((planned) => accountOf(job, planned, deps.schedulePolicy));
    let imported = 0;
    let skipped = 0;
    for (let start = 0; start < accounts.length;) {
      if (!input.keepGoing()) return (await deps.imports.getJob(job.id))!;
      let end = start;
      for (let writes = 0; end < accounts.length && writes + writesOf(accounts[end]!) <= MAX_WRITES_PER_BATCH; end++) writes += writesOf(accounts[end]!);
      const result = await deps.imports.writeAccounts(job.id, accounts.slice(start, end));
      imported += result.written + result.alreadyWritten;
      skipped += result.emailTaken;
      start = end;
    }
    await deps.imports.completeChunk(job.id, chunk.index, { imported, skipped, customers: accounts.length });
  }
  return (await deps.imports.getJob(job.id))!;
}
