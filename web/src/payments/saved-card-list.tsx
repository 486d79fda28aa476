import { useState } from 'react';
import { describeError } from '../api/api-error.js';
import { api } from '../api/client.js';
import type { CardOnFile, Customer, UpdateMeRequest } from '../api/types.js';
import { Empty } from '../components/status.js';
import { formatCardExpiry } from '../format.js';
import { CardName, cardLabel } from './card-name.js';
import { listSavedCards } from './saved-cards.js';

/**
 * The saved cards, each with "Make default" and "Delete" (after a confirmation). A card is deleted at
 * Stripe first; when that fails the card stays listed and `onError` gets the API's sentence.
 */
export function SavedCardList({
  cards,
  onChanged,
  onError,
}: {
  cards: CardOnFile[];
  onChanged: (message: string, cards: CardOnFile[]) => void;
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

  const makeDefault = async (card: CardOnFile) => {
    setBusy(card.id);
    try {
      const me = await api.patch<Customer>('/v1/me', { defaultCardId: card.id } satisfies UpdateMeRequest);
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

  const remove = async (card: CardOnFile) => {
    setBusy(card.id);
    try {
      await api.delete(`/v1/payment-methods/${encodeURIComponent(card.id)}`);
      setConfirming(undefined);
      // Deleting the default card makes another one the default: ask which.
      const list = await listSavedCards().catch(() => cards.filter((each) => each.id !== card.id));
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
