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

const WRITTEN = 'billing:api-write';

/**
 * Tells whoever listens that a change was accepted by the API (any successful POST, PATCH or
 * DELETE): it may have scheduled work (a new invoice's reminder, a service's billing day).
 */
export function announceWrite(): void {
  window.dispatchEvent(new Event(WRITTEN));
}

/** Calls `onWrite` after each change the API accepted; `onWrite` should keep its identity between renders. */
export function useWrites(onWrite: () => void): void {
  useEffect(() => {
    window.addEventListener(WRITTEN, onWrite);
    return () => window.removeEventListener(WRITTEN, onWrite);
  }, [onWrite]);
}
