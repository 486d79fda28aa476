// The cognito-local server, as cognito-local's own `lib/server/defaults.js` builds it, with two
// changes:
//  - every email Cognito would send (password-reset and verification codes, invitations) is also
//    sent with SES v2 SendEmail to the local mail server, so it shows up in the mail viewer as it
//    would in a real inbox. It still prints its "Confirmation Code Delivery" box to its log as well;
//  - AdminCreateUser with MessageAction RESEND, which cognito-local 5.3.0 refuses as unsupported,
//    works as Cognito documents it: a user still waiting to set a password gets a new temporary
//    password, by email with the invitation template; a user who has set one is refused with
//    UnsupportedUserStateException; an unknown user with UserNotFoundException.
//
// Started by local/cognito-local.ts as a child process (plain CommonJS, so it needs no TypeScript
// loader), with cwd = the data directory (state in ./.cognito) and these environment variables:
//   COGNITO_LOCAL_LIB      absolute path of node_modules/cognito-local/lib
//   SESV2_CLIENT_MODULE    absolute path of @aws-sdk/client-sesv2's CommonJS entry
//   MAIL_ENDPOINT          SES endpoint of the local mail server, MAIL_FROM its sender address
//   PORT, HOST             read by cognito-local's config (they also make its token issuer)
//   CODE                   optional: every code cognito-local generates is this (tests)
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
const { CognitoError, UserNotFoundError } = require(path.join(lib, 'errors'));
const { CryptoService } = require(path.join(lib, 'services/crypto'));
const { StormDBDataStoreFactory } = require(path.join(lib, 'services/dataStore/stormDb'));
const { ConsoleMessageSender } = require(path.join(lib, 'services/messageDelivery/consoleMessageSender'));
const { MessageDeliveryService } = require(path.join(lib, 'services/messageDelivery/messageDelivery'));
const { otp } = require(path.join(lib, 'services/otp'));
const { JwtTokenGenerator } = require(path.join(lib, 'services/tokenGenerator'));
const { UserPoolServiceFactoryImpl } = require(path.join(lib, 'services/userPoolService'));
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
    await this.inner.deliver(ctx, source, clientId, userPoolId, user, code, clientMetadata, deliveryDetails);
    if (deliveryDetails.DeliveryMedium !== 'EMAIL') return;
    const pool = (await this.cognito.getUserPool(ctx, userPoolId)).options;
    const email = user.Attributes.find((a) => a.Name === 'email')?.Value ?? user.Username;
    const { subject, message } = templateFor(source, pool);
    const text = fill(message, code, email);
    await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [deliveryDetails.Destination] },
        Content: {
          Simple: {
            Subject: { Data: fill(subject, code, email) },
            Body: { Text: { Data: text }, Html: { Data: `<p>${escapeHtml(text)}</p>` } },
          },
        },
      }),
    );
    ctx.logger.info({ source, destination: deliveryDetails.Destination }, 'sent the code by email to the local mail server');
  }
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
  const clock = new DateClock();
  const dataStoreFactory = new StormDBDataStoreFactory(dataDirectory);
  const cognitoServiceFactory = new CognitoServiceFactoryImpl(
    dataDirectory,
    dataStoreFactory,
    new UserPoolServiceFactoryImpl(clock, dataStoreFactory),
  );
  const cognito = await cognitoServiceFactory.create(ctx, config.UserPoolDefaults);
  const triggers = new TriggersService(
    clock,
    cognito,
    new LambdaService(config.TriggerFunctions, new AWS.Lambda(config.LambdaClient)),
    new CryptoService(config.KMSConfig),
  );
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
  const router = (target) => (target === 'AdminCreateUser' ? withInvitationResend(services, route(target)) : route(target));
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
