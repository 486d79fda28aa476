import * as z from 'zod';
import { MAX_ANNOUNCEMENT_TEXT, MAX_ANNOUNCEMENT_TITLE } from '../../domain/announcement.js';
import { isCalendarDate } from '../../domain/calendar-date.js';

/** The shapes of announcements: staff publish them, everyone reads them. */
const date = z.string().refine(isCalendarDate, 'Must be a date written YYYY-MM-DD.').describe('A calendar date, YYYY-MM-DD.');

export const publishAnnouncementBody = z.strictObject({
  title: z.string().trim().min(1, 'Give the announcement a title.').max(MAX_ANNOUNCEMENT_TITLE),
  text: z.string().trim().min(1, 'Write the announcement’s text.').max(MAX_ANNOUNCEMENT_TEXT).describe('Plain text; line breaks are kept.'),
  date: date.describe('The date customers read on it; announcements list by it, newest first.'),
});

export const announcementsQuery = z.strictObject({
  cursor: z.string().max(2048).optional().describe('The nextCursor of the previous page.'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const announcementSchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  date: z.string().describe('YYYY-MM-DD'),
  publishedAt: z.string().describe('When staff published it (ISO 8601, UTC).'),
});

export const announcementPageSchema = z.object({
  items: z.array(announcementSchema),
  nextCursor: z.string().optional().describe('Pass it as `cursor` to get the next page; absent on the last page.'),
});
