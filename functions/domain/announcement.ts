import { type CalendarDate, isCalendarDate } from './calendar-date.js';
import { ValidationError } from './errors.js';

export const MAX_ANNOUNCEMENT_TITLE = 120;
export const MAX_ANNOUNCEMENT_TEXT = 2_000;

/**
 * News from the provider to every customer (planned maintenance, a migration, a price change): a
 * title and a short text, dated. Customers read the latest on My Invoices and all of them on the
 * Announcements page; staff publish and withdraw them. Announcements never change once published.
 */
export interface Announcement {
  readonly id: string;
  readonly title: string;
  /** Plain text; line breaks are kept, nothing else is interpreted. */
  readonly text: string;
  /** The date it is about or published on, as the customer reads it; announcements list by it, newest first. */
  readonly date: CalendarDate;
  /** When staff published it (ISO 8601, UTC): orders announcements of the same date. */
  readonly publishedAt: string;
}

/**
 * A new announcement, its title and text trimmed.
 * @throws ValidationError naming `title`, `text` or `date`
 */
export function newAnnouncement(input: { id: string; title: string; text: string; date: string; publishedAt: Date }): Announcement {
  const title = input.title.trim();
  const text = input.text.trim();
  if (!title) throw new ValidationError('title', 'Give the announcement a title.');
  if (title.length > MAX_ANNOUNCEMENT_TITLE) throw new ValidationError('title', `Keep the title to ${MAX_ANNOUNCEMENT_TITLE} characters.`);
  if (!text) throw new ValidationError('text', 'Write the announcement’s text.');
  if (text.length > MAX_ANNOUNCEMENT_TEXT) throw new ValidationError('text', `Keep the text to ${MAX_ANNOUNCEMENT_TEXT} characters.`);
  if (!isCalendarDate(input.date)) throw new ValidationError('date', 'Enter the date as YYYY-MM-DD.');
  return { id: input.id, title, text, date: input.date, publishedAt: input.publishedAt.toISOString() };
}
