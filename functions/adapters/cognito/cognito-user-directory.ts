import { ConflictError, ProviderUnavailableError } from '../../domain/errors.js';
import type { UserDirectory } from '../../ports/user-directory.js';
import { type AwsLiteClient, awsLiteClient, callJsonApi } from '../aws/aws-lite-client.js';

/**
 * Customers' and staff's sign-in accounts in a Cognito user pool. Cognito emails the invitation with a
 * temporary password itself; the user sets their own at first sign-in.
 *
 * Calls the two admin actions over Cognito's JSON API with aws-lite, the client the functions carry
 * for DynamoDB already (the AWS SDK's Cognito client would double this function's cold start).
 */
export class CognitoUserDirectory implements UserDirectory {
  private client: Promise<AwsLiteClient> | undefined;

  constructor(private readonly userPoolId: string, private readonly options: { region: string; endpoint?: string | undefined }) {}

  private async call(action: string, payload: Record<string, unknown>): Promise<unknown> {
    this.client ??= awsLiteClient(this.options);
    return callJsonApi(await this.client, {
      service: 'cognito-idp', target: `AWSCognitoIdentityProviderService.${action}`, payload: { UserPoolId: this.userPoolId, ...payload },
    });
  }

  async inviteUser(input: { email: string; name: string }): Promise<{ userSub: string }> {
    try {
      const payload = await this.call('AdminCreateUser', {
        Username: input.email,
        DesiredDeliveryMediums: ['EMAIL'],
        UserAttributes: [
          { Name: 'email', Value: input.email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: input.name },
        ],
      });
      const attributes = (payload as { User?: { Attributes?: Array<{ Name: string; Value: string }> } }).User?.Attributes;
      const sub = attributes?.find((a) => a.Name === 'sub')?.Value;
      if (!sub) throw new Error('Cognito created a user without a sub');
      return { userSub: sub };
    } catch (error) {
      if ((error as Error).name === 'UsernameExistsException') {
        throw new ConflictError(`A user with the email ${input.email} already exists.`, { cause: error });
      }
      throw new ProviderUnavailableError('The sign-in service could not create the account right now; please try again in a few minutes.', { cause: error });
    }
  }

  async deleteUser(email: string): Promise<void> {
    try {
      await this.call('AdminDeleteUser', { Username: email });
    } catch (error) {
      if ((error as Error).name !== 'UserNotFoundException') throw error;
    }
  }
}
