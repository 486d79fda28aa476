import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod';
import { calendarDateIn } from '../domain/zoned-calendar.js';
import { calendarDate, isCalendarDate } from '../domain/calendar-date.js';
import { generateServiceInvoices } from '../use-cases/generate-service-invoices.js';
import { noteOverdueInvoices } from '../use-cases/note-overdue-invoices.js';
import { serviceBilling } from './composition/service-billing.js';
import { logger } from './http/logger.js';

/**
 * What the daily schedule sends. In AWS nothing of its own (the day is today in the provider's time
 * zone); the local clock names each day it passes, so a jump of a week runs seven days in order.
 */
const input = z.object({ today: z.string().refine(isCalendarDate, 'YYYY-MM-DD').optional() }).loose();

/**
 * The daily service billing (an EventBridge Scheduler schedule at BILLING_HOUR in BILLING_TIME_ZONE
 * targets this function): issue the services' invoices that are due, then note overdue invoices and
 * suspend the services past the limit. Safe to run twice on a day: nothing is issued or published twice.
 */
export const handler = middy<unknown>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const deps = await serviceBilling();
    const given = input.parse(event ?? {}).today;
    const today = given ? calendarDate(given) : calendarDateIn(deps.clock.now(), deps.schedulePolicy.timeZone);
    const generated = await generateServiceInvoices(deps, { today });
    const overdue = await noteOverdueInvoices(deps, { today });
    logger.info('Service billing day done', {
      today, issued: generated.issued.length, cancelled: generated.cancelled.length, skipped: generated.skipped.length,
      overdue: overdue.overdue, suspended: overdue.suspended.length,
    });
    return { today, issued: generated.issued, cancelled: generated.cancelled, skipped: generated.skipped, ...overdue };
  });
