import { useState, type FormEvent } from 'react';
import { CognitoError, completeNewPassword, signIn, type CognitoSettings } from '../auth/cognito.js';
import { startSession } from '../auth/session.js';
import { Field } from '../components/field.js';
import { FormError } from '../components/form-error.js';
import { Page } from '../components/page.js';
import { StatusMessage } from '../components/status.js';
import { describeError } from '../api/api-error.js';
import { Link } from '../router.js';
import { passwordProblem, passwordRules } from './password-rules.js';

/**
 * Email and the billing area's own password. Users invited by staff sign in first with the temporary
 * password from their invitation email and then choose their own. Where the user goes afterwards is
 * the app's concern (it returns them to the page they were on).
 */
export function SignInPage({ cognito, notice }: { cognito: CognitoSettings; notice: string | undefined }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      const result = await signIn(cognito, email.trim(), password);
      if (result.kind === 'signed-in') startSession(result.tokens);
      else {
        setChallenge(result.session);
        setPassword('');
      }
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  if (challenge) {
    const expired = () => {
      setChallenge(undefined);
      setError('That took too long. Please sign in again with the temporary password from your invitation email.');
    };
    return <NewPasswordForm cognito={cognito} email={email.trim()} session={challenge} onExpired={expired} />;
  }

  return (
    <Page title="Sign in to your billing account" focusHeading={false}>
      <StatusMessage message={notice} tone="info" />
      <form className="form card" onSubmit={submit} noValidate={false}>
        <FormError message={error} />
        <Field label="Email address" type="email" name="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
        <Field
          label="Billing password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint="This is the password for billing only. It is not your hosting control panel password."
        />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="form-footer">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
      </form>
    </Page>
  );
}

function NewPasswordForm({ cognito, email, session, onExpired }: { cognito: CognitoSettings; email: string; session: string; onExpired: () => void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
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
      const result = await completeNewPassword(cognito, email, session, password);
      if (result.kind === 'signed-in') startSession(result.tokens);
      else setError('Please choose a different password.');
    } catch (failure) {
      // The challenge session lasts a few minutes; after that Cognito refuses it.
      if (failure instanceof CognitoError && failure.type === 'NotAuthorizedException') {
        onExpired();
        return;
      }
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Choose your billing password" focusHeading={false}>
      <form className="form card" onSubmit={submit}>
        <p>Welcome! You signed in with a temporary password. Choose the password you will use for billing from now on.</p>
        <FormError message={error} />
        <Field label="New password" type="password" name="new-password" autoComplete="new-password" required autoFocus hint={passwordRules} value={password} onChange={(e) => setPassword(e.target.value)} />
        <Field label="Type the new password again" type="password" name="confirm-password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Saving…' : 'Save password and sign in'}
        </button>
      </form>
    </Page>
  );
}
