/** The sign-in service where customers and staff have their own passwords (Cognito). */
export interface UserDirectory {
  /**
   * Creates a user and emails them an invitation with a temporary password. Returns the user's stable
   * id (`sub`). Throws ConflictError when a user with this email exists.
   */
  inviteUser(input: { email: string; name: string }): Promise<{ userSub: string }>;
  /** Undoes an invitation whose customer record could not be written. */
  deleteUser(email: string): Promise<void>;
}
