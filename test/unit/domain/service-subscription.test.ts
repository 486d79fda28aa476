import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { BusinessRuleError } from '../../../functions/domain/errors.js';
import { money } from '../../../functions/domain/money.js';
import { Service } from '../../../functions/domain/service.js';

const at = new Date('2027-01-25T09:00:00Z');
const service = () => Service.create({
  id: 'svc_1', customerId: 'cus_1', customerCurrency: 'EUR', name: 'Business hosting', price: money(1500, 'EUR'),
  cycle: 'monthly', nextDueDate: calendarDate('2027-01-31'), createdAt: new Date('2027-01-20T10:00:00Z'),
});
const started = (s: Service, id: string) => s.subscriptionStarted({ method: 'paypal', id, approvalUrl: `https://pay.example/${id}`, at });
const live = (s: Service, id: string, status: 'active' | 'suspended' = 'active') =>
  s.subscriptionLive({ method: 'paypal', id, status, nextBillingAt: '2027-02-25T09:00:00.000Z', at });

describe('A service’s subscription (at most one live, R13)', () => {
  it('counts each start, and is pending with its approval page until the provider says it is live', () => {
    const one = started(service(), 'I-ONE');
    expect(one.state.subscription).toMatchObject({ id: 'I-ONE', status: 'pending', approvalUrl: 'https://pay.example/I-ONE' });
    expect(started(one, 'I-TWO').state.subscriptionStarts).toBe(2);
    expect(one.liveSubscription).toBeUndefined();
    expect(one.paidBySubscription).toBe(false);
  });

  it('adopts the first subscription that goes live, with its next billing time, and drops the approval page', () => {
    const { service: adopted, adoption } = live(started(service(), 'I-ONE'), 'I-ONE');
    expect(adoption).toBe('adopted');
    expect(adopted.state.subscription).toEqual({ method: 'paypal', id: 'I-ONE', status: 'active', startedAt: at.toISOString(), nextBillingAt: '2027-02-25T09:00:00.000Z' });
    expect(adopted.paidBySubscription).toBe(true);
  });

  it('calls a second live subscription a duplicate, in either order of approval, and changes nothing', () => {
    const twoPending = started(started(service(), 'I-ONE'), 'I-TWO');
    for (const [first, second] of [['I-ONE', 'I-TWO'], ['I-TWO', 'I-ONE']] as const) {
      const { service: withFirst } = live(twoPending, first);
      const { service: after, adoption } = live(withFirst, second);
      expect(adoption).toBe('duplicate');
      expect(after).toBe(withFirst);
      expect(after.liveSubscription?.id).toBe(first);
    }
  });

  it('refuses to start another while one is live, and a suspended one still counts as live but is not charged by card aside', () => {
    const { service: suspended } = live(live(started(service(), 'I-ONE'), 'I-ONE').service, 'I-ONE', 'suspended');
    expect(suspended.state.subscription?.status).toBe('suspended');
    expect(suspended.liveSubscription?.id).toBe('I-ONE');
    expect(suspended.paidBySubscription).toBe(false);
    expect(() => started(suspended, 'I-TWO')).toThrow(BusinessRuleError);
  });

  it('ends only its own subscription; one we cancelled that still goes live at the provider is a duplicate to cancel', () => {
    const { service: active } = live(started(service(), 'I-ONE'), 'I-ONE');
    expect(active.subscriptionEnded('I-OTHER', at)).toBe(active);
    const ended = active.subscriptionEnded('I-ONE', at);
    expect(ended.state.subscription).toMatchObject({ id: 'I-ONE', status: 'cancelled', cancelledAt: at.toISOString() });
    expect(ended.state.subscription?.nextBillingAt).toBeUndefined();
    expect(ended.subscriptionEnded('I-ONE', at)).toBe(ended);
    expect(live(ended, 'I-ONE').adoption).toBe('duplicate');
    // After it ended, a new one may start and be adopted.
    expect(live(started(ended, 'I-TWO'), 'I-TWO').adoption).toBe('adopted');
  });

  it('notes a failed payment on its own live subscription only', () => {
    const { service: active } = live(started(service(), 'I-ONE'), 'I-ONE');
    expect(active.subscriptionPaymentFailed('I-ONE', at).state.subscription?.lastPaymentFailedAt).toBe(at.toISOString());
    expect(active.subscriptionPaymentFailed('I-OTHER', at)).toBe(active);
  });
});
