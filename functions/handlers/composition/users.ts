import { CognitoUserDirectory } from '../../adapters/cognito/cognito-user-directory.js';
import { config } from '../../config.js';

let directory: CognitoUserDirectory | undefined;

/** The sign-in service, for the few functions that manage users. */
export function userDirectory(): CognitoUserDirectory {
  const { userPoolId, region, cognitoEndpoint } = config();
  if (!userPoolId) throw new Error("USER_POOL_ID is not set: give this function's route `needs: ['userPool']` in routes.ts");
  directory ??= new CognitoUserDirectory(userPoolId, { region, endpoint: cognitoEndpoint });
  return directory;
}
