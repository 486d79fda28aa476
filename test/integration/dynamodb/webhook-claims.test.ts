import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_LEASE_MS, DynamoWebhookClaims } from '../../../functions/adapters/dynamodb/dynamo-webhook-claims.js';
import { createTestTable, documentClient } from '../../support/dynamodb.js';

describe('Webhook events claimed in DynamoDB', () => {
  let claims: DynamoWebhookClaims;
  let table = '';
  const t0 = new Date('2026-11-30T12:00:00Z');
  const later = (ms: number) => new Date(t0.getTime() + ms);
  let n = 0;
  const key = () => `evt_${++n}`;

  beforeAll(async () => {
    table = await createTestTable();
    claims = new DynamoWebhookClaims(documentClient(), table);
  });

  it('lets one of 20 concurrent deliveries claim an event; the others hear it is in progress', async () => {
    const id = key();
    const results = await Promise.all(Array.from({ length: 20 }, () => claims.claim('stripe', id, t0)));
    expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r === 'in_progress')).toHaveLength(19);
  });

  it('says done for every delivery after the event was completed, and keeps what became of it', async () => {
    const id = key();
    expect(await claims.claim('stripe', id, t0)).toBe('claimed');
    await claims.complete('stripe', id, { outcome: 'refused', reason: 'Not this customer’s invoice.', eventType: 'checkout.session.completed' }, t0);
    expect(await claims.claim('stripe', id, later(1))).toBe('done');
    expect(await claims.claim('stripe', id, later(3 * 86_400_000))).toBe('done');
    const { Item } = await documentClient().send(new GetCommand({ TableName: table, Key: { PK: `EVENT#stripe#${id}`, SK: 'EVENT' } }));
    expect(Item).toMatchObject({ status: 'done', outcome: 'refused', reason: 'Not this customer’s invoice.', eventType: 'checkout.session.completed' });
    expect(Item?.['expiresAt']).toBeUndefined();
  });

  it('hands an event whose delivery died mid-way to a later delivery once the lease has run out, not before', async () => {
    const id = key();
    expect(await claims.claim('stripe', id, t0)).toBe('claimed');
    expect(await claims.claim('stripe', id, later(CLAIM_LEASE_MS - 1))).toBe('in_progress');
    expect(await claims.claim('stripe', id, later(CLAIM_LEASE_MS + 1))).toBe('claimed');
  });

  it('makes a released event claimable at once, and never releases a completed one', async () => {
    const released = key();
    await claims.claim('stripe', released, t0);
    await claims.release('stripe', released);
    expect(await claims.claim('stripe', released, t0)).toBe('claimed');

    const completed = key();
    await claims.claim('stripe', completed, t0);
    await claims.complete('stripe', completed, { outcome: 'applied', eventType: 'payment_intent.succeeded' }, t0);
    await claims.release('stripe', completed);
    expect(await claims.claim('stripe', completed, t0)).toBe('done');
  });

  it('keeps the same event id of two providers apart', async () => {
    const id = key();
    expect(await claims.claim('stripe', id, t0)).toBe('claimed');
    expect(await claims.claim('paypal', id, t0)).toBe('claimed');
  });
});
