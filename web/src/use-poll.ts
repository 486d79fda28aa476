import { useEffect, useRef, useState } from 'react';

export type Poll<T> = { state: 'idle' } | { state: 'waiting' } | { state: 'done'; value: T } | { state: 'timed-out' };

/**
 * Asks `load()` again every `intervalMs` while `active`, until `done(value)` says yes or `timeoutMs`
 * has passed. A failed request is only one miss: the next tick asks again. Changing `key` starts over.
 * Used by the pages a payment provider sends the customer back to, which wait for the webhook's effect.
 */
export function usePoll<T>(
  load: () => Promise<T>,
  done: (value: T) => boolean,
  options: { active: boolean; key?: unknown; intervalMs?: number; timeoutMs?: number },
): Poll<T> {
  const { active, key, intervalMs = 1000, timeoutMs = 60_000 } = options;
  const [poll, setPoll] = useState<Poll<T>>({ state: 'idle' });
  const latest = useRef({ load, done });
  latest.current = { load, done };

  useEffect(() => {
    if (!active) {
      setPoll({ state: 'idle' });
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = Date.now() + timeoutMs;
    setPoll({ state: 'waiting' });

    const tick = async () => {
      try {
        const value = await latest.current.load();
        if (stopped) return;
        if (latest.current.done(value)) {
          setPoll({ state: 'done', value });
          return;
        }
      } catch {
        // A passing failure: ask again at the next tick.
      }
      if (stopped) return;
      if (Date.now() >= deadline) setPoll({ state: 'timed-out' });
      else timer = setTimeout(tick, intervalMs);
    };
    timer = setTimeout(tick, 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, key, intervalMs, timeoutMs]);

  return poll;
}
