// The cognito-local server, as cognito-local's own `lib/server/defaults.js` builds it, with these
// changes, each to behave as Cognito does:
//  - every email Cognito would send (password-reset and verification codes, invitations) is also
//    sent with SES v2 SendEmail to the local mail server, so it shows up in the mail viewer as it
//    would in a real inbox. It still prints its "Confirmation Code Delivery" box to its log as well;
//  - with a Custom Message trigger (CUSTOM_MESSAGE_FUNCTION, invoked through LAMBDA_ENDPOINT, the
//    local Lambda Invoke API), the email is the subject and HTML message the trigger answered, as
//    Cognito sends it; without one, the pool's own template;
//  - AdminCreateUser with MessageAction RESEND, which cognito-local 5.3.0 refuses as unsupported,
//    works as Cognito documents it: a user still waiting to set a password gets a new temporary
//    password, by email with the invitation template; a user who has set one is refused with
//    UnsupportedUserStateException; an unknown user with UserNotFoundException;
//  - in a pool whose UsernameConfiguration says CaseSensitive: false (ours: local/cognito-local.ts,
//    as `signInCaseSensitive: false` in lib/auth.ts), a username or email alias is found in any
//    letter case (sign-in, password reset, every lookup), where cognito-local 5.3.0 compares exactly.
//    Only one user can match; two that differ only in case (impossible in such a pool) match neither;
//  - ChangePassword refuses an expired access token and a wrong current password with
//    NotAuthorizedException, and a new password outside the pool's password policy with
//    InvalidPasswordException, where cognito-local 5.3.0 checks no expiry and no policy and answers
//    a wrong current password with InvalidPasswordException;
//  - the two other ways a user chooses a password, RespondToAuthChallenge's NEW_PASSWORD_REQUIRED
//    (first sign-in) and ConfirmForgotPassword, refuse a password outside the pool's policy with
//    InvalidPasswordException too, where cognito-local 5.3.0 takes any password there.
//
// Started by local/cognito-local.ts as a child process (plain CommonJS, so it needs no TypeScript
// loader), with cwd = the data directory (state in ./.cognito) and these environment variables:
//   COGNITO_LOCAL_LIB      absolute path of node_modules/cognito-local/lib
//   SESV2_CLIENT_MODULE    absolute path of @aws-sdk/client-sesv2's CommonJS entry
//   MAIL_ENDPOINT          SES endpoint of the local mail server, MAIL_FROM its sender address
//   PORT, HOST             read by cognito-local's config (they also make its token issuer)
//   CODE                   optional: every code cognito-local generates is this (tests)
//   LAMBDA_ENDPOINT, CUSTOM_MESSAGE_FUNCTION  optional: the Custom Message trigger, by name, and
//                          where its Lambda Invoke API answers (local/lambda-invoke.ts)
//
// Written against cognito-local 5.3.0 (pinned by package-lock.json); its internals are CommonJS
// modules without an `exports` map, so the deep requires below are allowed.
'use strict';

const path = require('node:path');

const lib = process.env.COGNITO_LOCAL_LIB;
const { SESv2Client, SendEmailCommand } = require(process.env.SESV2_CLIENT_MODULE);
const AWS = require(require.resolve('aws-sdk', { paths: [lib] }));
const pino = require(require.resolve('pino', { paths: [lib] }));
const pinoPretty = require(require.resolve('pino-pretty', { paths: [lib] }));
const { DateClock, LambdaService, MessagesService, TriggersService } = require(path.join(lib, 'services'));
const { CognitoServiceFactoryImpl } = require(path.join(lib, 'services/cognitoService'));
const { CognitoError, NotAuthorizedError, UserNotFoundError } = require(path.join(lib, 'errors'));
const jwt = require(require.resolve('jsonwebtoken', { paths: [lib] }));
const { CryptoService } = require(path.join(lib, 'services/crypto'));
const { StormDBDataStoreFactory } = require(path.join(lib, 'services/dataStore/stormDb'));
const { ConsoleMessageSender } = require(path.join(lib, 'services/messageDelivery/consoleMessageSender'));
const { MessageDeliveryService } = require(path.join(lib, 'services/messageDelivery/messageDelivery'));
const { otp } = require(path.join(lib, 'services/otp'));
const { JwtTokenGenerator } = require(path.join(lib, 'services/tokenGenerator'));
const { UserPoolServiceFactoryImpl, attributesToRecord } = require(path.join(lib, 'services/userPoolService'));
const { loadConfig } = require(path.join(lib, 'server/config'));
const { Router } = require(path.join(lib, 'server/Router'));
const { createServer } = require(path.join(lib, 'server/server'));
const { userToResponseObject } = require(path.join(lib, 'targets/responses'));

