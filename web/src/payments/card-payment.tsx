import { useEffect, useId } from 'react';
import { api } from '../api/client.js';
import type { CardOnFile, PayInvoiceRequest, PaymentResult } from '../api/types.js';
import { Loading } from '../components/status.js';
import { formatCardExpiry } from '../format.js';
import { useResource } from '../use-resource.js';
import { CardName } from './card-name.js';
import { listSavedCards } from './saved-cards.js';
import type { PaymentMethod, PaymentOptionsProps } from './payment-methods.js';

/** A saved card to charge now, or a new card entered on Stripe's page (kept for automatic billing or not). */
export type CardChoice = { kind: 'saved'; cardId: string } | { kind: 'new'; keep: boolean };

/**
 * Pay by card: with a saved card at once, or on Stripe's hosted page, which collects the card so that
 * its number never reaches us. The webhook is the truth of a payment made there; the invoice page the
 * customer returns to waits for it.
 */
export const cardPayment: PaymentMethod<CardChoice> = {
  id: 'card',
  label: 'Card',
  describe: () => 'Credit or debit card, through Stripe',
  available: ({ invoice }) => invoice.status === 'open',
  Options: CardOptions,
  pay: async ({ invoice }, choice) => {
    const body: PayInvoiceRequest = choice?.kind === 'saved' ? { method: 'card', cardId: choice.cardId } : { method: 'card', saveCard: choice?.keep ?? false };
    const result = await api.post<PaymentResult>(`/v1/invoices/${encodeURIComponent(invoice.id)}/payments`, body);
    switch (result.status) {
      case 'redirect':
        return { kind: 'redirect', url: result.redirectUrl };
      case 'paid':
      case 'partly_paid':
      case 'subscribed':
        return { kind: 'paid', invoice: result.invoice };
      case 'processing':
        return { kind: 'processing' };
      case 'declined':
      case 'requires_action':
        return { kind: 'failed', message: result.message };
    }
  },
};

function CardOptions({ choice, onChoice, disabled }: PaymentOptionsProps<CardChoice>) {
  const cards = useResource(listSavedCards, []);
  const name = useId();
  const keepId = useId();

  // Once the saved cards are known: the default card if it can be charged, else another, else a new one.
  // Shown at once, and reported to the selector, which enables Pay once it has a choice.
  const saved = cards.state === 'ready' ? cards.data : [];
  const initial = cards.state === 'loading' ? undefined : firstChoice(saved);
  const current = choice ?? initial;
  useEffect(() => {
    if (!choice && initial) onChoice(initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cards.state, choice]);

  if (cards.state === 'loading') return <Loading what="your saved cards" />;
  // Keeping a card is the customer's choice: the box starts unticked.
  const keep = current?.kind === 'new' ? current.keep : false;
  const isNew = current?.kind !== 'saved';

  return (
    <div className="card-options">
      {saved.length > 0 ? (
        <fieldset className="pay-methods" disabled={disabled}>
          <legend>Which card</legend>
          {saved.map((card) => {
            const expiry = formatCardExpiry(card.expMonth, card.expYear);
            return (
              <label key={card.id} className={card.expired ? 'pay-option pay-option-disabled' : 'pay-option'}>
                <input
                  type="radio"
                  name={name}
                  value={card.id}
                  checked={current?.kind === 'saved' && current.cardId === card.id}
                  disabled={card.expired}
                  onChange={() => onChoice({ kind: 'saved', cardId: card.id })}
                />
                <span>
                  <CardName card={card} />
                  <span className="pay-option-detail">
                    {card.expired ? `Expired ${expiry}` : `Expires ${expiry}`}
                    {card.isDefault ? ' · Default' : ''}
                  </span>
                </span>
              </label>
            );
          })}
          <label className="pay-option">
            <input type="radio" name={name} value="new" checked={isNew} onChange={() => onChoice({ kind: 'new', keep })} />
            <span>A new card</span>
          </label>
        </fieldset>
      ) : null}
      {cards.state === 'error' ? <p className="pay-note">We could not load your saved cards. You can still pay with a new card.</p> : null}
      {isNew ? (
        <div className="check">
          <input
            id={keepId}
            type="checkbox"
            checked={keep}
            disabled={disabled}
            aria-describedby={`${keepId}-hint`}
            onChange={(event) => onChoice({ kind: 'new', keep: event.target.checked })}
          />
          <div>
            <label htmlFor={keepId}>Keep this card for automatic billing</label>
            <p id={`${keepId}-hint`} className="hint">
              Tick it to have your invoices charged to this card on their due date. Otherwise it is used for this payment only.
            </p>
          </div>
        </div>
      ) : null}
      <p className="pay-secure">
        {isNew
          ? 'You enter your card details on Stripe’s secure page. They never reach us: we keep only the card’s brand, last 4 digits and expiry.'
          : 'Your saved card is charged at once. If your bank asks you to confirm, you continue on Stripe’s secure page.'}
      </p>
    </div>
  );
}

function firstChoice(cards: CardOnFile[]): CardChoice {
  const usable = cards.filter((card) => !card.expired);
  const preferred = usable.find((card) => card.isDefault) ?? usable[0];
  return preferred ? { kind: 'saved', cardId: preferred.id } : { kind: 'new', keep: false };
}
