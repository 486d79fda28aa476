import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { COGNITO_CALL_LIMITS, awsClientOptions, callLimitsFor } from '../../adapters/aws/aws-client-options.js';
import { CognitoUserDirectory } from '../../adapters/cognito/cognito-user-directory.js';
import { config } from '../../config.js';

let directory: CognitoUserDirectory | undefined;

/**
 * The sign-in service, for the few functions that manage users: its Cognito client is built once per
 * cold start, and only in those functions (each call bounded by COGNITO_CALL_LIMITS: 7 s at worst).
 */
export function userDirectory(): CognitoUserDirectory {
  if (!directory) {
    const { userPoolId, region, cognitoEndpoint } = config();
    if (!userPoolId) throw new Error("USER_POOL_ID is not set: give this function's route `needs: ['userPool']` in routes.ts");
    const client = new CognitoIdentityProviderClient(awsClientOptions({
      region, endpoint: cognitoEndpoint, limits: callLimitsFor(cognitoEndpoint, COGNITO_CALL_LIMITS),
    }));
    directory = new CognitoUserDirectory(client, userPoolId);
  }
  return directory;
}
