import { useCallback, useEffect, useState } from 'react';
import { useClockMoved } from './clock-moved.js';

export type Resource<T> =
  | { state: 'loading'; reload: () => void }
  | { state: 'error'; error: unknown; reload: () => void }
  | { state: 'ready'; data: T; reload: () => void };

/**
 * Loads `load()` whenever a key changes and exposes loading / error / ready. A late answer for an
 * outdated key is dropped, so quick filter changes never show the wrong list. Moving the local clock
 * loads it again.
 */
export function useResource<T>(load: () => Promise<T>, keys: readonly unknown[]): Resource<T> {
  const [version, setVersion] = useState(0);
  const [result, setResult] = useState<{ state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: T }>({
    state: 'loading',
  });
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useClockMoved(reload);

  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    load().then(
      (data) => current && setResult({ state: 'ready', data }),
      (error: unknown) => current && setResult({ state: 'error', error }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...keys, version]);

  return { ...result, reload } as Resource<T>;
}
