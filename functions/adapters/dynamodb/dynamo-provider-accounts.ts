import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ProviderPaymentMethod } from '../../domain/payment.js';
import type { ProviderAccounts } from '../../ports/payments/provider-accounts.js';
import type { ProviderCustomerRef } from '../../ports/payments/provider-customers.js';
import { indexes, keys } from './keys.js';

const lookupKey = (method: string, ref: string) => `PROVIDER#${method}#${ref}`;

/** A customer's account at a provider, as stored: in the customer's partition, and on GSI3 by the provider's ref. */
export const providerAccountItem = (customerId: string, method: ProviderPaymentMethod, ref: ProviderCustomerRef) => ({
  ...keys.providerAccount(customerId, method),
  [indexes.lookup.pk]: lookupKey(method, ref),
  [indexes.lookup.sk]: 'PROVIDER',
  type: 'provider-account',
  customerId,
  method,
  ref,
});

/**
 * One item per customer and payment method, in the customer's partition, indexed on GSI3 by the
 * provider's ref so that a webhook naming only the provider's customer finds ours.
 */
export class DynamoProviderAccounts implements ProviderAccounts {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async find(customerId: string, method: ProviderPaymentMethod): Promise<ProviderCustomerRef | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.providerAccount(customerId, method), ConsistentRead: true }));
    return Item?.['ref'] as string | undefined;
  }

  async link(customerId: string, method: ProviderPaymentMethod, ref: ProviderCustomerRef): Promise<ProviderCustomerRef> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName,
        Item: providerAccountItem(customerId, method, ref),
        ConditionExpression: 'attribute_not_exists(PK)',
      }));
      return ref;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await this.find(customerId, method))!;
    }
  }

  async customerOf(method: ProviderPaymentMethod, ref: ProviderCustomerRef): Promise<string | undefined> {
    const { Items } = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: indexes.lookup.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': indexes.lookup.pk },
      ExpressionAttributeValues: { ':pk': lookupKey(method, ref) },
      Limit: 1,
    }));
    return Items?.[0]?.['customerId'] as string | undefined;
  }
}
