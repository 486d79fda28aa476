import { ConflictError } from '../../../functions/domain/errors.js';
import type { UserDirectory } from '../../../functions/ports/user-directory.js';

export interface Invitation {
  readonly email: string;
  readonly name: string;
  readonly userSub: string;
}

/**
 * A sign-in service that keeps its users in a map. `invitations` is what a person would see: who was
 * invited and is still there. `failNextInvite` makes the next invitation throw, as Cognito can.
 */
export class InMemoryUserDirectory implements UserDirectory {
  private readonly users = new Map<string, Invitation>();
  private nextFailure: Error | undefined;
  private subs = 0;

  get invitations(): readonly Invitation[] {
    return [...this.users.values()];
  }

  failNextInvite(error: Error): void {
    this.nextFailure = error;
  }

  async inviteUser(input: { email: string; name: string }): Promise<{ userSub: string }> {
    if (this.nextFailure) {
      const error = this.nextFailure;
      this.nextFailure = undefined;
      throw error;
    }
    if (this.users.has(input.email)) throw new ConflictError(`A user with the email ${input.email} already exists.`);
    const userSub = `sub-${++this.subs}`;
    this.users.set(input.email, { email: input.email, name: input.name, userSub });
    return { userSub };
  }

  async deleteUser(email: string): Promise<void> {
    this.users.delete(email);
  }
}
