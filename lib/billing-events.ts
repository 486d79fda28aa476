import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import type { BillingFunction } from './billing-function.js';

/**
 * The billing events' own EventBridge bus (DESIGN.md "Events"): `invoice.paid`, `invoice.overdue`,
 * `service.suspended` and `service.unsuspended`, each with `source` hosting-billing and `detail-type`
 * the event's type (functions/adapters/eventbridge/eventbridge-event-publisher.ts). A provider adds
 * rules on this bus to suspend a server, open a ticket, and so on; the stack outputs its name and ARN.
 */
export class BillingEventBus extends Construct {
  readonly bus: EventBus;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { description: 'Billing events (source hosting-billing) for the provider’s own rules' });
  }

  /**
   * Tells the function which bus the events go to (EVENT_BUS_NAME), without any right to put one: for
   * a function whose composition builds the event publisher but never publishes (events are written
   * to the outbox, and only the outbox consumer publishes them). Without it, the composition would
   * fall back to the local stand-in, which drops events silently.
   */
  bindName(fn: BillingFunction): void {
    fn.function.addEnvironment('EVENT_BUS_NAME', this.bus.eventBusName);
  }

  /** Lets the function put events on this bus, and on no other, and tells it which (bindName). */
  grantPublish(fn: BillingFunction): void {
    this.bindName(fn);
    fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['events:PutEvents'], resources: [this.bus.eventBusArn] }));
  }
}
