import { useId, useState, type FormEvent } from 'react';
import { describeError } from '../api/api-error.js';
import { changePassword, type CognitoSettings } from '../auth/cognito.js';
import { currentSession, renewSession } from '../auth/session.js';
import { Field } from '../components/field.js';
import { FormError } from '../components/form-error.js';
import { passwordProblem, passwordRules } from '../pages/password-rules.js';

/**
 * The signed-in user changes their billing password with the current one (Cognito ChangePassword,
 * from the browser with the user's access token, as signing in is). The session goes on; the new
 * password is for the next sign-in.
 */
export function ChangePassword({ cognito }: { cognito: CognitoSettings }) {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(undefined);
    const problem = password !== confirm ? 'The two new passwords do not match. Type the same password twice.' : passwordProblem(password);
    if (problem) return setError(problem);
    if (password === current) return setError('The new password is the same as the current one. Choose a different one.');
    setError(undefined);
    setBusy(true);
    try {
      // A token about to expire is renewed first, as the API client does.
      const session = currentSession();
      const fresh = session && session.expiresAt - Date.now() < 30_000 ? await renewSession(cognito) : session;
      if (!fresh) return;
      await changePassword(cognito, fresh.tokens.accessToken, current, password);
      setCurrent('');
      setPassword('');
      setConfirm('');
      setDone('Your password was changed. Use the new one the next time you sign in.');
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Password</h2>
      <form className="form" onSubmit={submit}>
        <FormError message={error} />
        <Field label="Current password" type="password" name="current-password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        <Field label="New password" type="password" name="new-password" autoComplete="new-password" required hint={passwordRules} value={password} onChange={(e) => setPassword(e.target.value)} />
        <Field label="Type the new password again" type="password" name="confirm-password" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        <div>
          <button type="submit" className="button button-secondary" disabled={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
        <p role="status" aria-live="polite" className={done ? 'small' : 'visually-hidden'}>
          {done}
        </p>
      </form>
    </section>
  );
}
