import { useState } from 'react';
import { describeError } from '../api/api-error.js';
import { FormError } from './form-error.js';

export interface ConfirmedActionProps {
  /** The button that asks first ("Void invoice…"). */
  readonly label: string;
  /** What the confirmation asks ("Void invoice #000042?"). */
  readonly question: string;
  /** The button that does it ("Yes, void invoice"), and what it says while it works ("Voiding…"). */
  readonly confirmLabel: string;
  readonly busyLabel: string;
  /** The confirmation group's accessible name ("Confirm voiding"). */
  readonly groupLabel: string;
  /** `danger` for what cannot be undone. */
  readonly tone?: 'primary' | 'danger';
  /** The first button's look. @default a secondary button */
  readonly triggerClassName?: string;
  /** Does it; a failure is shown above the buttons in the server's words, and the question stays open. */
  readonly action: () => Promise<void>;
}

/**
 * A staff action that asks before it acts: a button, then the question with "Yes, …" and "Cancel",
 * both disabled while it works. Keeps the confirming, busy and error states in one place.
 */
export function ConfirmedAction(props: ConfirmedActionProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.action();
      setConfirming(false);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <FormError message={error} />
      {confirming ? (
        <div className="confirm" role="group" aria-label={props.groupLabel}>
          <p className="confirm-question">{props.question}</p>
          <button type="button" className={`button ${props.tone === 'danger' ? 'button-danger' : 'button-primary'}`} onClick={run} disabled={busy} autoFocus>
            {busy ? props.busyLabel : props.confirmLabel}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirming(false)} disabled={busy}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className={props.triggerClassName ?? 'button button-secondary'} onClick={() => setConfirming(true)}>
          {props.label}
        </button>
      )}
    </>
  );
}
