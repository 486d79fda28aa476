import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  type CognitoIdentityProviderClient,
  UnsupportedUserStateException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError, NotFoundError, ProviderUnavailableError } from '../../domain/errors.js';
import type { UserDirectory } from '../../ports/user-directory.js';

/**
 * Customers' and staff's sign-in accounts in a Cognito user pool. Cognito emails the invitation with a
 * temporary password itself; the user sets their own at first sign-in.
 *
 * The client is built once per cold start by the composition root (composition/users.ts).
 */
export class CognitoUserDirectory implements UserDirectory {
  constructor(private readonly cognito: CognitoIdentityProviderClient, private readonly userPoolId: string) {}

  async inviteUser(input: { email: string; name: string }): Promise<{ userSub: string }> {
    try {
      const { User } = await this.cognito.send(new AdminCreateUserCommand({
        UserPoolId: this.userPoolId,
        Username: input.email,
        DesiredDeliveryMediums: ['EMAIL'],
        UserAttributes: [
          { Name: 'email', Value: input.email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: input.name },
        ],
      }));
      const sub = User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
      if (!sub) throw new Error('Cognito created a user without a sub');
      return { userSub: sub };
    } catch (error) {
      if (error instanceof UsernameExistsException) {
        throw new ConflictError(`A user with the email ${input.email} already exists.`, { cause: error });
      }
      throw new ProviderUnavailableError('The sign-in service could not create the account right now; please try again in a few minutes.', { cause: error });
    }
  }

  /** AdminCreateUser with MessageAction RESEND: a new temporary password, by email, for a user who has not signed in yet. */
  async resendInvitation(email: string): Promise<'sent' | 'already-active'> {
    try {
      await this.cognito.send(new AdminCreateUserCommand({
        UserPoolId: this.userPoolId,
        Username: email,
        MessageAction: 'RESEND',
        DesiredDeliveryMediums: ['EMAIL'],
      }));
      return 'sent';
    } catch (error) {
      // Cognito resends only to a user still in FORCE_CHANGE_PASSWORD, i.e. one who never set a password.
      if (error instanceof UnsupportedUserStateException) return 'already-active';
      if (error instanceof UserNotFoundException) throw new NotFoundError('Sign-in account', { cause: error });
      throw new ProviderUnavailableError('The sign-in service could not send the invitation right now; please try again in a few minutes.', { cause: error });
    }
  }

  async emailOf(username: string): Promise<string | undefined> {
    try {
      const user = await this.cognito.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }));
      return user.UserAttributes?.find((attribute) => attribute.Name === 'email')?.Value;
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw new ProviderUnavailableError('The sign-in service could not be reached right now; please try again in a few minutes.', { cause: error });
    }
  }

  /**
   * AdminDisableUser ("deactivates a user and revokes all access tokens for the user") or
   * AdminEnableUser. API Gateway's JWT authorizer does not ask Cognito about revoked tokens, which is
   * why the customer record is marked too (set-customer-sign-in.ts).
   */
  async setSignInEnabled(email: string, enabled: boolean): Promise<void> {
    const input = { UserPoolId: this.userPoolId, Username: email };
    try {
      await this.cognito.send(enabled ? new AdminEnableUserCommand(input) : new AdminDisableUserCommand(input));
    } catch (error) {
      if (error instanceof UserNotFoundException) throw new NotFoundError('Sign-in account', { cause: error });
      throw new ProviderUnavailableError('The sign-in service could not be reached right now; please try again in a few minutes.', { cause: error });
    }
  }

  async subOf(email: string): Promise<string | undefined> {
    try {
      const user = await this.cognito.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: email }));
      return user.UserAttributes?.find((attribute) => attribute.Name === 'sub')?.Value;
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw new ProviderUnavailableError('The sign-in service could not be reached right now; please try again in a few minutes.', { cause: error });
    }
  }

  async deleteUser(email: string): Promise<void> {
    try {
      await this.cognito.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: email }));
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
    }
  }
}
