import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PaymentMethod } from '../../domain/payment.js';
import type { PaymentHistory } from '../../ports/payment-history.js';
import { indexes, keys } from './keys.js';

/**
 * A customer's payments, listed on GSI1 under the customer (`CUSTOMER#<id>` / `PAYMENT#<receivedAt>#…`,
 * beside the customer's `INVOICE#` entries there). Counting paid invoices reads the customer's
 * payments by the given methods that went to an invoice, oldest first, and checks each invoice they
 * name until `enough` are paid: one Query page and a GetItem per distinct invoice, at worst. A payment
 * for one invoice names it in `invoiceId`; one for several invoices together (mass pay) names them in
 * its `allocations`, and each invoice it gave money to counts.
 */
export class DynamoPaymentHistory implements PaymentHistory {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async countPaidInvoices(customerId: string, methods: readonly PaymentMethod[], enough: number): Promise<number> {
    if (enough <= 0 || methods.length === 0) return 0;
    const seen = new Set<string>();
    let paid = 0;
    let startKey: Record<string, unknown> | undefined;
    const names = methods.map((_, i) => `:m${i}`);
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: indexes.byOwner.name,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :payment)',
        FilterExpression: `#method IN (${names.join(', ')}) AND appliedToInvoice > :zero AND (attribute_exists(invoiceId) OR attribute_exists(allocations))`,
        ExpressionAttributeNames: { '#pk': indexes.byOwner.pk, '#sk': indexes.byOwner.sk, '#method': 'method' },
        ExpressionAttributeValues: {
          ':pk': `CUSTOMER#${customerId}`, ':payment': 'PAYMENT#', ':zero': 0,
          ...Object.fromEntries(methods.map((method, i) => [names[i]!, method])),
        },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }));
      const invoiceIds = [...new Set((page.Items ?? []).flatMap(invoicesPaidBy))].filter((id) => !seen.has(id));
      for (const id of invoiceIds) seen.add(id);
      const statuses = await Promise.all(invoiceIds.map((id) => this.statusOf(id)));
      paid += statuses.filter((status) => status === 'paid').length;
      if (paid >= enough) return enough;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return paid;
  }

  private async statusOf(invoiceId: string): Promise<string | undefined> {
    const { Item } = await this.db.send(new GetCommand({
      TableName: this.tableName, Key: keys.invoice(invoiceId), ProjectionExpression: '#status', ExpressionAttributeNames: { '#status': 'status' },
    }));
    return Item?.['status'] as string | undefined;
  }
}

/** The invoices a payment item gave money to: its one invoice, or each share of a payment for several. */
function invoicesPaidBy(item: Record<string, unknown>): string[] {
  const allocations = item['allocations'] as Array<{ invoiceId: string; amount: number }> | undefined;
  if (allocations) return allocations.filter((a) => a.amount > 0).map((a) => a.invoiceId);
  return [item['invoiceId'] as string];
}
