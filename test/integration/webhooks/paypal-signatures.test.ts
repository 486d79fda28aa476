import { generateKeyPairSync, sign } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { call, startSignedIn } from '../api/client.js';
import { deliverPayPal, paypalPaymentWithHeldEvents } from './paypal-events.js';

/**
 * R6 for PayPal: a delivery that is forged, altered, signed with a certificate from a host that is not
 * PayPal's (here: not the configured sandbox), or stale, is refused with 400 and changes nothing.
 */
describe('Forged or stale PayPal webhooks', () => {
  let system: LocalSystem;
  let tokens: { admin: string; customer: string; customerId: string };

  beforeAll(async () => {
    const started = await startSignedIn();
    system = started.system;
    tokens = { admin: started.admin, customer: started.alice, customerId: started.aliceId };
  }, 120_000);
  afterAll(() => system?.stop());

  const state = async (invoiceId: string) => (await call(system, 'GET', `/v1/invoices/${invoiceId}`, { token: tokens.customer })).body;

  it('R6: refuses every forgery with 400, changes nothing, and then applies the genuine delivery', async () => {
    const { invoiceId, events } = await paypalPaymentWithHeldEvents(system, tokens, 5100, 'paid');
    const completed = events.find((e) => e.includes('"PAYMENT.CAPTURE.COMPLETED"'))!;
    const before = await state(invoiceId);
    const genuine = system.paypal.signDelivery(completed);
    const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forgedSig = (body: string) => sign('sha256', Buffer.from(`${genuine['paypal-transmission-id']}|${genuine['paypal-transmission-time']}|${process.env['PAYPAL_WEBHOOK_ID']}|${crc32(Buffer.from(body))}`), attacker.privateKey).toString('base64');
    const changedByte = completed.replace('"value": "51.00"', '"value": "91.00"').replace('"value":"51.00"', '"value":"91.00"');
    expect(changedByte).not.toBe(completed);

    const attempts: Array<[string, () => Promise<number>]> = [
      ['signed with another key', () => deliverPayPal(system, completed, { headers: { 'paypal-transmission-sig': forgedSig(completed) } })],
      ['one byte of the body changed', () => deliverPayPal(system, completed, { headers: genuine, body: changedByte })],
      ['signature of another delivery', () => deliverPayPal(system, completed, { headers: { ...genuine, 'paypal-transmission-id': 'another-id' } })],
      ['signed for another webhook id', () => deliverPayPal(system, completed, { headers: { 'paypal-transmission-sig': sign('sha256', Buffer.from('x'), attacker.privateKey).toString('base64') } })],
      ['certificate URL on a non-PayPal host', () => deliverPayPal(system, completed, { headers: { 'paypal-cert-url': 'https://certs.attacker.example/v1/notifications/certs/CERT-1' } })],
      ['certificate URL on a look-alike host', () => deliverPayPal(system, completed, { headers: { 'paypal-cert-url': 'https://api.paypal.com.attacker.example/v1/notifications/certs/CERT-1' } })],
      ['transmission time 301 s old', () => deliverPayPal(system, completed, { at: new Date(Date.now() - 301_000) })],
      ['transmission time 60 s ahead', () => deliverPayPal(system, completed, { at: new Date(Date.now() + 60_000) })],
      ['no signature header', () => deliverPayPal(system, completed, { headers: { 'paypal-transmission-sig': '' } })],
      ['another algorithm', () => deliverPayPal(system, completed, { headers: { 'paypal-auth-algo': 'SHA1withRSA' } })],
    ];
    const refused: string[] = [];
    for (const [name, attempt] of attempts) if ((await attempt()) === 400) refused.push(name);
    console.log(`R6 PayPal: ${refused.length}/${attempts.length} forged or stale deliveries refused with 400`);
    expect(refused).toEqual(attempts.map(([name]) => name));
    expect(await state(invoiceId)).toEqual(before);

    // Nothing was claimed by the forgeries: the genuine event still applies.
    expect(await deliverPayPal(system, completed)).toBe(200);
    expect(await state(invoiceId)).toMatchObject({ status: 'paid', amountPaid: 5100 });
  });
});
