import type { ReactNode } from 'react';
import { describeError } from '../api/api-error.js';

/** Shown while something loads; announced politely to screen readers. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      Loading {what}…
    </p>
  );
}

/** An error as a sentence, with a way to try again when that can help. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{describeError(error)}</p>
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/**
 * A live region for the outcome of an action ("Invoice voided.") or a wait ("Processing your
 * payment…"), read out when it changes. It is always there, hidden while empty, so that a change of
 * its words is announced.
 */
export function StatusMessage({ message, tone = 'success' }: { message: ReactNode; tone?: 'success' | 'info' }) {
  return (
    <div role="status" aria-live="polite" className={message ? `notice notice-${tone}` : 'visually-hidden'}>
      {message ? <p>{message}</p> : null}
    </div>
  );
}

/**
 * The wait after the customer returns from a provider's page: "Processing your payment…" with a
 * spinner while the page asks for the outcome (`polling`); once it has stopped asking, `stillProcessing`
 * (what to expect, and not to pay again) with a "Check again" button that calls `onCheckAgain`.
 */
export function PaymentProcessing({ polling, stillProcessing, onCheckAgain }: { polling: boolean; stillProcessing: ReactNode; onCheckAgain: () => void }) {
  return (
    <StatusMessage
      tone="info"
      message={
        polling ? (
          <>
            <span className="spinner" aria-hidden="true" />
            Processing your payment…
          </>
        ) : (
          <>
            {stillProcessing}{' '}
            <button type="button" className="link-button" onClick={onCheckAgain}>
              Check again
            </button>
          </>
        )
      }
    />
  );
}
