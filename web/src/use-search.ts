import { useCallback, useEffect, useRef, useState } from 'react';

/** One answer of a list route: `nextCursor` is there whenever the server has not looked at everything. */
interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface SearchList<T> {
  items: T[];
  /**
   * `searching`: asking the server, following its cursor; `ready`: a page was filled, or the list
   * ended; `stopped`: the user stopped it with items left unlooked-at; `error`: an answer failed.
   */
  state: 'searching' | 'ready' | 'stopped' | 'error';
  /** True while the server has items it has not looked at yet: only without it is "none match" true. */
  hasMore: boolean;
  error: unknown;
  /** How many answers the server has given for this search (each covers up to a few thousand items). */
  reads: number;
  /** Searches on from where it stopped, until another page is filled or the list ends. */
  more: () => void;
  /** Stops following the cursor after the answer on its way. */
  stop: () => void;
}

/**
 * A server-side search over a cursor-paginated list whose pages may come back short, or empty, when
 * the server stopped reading early (GET /v1/admin/customers?search=). It follows the cursor by itself
 * until `pageSize` items are found or the list ends, so the answer is never "nothing found" while
 * there is more to look at. Answers for outdated keys are dropped.
 */
export function useSearchList<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, pageSize: number, keys: readonly unknown[]): SearchList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [state, setState] = useState<SearchList<T>['state']>('searching');
  const [error, setError] = useState<unknown>();
  const [cursor, setCursor] = useState<string | undefined>();
  const [reads, setReads] = useState(0);
  const generation = useRef(0);
  const stopRequested = useRef(false);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  const run = useCallback(
    async (from: string | undefined) => {
      const mine = ++generation.current;
      stopRequested.current = false;
      setState('searching');
      setError(undefined);
      let next = from;
      let found = 0;
      try {
        for (;;) {
          const page = await fetcher.current(next);
          if (mine !== generation.current) return;
          found += page.items.length;
          next = page.nextCursor || undefined;
          setItems((previous) => [...previous, ...page.items]);
          setReads((count) => count + 1);
          setCursor(next);
          if (!next || found >= pageSize) return setState('ready');
          if (stopRequested.current) return setState('stopped');
        }
      } catch (failure) {
        if (mine !== generation.current) return;
        setError(failure);
        setState('error');
      }
    },
    [pageSize],
  );

  useEffect(() => {
    setItems([]);
    setCursor(undefined);
    setReads(0);
    void run(undefined);
    return () => {
      generation.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, keys);

  return {
    items,
    state,
    hasMore: Boolean(cursor),
    error,
    reads,
    more: () => void run(cursor),
    stop: () => {
      stopRequested.current = true;
    },
  };
}
