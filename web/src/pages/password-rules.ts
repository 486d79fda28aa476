export const passwordRules =
  'At least 12 characters, with an upper-case letter, a lower-case letter, a number and a symbol. Use a password you do not use anywhere else, not even for your hosting control panel.';

// The characters Cognito counts as symbols in a password policy.
const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/**
 * What a new password lacks under the user pool's policy (lib/auth.ts: 12 characters, upper and lower
 * case, a number, a symbol), as a sentence; undefined when it passes. Said before asking Cognito,
 * which checks it again.
 */
export function passwordProblem(password: string): string | undefined {
  const missing = [
    [...password].length < 12 ? 'at least 12 characters' : '',
    /[A-Z]/.test(password) ? '' : 'an upper-case letter',
    /[a-z]/.test(password) ? '' : 'a lower-case letter',
    /[0-9]/.test(password) ? '' : 'a number',
    SYMBOLS.test(password) ? '' : 'a symbol',
  ].filter(Boolean);
  return missing.length ? `The new password needs ${missing.join(', ').replace(/, ([^,]*)$/, ' and $1')}.` : undefined;
}
