import { useCallback, useEffect, useRef, useState } from 'react';
import { useClockMoved } from './clock-moved.js';

export interface Paged<T> {
  items: T[];
  state: 'loading' | 'ready' | 'error' | 'loading-more';
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

/** One page of a list answer, as every list route of the API gives it. */
interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * A cursor-paginated list: the first page loads whenever a key changes, "Load more" appends the next.
 * Answers for outdated keys are dropped. Moving the local clock loads the first page again.
 */
export function usePaged<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, keys: readonly unknown[]): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [state, setState] = useState<Paged<T>['state']>('loading');
  const [error, setError] = useState<unknown>();
  const [cursor, setCursor] = useState<string | undefined>();
  const [version, setVersion] = useState(0);
  const generation = useRef(0);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  const load = useCallback((from: string | undefined, append: boolean) => {
    const mine = ++generation.current;
    setState(append ? 'loading-more' : 'loading');
    setError(undefined);
    fetcher.current(from).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems((previous) => (append ? [...previous, ...page.items] : page.items));
        setCursor(page.nextCursor || undefined);
        setState('ready');
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(failure);
        setState('error');
      },
    );
  }, []);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useClockMoved(reload);

  useEffect(() => {
    setItems([]);
    load(undefined, false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...keys, version]);

  return {
    items,
    state,
    error,
    hasMore: Boolean(cursor),
    loadMore: () => load(cursor, true),
    reload,
  };
}