// Cognito's own default texts, used when the pool defines none.
const DEFAULT_VERIFICATION = { subject: 'Your verification code', message: 'Your verification code is {####}.' };
const DEFAULT_INVITATION = {
  subject: 'Your temporary password',
  message: 'Your username is {username} and temporary password is {####}.',
};

function templateFor(source, pool) {
  if (source === 'AdminCreateUser') {
    const invite = pool.AdminCreateUserConfig?.InviteMessageTemplate ?? {};
    return {
      subject: invite.EmailSubject ?? DEFAULT_INVITATION.subject,
      message: invite.EmailMessage ?? DEFAULT_INVITATION.message,
    };
  }
  // ForgotPassword, SignUp, ResendCode, UpdateUserAttribute, VerifyUserAttribute, Authentication:
  // Cognito sends the pool's verification message for all of them.
  const template = pool.VerificationMessageTemplate ?? {};
  return {
    subject: template.EmailSubject ?? pool.EmailVerificationSubject ?? DEFAULT_VERIFICATION.subject,
    message: template.EmailMessage ?? pool.EmailVerificationMessage ?? DEFAULT_VERIFICATION.message,
  };
}

function fill(text, code, username) {
  return text.replaceAll('{####}', code).replaceAll('{username}', username);
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Cognito's Messages service, plus a copy of every email to the local mail server. */
class MailingMessages {
  constructor(inner, cognito, ses, from) {
    this.inner = inner;
    this.cognito = cognito;
    this.ses = ses;
    this.from = from;
  }

  async deliver(ctx, source, clientId, userPoolId, user, code, clientMetadata, deliveryDetails) {
    // As MessagesService.deliver, but keeping the message it made (the Custom Message trigger's answer,
    // when there is a trigger) to email it; the trigger is invoked once.
    const custom = await this.inner.create(ctx, source, clientId, userPoolId, user, code, clientMetadata);
    await this.inner.messageDelivery.deliver(ctx, user, deliveryDetails, custom);
    if (deliveryDetails.DeliveryMedium !== 'EMAIL') return;
    const pool = (await this.cognito.getUserPool(ctx, userPoolId)).options;
    const email = user.Attributes.find((a) => a.Name === 'email')?.Value ?? user.Username;
    const { subject, message } = templateFor(source, pool);
    const text = fill(message, code, email);
    // A trigger's message is HTML, and Cognito sends it as the only body, as here.
    const body = custom?.emailMessage
      ? { Html: { Data: fill(custom.emailMessage, code, email) } }
      : { Text: { Data: text }, Html: { Data: `<p>${escapeHtml(text)}</p>` } };
    await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [deliveryDetails.Destination] },
        Content: { Simple: { Subject: { Data: fill(custom?.emailSubject ?? subject, code, email) }, Body: body } },
      }),
    );
    ctx.logger.info({ source, destination: deliveryDetails.Destination }, 'sent the code by email to the local mail server');
  }
}

/**
 * The Custom Message trigger as Cognito runs it: invoked with the `{username}` and `{####}`
 * placeholders, which are then filled in everywhere they appear, the username being the sign-in
 * name (the email, in a pool whose users sign in by email). cognito-local 5.3.0 fills in only the
 * first of each, and the username with the user's internal id.
 */
function customMessageAsCognito(lambda) {
  return async (ctx, { clientId, clientMetadata, code, source, userAttributes, username, userPoolId }) => {
    const attributes = attributesToRecord(userAttributes);
    const signInName = attributes.email ?? username;
    try {
      const response = await lambda.invoke(ctx, 'CustomMessage', {
        clientId, clientMetadata, codeParameter: '{####}', triggerSource: source, userAttributes: attributes,
        username, usernameParameter: source === 'CustomMessage_AdminCreateUser' ? '{username}' : null, userPoolId,
      });
      const filled = (text) => text?.replaceAll('{####}', code).replaceAll('{username}', signInName);
      return { emailMessage: filled(response.emailMessage), emailSubject: response.emailSubject, smsMessage: filled(response.smsMessage) };
    } catch (error) {
      // Cognito does not send the message when its trigger fails; cognito-local falls back to its default.
      ctx.logger.error(error);
      return null;
    }
  };
}

