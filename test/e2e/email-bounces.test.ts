import { AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoCustomerRepository } from '../../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { DynamoInvoiceRepository } from '../../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { dynamoDocumentClient } from '../../functions/adapters/dynamodb/document-client.js';
import { calendarDate } from '../../functions/domain/calendar-date.js';
import { newCustomer } from '../../functions/domain/customer.js';
import { Invoice } from '../../functions/domain/invoice.js';
import { currency } from '../../functions/domain/money.js';
import { mail } from '../../functions/handlers/composition/mail.js';
import { sendInvoiceEmail } from '../../functions/use-cases/send-invoice-email.js';
import { cognitoLocalClient, createUser } from '../../local/cognito-local.js';
import { LOCAL_REGION } from '../../local/dynamodb-local.js';
import { auditPage, signIn, signOut, waitForHeading, openStaffList } from './support/browser.js';
import type { LocalSystem } from './support/local-system.js';
import { browserSuite } from './support/suite.js';

/**
 * Emails on one machine, end to end: an invoice email to an address that bounces (the SES mailbox
 * simulator's bounce@) goes through the local SES, whose bounce notification reaches the feedback
 * handler; the customer then sees a banner in Chromium, staff see the bounce; and Cognito's
 * invitation arrives in the local mail viewer in the billing emails' look.
 */
const suite = browserSuite();
/** The parts of local/system.ts's system beyond what the other browser tests use. */
type FullSystem = LocalSystem & {
  cognito: { endpoint: string; userPoolId: string };
  mail: LocalSystem['mail'] & { feedbackSettled(): Promise<void> };
};
let system: FullSystem;
const findings: string[] = [];
const BOUNCING = 'bounce@simulator.amazonses.com';
const login = { email: BOUNCING, password: 'Bouncing-Passw0rd!' };

beforeAll(async () => {
  system = suite.system as FullSystem;
  // A customer who can sign in, whose address bounces, with an invoice.
  const { sub } = await createUser(system.cognito.endpoint, system.cognito.userPoolId, login);
  const db = dynamoDocumentClient({ region: LOCAL_REGION, endpoint: system.dynamoDbEndpoint });
  const customer = newCustomer({ id: 'cus_bouncing', email: BOUNCING, name: 'Bea Bounce', currency: currency('EUR'), userSub: sub, createdAt: new Date() });
  await new DynamoCustomerRepository(db, system.tableName).create(customer);
  const invoice = await new DynamoInvoiceRepository(db, system.tableName).createNumbered((number) => Invoice.issue({
    id: 'inv_bouncing', number, customerId: customer.id, currency: customer.currency, dueDate: calendarDate('2099-01-31'), issuedAt: new Date(),
    lines: [{ description: 'Shared hosting, January', quantity: 1, unitAmountMinor: 1500 }], billTo: { name: customer.name, email: customer.email },
  }));
  // What the outbox does when an invoice is issued.
  const sent = await sendInvoiceEmail(await mail(), { kind: 'invoice_issued', invoiceId: invoice.id });
  expect(sent.status).toBe('sent');
  await system.mail.feedbackSettled();
}, 60_000);

describe('an address that bounces', () => {
  it('shows the customer a banner on every page, leading to the Account page', async () => {
    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, login);
    await waitForHeading(page, 'My Invoices');
    const banner = page.locator('.email-bounce');
    expect(await banner.innerText()).toContain(`Emails to ${BOUNCING} bounce`);
    findings.push(...(await auditPage(page, 'email-bounce-banner')));
    await banner.getByRole('link', { name: 'Account page' }).click();
    await waitForHeading(page, 'Account');
    expect(await page.locator('.email-bounce-note').innerText()).toContain('smtp; 550 5.1.1 user unknown');
    findings.push(...(await auditPage(page, 'email-bounce-account')));
    await signOut(page);
    expect(problems).toEqual([]);
  }, 90_000);

  it('tells staff on the customer list and the customer’s page', async () => {
    const { page } = await suite.freshPage();
    await signIn(page, system.url, system.logins.admin);
    await openStaffList(page, 'Customers');
    await page.getByLabel('Search customers').fill('bounce@');
    await Promise.all([
      page.waitForResponse((response) => response.url().includes('/v1/admin/customers?search=')),
      page.getByRole('button', { name: 'Search' }).click(),
    ]);
    const row = page.getByRole('row', { name: /Bea Bounce/ });
    expect(await row.innerText()).toContain('Emails bounce');
    await row.getByRole('link', { name: 'Bea Bounce' }).click();
    await waitForHeading(page, 'Bea Bounce');
    expect(await page.locator('.email-bounce-note').innerText()).toContain('Emails to this address bounce');
    findings.push(...(await auditPage(page, 'email-bounce-staff')));
  }, 90_000);

  it('counts the bouncing address on the dashboard, whose link lists exactly those customers', async () => {
    const { page } = await suite.freshPage();
    await signIn(page, system.url, system.logins.admin);
    const link = page.getByRole('link', { name: /^1 customer whose email bounces$/ });
    await link.click();
    await page.waitForURL(/\/admin\/customers\?email=bouncing/);
    await page.getByRole('row', { name: /Bea Bounce/ }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await page.getByText('Showing the customers whose email bounces.').count()).toBe(1);
  }, 90_000);

  it('leaves customers whose email arrives without a banner', async () => {
    const { page } = await suite.freshPage();
    await signIn(page, system.url, system.logins.customers[0]!);
    await waitForHeading(page, 'My Invoices');
    expect(await page.locator('.email-bounce').count()).toBe(0);
  }, 60_000);
});

describe('Cognito’s invitation', () => {
  it('arrives in the local mail viewer in the billing emails’ look, naming the provider and linking to the site', async () => {
    const email = `invited-${Date.now().toString(36)}@example.test`;
    const cognito = cognitoLocalClient(system.cognito.endpoint);
    try {
      await cognito.send(new AdminCreateUserCommand({
        UserPoolId: system.cognito.userPoolId, Username: email, DesiredDeliveryMediums: ['EMAIL'],
        UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }],
      }));
    } finally {
      cognito.destroy();
    }
    const invitation = (await system.mail.listEmails()).find((e) => e.to.includes(email));
    expect(invitation?.subject).toBe('Your billing account at Example Hosting Ltd');
    const { page } = await suite.freshPage();
    await page.goto(system.mailViewerUrl);
    // aws-ses-v2-local's viewer: one `.email` card per message, its HTML shown in an iframe on request.
    const card = page.locator('.email', { hasText: email });
    await card.getByRole('button', { name: 'Toggle HTML view' }).click();
    const shown = card.frameLocator('.email-html iframe').locator('body');
    const text = await shown.innerText();
    expect(text).toContain('Welcome to Example Hosting Ltd billing');
    expect(text).toContain(email);
    expect(text).toMatch(/Temporary password\s+\S{6,}/);
    expect(await shown.getByRole('link', { name: 'Sign in to your billing account' }).getAttribute('href')).toBe(`${system.url}/sign-in`);
    expect(text).toContain('1 Server Street');
  }, 60_000);

  it('finds no serious accessibility problem on the pages above', () => {
    expect(findings).toEqual([]);
  });
});
