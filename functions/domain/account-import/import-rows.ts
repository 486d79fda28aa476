import * as z from 'zod';
import { isCalendarDate } from '../calendar-date.js';
import { BILLING_CURRENCIES } from '../currencies.js';
import { MAX_DESCRIPTION_LENGTH } from '../invoice-lines.js';
import { SERVICE_CYCLES } from '../service-cycle.js';
import { MAX_SERVICE_NAME_LENGTH } from '../service.js';

/**
 * One row of an import file per record kind (examples/import/README.md describes the file). Amounts
 * are decimal strings in the customer's currency ("12.50"), as billing systems export them; they are
 * turned into minor units once the customer's currency is known (import-plan.ts).
 */
const text = (what: string, max: number) => z.string({ error: `${what} is missing.` }).trim().min(1, `${what} is missing.`).max(max, `${what} is longer than ${max} characters.`);
const email = z.string({ error: 'email is missing.' }).trim().toLowerCase().pipe(z.email('email is not a valid email address.').max(254));
const decimal = (what: string) => z.string({ error: `${what} is missing.` }).trim()
  .regex(/^\d+(\.\d+)?$/, `${what} must be an amount such as 12.50 (digits, a point, no currency sign).`);
const date = (what: string) => z.string({ error: `${what} is missing.` }).trim().refine(isCalendarDate, `${what} must be a date written YYYY-MM-DD.`);

export const customerRow = z.object({
  record: z.literal('customer'),
  email,
  name: text('name', 200),
  currency: z.string({ error: 'currency is missing.' }).trim().toUpperCase()
    .refine((code) => (BILLING_CURRENCIES as readonly string[]).includes(code), 'currency must be an ISO 4217 code such as USD or EUR.'),
  opening_credit: decimal('opening_credit').optional(),
});

export const serviceRow = z.object({
  record: z.literal('service'),
  email,
  plan: text('plan', MAX_SERVICE_NAME_LENGTH),
  price: decimal('price'),
  cycle: z.string({ error: 'cycle is missing.' }).trim().toLowerCase()
    .pipe(z.enum(SERVICE_CYCLES, `cycle must be one of ${SERVICE_CYCLES.join(', ')}.`)),
  paid_through: date('paid_through'),
});

export const invoiceRow = z.object({
  record: z.literal('invoice'),
  email,
  invoice_number: text('invoice_number', 64),
  amount: decimal('amount'),
  due_date: date('due_date'),
  description: text('description', MAX_DESCRIPTION_LENGTH - 60),
});

export type CustomerRow = z.output<typeof customerRow>;
export type ServiceRow = z.output<typeof serviceRow>;
export type InvoiceRow = z.output<typeof invoiceRow>;
export type ImportRow = CustomerRow | ServiceRow | InvoiceRow;

const schemas = { customer: customerRow, service: serviceRow, invoice: invoiceRow } as const;
export const RECORD_KINDS = Object.keys(schemas) as (keyof typeof schemas)[];

/**
 * Checks one row against its kind's schema. Empty cells count as absent. Answers every problem of the
 * row in one sentence each, so a row with three mistakes is fixed in one go.
 */
export function checkRow(raw: Record<string, unknown>): { row: ImportRow } | { problems: string[] } {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== null && v !== undefined));
  const kind = typeof cleaned['record'] === 'string' ? cleaned['record'].trim().toLowerCase() : undefined;
  const schema = kind ? schemas[kind as keyof typeof schemas] : undefined;
  if (!schema) return { problems: [`record must be one of ${RECORD_KINDS.join(', ')}.`] };
  const result = schema.safeParse({ ...cleaned, record: kind });
  if (result.success) return { row: result.data };
  return { problems: result.error.issues.map((issue) => issue.message) };
}
