import { calendarDateOf, calendarDate } from '../functions/domain/calendar-date.js';
import { newCustomer } from '../functions/domain/customer.js';
import { Invoice, type InvoiceLineInput, billToOf } from '../functions/domain/invoice.js';
import { SYSTEM } from '../functions/domain/invoice-activity.js';
import { currency } from '../functions/domain/money.js';
import type { BillingSchedulePolicy } from '../functions/domain/billing-schedule.js';
import type { OutboxEffect } from '../functions/ports/outbox.js';
import { issueEffects } from '../functions/use-cases/create-invoice.js';
import { systemClock } from '../functions/ports/clock.js';
import { publishAnnouncement } from '../functions/use-cases/publish-announcement.js';
import type { AnnouncementRepository } from '../functions/ports/announcement-repository.js';
import type { CustomerRepository } from '../functions/ports/customer-repository.js';
import type { IdGenerator } from '../functions/ports/id-generator.js';
import type { InvoiceRepository } from '../functions/ports/invoice-repository.js';

export interface Login { email: string; password: string }
export interface CustomerLogin extends Login { name: string; customerId: string }
export interface SeedLogins { admin: Login; customers: CustomerLogin[] }

/** Users are created in the sign-in service by the caller (cognito-local), which returns their sub. */
export type CreateUser = (input: { email: string; password: string; name: string; groups?: string[] }) => Promise<{ sub: string }>;

const PASSWORD = 'Billing-demo-2026';
const DAY = 86_400_000;

const addDays = (from: Date, days: number) => calendarDate(calendarDateOf(new Date(from.getTime() + days * DAY)));

/**
 * The announcement of a provider that moved here from another billing system (see
 * examples/import/): published once, under a fixed id, however often the seed runs.
 */
export const MIGRATION_ANNOUNCEMENT = {
  id: 'ann_migration',
  title: 'We have moved to a new billing system',
  text: 'Your account, your hosting services and any unpaid invoices have been brought over from our previous billing system. '
    + 'All migrated accounts are valid through 31 December 2021, assuming that outstanding invoices have been paid. '
    + 'Your next invoices will appear on My Invoices; follow announcements here for any change.',
  date: '2021-11-15',
} as const;

/**
 * The demo data of `npm start`: one staff user and two customers, each with invoices in the states a
 * customer meets before paying anything (unpaid, overdue, void), so the app has something to show at once.
 * Each invoice is written with what issuing it causes (`issueEffects`: its email, its reminder and
 * due-date charge), as staff issuing it would, so the clock control reminds and charges the seeded
 * open invoices too. Work whose time had passed at `now` is left out: the seed stands for a history
 * the system did not live through, and an overdue invoice's missed charges are not run at start.
 * Idempotent: it does nothing when the first customer already exists.
 */
export async function seed(deps: {
  customers: CustomerRepository; invoices: InvoiceRepository; announcements: AnnouncementRepository; ids: IdGenerator; createUser: CreateUser; now: Date;
  /** When issued invoices are reminded and charged (the functions' `config().schedule`). */
  schedulePolicy: BillingSchedulePolicy;
}): Promise<SeedLogins> {
  await publishAnnouncement({ announcements: deps.announcements, ids: deps.ids, clock: systemClock }, MIGRATION_ANNOUNCEMENT);
  const admin = { email: 'admin@example.com', password: PASSWORD };
  const people = [
    { email: 'alice@example.com', name: 'Alice Martin', currency: 'USD' },
    { email: 'bruno@example.com', name: 'Bruno Keller', currency: 'EUR' },
  ];
  const existing = await Promise.all(people.map((p) => deps.customers.findByEmail(p.email)));
  if (existing.every(Boolean)) {
    return { admin, customers: existing.map((c) => ({ email: c!.email, password: PASSWORD, name: c!.name, customerId: c!.id })) };
  }

  await deps.createUser({ ...admin, name: 'Billing staff', groups: ['admin'] });
  const logins: CustomerLogin[] = [];
  for (const person of people) {
    const { sub } = await deps.createUser({ email: person.email, password: PASSWORD, name: person.name });
    const customer = newCustomer({
      id: deps.ids.newId('cus'), email: person.email, name: person.name, currency: currency(person.currency),
      userSub: sub, createdAt: new Date(deps.now.getTime() - 90 * DAY),
    });
    await deps.customers.create(customer);
    logins.push({ email: person.email, password: PASSWORD, name: person.name, customerId: customer.id });

    // `voided`: voided as soon as issued, so issuing it causes nothing to remember now.
    const issue = async (daysAgo: number, dueInDays: number, lines: InvoiceLineInput[], voided = false) => {
      const issuedAt = new Date(deps.now.getTime() - daysAgo * DAY);
      return deps.invoices.createNumbered((number) => Invoice.issue({
        billTo: billToOf(customer),
        id: deps.ids.newId('inv'), number, customerId: customer.id, currency: customer.currency,
        lines, dueDate: addDays(issuedAt, dueInDays), issuedAt,
      }), { activity: (invoice) => ({ id: deps.ids.newId('act'), invoiceId: invoice.id, kind: 'issued', at: issuedAt.toISOString(), by: SYSTEM, amount: invoice.total }),
        effects: (invoice) => (voided ? [] : stillAhead(issueEffects(invoice, deps.schedulePolicy, deps.now), deps.now)),
      });
    };
    const hosting = { description: 'Shared hosting — Business plan (monthly)', quantity: 1, unitAmountMinor: 1499 };
    const domain = { description: `Domain renewal ${person.name.split(' ')[1]!.toLowerCase()}.example (1 year)`, quantity: 1, unitAmountMinor: 1200 };
    const support = { description: 'Priority support (hours)', quantity: 1.5, unitAmountMinor: 6000 };

    const voided = await issue(75, 14, [hosting, { ...support, quantity: 3 }], true);
    await deps.invoices.save(voided.void(new Date(voided.state.issuedAt)), voided.state.version);
    await issue(40, 14, [hosting, domain]);
    await issue(20, 30, [hosting, support]);
    await issue(2, 14, [hosting]);
  }
  return { admin, customers: logins };
}

/** The effects without schedule entries due before `now`; a schedule left with none is dropped. */
function stillAhead(effects: OutboxEffect[], now: Date): OutboxEffect[] {
  return effects.flatMap((effect): OutboxEffect[] => {
    if (effect.kind !== 'schedule') return [effect];
    const entries = effect.entries.filter((entry) => Date.parse(entry.at) > now.getTime());
    return entries.length ? [{ ...effect, entries }] : [];
  });
}
