import { useState, type FormEvent } from 'react';
import { describeError } from '../api/api-error.js';
import { CognitoError, confirmForgotPassword, forgotPassword, type CognitoSettings } from '../auth/cognito.js';
import { endSession } from '../auth/session.js';
import { Field } from '../components/field.js';
import { FormError } from '../components/form-error.js';
import { Page } from '../components/page.js';
import { StatusMessage } from '../components/status.js';
import { Link, navigate } from '../router.js';
import { passwordProblem, passwordRules } from './password-rules.js';

/** Forgot password: a code is emailed, then the code and a new password set it. */
export function ForgotPasswordPage({ cognito }: { cognito: CognitoSettings }) {
  const [step, setStep] = useState<'request' | 'confirm'>('request');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState<string>();
  const [busy, setBusy] = useState(false);

  const sendCode = async (event?: FormEvent) => {
    event?.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      await forgotPassword(cognito, email.trim());
      setSent(`If ${email.trim()} has a billing account, we have emailed it a code. It can take a minute to arrive.`);
      setStep('confirm');
    } catch (failure) {
      // Never tell whether an address has an account.
      if (failure instanceof CognitoError && failure.type === 'UserNotFoundException') {
        setSent(`If ${email.trim()} has a billing account, we have emailed it a code. It can take a minute to arrive.`);
        setStep('confirm');
      } else setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const reset = async (event: FormEvent) => {
    event.preventDefault();
    // The pool's policy is checked here first, as on Account → Change password; Cognito checks it again.
    const problem = password !== confirm ? 'The two passwords do not match. Type the same password twice.' : passwordProblem(password);
    if (problem) {
      setError(problem);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await confirmForgotPassword(cognito, email.trim(), code.trim(), password);
      endSession('Your password has been changed. Sign in with your new password.');
      navigate('/sign-in');
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  if (step === 'request') {
    return (
      <Page title="Reset your billing password" focusHeading={false}>
        <form className="form card" onSubmit={sendCode}>
          <p>Enter the email address of your billing account. We will email you a code to choose a new password.</p>
          <FormError message={error} />
          <Field label="Email address" type="email" name="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
          <button type="submit" className="button button-primary button-block" disabled={busy}>
            {busy ? 'Sending…' : 'Email me a code'}
          </button>
          <p className="form-footer">
            <Link to="/sign-in">Back to sign in</Link>
          </p>
        </form>
      </Page>
    );
  }

  return (
    <Page title="Choose a new password" focusHeading={false}>
      <StatusMessage message={sent} tone="info" />
      <form className="form card" onSubmit={reset}>
        <FormError message={error} />
        <Field label="Code from the email" name="code" inputMode="numeric" autoComplete="one-time-code" required autoFocus value={code} onChange={(e) => setCode(e.target.value)} />
        <Field label="New password" type="password" name="new-password" autoComplete="new-password" required hint={passwordRules} value={password} onChange={(e) => setPassword(e.target.value)} />
        <Field label="Type the new password again" type="password" name="confirm-password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Saving…' : 'Set new password'}
        </button>
        <p className="form-footer">
          <button type="button" className="link-button" onClick={() => void sendCode()} disabled={busy}>
            Send a new code
          </button>
          {' · '}
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </form>
    </Page>
  );
}
