import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/** A labelled input with an optional hint tied to it for screen readers. */
export function Field({ label, hint, className, ...input }: { label: string; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <input id={id} aria-describedby={hint ? hintId : undefined} {...input} />
    </div>
  );
}
