import dynamodb from '@aws-lite/dynamodb';
import { awsLiteClient } from '../aws/aws-lite-client.js';

/**
 * The few DynamoDB calls the repositories make, on plain JavaScript values, over aws-lite: a small
 * AWS client made for Lambda cold starts. (Measured in bench/: the AWS SDK v3 DynamoDB client alone
 * adds about 55 ms to a cold start, aws-lite about 10.) Errors that the repositories act on come back
 * as the two classes below; anything else is rethrown as is.
 */
export type Item = Record<string, unknown>;
type Params = Record<string, unknown>;

/** A single write's condition did not hold. */
export class ConditionFailedError extends Error {
  override readonly name = 'ConditionFailedError';
}

/** A transaction was cancelled; `reasons[i]` is the code for its i-th item ('None' when that one was fine). */
export class TransactionCanceledError extends Error {
  override readonly name = 'TransactionCanceledError';
  constructor(readonly reasons: readonly string[], options?: ErrorOptions) {
    super(`Transaction cancelled: ${reasons.join(', ')}`, options);
  }
}

interface AwsError { name?: string; CancellationReasons?: Array<{ Code?: string }> }

function translate(error: unknown): never {
  const e = error as AwsError;
  if (e?.name === 'ConditionalCheckFailedException') throw new ConditionFailedError('Condition failed', { cause: error });
  if (e?.name === 'TransactionCanceledException') {
    throw new TransactionCanceledError((e.CancellationReasons ?? []).map((r) => r.Code ?? 'None'), { cause: error });
  }
  throw error;
}

type DynamoDB = {
  GetItem(p: Params): Promise<{ Item?: Item }>;
  PutItem(p: Params): Promise<unknown>;
  UpdateItem(p: Params): Promise<{ Attributes?: Item }>;
  DeleteItem(p: Params): Promise<unknown>;
  Query(p: Params): Promise<{ Items?: Item[]; LastEvaluatedKey?: Params }>;
  TransactWriteItems(p: Params): Promise<unknown>;
};

/** Every key attribute of the table (PK, SK, GSI1PK, …) is a string, so a key marshals simply. */
const marshallKey = (key: Item) => Object.fromEntries(Object.entries(key).map(([k, v]) => [k, { S: String(v) }]));
const unmarshallKey = (key: Params) => Object.fromEntries(Object.entries(key).map(([k, v]) => [k, (v as { S: string }).S]));

export class TableClient {
  private constructor(private readonly db: DynamoDB) {}

  static async connect(options: { region: string; endpoint?: string | undefined }): Promise<TableClient> {
    const aws = await awsLiteClient({ ...options, plugins: [dynamodb], awsjsonMarshall: { removeUndefinedValues: true } });
    return new TableClient((aws as unknown as { DynamoDB: DynamoDB }).DynamoDB);
  }

  async get(params: Params): Promise<Item | undefined> {
    const { Item } = await this.db.GetItem(structuredClone(params)).catch(translate);
    return Item;
  }

  async put(params: Params): Promise<void> {
    await this.db.PutItem(structuredClone(params)).catch(translate);
  }

  async update(params: Params): Promise<Item | undefined> {
    const { Attributes } = await this.db.UpdateItem(structuredClone(params)).catch(translate);
    return Attributes;
  }

  async delete(params: Params): Promise<void> {
    await this.db.DeleteItem(structuredClone(params)).catch(translate);
  }

  /** One page of a query; keys come and go as plain values. */
  async query(params: Params & { ExclusiveStartKey?: Item | undefined }): Promise<{ items: Item[]; lastKey?: Item }> {
    const { ExclusiveStartKey, ...rest } = params;
    const page = await this.db.Query({ ...structuredClone(rest), ...(ExclusiveStartKey ? { ExclusiveStartKey: marshallKey(ExclusiveStartKey) } : {}) }).catch(translate);
    return { items: page.Items ?? [], ...(page.LastEvaluatedKey ? { lastKey: unmarshallKey(page.LastEvaluatedKey) } : {}) };
  }

  async transactWrite(items: Params[]): Promise<void> {
    // aws-lite marshals the items in place; a copy keeps the caller's objects usable for a retry.
    await this.db.TransactWriteItems({ TransactItems: structuredClone(items) }).catch(translate);
  }
}
