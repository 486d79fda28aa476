import type { Clock } from '../../ports/clock.js';
import type { BillingEvent, EventPublisher, PublishedEvents } from '../../ports/event-publisher.js';

export interface PublishEventDeps {
  readonly events: EventPublisher;
  readonly publishedEvents: PublishedEvents;
  readonly clock: Clock;
}

/**
 * Publishes an event once per dedupe key: claims the key, puts the event on the bus, marks it done.
 * A repeat (the outbox item delivered again) finds it done and publishes nothing; a fault gives the
 * claim back and rethrows, so the next delivery publishes; one held by another caller rethrows too,
 * so that it is looked at again once that caller is done or its lease ran out.
 */
export async function publishEventOnce(deps: PublishEventDeps, event: BillingEvent): Promise<'published' | 'already_published'> {
  const claim = await deps.publishedEvents.claim(event, deps.clock.now());
  if (claim === 'done') return 'already_published';
  if (claim === 'in_progress') throw new Error(`Event ${event.dedupeKey} is being published by another caller`);
  try {
    await deps.events.publish(event);
  } catch (error) {
    await deps.publishedEvents.release(event.dedupeKey);
    throw error;
  }
  await deps.publishedEvents.complete(event.dedupeKey, deps.clock.now());
  return 'published';
}
