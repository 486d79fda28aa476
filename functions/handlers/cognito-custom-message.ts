import type { CustomMessageTriggerEvent } from 'aws-lambda';
import { type AccountEmailContext, invitationEmail, passwordResetEmail, verificationEmail } from '../adapters/email/account-emails.js';
import { messageConfig } from '../config.js';

/**
 * The user pool's Custom Message trigger: Cognito's invitation (AdminCreateUser, and a resent one)
 * and password-reset emails in the same look as the billing emails, naming the provider, saying what
 * the billing site is and linking to it. Cognito fills in `{username}` and `{####}` afterwards (its
 * `usernameParameter` and `codeParameter`); the code never reaches this function. Other sources (an
 * MFA code at sign-in) keep Cognito's own text. Cognito sends `emailMessage` as the HTML body.
 */
export async function handler(event: CustomMessageTriggerEvent): Promise<CustomMessageTriggerEvent> {
  const context: AccountEmailContext = messageConfig();
  const placeholders = { username: event.request.usernameParameter ?? event.userName, code: event.request.codeParameter };
  const email = (() => {
    switch (event.triggerSource) {
      case 'CustomMessage_AdminCreateUser': return invitationEmail(context, placeholders);
      case 'CustomMessage_ForgotPassword': return passwordResetEmail(context, placeholders);
      case 'CustomMessage_SignUp':
      case 'CustomMessage_ResendCode':
      case 'CustomMessage_UpdateUserAttribute':
      case 'CustomMessage_VerifyUserAttribute': return verificationEmail(context, placeholders);
      default: return undefined;
    }
  })();
  if (email) {
    event.response.emailSubject = email.subject;
    event.response.emailMessage = email.html;
  }
  return event;
}