/** cognito-local's AdminCreateUser, plus MessageAction RESEND (see the top of this file). */
function withInvitationResend(services, adminCreateUser) {
  return async (ctx, req) => {
    if (req.MessageAction !== 'RESEND') return adminCreateUser(ctx, req);
    const userPool = await services.cognito.getUserPool(ctx, req.UserPoolId);
    const user = await userPool.getUserByUsername(ctx, req.Username);
    if (!user) throw new UserNotFoundError('User does not exist.');
    if (user.UserStatus !== 'FORCE_CHANGE_PASSWORD') {
      throw new CognitoError('UnsupportedUserStateException', `Resend not possible. ${user.Username} status is not FORCE_CHANGE_PASSWORD.`);
    }
    const email = user.Attributes.find((a) => a.Name === 'email')?.Value;
    if (!email) throw new CognitoError('InvalidParameterException', 'User has no attribute matching desired delivery mediums');
    const temporaryPassword = req.TemporaryPassword ?? process.env.CODE ?? randomTemporaryPassword();
    const resent = { ...user, Password: temporaryPassword, UserLastModifiedDate: services.clock.get() };
    await userPool.saveUser(ctx, resent);
    await services.messages.deliver(ctx, 'AdminCreateUser', null, req.UserPoolId, resent, temporaryPassword, req.ClientMetadata, {
      AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: email,
    });
    return { User: userToResponseObject(resent) };
  };
}

/** User pools that find a user by username or email alias in any letter case when the pool is case-insensitive. */
class CaseAwareUserPools extends UserPoolServiceFactoryImpl {
  async create(ctx, clientsDataStore, defaultOptions) {
    const pool = await super.create(ctx, clientsDataStore, defaultOptions);
    const exactly = pool.getUserByUsername.bind(pool);
    pool.getUserByUsername = async (ctx2, username) => {
      const user = await exactly(ctx2, username);
      if (user || typeof username !== 'string' || pool.options.UsernameConfiguration?.CaseSensitive !== false) return user;
      const wanted = username.toLowerCase();
      const byEmail = pool.options.UsernameAttributes?.includes('email');
      const matches = (await pool.listUsers(ctx2)).filter((candidate) =>
        candidate.Username.toLowerCase() === wanted
        || (byEmail && (candidate.Attributes ?? []).some((a) => a.Name === 'email' && a.Value.toLowerCase() === wanted)));
      return matches.length === 1 ? matches[0] : null;
    };
    return pool;
  }
}

// The characters Cognito counts as symbols in a password policy.
const POLICY_SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/** What a password lacks under a Cognito password policy, in Cognito's words; undefined when it passes. */
function policyProblem(password, policy = {}) {
  if (typeof password !== 'string') return 'Password not long enough';
  if ([...password].length < (policy.MinimumLength ?? 8)) return 'Password not long enough';
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) return 'Password must have uppercase characters';
  if (policy.RequireLowercase && !/[a-z]/.test(password)) return 'Password must have lowercase characters';
  if (policy.RequireNumbers && !/[0-9]/.test(password)) return 'Password must have numeric characters';
  if (policy.RequireSymbols && !POLICY_SYMBOLS.test(password)) return 'Password must have symbol characters';
  return undefined;
}

/** cognito-local's ChangePassword, with Cognito's checks and answers (see the top of this file). */
function changePasswordAsCognito(services, changePassword) {
  return async (ctx, req) => {
    const claims = jwt.decode(req.AccessToken);
    if (!claims || claims.token_use !== 'access') throw new NotAuthorizedError('Invalid Access Token');
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= services.clock.get().getTime()) {
      throw new NotAuthorizedError('Access Token has expired');
    }
    const pool = await services.cognito.getUserPoolForClientId(ctx, claims.client_id);
    const problem = policyProblem(req.ProposedPassword, pool.options.Policies?.PasswordPolicy);
    if (problem) throw new CognitoError('InvalidPasswordException', `Password does not conform to policy: ${problem}`);
    try {
      return await changePassword(ctx, req);
    } catch (error) {
      // With the new password checked above, cognito-local's InvalidPasswordException means the current one was wrong.
      if (error instanceof CognitoError && error.code === 'InvalidPasswordException') {
        throw new NotAuthorizedError('Incorrect username or password.');
      }
      throw error;
    }
  };
}

