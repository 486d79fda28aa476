import { ConflictError } from '../domain/errors.js';
import type { AccountImports } from '../ports/account-imports.js';
import type { UserDirectory } from '../ports/user-directory.js';

/** Invitations sent per request: each is one call to the sign-in service, well inside an API function's time. */
export const INVITATIONS_PER_REQUEST = 25;

/**
 * Staff send the invitations of an import's customers (at once after the import, or later), a
 * batch per call, until none is left:
 *  1. take up to `limit` of the job's customers not invited yet;
 *  2. for each, the sign-in service creates the user and emails the invitation; a user that exists
 *     already (an earlier call stopped after creating it) is looked up instead of invited twice;
 *  3. bind the customer to that user, which takes them off the list.
 * Answers how many were sent now and whether any remain.
 */
export async function sendImportInvitations(
  deps: { imports: AccountImports; users: UserDirectory },
  input: { jobId: string; limit?: number },
): Promise<{ sent: number; remaining: boolean }> {
  const limit = input.limit ?? INVITATIONS_PER_REQUEST;
  const customers = await deps.imports.listUninvited(input.jobId, limit);
  let sent = 0;
  for (const customer of customers) {
    let userSub: string | undefined;
    try {
      userSub = (await deps.users.inviteUser({ email: customer.email, name: customer.name })).userSub;
      sent += 1;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      userSub = await deps.users.subOf(customer.email);
      if (!userSub) throw error;
    }
    await deps.imports.markInvited(customer.id, userSub);
  }
  return { sent, remaining: customers.length === limit && (await deps.imports.listUninvited(input.jobId, 1)).length > 0 };
}
