import { useEffect } from 'react';

/**
 * In the local runtime staff can move the system's clock forward (the clock control): invoices fall
 * due, are charged and emailed. Every list and page loaded through `useResource` or `usePaged` reads
 * its data again when that happens, so what staff are looking at shows what the clock caused.
 */
const CLOCK_MOVED = 'billing:local-clock-moved';

/** Tells the pages on screen that the local clock moved. */
export function announceClockMoved(): void {
  window.dispatchEvent(new Event(CLOCK_MOVED));
}

/** Calls `reload` whenever the local clock moves; `reload` should keep its identity between renders. */
export function useClockMoved(reload: () => void): void {
  useEffect(() => {
    window.addEventListener(CLOCK_MOVED, reload);
    return () => window.removeEventListener(CLOCK_MOVED, reload);
  }, [reload]);
}
