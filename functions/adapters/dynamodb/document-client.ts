import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DYNAMODB_CALL_LIMITS, awsClientOptions, callLimitsFor } from '../aws/aws-client-options.js';

/**
 * The DynamoDB client the repositories send their commands through: the SDK's document client, so
 * items and keys go in and come out as plain values. Built once per cold start by the composition
 * root (functions/handlers/composition/storage.ts) and shared by every repository.
 *
 * `removeUndefinedValues`: the item mappers write optional fields as `undefined` (an invoice's
 * `paidAt` before it is paid); those attributes are left out rather than refused.
 *
 * In AWS each call is bounded by DYNAMODB_CALL_LIMITS: 9 s in the worst case
 * (DYNAMODB_WORST_CASE_CALL_MS). Against DynamoDB Local (`endpoint` set), by the stand-in's limits.
 */
export function dynamoDocumentClient(options: { region: string; endpoint?: string | undefined }): DynamoDBDocumentClient {
  const limits = callLimitsFor(options.endpoint, DYNAMODB_CALL_LIMITS);
  const client = new DynamoDBClient(awsClientOptions({ ...options, limits }));
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
