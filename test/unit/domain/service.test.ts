import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { BusinessRuleError, ValidationError } from '../../../functions/domain/errors.js';
import { money } from '../../../functions/domain/money.js';
import { Service } from '../../../functions/domain/service.js';

const create = (overrides: Partial<Parameters<typeof Service.create>[0]> = {}) => Service.create({
  id: 'svc_1', customerId: 'cus_1', customerCurrency: 'EUR', name: ' Business hosting ', price: money(1500, 'EUR'),
  cycle: 'monthly', nextDueDate: calendarDate('2027-01-31'), createdAt: new Date('2027-01-20T10:00:00Z'), ...overrides,
});

describe('A service', () => {
  it('starts active, billing on the day of its first due date', () => {
    const service = create();
    expect(service.state).toMatchObject({ name: 'Business hosting', status: 'active', anchorDay: 31, cancelAtPeriodEnd: false, version: 1 });
  });

  it('refuses a price in another currency than the customer’s, or nothing to pay', () => {
    expect(() => create({ price: money(1500, 'USD') })).toThrow(ValidationError);
    expect(() => create({ price: money(0, 'EUR') })).toThrow(ValidationError);
  });

  it('names its next period on the invoice line and moves on one cycle once billed', () => {
    const service = create();
    expect(service.nextInvoiceLine()).toEqual({ description: 'Business hosting (31 Jan – 27 Feb 2027)', quantity: 1, unitAmountMinor: 1500 });
    const billed = service.billed();
    expect(billed.state.nextDueDate).toBe('2027-02-28');
    expect(billed.billed().state.nextDueDate).toBe('2027-03-31');
    expect(billed.state.version).toBe(2);
  });

  it('issues its invoice the set number of days before the due date', () => {
    expect(create().invoiceDate(7)).toBe('2027-01-24');
  });

  it('is suspended for an overdue invoice and unsuspended, and a cancelled service never changes again', () => {
    const suspended = create().suspend('inv_1', new Date('2027-02-20T09:00:00Z'));
    expect(suspended.state).toMatchObject({ status: 'suspended', suspension: { invoiceId: 'inv_1' } });
    expect(() => suspended.suspend('inv_2', new Date())).toThrow(BusinessRuleError);
    const active = suspended.unsuspend(calendarDate('2027-01-25'));
    expect(active.state.status).toBe('active');
    expect(active.state.suspension).toBeUndefined();
    const cancelled = active.cancel(new Date('2027-03-01T00:00:00Z'));
    expect(cancelled.isBillable).toBe(false);
    expect(() => cancelled.update({ name: 'x' }, 'EUR')).toThrow(BusinessRuleError);
    expect(() => cancelled.unsuspend(calendarDate('2027-03-01'))).toThrow(BusinessRuleError);
  });

  it('is not billed for a new period while suspended; unsuspended after its next period was to start, that period starts on the day, with nothing billed back', () => {
    const suspended = create().billed().suspend('inv_1', new Date('2027-02-14T09:00:00Z'));
    expect(suspended.takesNewInvoices).toBe(false);
    expect(suspended.isBillable).toBe(true);
    expect(() => suspended.billed()).toThrow(BusinessRuleError);

    const late = suspended.unsuspend(calendarDate('2027-03-10'));
    expect(late.state).toMatchObject({ status: 'active', nextDueDate: '2027-03-10', anchorDay: 10 });
    expect(late.nextInvoiceLine().description).toBe('Business hosting (10 Mar – 9 Apr 2027)');
    expect(late.takesNewInvoices).toBe(true);

    const early = suspended.unsuspend(calendarDate('2027-02-20'));
    expect(early.state).toMatchObject({ status: 'active', nextDueDate: '2027-02-28', anchorDay: 31 });
  });

  it('asked to end at the end of its period, is billed no more', () => {
    const ending = create().cancelAtEndOfPeriod();
    expect(ending.state.cancelAtPeriodEnd).toBe(true);
    expect(ending.cancelAtEndOfPeriod()).toBe(ending);
    expect(() => ending.billed()).toThrow(BusinessRuleError);
  });

  it('asked to end at its period’s end, can be kept until the period ends, and not after', () => {
    const ending = create().cancelAtEndOfPeriod();
    const kept = ending.keep(calendarDate('2027-01-30'));
    expect(kept.state).toMatchObject({ cancelAtPeriodEnd: false, status: 'active' });
    expect(kept.takesNewInvoices).toBe(true);
    expect(kept.keep(calendarDate('2027-01-30'))).toBe(kept);
    expect(() => ending.keep(calendarDate('2027-01-31'))).toThrow('This service’s period ended on 2027-01-30: its cancellation can no longer be taken back.');
    expect(() => ending.cancel(new Date('2027-01-31T09:00:00Z')).keep(calendarDate('2027-01-31'))).toThrow(BusinessRuleError);
  });

  it('moves its anchor day with a new next due date, and never moves paid-through backwards', () => {
    const moved = create().update({ nextDueDate: calendarDate('2027-02-15') }, 'EUR');
    expect(moved.state.anchorDay).toBe(15);
    const paid = moved.paidThrough(calendarDate('2027-03-14'));
    expect(paid.paidThrough(calendarDate('2027-02-14'))).toBe(paid);
  });
});
