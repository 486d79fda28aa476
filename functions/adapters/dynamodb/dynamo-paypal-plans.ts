import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PayPalPlanStore } from '../paypal/paypal-plan-store.js';
import { keys } from './keys.js';

/** PayPal's billing plans by our plan key, one item each (`PROVIDER_PLAN#paypal#<key>`), kept for good. */
export class DynamoPayPalPlans implements PayPalPlanStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async find(key: string): Promise<string | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.providerPlan('paypal', key), ConsistentRead: true }));
    return Item?.['planId'] as string | undefined;
  }

  async remember(key: string, planId: string): Promise<string> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.providerPlan('paypal', key), type: 'provider-plan', planKey: key, planId },
        ConditionExpression: 'attribute_not_exists(PK)',
      }));
      return planId;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await this.find(key)) ?? planId;
    }
  }
}
