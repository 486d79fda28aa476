import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../../../functions/domain/errors.js';
import { currency } from '../../../functions/domain/money.js';
import { createCustomer } from '../../../functions/use-cases/create-customer.js';
import { rejectionOf, world } from './world.js';

const EUR = currency('EUR');

describe('create customer', () => {
  it('stores the customer with a normalized email, bound to the invited user, with no credit', async () => {
    const w = world();

    const customer = await createCustomer(w, { email: '  Ana.Lima@Example.COM ', name: ' Ana Lima ', currency: EUR });

    expect(customer).toMatchObject({ id: 'cus_1', email: 'ana.lima@example.com', name: 'Ana Lima', currency: 'EUR', autopay: true });
    expect(customer.creditBalance).toEqual({ amountMinor: 0, currency: 'EUR' });
    expect(customer.createdAt).toBe('2026-03-01T09:00:00.000Z');
    expect(w.users.invitations).toEqual([{ email: 'ana.lima@example.com', name: 'Ana Lima', userSub: customer.userSub, sent: 1 }]);
    expect(await w.customers.get(customer.id)).toEqual(customer);
  });

  it('refuses a second customer with the same email, however it is written, and invites no one', async () => {
    const w = world();
    await createCustomer(w, { email: 'ana@example.com', name: 'Ana', currency: EUR });

    const error = await rejectionOf(createCustomer(w, { email: ' ANA@example.com', name: 'Ana again', currency: EUR }));

    expect(error).toBeInstanceOf(ConflictError);
    expect(w.customers.all).toHaveLength(1);
    expect(w.users.invitations.map((i) => i.name)).toEqual(['Ana']);
  });

  it('refuses an invalid email, naming the field, before inviting anyone', async () => {
    const w = world();

    const error = await rejectionOf(createCustomer(w, { email: 'not-an-email', name: 'Ana', currency: EUR }));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('email');
    expect(w.users.invitations).toEqual([]);
    expect(w.customers.all).toEqual([]);
  });

  it('refuses a blank name, naming the field, before inviting anyone', async () => {
    const w = world();

    const error = await rejectionOf(createCustomer(w, { email: 'ana@example.com', name: '   ', currency: EUR }));

    expect((error as ValidationError).field).toBe('name');
    expect(w.users.invitations).toEqual([]);
  });

  it('withdraws the invitation when the customer record cannot be written, and reports the failure', async () => {
    const w = world();
    const outage = new Error('storage unavailable');
    w.customers.failNextCreate(outage);

    const error = await rejectionOf(createCustomer(w, { email: 'ana@example.com', name: 'Ana', currency: EUR }));

    expect(error).toBe(outage);
    expect(w.users.invitations).toEqual([]);
    expect(w.customers.all).toEqual([]);
  });

  it('after a withdrawn invitation the same email can be added again', async () => {
    const w = world();
    w.customers.failNextCreate(new Error('storage unavailable'));
    await rejectionOf(createCustomer(w, { email: 'ana@example.com', name: 'Ana', currency: EUR }));

    const customer = await createCustomer(w, { email: 'ana@example.com', name: 'Ana', currency: EUR });

    expect(w.customers.all).toEqual([customer]);
    expect(w.users.invitations).toHaveLength(1);
  });

  it('stores nothing when the sign-in service cannot invite the user', async () => {
    const w = world();
    w.users.failNextInvite(new ConflictError('A user with this email exists.'));

    const error = await rejectionOf(createCustomer(w, { email: 'ana@example.com', name: 'Ana', currency: EUR }));

    expect(error).toBeInstanceOf(ConflictError);
    expect(w.customers.all).toEqual([]);
  });
});
