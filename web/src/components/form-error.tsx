import { useEffect, useRef } from 'react';

/**
 * A form's error, announced at once (role="alert") and focused so that keyboard users land on it
 * after a failed submit.
 */
export function FormError({ message }: { message: string | undefined }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) box.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div ref={box} className="notice notice-error" role="alert" tabIndex={-1}>
      <p>{message}</p>
    </div>
  );
}
