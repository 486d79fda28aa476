/**
 * The few Cognito user-pool calls the app needs, made with fetch: the AWS SDK would triple the bundle.
 * Every failure becomes a CognitoError whose `message` is a sentence for the customer.
 */
export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

export type SignInResult =
  | { kind: 'signed-in'; tokens: Tokens }
  | { kind: 'new-password-required'; session: string };

export interface CognitoSettings {
  endpoint: string;
  clientId: string;
}

export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'CognitoError';
  }
}

/** Sentences per Cognito error type. The raw Cognito message is never shown: it is written for developers. */
const sentences: Record<string, string> = {
  NotAuthorizedException: 'The email address or password is not correct.',
  UserNotFoundException: 'The email address or password is not correct.',
  CodeMismatchException: 'That code is not correct. Check the email we sent you and try again.',
  ExpiredCodeException: 'That code has expired. Ask for a new one below.',
  InvalidPasswordException:
    'That password is not strong enough. Use at least 8 characters with upper- and lower-case letters, a number and a symbol.',
  LimitExceededException: 'Too many attempts. Please wait a few minutes and try again.',
  TooManyRequestsException: 'Too many attempts. Please wait a few minutes and try again.',
  TooManyFailedAttemptsException: 'Too many attempts. Please wait a few minutes and try again.',
  PasswordResetRequiredException: 'You need to choose a new password. Use "Forgot your password?" below.',
  UserNotConfirmedException: 'Your account is not activated yet. Please contact support.',
  InvalidParameterException: 'Some of the details are missing or not valid. Check them and try again.',
};

const unreachable = 'We could not reach the sign-in service. Check your connection and try again.';
const unexpected = 'Signing in is not possible right now. Please try again in a few minutes.';

async function call<T>(settings: CognitoSettings, action: string, body: unknown, overrides: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(settings.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new CognitoError('NetworkError', unreachable);
  }
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    // Cognito sends "com.amazonaws...#NotAuthorizedException" or just the name.
    const type = String(data.__type ?? data.code ?? '').split('#').pop() ?? '';
    throw new CognitoError(type || 'Unknown', overrides[type] ?? sentences[type] ?? unexpected);
  }
  return data as T;
}

interface AuthResponse {
  ChallengeName?: string;
  Session?: string;
  AuthenticationResult?: { AccessToken: string; IdToken: string; RefreshToken?: string };
}

function toResult(response: AuthResponse, refreshToken?: string): SignInResult {
  const auth = response.AuthenticationResult;
  if (auth?.AccessToken) {
    return {
      kind: 'signed-in',
      tokens: { accessToken: auth.AccessToken, idToken: auth.IdToken, refreshToken: auth.RefreshToken ?? refreshToken ?? '' },
    };
  }
  if (response.ChallengeName === 'NEW_PASSWORD_REQUIRED' && response.Session) {
    return { kind: 'new-password-required', session: response.Session };
  }
  throw new CognitoError(response.ChallengeName ?? 'Unknown', unexpected);
}

export async function signIn(settings: CognitoSettings, email: string, password: string): Promise<SignInResult> {
  const response = await call<AuthResponse>(
    settings,
    'InitiateAuth',
    { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: settings.clientId, AuthParameters: { USERNAME: email, PASSWORD: password } },
    // cognito-local answers a wrong password with InvalidPasswordException; Cognito with NotAuthorized.
    { InvalidPasswordException: sentences.NotAuthorizedException! },
  );
  return toResult(response);
}

export async function completeNewPassword(
  settings: CognitoSettings,
  email: string,
  session: string,
  newPassword: string,
): Promise<SignInResult> {
  const response = await call<AuthResponse>(settings, 'RespondToAuthChallenge', {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    ClientId: settings.clientId,
    Session: session,
    ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword },
  });
  return toResult(response);
}

/** New access and id tokens; Cognito keeps the refresh token the same. */
export async function refresh(settings: CognitoSettings, refreshToken: string): Promise<Tokens> {
  const response = await call<AuthResponse>(settings, 'InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: settings.clientId,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  const result = toResult(response, refreshToken);
  if (result.kind !== 'signed-in') throw new CognitoError('Unknown', unexpected);
  return result.tokens;
}

export async function forgotPassword(settings: CognitoSettings, email: string): Promise<void> {
  await call(settings, 'ForgotPassword', { ClientId: settings.clientId, Username: email });
}

export async function confirmForgotPassword(
  settings: CognitoSettings,
  email: string,
  code: string,
  password: string,
): Promise<void> {
  await call(settings, 'ConfirmForgotPassword', {
    ClientId: settings.clientId,
    Username: email,
    ConfirmationCode: code,
    Password: password,
  });
}

/**
 * Changes the signed-in user's password (Cognito ChangePassword: the access token stands for the user;
 * the current password proves it is them). Cognito answers a wrong current password with
 * NotAuthorizedException and a new password outside the pool's policy with InvalidPasswordException.
 */
export async function changePassword(settings: CognitoSettings, accessToken: string, currentPassword: string, newPassword: string): Promise<void> {
  await call(
    settings,
    'ChangePassword',
    { AccessToken: accessToken, PreviousPassword: currentPassword, ProposedPassword: newPassword },
    { NotAuthorizedException: 'Your current password is not correct.' },
  );
}

/** Ends the refresh token's life at Cognito, so a copied token cannot renew the session later. */
export async function revokeToken(settings: CognitoSettings, refreshToken: string): Promise<void> {
  await call(settings, 'RevokeToken', { ClientId: settings.clientId, Token: refreshToken });
}
