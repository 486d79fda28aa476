import { useEffect, useRef, useState } from 'react';
import { describeError } from '../api/api-error.js';
import { api } from '../api/client.js';
import type { CardOnFile, Redirect } from '../api/types.js';
import { FormError } from '../components/form-error.js';
import { Page } from '../components/page.js';
import { ErrorNotice, Loading, StatusMessage } from '../components/status.js';
import { SavedCardList } from '../payments/saved-card-list.js';
import { listSavedCards } from '../payments/saved-cards.js';
import { useLocation } from '../router.js';
import { usePoll } from '../use-poll.js';
import { useResource } from '../use-resource.js';

/** The saved cards' ids when the customer left for the card page, to tell the new card when they return. */
const knownCardsKey = 'billing.cards-before-setup';

function knownCards(): Set<string> {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(knownCardsKey) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/**
 * Saved cards: add one on Stripe's page in setup mode (nothing is charged), choose the default card
 * for automatic billing, delete one (at Stripe first; if Stripe cannot be reached the card stays).
 * Back from Stripe's page (`?setup=processing`) it waits, every second for up to a minute, until the
 * new card is confirmed by the webhook and appears.
 */
export function PaymentMethodsPage() {
  const { query } = useLocation();
  const returned = query.get('setup');
  const cards = useResource(listSavedCards, []);
  const [items, setItems] = useState<CardOnFile[]>();
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const loaded = cards.state === 'ready' ? cards.data : undefined;
  useEffect(() => {
    if (loaded) setItems(loaded);
  }, [loaded]);

  const before = useRef<Set<string>>(undefined);
  before.current ??= knownCards();
  // The first card saved becomes the default a moment after it is listed: wait for both.
  const hasNewCard = (list: CardOnFile[]) => list.some((card) => !before.current?.has(card.id)) && list.some((card) => card.isDefault);
  const shown = items ?? loaded;
  // Once the new card has shown up, later changes (deleting it) do not start the wait again.
  const [confirmed, setConfirmed] = useState(false);
  const saved = returned === 'processing' && (confirmed || (shown !== undefined && hasNewCard(shown)));
  const waiting = returned === 'processing' && !saved && shown !== undefined;
  const poll = usePoll(listSavedCards, hasNewCard, { active: waiting, key: attempt });
  useEffect(() => {
    if (poll.state === 'done') setItems(poll.value);
  }, [poll]);
  useEffect(() => {
    if (saved) setConfirmed(true);
    if (saved || returned === 'cancelled') sessionStorage.removeItem(knownCardsKey);
  }, [saved, returned]);

  const progress =
    returned === 'cancelled'
      ? 'You left the card page. No card was saved.'
      : returned !== 'processing'
        ? undefined
        : saved
          ? 'Your card was saved.'
          : poll.state === 'timed-out'
            ? 'Your card is not confirmed yet. It appears here as soon as the card processor confirms it; please check again in a few minutes.'
            : 'Saving your card…';

  const afterChange = (text: string, list: CardOnFile[]) => {
    setItems(list);
    setError(undefined);
    setMessage(text);
    listHeading.current?.focus();
  };

  return (
    <Page title="Payment methods">
      <StatusMessage message={message ?? progress} tone={message || (progress && !waiting) ? 'success' : 'info'} />
      {waiting && poll.state === 'timed-out' ? (
        <p>
          <button type="button" className="button button-secondary" onClick={() => setAttempt((n) => n + 1)}>
            Check again
          </button>
        </p>
      ) : null}
      <div className="cards cards-wide">
        <section className="card" aria-labelledby="saved-cards-heading">
          <h2 id="saved-cards-heading" ref={listHeading} tabIndex={-1}>
            Saved cards
          </h2>
          <FormError message={error} />
          {shown ? (
            <SavedCardList
              cards={shown}
              onError={(text) => {
                setMessage(undefined);
                setError(text);
              }}
              onChanged={afterChange}
            />
          ) : cards.state === 'error' ? (
            <ErrorNotice error={cards.error} onRetry={cards.reload} />
          ) : (
            <Loading what="your saved cards" />
          )}
        </section>
        <AddCard cardIds={shown?.map((card) => card.id)} />
      </div>
    </Page>
  );
}

/** Opens Stripe's page in setup mode: the card is checked and saved, nothing is charged. */
function AddCard({ cardIds }: { cardIds: string[] | undefined }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const add = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { redirectUrl } = await api.post<Redirect>('/v1/payment-methods');
      sessionStorage.setItem(knownCardsKey, JSON.stringify(cardIds ?? []));
      window.location.assign(redirectUrl);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="add-card-heading">
      <h2 id="add-card-heading">Add a card</h2>
      <p>Nothing is charged: the card is only saved, for paying invoices and for automatic billing.</p>
      <p className="muted small">
        You enter the card on Stripe’s secure page. Its number never reaches us: we keep only its brand, last 4 digits and expiry.
      </p>
      <FormError message={error} />
      <button type="button" className="button button-primary" onClick={add} disabled={busy || cardIds === undefined}>
        {busy ? 'Opening Stripe’s page…' : 'Add a card'}
      </button>
    </section>
  );
}
