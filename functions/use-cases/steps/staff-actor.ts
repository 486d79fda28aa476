import type { ActivityActor } from '../../domain/invoice-activity.js';
import type { UserDirectory } from '../../ports/user-directory.js';

/** A signed-in staff member, as their access token names them. */
export interface StaffMember {
  /** The user's stable id. */
  readonly sub: string;
  /** The user's sign-in name (Cognito's `username`: an opaque id when email is an alias). */
  readonly username: string;
}

/** Staff are named in activity logs and audit trails by the address they sign in with. */
export async function staffActor(users: UserDirectory, staff: StaffMember): Promise<ActivityActor> {
  return { kind: 'staff', id: staff.sub, email: (await users.emailOf(staff.username)) ?? staff.username };
}
