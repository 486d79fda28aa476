/**
 * What the local clock control's routes answer (`GET` and `POST /v1/local/clock`, local runtime only):
 * the local time, how far it runs ahead of the machine's clock, and the next scheduled work with the
 * number of the invoice it is for, and the next day the service billing issues invoices: "Next event"
 * moves to the earlier of the two. Not in the OpenAPI document, since no deployed stack has the route;
 * the web app imports this type as a type.
 */
export interface ClockView {
  /** The local clock (ISO 8601, UTC). */
  readonly now: string;
  /** How far it runs ahead of the machine's clock, in milliseconds. */
  readonly offsetMs: number;
  /** The next reminder, due-date charge (step 0) or retry (step 1, 2, 3…), if any is left. */
  readonly next?: {
    readonly at: string;
    readonly invoiceId: string;
    /** Absent when the invoice is gone (a schedule left over from earlier data). */
    readonly invoiceNumber?: number;
    readonly action: 'remind' | 'charge';
    readonly step: number;
  };
  /** When the daily service billing next issues an invoice (the earliest service's invoice date, at the billing hour). */
  readonly nextServiceInvoices?: { readonly at: string; readonly date: string; readonly serviceId: string };
}
