/** The sign-in service where customers and staff have their own passwords (Cognito). */
export interface UserDirectory {
  /**
   * Creates a user and emails them an invitation with a temporary password. Returns the user's stable
   * id (`sub`). Throws ConflictError when a user with this email exists.
   */
  inviteUser(input: { email: string; name: string }): Promise<{ userSub: string }>;
  /**
   * Emails the invitation again, with a new temporary password that is valid for the pool's full
   * period again (the first one expires after 7 days by default). `already-active` when the user has
   * set their own password since: there is no invitation left to resend. Throws NotFoundError when
   * the sign-in service has no user with this email.
   */
  resendInvitation(email: string): Promise<'sent' | 'already-active'>;
  /**
   * The email address a user signs in with, from the name their access token carries (Cognito's
   * `username`, an opaque id when email is an alias); undefined when there is no such user.
   */
  emailOf(username: string): Promise<string | undefined>;
  /**
   * Turns a user's sign-in off (Cognito AdminDisableUser: their password is refused and their tokens
   * are revoked at Cognito) or on again. Throws NotFoundError when there is no such user.
   */
  setSignInEnabled(email: string, enabled: boolean): Promise<void>;
  /** The stable id (`sub`) of the user with this email; undefined when there is none. */
  subOf(email: string): Promise<string | undefined>;
  /** Undoes an invitation whose customer record could not be written. */
  deleteUser(email: string): Promise<void>;
}
