import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.js';
import type { Invoice } from '../api/types.js';
import { PaymentProcessing, StatusMessage } from '../components/status.js';
import { invoiceNumber } from '../format.js';
import { navigate } from '../router.js';
import { usePoll } from '../use-poll.js';
import { forgetReturn, recallReturn } from './awaiting-return.js';

const isPaid = (invoice: Invoice) => invoice.status === 'paid' || (invoice.status === 'open' && invoice.amountDue <= 0);

/** The invoices of a mass payment being confirmed right now (none once it is), to leave unticked meanwhile. */
export function useAwaitedBatch(returned: string | null): ReadonlySet<string> {
  const [ids] = useState(() => new Set(returned === 'processing' ? recallReturn('batch')?.invoiceIds ?? [] : []));
  return ids;
}

/**
 * Back on My Invoices from the card page of a mass payment (`?payment=processing` or `cancelled`):
 * "Processing your payment…" while it asks every second for the invoices not yet shown paid, until
 * all are (the webhook has paid the batch); then says which are paid and calls `onSettled` for the
 * list to be read again. After a minute it says that this can take longer. Once settled the address
 * loses its `payment`, so a reload does not wait again.
 */
export function BatchReturn({ returned, onSettled }: { returned: string | null; onSettled: () => void }) {
  const [awaited] = useState(() => (returned === 'processing' ? recallReturn('batch') : undefined));
  const paid = useRef(new Map<string, Invoice>());
  const [settled, setSettled] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const waiting = returned === 'processing' && awaited !== undefined && awaited.invoiceIds.length > 0;
  const poll = usePoll(
    async () => {
      const open = awaited!.invoiceIds.filter((id) => !paid.current.has(id));
      const latest = await Promise.all(open.map((id) => api.get<Invoice>(`/v1/invoices/${encodeURIComponent(id)}`)));
      for (const invoice of latest) if (isPaid(invoice)) paid.current.set(invoice.id, invoice);
      return paid.current.size;
    },
    (count) => count === awaited!.invoiceIds.length,
    { active: waiting, key: attempt, intervalMs: 1000, timeoutMs: 60_000 },
  );

  useEffect(() => {
    if (poll.state !== 'done') return;
    const numbers = awaited!.invoiceIds.map((id) => invoiceNumber(paid.current.get(id)!.number));
    forgetReturn('batch');
    setSettled(
      numbers.length === 1
        ? `Your payment was received. Invoice ${numbers[0]} is paid. Thank you.`
        : `Your payment was received. The ${numbers.length} invoices are paid: ${numbers.join(', ')}. Thank you.`,
    );
    onSettled();
    navigate('/invoices', { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [poll.state]);

  useEffect(() => {
    if (returned === 'cancelled') forgetReturn('batch');
  }, [returned]);

  if (settled) return <StatusMessage message={settled} />;
  if (returned === 'cancelled') return <StatusMessage tone="info" message="You left the card page without paying. No payment was made." />;
  if (returned !== 'processing') return <StatusMessage message={undefined} />;
  return (
    <PaymentProcessing
      polling={waiting && poll.state !== 'timed-out'}
      onCheckAgain={() => (waiting ? setAttempt((n) => n + 1) : onSettled())}
      stillProcessing="Your payment is still being processed. It can take a minute: the invoices show paid once the card processor confirms it. Please do not pay them again."
    />
  );
}
