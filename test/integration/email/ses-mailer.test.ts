import { SESClient } from '@aws-sdk/client-ses';
import addressparser from 'nodemailer/lib/addressparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_STAND_IN_CALL_LIMITS, awsClientOptions } from '../../../functions/adapters/aws/aws-client-options.js';
import { SesMailer, fromHeader } from '../../../functions/adapters/ses/ses-mailer.js';
import { MailerFault, MailerRefusal, UnsafeHeaderError } from '../../../functions/ports/mailer.js';
import { type MailServer, startMailServer } from '../../../local/mail.js';

/** RFC 2047 B-encoded UTF-8 words back to text (adjacent words join without the space between them). */
const decodeWords = (header: string) => header
  .replace(/\?= =\?UTF-8\?B\?/g, '?==?UTF-8?B?')
  .replace(/(=\?UTF-8\?B\?[^?]+\?=)+/g, (words) => Buffer.concat([...words.matchAll(/=\?UTF-8\?B\?([^?]+)\?=/g)].map((m) => Buffer.from(m[1]!, 'base64'))).toString('utf8'));

const SENDER = { address: 'billing@example-hosting.test', name: 'Example Hosting Ltd', replyTo: 'accounts@example-hosting.test', configurationSet: 'billing' };
const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n% not a real invoice, but bytes that must arrive unchanged: \u00ff\u0000\u0001\n%%EOF\n', 'latin1'));

describe('SesMailer against the local SES (aws-ses-v2-local)', () => {
  let server: MailServer;
  const clients: SESClient[] = [];
  const mailer = (sender: Partial<typeof SENDER> = {}, endpoint = server.endpoint) => {
    const client = new SESClient(awsClientOptions({ region: 'us-east-1', endpoint, limits: LOCAL_STAND_IN_CALL_LIMITS }));
    clients.push(client);
    return new SesMailer(client, { ...SENDER, ...sender });
  };
  const message = { to: 'ann@example.test', subject: 'Invoice #000042', html: '<p>Hello</p>', text: 'Hello', tags: { kind: 'invoice_issued', invoiceId: 'inv_1' } };

  beforeAll(async () => { server = await startMailServer(); });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
  });
  beforeEach(async () => { await server.clear(); });

  it('sends HTML and text with SendEmail, from the seller, with replies to the billing address', async () => {
    const { messageId } = await mailer().send(message);
    const [email] = await server.listEmails();
    expect(email).toMatchObject({ messageId, to: ['ann@example.test'], subject: 'Invoice #000042', html: '<p>Hello</p>', text: 'Hello' });
    expect(email?.from).toBe('Example Hosting Ltd <billing@example-hosting.test>');
    expect(email?.replyTo).toEqual(['accounts@example-hosting.test']);
  });

  it('sends an attachment with SendRawEmail: it arrives byte for byte, beside both parts', async () => {
    const { messageId } = await mailer().send({
      ...message, subject: 'Facture n° 42 — Łódź', attachments: [{ fileName: 'invoice-42.pdf', contentType: 'application/pdf', content: PDF }],
    });
    const [email] = await server.listEmails();
    expect(email?.messageId).toBe(messageId);
    expect(email?.subject).toBe('Facture n° 42 — Łódź');
    expect(email?.html).toContain('<p>Hello</p>');
    expect(email?.text?.trim()).toBe('Hello');
    expect(email?.attachments).toHaveLength(1);
    expect(email?.attachments[0]).toMatchObject({ fileName: 'invoice-42.pdf', contentType: 'application/pdf' });
    expect(Buffer.from(email!.attachments[0]!.content).equals(Buffer.from(PDF))).toBe(true);
  });

  it.each([
    ['Łukasiewicz Hosting', /^=\?UTF-8\?B\?[^?]+\?=( =\?UTF-8\?B\?[^?]+\?=)* <billing@example-hosting\.test>$/],
    ['Smith, Jones & Co', /^=\?UTF-8\?B\?[^?]+\?= <billing@example-hosting\.test>$/],
    ['The "Best" Hosting', /^=\?UTF-8\?B\?[^?]+\?= <billing@example-hosting\.test>$/],
  ])('encodes a display name like %s as RFC 2047 words, and mail readers get the name back', async (name, pattern) => {
    expect(fromHeader({ name, address: SENDER.address })).toMatch(pattern);
    await mailer({ name }).send({ ...message, attachments: [{ fileName: 'a.pdf', contentType: 'application/pdf', content: PDF }] });
    await mailer({ name }).send(message);
    const [raw, simple] = await server.listEmails();
    // aws-ses-v2-local parses the raw message's From (as a mail reader does) and keeps SendEmail's Source as given.
    expect(addressparser(raw!.from)).toEqual([{ name, address: SENDER.address }]);
    expect(simple?.from).toMatch(pattern);
    expect(decodeWords(simple!.from)).toBe(`${name} <${SENDER.address}>`);
  });

  it('refuses a line break in the subject, the recipient or a file name, and sends nothing', async () => {
    const m = mailer();
    await expect(m.send({ ...message, subject: 'Invoice\r\nBcc: victim@example.test' })).rejects.toBeInstanceOf(UnsafeHeaderError);
    await expect(m.send({ ...message, to: 'ann@example.test\nBcc: victim@example.test' })).rejects.toBeInstanceOf(UnsafeHeaderError);
    await expect(m.send({ ...message, attachments: [{ fileName: 'a.pdf\r\nX: y', contentType: 'application/pdf', content: PDF }] }))
      .rejects.toBeInstanceOf(UnsafeHeaderError);
    expect(() => mailer({ name: 'Evil\r\nBcc: victim@example.test' })).toThrow(UnsafeHeaderError);
    expect(await server.listEmails()).toEqual([]);
  });

  it('refuses an address that is not one plain address, as a refusal (not a passing fault)', async () => {
    for (const to of ['not-an-address', 'a@b.test, c@d.test', 'Ann <ann@example.test>']) {
      await expect(mailer().send({ ...message, to })).rejects.toBeInstanceOf(MailerRefusal);
    }
    expect(await server.listEmails()).toEqual([]);
  });

  it('reports a mail service it cannot reach as a passing fault', async () => {
    await expect(mailer({}, 'http://127.0.0.1:9').send(message)).rejects.toBeInstanceOf(MailerFault);
  });
});
