import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EVENTBRIDGE_CALL_LIMITS, awsClientOptions } from '../../adapters/aws/aws-client-options.js';
import { EventBridgeEventPublisher, localEventBus } from '../../adapters/eventbridge/eventbridge-event-publisher.js';
import { config } from '../../config.js';
import type { EventPublisher } from '../../ports/event-publisher.js';

/**
 * Where billing events go: the stack's EventBridge bus in AWS (EVENT_BUS_NAME); locally, nowhere
 * beyond the record of events published, which the staff Events page lists.
 */
export function eventPublisher(): EventPublisher {
  const { region, eventBusName } = config();
  return eventBusName
    ? new EventBridgeEventPublisher(new EventBridgeClient(awsClientOptions({ region, limits: EVENTBRIDGE_CALL_LIMITS })), eventBusName)
    : localEventBus;
}
