import { describe, expect, it } from 'vitest';
import { BusinessRuleError, NotFoundError } from '../../../functions/domain/errors.js';
import { currency } from '../../../functions/domain/money.js';
import { createCustomer } from '../../../functions/use-cases/create-customer.js';
import { resendInvitation } from '../../../functions/use-cases/resend-invitation.js';
import { rejectionOf, world } from './world.js';

const EUR = currency('EUR');

describe('resend invitation', () => {
  it('emails the invitation again to a customer who has not signed in yet', async () => {
    const w = world();
    const customer = await createCustomer(w, { email: 'ana@example.com', name: 'Ana', currency: EUR });

    const sentTo = await resendInvitation(w, { customerId: customer.id });

    expect(sentTo).toEqual(customer);
    expect(w.users.invitations).toEqual([expect.objectContaining({ email: 'ana@example.com', sent: 2 })]);
  });

  it('refuses with a business rule, sending nothing, once the customer has set a password', async () => {
    const w = world();
    const customer = await createCustomer(w, { email: 'ana@example.com', name: 'Ana', currency: EUR });
    w.users.signIn('ana@example.com');

    const error = await rejectionOf(resendInvitation(w, { customerId: customer.id }));

    expect(error).toBeInstanceOf(BusinessRuleError);
    expect((error as Error).message).toContain('Forgot password');
    expect(w.users.invitations[0]?.sent).toBe(1);
  });

  it('answers NotFoundError for a customer that does not exist', async () => {
    const w = world();

    expect(await rejectionOf(resendInvitation(w, { customerId: 'cus_missing' }))).toBeInstanceOf(NotFoundError);
  });
});
