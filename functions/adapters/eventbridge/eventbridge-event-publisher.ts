import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { BillingEvent, EventPublisher } from '../../ports/event-publisher.js';

/** The `source` of every event the billing system puts on its bus (rules match on it). */
export const EVENT_SOURCE = 'hosting-billing';

/**
 * Puts events on the stack's EventBridge bus: `source` hosting-billing, `detail-type` the event's
 * type (`invoice.paid`, …), `detail` the event's fields with its dedupe key and time, so a consumer
 * can drop a repeat (EventBridge itself delivers at least once).
 */
export class EventBridgeEventPublisher implements EventPublisher {
  constructor(private readonly client: EventBridgeClient, private readonly busName: string) {}

  async publish(event: BillingEvent): Promise<void> {
    const result = await this.client.send(new PutEventsCommand({
      Entries: [{
        EventBusName: this.busName,
        Source: EVENT_SOURCE,
        DetailType: event.type,
        Time: new Date(event.occurredAt),
        Detail: JSON.stringify({ ...event.detail, dedupeKey: event.dedupeKey, occurredAt: event.occurredAt }),
      }],
    }));
    // PutEvents answers 200 with a failed entry (throttling, an internal fault): that is a passing fault.
    if (result.FailedEntryCount) {
      const entry = result.Entries?.[0];
      throw new Error(`EventBridge refused ${event.type} (${event.dedupeKey}): ${entry?.ErrorCode ?? 'unknown'} ${entry?.ErrorMessage ?? ''}`);
    }
  }
}

/**
 * The local stand-in of the bus: the record of published events (PublishedEvents, listed on the
 * staff page) is all there is to see, so putting an event on it does nothing more.
 */
export const localEventBus: EventPublisher = { publish: async () => {} };
