// The single-table design as a CreateTable input, shared by the local runtime and the tests.
// The CDK stack (lib/) declares the same keys and indexes for AWS.
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  waitUntilTableExists,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

export const KEY_ATTRIBUTES = ['PK', 'SK'] as const;
export const GSI_NAMES = ['GSI1', 'GSI2', 'GSI3'] as const;

/** PK/SK strings; GSI1..GSI3 on GSI<n>PK/GSI<n>SK strings, projection ALL; on-demand billing; a stream. */
export function tableDefinition(name: string): CreateTableCommandInput {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
      ...GSI_NAMES.flatMap((gsi) => [
        { AttributeName: `${gsi}PK`, AttributeType: 'S' as const },
        { AttributeName: `${gsi}SK`, AttributeType: 'S' as const },
      ]),
    ],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: GSI_NAMES.map((gsi) => ({
      IndexName: gsi,
      KeySchema: [
        { AttributeName: `${gsi}PK`, KeyType: 'HASH' as const },
        { AttributeName: `${gsi}SK`, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

/** Creates the table unless it exists, and waits until it is ACTIVE. Returns true if it created it. */
export async function ensureTable(client: DynamoDBClient, name: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  let created = true;
  try {
    await client.send(new CreateTableCommand(tableDefinition(name)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    created = false; // someone else created it meanwhile
  }
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: name });
  return created;
}
