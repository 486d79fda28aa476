import { ConflictError, NotFoundError } from '../../../functions/domain/errors.js';
import type { UserDirectory } from '../../../functions/ports/user-directory.js';

export interface Invitation {
  readonly email: string;
  readonly name: string;
  readonly userSub: string;
  /** How many times the invitation was emailed: 1, plus one per resend. */
  readonly sent: number;
}

/**
 * A sign-in service that keeps its users in a map. `invitations` is what a person would see: who was
 * invited and is still there, and how often they were emailed. `failNextInvite` makes the next
 * invitation throw, as Cognito can; `signIn` marks a user as having set their own password.
 */
export class InMemoryUserDirectory implements UserDirectory {
  private readonly users = new Map<string, Invitation>();
  private readonly active = new Set<string>();
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
    this.users.set(input.email, { email: input.email, name: input.name, userSub, sent: 1 });
    return { userSub };
  }

  async subOf(email: string): Promise<string | undefined> {
    return this.users.get(email)?.userSub;
  }

  signIn(email: string): void {
    this.active.add(email);
  }

  async resendInvitation(email: string): Promise<'sent' | 'already-active'> {
    const user = this.users.get(email);
    if (!user) throw new NotFoundError('Sign-in account');
    if (this.active.has(email)) return 'already-active';
    this.users.set(email, { ...user, sent: user.sent + 1 });
    return 'sent';
  }

  /** Emails of users whose sign-in is turned off. */
  readonly disabled = new Set<string>();

  async setSignInEnabled(email: string, enabled: boolean): Promise<void> {
    if (!this.users.has(email)) throw new NotFoundError('Sign-in account');
    if (enabled) this.disabled.delete(email);
    else this.disabled.add(email);
  }

  async deleteUser(email: string): Promise<void> {
    this.users.delete(email);
  }

  async emailOf(username: string): Promise<string | undefined> {
    return [...this.users.values()].find((user) => user.userSub === username || user.email === username)?.email;
  }
}
