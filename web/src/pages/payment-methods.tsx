import { useEffect, useRef, useState } from 'react';
import { describeError } from '../api/api-error.js';
import { api } from '../api/client.js';
import type { Customer, SavedCard } from '../api/types.js';
import { FormError } from '../components/form-error.js';
import { Page } from '../components/page.js';
import { Empty, ErrorNotice, Loading, StatusMessage } from '../components/status.js';
import { formatCardExpiry } from '../format.js';
import { CardName, cardLabel } from '../payments/card-name.js';
import { useLocation } from '../router.js';
import { usePoll } from '../use-poll.js';
import { useResource } from '../use-resource.js';

/** The saved cards' ids when the customer left for the card page, to tell the new card when they return. */
const knownCardsKey = 'billing.cards-before-setup';

const listCards = () => api.get<{ items: SavedCard[] }>('/v1/payment-methods').then((list) => list.items);

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
  const cards = useResource(listCards, []);
  const [items, setItems] = useState<SavedCard[]>();
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
  const hasNewCard = (list: SavedCard[]) => list.some((card) => !before.current?.has(card.id)) && list.some((card) => card.isDefault);
  const shown = items ?? loaded;
  // Once the new card has shown up, later changes (deleting it) do not start the wait again.
  const [confirmed, setConfirmed] = useState(false);
  const saved = returned === 'processing' && (confirmed || (shown !== undefined && hasNewCard(shown)));
  const waiting = returned === 'processing' && !saved && shown !== undefined;
  const poll = usePoll(listCards, hasNewCard, { active: waiting, key: attempt });
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

  const afterChange = (text: string, list: SavedCard[]) => {
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
            <CardList
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

function CardList({
  cards,
  onChanged,
  onError,
}: {
  cards: SavedCard[];
  onChanged: (message: string, cards: SavedCard[]) => void;
  onError: (message: string) => void;
}) {
  const [confirming, setConfirming] = useState<string>();
  const [busy, setBusy] = useState<string>();

  if (cards.length === 0) {
    return (
      <Empty>
        <p>You have no saved cards.</p>
        <p>Save a card to pay invoices in one click and to have them charged automatically on their due date.</p>
      </Empty>
    );
  }

  const makeDefault = async (card: SavedCard) => {
    setBusy(card.id);
    try {
      const me = await api.patch<Customer>('/v1/me', { defaultCardId: card.id });
      onChanged(
        `${cardLabel(card)} is now your default card.`,
        cards.map((each) => ({ ...each, isDefault: each.id === me.defaultCardId })),
      );
    } catch (failure) {
      onError(describeError(failure));
    } finally {
      setBusy(undefined);
    }
  };

  const remove = async (card: SavedCard) => {
    setBusy(card.id);
    try {
      await api.delete(`/v1/payment-methods/${encodeURIComponent(card.id)}`);
      setConfirming(undefined);
      // Deleting the default card makes another one the default: ask which.
      const list = await listCards().catch(() => cards.filter((each) => each.id !== card.id));
      onChanged(`${cardLabel(card)} was deleted.`, list);
    } catch (failure) {
      onError(describeError(failure));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <ul className="saved-cards">
      {cards.map((card) => {
        const expiry = formatCardExpiry(card.expMonth, card.expYear);
        const others = cards.some((each) => each.id !== card.id && !each.expired);
        return (
          <li key={card.id} className="saved-card">
            <div className="saved-card-main">
              <span className="saved-card-name">
                <CardName card={card} />
              </span>
              <span className={card.expired ? 'saved-card-expiry error-text' : 'saved-card-expiry muted'}>
                {card.expired ? `Expired ${expiry}` : `Expires ${expiry}`}
              </span>
              <span className="saved-card-badges">
                {card.isDefault ? <span className="badge badge-unpaid">Default</span> : null}
                {card.expired ? <span className="badge badge-overdue">Expired</span> : null}
              </span>
            </div>
            {confirming === card.id ? (
              <div className="confirm" role="group" aria-label={`Confirm deleting ${cardLabel(card)}`}>
                <p className="confirm-question">Delete {cardLabel(card)}?</p>
                {card.isDefault ? (
                  <p className="small confirm-note">
                    {others
                      ? 'It is your default card: your oldest other card becomes the default for automatic billing.'
                      : 'It is your only card: automatic billing stops until you save another.'}
                  </p>
                ) : null}
                <button type="button" className="button button-danger" onClick={() => remove(card)} disabled={busy === card.id} autoFocus>
                  {busy === card.id ? 'Deleting…' : 'Yes, delete card'}
                </button>
                <button type="button" className="button button-secondary" onClick={() => setConfirming(undefined)} disabled={busy === card.id}>
                  Keep card
                </button>
              </div>
            ) : (
              <div className="saved-card-actions">
                {!card.isDefault && !card.expired ? (
                  <button type="button" className="button button-secondary" onClick={() => makeDefault(card)} disabled={Boolean(busy)}>
                    Make default<span className="visually-hidden"> {cardLabel(card)}</span>
                  </button>
                ) : null}
                <button type="button" className="button button-danger-outline" onClick={() => setConfirming(card.id)} disabled={Boolean(busy)}>
                  Delete<span className="visually-hidden"> {cardLabel(card)}</span>
                </button>
              </div>
            )}
          </li>
        );
      })}
    </ul>
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
      const { redirectUrl } = await api.post<{ redirectUrl: string }>('/v1/payment-methods');
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
