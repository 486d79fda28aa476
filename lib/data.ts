import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { indexes } from '../functions/adapters/dynamodb/keys.js';
import type { TableAccess } from '../functions/handlers/routes.js';

/**
 * `read`: GetItem (TransactGetItems is authorised as GetItem), Query, and ConditionCheckItem (the
 * condition-only items of a TransactWriteItems). No Scan, no BatchGetItem: no use case calls them.
 */
const readActions = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
/** An index can only be queried. */
const indexActions = ['dynamodb:Query'];
/** `write` adds the item writes (TransactWriteItems is authorised per item as these). No BatchWriteItem. */
const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

/**
 * The one DynamoDB table that holds customers, invoices and the ledger, declared from the same key
 * and index names the adapters use (functions/adapters/dynamodb/keys.ts; access patterns in
 * ACCESS-PATTERNS.md beside it). Retained on stack deletion and protected from deletion, because it
 * is the books; point-in-time recovery for mistakes; a stream of old and new images for the outbox.
 */
export class BillingTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: 'PK', type: AttributeType.STRING },
      sortKey: { name: 'SK', type: AttributeType.STRING },
      billing: Billing.onDemand(),
      globalSecondaryIndexes: Object.values(indexes).map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.pk, type: AttributeType.STRING },
        sortKey: { name: index.sk, type: AttributeType.STRING },
      })),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  get tableName(): string {
    return this.table.tableName;
  }

  /**
   * Item-level access to the table and queries on its named indexes, without the `index/*` wildcard
   * that the generic grants use. `read` never includes a write action; `none` grants nothing.
   */
  grantItems(grantee: IGrantable, access: TableAccess): void {
    if (access === 'none') return;
    const principal = grantee.grantPrincipal;
    principal.addToPrincipalPolicy(new PolicyStatement({ actions: readActions, resources: [this.table.tableArn] }));
    principal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: indexActions,
        resources: Object.values(indexes).map((index) => `${this.table.tableArn}/index/${index.name}`),
      }),
    );
    if (access === 'write') {
      principal.addToPrincipalPolicy(new PolicyStatement({ actions: writeActions, resources: [this.table.tableArn] }));
    }
  }
}
