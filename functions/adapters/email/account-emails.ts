import type { Seller } from '../../ports/invoice-document-renderer.js';
import type { ComposedEmail } from '../../ports/invoice-email-composer.js';
import { renderEmail } from './email-layout.js';

/**
 * Where the sign-in service puts the user's name and code. Cognito gives them in its Custom Message
 * event (`usernameParameter`, `codeParameter`: `{username}` and `{####}`) and fills them in after the
 * trigger answers, so the templates never see a password.
 */
export interface Placeholders {
  readonly username: string;
  readonly code: string;
}

export interface AccountEmailContext {
  readonly seller: Seller;
  /** The web app's origin, without a trailing slash. */
  readonly appUrl: string;
}

/**
 * The invitation a new customer gets when staff create their account (Cognito's AdminCreateUser, and
 * a resent invitation): who the provider is, what the billing site is for, the link to it, the
 * sign-in email and the temporary password.
 */
export function invitationEmail({ seller, appUrl }: AccountEmailContext, placeholders: Placeholders): ComposedEmail {
  return renderEmail({
    subject: `Your billing account at ${seller.name}`,
    preheader: `Sign in to see and pay your ${seller.name} invoices.`,
    heading: `Welcome to ${seller.name} billing`,
    paragraphs: [
      `${seller.name} has opened an account for you on its billing site, ${appUrl}. There you see your invoices and what you owe, download them as PDF, pay them by card or another method, and keep your billing details up to date.`,
      'Sign in with these details; you will then choose a password of your own.',
    ],
    facts: [['Sign-in email', placeholders.username], ['Temporary password', placeholders.code]],
    action: { label: 'Sign in to your billing account', url: `${appUrl}/sign-in` },
    closing: [`The temporary password works for 7 days. If it has expired, ask ${seller.email} to send a new invitation.`],
  }, seller);
}

/** The code a customer or staff member asked for to reset a forgotten password (Cognito's ForgotPassword). */
export function passwordResetEmail({ seller, appUrl }: AccountEmailContext, placeholders: Placeholders): ComposedEmail {
  return renderEmail({
    subject: `Your password reset code for ${seller.name} billing`,
    preheader: 'Enter this code to choose a new password.',
    heading: 'Reset your password',
    paragraphs: [
      `Someone, we hope you, asked to reset the password of your account on ${seller.name}’s billing site, ${appUrl}, where you see and pay your invoices.`,
      'Enter this code on the page where you asked for it, then choose a new password.',
    ],
    facts: [['Your code', placeholders.code]],
    action: { label: 'Open the billing site', url: `${appUrl}/forgot-password` },
    closing: ['If you did not ask for this, ignore this email: your password stays as it is.'],
  }, seller);
}

/** A code to confirm an email address (Cognito's other custom-message sources: verification, resend). */
export function verificationEmail({ seller, appUrl }: AccountEmailContext, placeholders: Placeholders): ComposedEmail {
  return renderEmail({
    subject: `Your verification code for ${seller.name} billing`,
    preheader: 'Enter this code to confirm your email address.',
    heading: 'Confirm your email address',
    paragraphs: [`Enter this code on ${seller.name}’s billing site, ${appUrl}, to confirm your email address.`],
    facts: [['Your code', placeholders.code]],
    action: { label: 'Open the billing site', url: appUrl },
  }, seller);
}
