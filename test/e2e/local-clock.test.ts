import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedCustomer } from '../support/seeded-customer.js';
import { auditPage, settled, signIn, waitForHeading } from './support/browser.js';
import type { LocalSystem } from './support/local-system.js';
import { browserSuite } from './support/suite.js';

/**
 * A month on the local clock, in Chromium: staff move the clock forward with the clock control above
 * their pages, and what the due date causes happens through the same handlers as in AWS. A customer
 * with automatic billing and a saved card sees the invoice paid and its receipt in the mail viewer; a
 * customer whose card declines shows in the staff overdue list with the days overdue and the dunning
 * state.
 */
const suite = browserSuite();
let system: LocalSystem;
const findings: string[] = [];
const DAY_MS = 86_400_000;

beforeAll(() => {
  system = suite.system;
});

/** A new customer who saved `card` on the Payment methods page (Stripe's hosted page) and has automatic billing on. */
async function customerWithSavedCard(card: string) {
  const customer = await seedCustomer(system, { ageMs: 0 });
  const { page, problems } = await suite.freshPage();
  await signIn(page, system.url, customer);
  await page.goto(`${system.url}/payment-methods`);
  await waitForHeading(page, 'Payment methods');
  await page.getByRole('button', { name: 'Add a card' }).click();
  await page.waitForURL((url) => url.href.startsWith(system.stripe.url), { timeout: 15_000 });
  await page.locator('#cardNumber').fill(card);
  await page.locator('#expiry').fill('12 / 34');
  await page.locator('#cvc').fill('123');
  await page.getByRole('button', { name: 'Save card', exact: true }).click();
  await page.getByText('Your card was saved.').waitFor({ timeout: 65_000 });
  await page.goto(`${system.url}/account`);
  await waitForHeading(page, 'Account');
  const autopay = page.getByRole('switch', { name: 'Charge my invoices automatically' });
  expect(await autopay.isChecked()).toBe(true);
  return { ...customer, page, problems };
}

/** The local clock control as staff see it. */
function clockControl(page: Page) {
  return page.getByRole('region', { name: 'Local clock' });
}

/** The local time the control shows (ISO 8601). */
async function clockNow(page: Page): Promise<string> {
  return (await clockControl(page).locator('time').getAttribute('datetime')) ?? '';
}

