import type { InvoiceActivity } from '../../../functions/domain/invoice-activity.js';
import type { InvoiceActivityLog } from '../../../functions/ports/invoice-activity-log.js';

/** Activity logs in memory, for unit tests; the same rules as DynamoInvoiceActivityLog. */
export class InMemoryInvoiceActivityLog implements InvoiceActivityLog {
  private readonly lines: InvoiceActivity[] = [];
  private readonly lastViews = new Map<string, number>();

  async record(activity: InvoiceActivity): Promise<void> {
    if (!this.lines.some((l) => l.invoiceId === activity.invoiceId && l.id === activity.id && l.at === activity.at)) this.lines.push(activity);
  }

  async recordView(activity: InvoiceActivity, quietMs: number): Promise<'recorded' | 'recent'> {
    const at = Date.parse(activity.at);
    const last = this.lastViews.get(activity.invoiceId);
    if (last !== undefined && at - last < quietMs) return 'recent';
    this.lastViews.set(activity.invoiceId, at);
    await this.record(activity);
    return 'recorded';
  }

  async list(invoiceId: string): Promise<InvoiceActivity[]> {
    return this.lines.filter((l) => l.invoiceId === invoiceId).sort((a, b) => `${a.at}#${a.id}`.localeCompare(`${b.at}#${b.id}`));
  }
}