/** Refuses `password` outside the policy of the pool that app client `clientId` belongs to, as Cognito does. */
async function checkPolicy(services, ctx, clientId, password) {
  const pool = await services.cognito.getUserPoolForClientId(ctx, clientId);
  const problem = policyProblem(password, pool.options.Policies?.PasswordPolicy);
  if (problem) throw new CognitoError('InvalidPasswordException', `Password does not conform to policy: ${problem}`);
}

/** cognito-local's RespondToAuthChallenge, checking a first sign-in's new password against the policy. */
function newPasswordAsCognito(services, respond) {
  return async (ctx, req) => {
    if (req.ChallengeName === 'NEW_PASSWORD_REQUIRED') await checkPolicy(services, ctx, req.ClientId, req.ChallengeResponses?.NEW_PASSWORD);
    return respond(ctx, req);
  };
}

/** cognito-local's ConfirmForgotPassword, checking the new password against the policy. */
function confirmForgotPasswordAsCognito(services, confirm) {
  return async (ctx, req) => {
    await checkPolicy(services, ctx, req.ClientId, req.Password);
    return confirm(ctx, req);
  };
}

/** Six characters, as cognito-local makes its own temporary passwords. */
function randomTemporaryPassword() {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return Array.from(crypto.getRandomValues(new Uint8Array(6)), (n) => alphabet[n % alphabet.length]).join('');
}

async function main() {
  const logger = pino(
    { level: process.env.DEBUG ? 'debug' : 'info' },
    pinoPretty({ colorize: false, ignore: 'pid,name,hostname', singleLine: true }),
  );
  const ctx = { logger };
  const configDirectory = '.cognito';
  const dataDirectory = `${configDirectory}/db`;
  const config = await loadConfig(ctx, new StormDBDataStoreFactory(configDirectory));
  if (process.env.CUSTOM_MESSAGE_FUNCTION && process.env.LAMBDA_ENDPOINT) {
    config.TriggerFunctions = { ...config.TriggerFunctions, CustomMessage: process.env.CUSTOM_MESSAGE_FUNCTION };
    config.LambdaClient = { ...config.LambdaClient, endpoint: process.env.LAMBDA_ENDPOINT, region: 'us-east-1' };
  }
  const clock = new DateClock();
  const dataStoreFactory = new StormDBDataStoreFactory(dataDirectory);
  const cognitoServiceFactory = new CognitoServiceFactoryImpl(
    dataDirectory,
    dataStoreFactory,
    new CaseAwareUserPools(clock, dataStoreFactory),
  );
  const cognito = await cognitoServiceFactory.create(ctx, config.UserPoolDefaults);
  const lambda = new LambdaService(config.TriggerFunctions, new AWS.Lambda(config.LambdaClient));
  const triggers = new TriggersService(clock, cognito, lambda, new CryptoService(config.KMSConfig));
  triggers.customMessage = customMessageAsCognito(lambda);
  const ses = new SESv2Client({
    endpoint: process.env.MAIL_ENDPOINT,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const services = {
    clock,
    cognito,
    config,
    messages: new MailingMessages(
      new MessagesService(triggers, new MessageDeliveryService(new ConsoleMessageSender())),
      cognito,
      ses,
      process.env.MAIL_FROM,
    ),
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, triggers, config.TokenConfig),
    triggers,
  };
  const route = Router(services);
  const changed = {
    AdminCreateUser: (inner) => withInvitationResend(services, inner),
    ChangePassword: (inner) => changePasswordAsCognito(services, inner),
    RespondToAuthChallenge: (inner) => newPasswordAsCognito(services, inner),
    ConfirmForgotPassword: (inner) => confirmForgotPasswordAsCognito(services, inner),
  };
  const router = (target) => (changed[target] ? changed[target](route(target)) : route(target));
  const server = await createServer(router, logger, config.ServerConfig, services).start();
  const address = server.address();
  logger.info(`Cognito Local running on http://${address.address}:${address.port}`);
  // Let requests in flight finish (cognito-local writes its JSON files asynchronously), then exit.
  const stop = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
