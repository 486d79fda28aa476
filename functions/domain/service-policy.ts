/** When services are invoiced and suspended, as the provider set it. */
export interface ServicePolicy {
  /** Days before a service's due date its invoice is issued (default 7). */
  readonly invoiceDaysBefore: number;
  /** Days an invoice of a service may be overdue before the service is suspended (default 14); 0: never. */
  readonly suspendAfterDays: number;
}

export const DEFAULT_SERVICE_POLICY: ServicePolicy = { invoiceDaysBefore: 7, suspendAfterDays: 14 };
