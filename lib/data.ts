import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { TableAccess } from './billing-function.js';

/** The global secondary indexes of the single table; each has `<name>PK` / `<name>SK` string keys. */
export const indexNames = ['GSI1', 'GSI2', 'GSI3'] as const;

/**
 * Reading covers transactions too: TransactGetItems is authorised as GetItem, and the condition
 * checks inside a TransactWriteItems as ConditionCheckItem.
 */
const readActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
/** TransactWriteItems is authorised per item as PutItem / UpdateItem / DeleteItem. */
const writeActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/**
 * The one DynamoDB table that holds customers, invoices and the ledger (access patterns: see
 * functions/adapters/dynamodb). Retained on stack deletion and protected from deletion, because it
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
      globalSecondaryIndexes: indexNames.map((name) => ({
        indexName: name,
        partitionKey: { name: `${name}PK`, type: AttributeType.STRING },
        sortKey: { name: `${name}SK`, type: AttributeType.STRING },
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
   * Item-level access to the table and its named indexes, without the `index/*` wildcard that the
   * generic grants use. `RO` never includes a write action.
   */
  grantItems(grantee: IGrantable, access: TableAccess): void {
    const resources = [this.table.tableArn, ...indexNames.map((name) => `${this.table.tableArn}/index/${name}`)];
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: readActions, resources }),
    );
    if (access === 'RW') {
      grantee.grantPrincipal.addToPrincipalPolicy(
        new PolicyStatement({ actions: writeActions, resources: [this.table.tableArn] }),
      );
    }
  }
}
