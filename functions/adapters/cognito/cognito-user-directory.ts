import {
  AdminCreateUserCommand, AdminDeleteUserCommand, CognitoIdentityProviderClient, UsernameExistsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError, ProviderUnavailableError } from '../../domain/errors.js';
import type { UserDirectory } from '../../ports/user-directory.js';

/**
 * Customers' and staff's sign-in accounts in a Cognito user pool. Cognito emails the invitation with a
 * temporary password itself; the user sets their own at first sign-in.
 */
export class CognitoUserDirectory implements UserDirectory {
  private readonly client: CognitoIdentityProviderClient;

  constructor(private readonly userPoolId: string, options: { region: string; endpoint?: string | undefined }) {
    this.client = new CognitoIdentityProviderClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    });
  }

  async inviteUser(input: { email: string; name: string }): Promise<{ userSub: string }> {
    try {
      const { User } = await this.client.send(new AdminCreateUserCommand({
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

  async deleteUser(email: string): Promise<void> {
    try {
      await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: email }));
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
    }
  }
}