/** Staff create an invoice on the customer's page, due `dueInDays` days after the local clock's now. */
async function createInvoice(page: Page, customerId: string, dueInDays: number): Promise<string> {
  await page.goto(`${system.url}/admin/customers/${encodeURIComponent(customerId)}`);
  await settled(page);
  const dueDate = new Date(Date.parse(await clockNow(page)) + dueInDays * DAY_MS).toISOString().slice(0, 10);
  await page.getByRole('link', { name: 'New invoice' }).click();
  await waitForHeading(page, /^New invoice for/);
  const line = page.getByRole('group', { name: 'Line 1' });
  await line.getByLabel('Description').fill('Managed hosting, one month');
  await line.getByLabel(/Unit price/).fill('19.00');
  await page.getByLabel('Due date').fill(dueDate);
  await page.getByRole('button', { name: 'Create invoice', exact: true }).click();
  await waitForHeading(page, /^Invoice #/);
  return (await page.locator('h1').innerText()).replace('Invoice ', '');
}

/** Presses "Next event" and waits until the clock moved and the control says so; returns what it announced. */
async function nextEvent(page: Page, whileWorking?: () => Promise<void>): Promise<string> {
  const control = clockControl(page);
  const before = await clockNow(page);
  await control.getByRole('button', { name: 'Next event' }).click();
  await whileWorking?.();
  await page.waitForFunction((previous) => {
    const time = document.querySelector('.local-clock time')?.getAttribute('datetime');
    const status = document.querySelector('.local-clock-status')?.textContent ?? '';
    return time !== previous && status.startsWith('The local time is now');
  }, before, { timeout: 60_000 });
  return control.locator('.local-clock-status').innerText();
}

/**
 * Presses "Next event" until `count` events of this invoice that match `until` have run, passing over
 * other work on the way (the seeded invoices' reminders and charges); returns what the control
 * announced for this invoice's events, and whether the buttons were disabled while it worked.
 */
async function runEventsOf(page: Page, number: string, until: RegExp, count: number, limit = 10) {
  const announced: string[] = [];
  let disabledWhileWorking = true;
  const control = clockControl(page);
  for (let i = 0; i < limit && announced.length < count; i++) {
    const next = await control.locator('.local-clock-next').innerText();
    const ours = next.includes(number) && until.test(next);
    const announcement = await nextEvent(page, async () => {
      disabledWhileWorking &&= await control.getByRole('button', { name: '+1 day' }).isDisabled();
    });
    if (ours) announced.push(announcement);
  }
  return { announced, disabledWhileWorking };
}

/** Waits until the control names this invoice's first event (the outbox schedules it a moment after issue). */
async function scheduled(page: Page, text: string): Promise<void> {
  await clockControl(page).getByText(text).waitFor({ timeout: 20_000 });
}

describe('the local clock control', () => {
  it('shows a service\'s billing day as the next event, moves to it, and the pages then count today by the moved clock', async () => {
    const customer = await seedCustomer(system, { ageMs: 0 });
    const { page: staff, problems } = await suite.freshPage();
    await signIn(staff, system.url, system.logins.admin);
    await staff.goto(`${system.url}/admin/customers/${encodeURIComponent(customer.customerId)}`);
    await settled(staff);
    const control = clockControl(staff);
    // Due in 8 days, so invoiced in 1 day: before any seeded invoice's reminder.
    const due = new Date(Date.parse(await clockNow(staff)) + 8 * DAY_MS).toISOString().slice(0, 10);
    const services = staff.locator('section[aria-labelledby="customer-services"]');
    await services.getByLabel('Service name').fill('Business hosting');
    await services.getByLabel(/^Price per cycle/).fill('19.99');
    await services.getByLabel('Cycle', { exact: true }).selectOption('monthly');
    await services.getByLabel('First due date').fill(due);
    await services.getByRole('button', { name: 'Add service' }).click();
    await staff.getByText('Business hosting added.').waitFor();
    // No reload: the control reads the clock again after the change.
    await control.getByText(/^Next: service billing issues invoices/).waitFor({ timeout: 10_000 });
    const nextBefore = await control.locator('.local-clock-next').innerText();
    const enabled = await control.getByRole('button', { name: 'Next event' }).isEnabled();

    const before = await clockNow(staff);
    await control.getByRole('button', { name: 'Next event' }).click();
    await staff.waitForFunction((previous) => {
      const time = document.querySelector('.local-clock time')?.getAttribute('datetime');
      return time !== previous && (document.querySelector('.local-clock-status')?.textContent ?? '').startsWith('The local time is now');
    }, before, { timeout: 60_000 });
    const movedTo = await clockNow(staff);
    const invoices = staff.locator('section[aria-labelledby="customer-invoices"]');
    await expect.poll(() => invoices.locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);

    // The system's day now differs from the browser's: the new invoice's default due date follows the system's.
    const systemDay = movedTo.slice(0, 10);
    const plus14 = new Date(Date.parse(`${systemDay}T00:00:00Z`) + 14 * DAY_MS).toISOString().slice(0, 10);
    await staff.reload();
    await settled(staff);
    await staff.getByRole('link', { name: 'New invoice' }).click();
    await waitForHeading(staff, /^New invoice for/);
    const dueField = staff.getByLabel('Due date');
    const defaults = { value: await dueField.inputValue(), min: await dueField.getAttribute('min') };
    const line = staff.getByRole('group', { name: 'Line 1' });
    await line.getByLabel('Description').fill('Managed hosting, one month');
    await line.getByLabel(/Unit price/).fill('19.00');
    await staff.getByRole('button', { name: 'Create invoice', exact: true }).click();
    await waitForHeading(staff, /^Invoice #/);

    await staff.goto(`${system.url}/admin/reports`);
    await settled(staff);
    const reportFrom = await staff.getByLabel('From').inputValue();
    const reportTo = await staff.getByLabel('To').inputValue();

    expect(nextBefore).toMatch(/^Next: service billing issues invoices, /);
    expect(enabled).toBe(true);
    expect(systemDay).toBe(new Date(Date.parse(due) - 7 * DAY_MS).toISOString().slice(0, 10));
    expect(defaults).toEqual({ value: plus14, min: systemDay });
    expect(reportFrom).toBe(`${systemDay.slice(0, 7)}-01`);
    expect(reportTo).toBe(systemDay);
    expect(problems).toEqual([]);
  }, 240_000);

  it('lets staff run an invoice to its due date: the customer sees it paid and the receipt is in the mail viewer', async () => {
    const customer = await customerWithSavedCard('4242 4242 4242 4242');
    const { page: staff, problems } = await suite.freshPage();
    await signIn(staff, system.url, system.logins.admin);
    // Due in 5 days: its reminder comes before the seeded invoices' work.
    const number = await createInvoice(staff, customer.customerId, 5);
    const invoiceUrl = staff.url();
    await scheduled(staff, `reminder for invoice ${number}`);
    const shown = await clockControl(staff).innerText();
    findings.push(...(await auditPage(staff, 'local-clock')));

    const run = await runEventsOf(staff, number, /reminder|due-date charge/, 2);
    // The staff page read the invoice again when the clock moved.
    await staff.getByRole('article', { name: 'Invoice details' }).locator('.badge', { hasText: 'Paid' }).waitFor({ timeout: 15_000 });
    const afterwards = await clockControl(staff).locator('.local-clock-next').innerText();

    const { page } = customer;
    await page.goto(`${system.url}/invoices`);
    await waitForHeading(page, 'My Invoices');
    const row = page.getByRole('row', { name: new RegExp(number) });
    const listed = await row.innerText();
    await row.getByRole('link', { name: `Invoice ${number}` }).click();
    await waitForHeading(page, `Invoice ${number}`);
    const details = await page.getByRole('article', { name: 'Invoice details' }).innerText();

    const { page: viewer } = await suite.freshPage();
    await viewer.goto(system.mailViewerUrl);
    const receipt = viewer.locator('.email', { hasText: `Receipt for invoice ${number}` });
    await receipt.waitFor({ timeout: 15_000 });
    const receiptText = await receipt.innerText();
    const emails = (await system.mail.listEmails()).filter((email) => email.to.includes(customer.email)).map((email) => email.subject);
    const invoiceId = decodeURIComponent(new URL(invoiceUrl).pathname.split('/').at(-1)!);

    expect(shown).toMatch(new RegExp(`Next: reminder for invoice ${number}`));
    expect(run.announced).toHaveLength(2);
    expect(run.announced.every((text) => text.startsWith('The local time is now'))).toBe(true);
    expect(run.disabledWhileWorking).toBe(true);
    expect(afterwards).not.toContain(number);
    expect(listed).toContain('Paid');
    expect(details).toContain('Visa ending in 4242');
    expect(receiptText).toContain(customer.email);
    expect(emails.filter((subject) => subject.includes(number)).map((subject) => subject.split(':')[0])).toEqual([
      `Invoice ${number} from Example Hosting Ltd`, `Reminder`, `Receipt for invoice ${number}`,
    ]);
    expect(system.stripe.captureCount(invoiceId)).toBe(1);
    expect(problems).toEqual([]);
  }, 240_000);

  it('shows a declined invoice in the staff overdue list with its days overdue and dunning state, and the days overdue to the customer', async () => {
    const customer = await customerWithSavedCard('4000 0000 0000 0341');
    const { page: staff, problems } = await suite.freshPage();
    await signIn(staff, system.url, system.logins.admin);
    const number = await createInvoice(staff, customer.customerId, 5);
    // Its reminder may come after seeded work: wait for the outbox (its "new invoice" email) instead of the control.
    await expect.poll(async () => (await system.mail.listEmails()).some((email) => email.subject.startsWith(`Invoice ${number} `)), { timeout: 20_000 }).toBe(true);
    await runEventsOf(staff, number, /due-date charge/, 1);
    await clockControl(staff).getByRole('button', { name: '+1 day' }).click();
    await clockControl(staff).locator('.local-clock-status', { hasText: 'The local time is now' }).waitFor({ timeout: 60_000 });
    await clockControl(staff).getByRole('button', { name: '+1 day' }).click();
    await staff.waitForFunction(() => !document.querySelector('.local-clock button:disabled'), undefined, { timeout: 60_000 });

    await staff.goto(`${system.url}/admin/invoices?status=overdue`);
    await waitForHeading(staff, 'All invoices');
    const row = staff.getByRole('row', { name: new RegExp(number) });
    const overdueRow = await row.innerText();
    findings.push(...(await auditPage(staff, 'admin-overdue-dunning')));

    const { page } = customer;
    await page.goto(`${system.url}/invoices`);
    await waitForHeading(page, 'My Invoices');
    const listed = await page.getByRole('row', { name: new RegExp(number) }).innerText();
    await page.getByRole('row', { name: new RegExp(number) }).getByRole('link').click();
    await waitForHeading(page, `Invoice ${number}`);
    const details = await page.getByRole('article', { name: 'Invoice details' }).innerText();
    findings.push(...(await auditPage(page, 'invoice-overdue')));

    expect(overdueRow).toContain('2 days overdue');
    expect(overdueRow).toMatch(/Declined, 1 decline so far/);
    expect(overdueRow).toMatch(/Next try/);
    expect(listed).toContain('2 days overdue');
    expect(details).toContain('2 days overdue');
    expect(details).toMatch(/Declined, 1 decline so far/);
    expect(problems).toEqual([]);
  }, 240_000);

  it('finds no serious accessibility problem on the pages above', () => {
    expect(findings).toEqual([]);
  });
});
