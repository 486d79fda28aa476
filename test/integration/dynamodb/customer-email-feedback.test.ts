import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoCustomerRepository } from '../../../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { currentEmailBounce, newCustomer } from '../../../functions/domain/customer.js';
import { currency } from '../../../functions/domain/money.js';
import type { EmailFeedback } from '../../../functions/ports/customer-repository.js';
import { createTestTable, documentClient } from '../../support/dynamodb.js';

describe('SES feedback noted on a customer in DynamoDB, in any order', () => {
  let customers: DynamoCustomerRepository;
  let n = 0;
  const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
  const bounce = (address: string, minute: number): EmailFeedback => ({ kind: 'bounce', address, at: at(minute), diagnostic: `550 at ${minute}` });
  const delivery = (address: string, minute: number): EmailFeedback => ({ kind: 'delivery', address, at: at(minute) });

  async function customer() {
    const c = newCustomer({ id: `cus_${++n}`, email: `c${n}@example.test`, name: 'C', currency: currency('USD'), userSub: `s${n}`, createdAt: new Date(at(0)) });
    await customers.create(c);
    return c;
  }

  beforeAll(async () => { customers = new DynamoCustomerRepository(documentClient(), await createTestTable()); });

  it('keeps the newest bounce; a later delivery clears it, an earlier one does not', async () => {
    const c = await customer();
    expect(await customers.noteEmailFeedback(c.id, bounce(c.email, 10))).toBe('recorded');
    expect(await customers.noteEmailFeedback(c.id, bounce(c.email, 5))).toBe('ignored');
    expect(await customers.noteEmailFeedback(c.id, bounce(c.email, 10))).toBe('ignored');
    await customers.noteEmailFeedback(c.id, delivery(c.email, 9));
    expect((await customers.get(c.id))?.emailBounced).toEqual({ address: c.email, at: at(10), diagnostic: '550 at 10' });
    await customers.noteEmailFeedback(c.id, delivery(c.email, 11));
    expect((await customers.get(c.id))?.emailBounced).toBeUndefined();
  });

  it('ignores a bounce reported after a later delivery (the notifications arrived out of order)', async () => {
    const c = await customer();
    await customers.noteEmailFeedback(c.id, delivery(c.email, 20));
    expect(await customers.noteEmailFeedback(c.id, bounce(c.email, 15))).toBe('ignored');
    expect(await customers.noteEmailFeedback(c.id, bounce(c.email, 25))).toBe('recorded');
  });

  it('ignores reports about another address, and a complaint stays beside a bounce', async () => {
    const c = await customer();
    expect(await customers.noteEmailFeedback(c.id, bounce('old@example.test', 30))).toBe('ignored');
    await customers.noteEmailFeedback(c.id, { kind: 'complaint', address: c.email, at: at(31), diagnostic: 'Marked as spam (abuse)' });
    await customers.noteEmailFeedback(c.id, bounce(c.email, 32));
    const stored = await customers.get(c.id);
    expect(stored?.emailComplained?.diagnostic).toBe('Marked as spam (abuse)');
    expect(currentEmailBounce(stored!)?.at).toBe(at(32));
    // A bounce of an address the customer no longer has does not count.
    expect(currentEmailBounce({ ...stored!, email: 'new@example.test' })).toBeUndefined();
  });
});
