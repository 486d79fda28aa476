import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { Customer } from '../api/types.js';
import { formatMoney } from '../format.js';
import { forgetReturn, recallReturn } from '../payments/awaiting-return.js';
import { Link, navigate } from '../router.js';
import { usePoll } from '../use-poll.js';
import { PaymentProcessing, StatusMessage } from '../components/status.js';

/**
 * Back from the provider's page after Add Funds (`/account?funds=processing` or `?funds=cancelled`):
 * "Processing your payment…" while it asks for the account every second, until the credit balance
 * rises above the one remembered before leaving (the webhook has credited the payment), then the new
 * balance, handed to the page through `onBalance`. After a minute it says that this can take longer.
 * Once settled the address loses its `funds`, so a reload does not wait again.
 */
export function FundsReturn({ returned, onBalance }: { returned: string | null; onBalance: (customer: Customer) => void }) {
  const [awaited] = useState(() => (returned === 'processing' ? recallReturn('funds') : undefined));
  const [settled, setSettled] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const waiting = returned === 'processing' && awaited !== undefined;
  const poll = usePoll(
    () => api.get<Customer>('/v1/me'),
    (me) => me.currency === awaited?.currency && me.creditBalance > awaited.balanceBefore,
    { active: waiting, key: attempt, intervalMs: 1000, timeoutMs: 60_000 },
  );

  useEffect(() => {
    if (poll.state !== 'done') return;
    const me = poll.value;
    onBalance(me);
    forgetReturn('funds');
    setSettled(`Your payment was received. Your credit balance is now ${formatMoney(me.creditBalance, me.currency)}.`);
    navigate('/account', { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [poll.state]);

  useEffect(() => {
    if (returned === 'cancelled') forgetReturn('funds');
  }, [returned]);

  if (settled) return <StatusMessage message={settled} />;
  if (returned === 'cancelled') {
    return (
      <StatusMessage
        tone="info"
        message={
          <>
            You left the payment page without paying. No payment was made and your balance is unchanged. <Link to="/add-funds">Add Funds</Link>
          </>
        }
      />
    );
  }
  if (returned !== 'processing') return <StatusMessage message={undefined} />;
  const checkAgain = () => (waiting ? setAttempt((n) => n + 1) : api.get<Customer>('/v1/me').then(onBalance, () => undefined));
  return (
    <PaymentProcessing
      polling={waiting && poll.state !== 'timed-out'}
      onCheckAgain={checkAgain}
      stillProcessing={awaited?.method === 'crypto'
        ? 'Your cryptocurrency payment is waiting for network confirmations, which can take tens of minutes: your credit balance updates once they arrive.'
        : 'Your payment is still being processed. It can take a minute: your credit balance updates once the payment provider confirms it.'}
    />
  );
}
