/**
 * AWS list prices in US East (N. Virginia), us-east-1, in US dollars, for Lambda on arm64: the
 * published rates of each service's pricing page as recorded on 2026-11-30 (this machine has no
 * internet: check the pages before relying on a figure). Free tiers are left out: the cost model
 * prices every request.
 *
 * Sources:
 * - DynamoDB on-demand, Standard table class (aws.amazon.com/dynamodb/pricing/on-demand/), the rates
 *   in force since the cut of 2024-11-01: $0.625 per million write request units, $0.125 per million
 *   read request units. DynamoDB Streams: GetRecords calls made by a Lambda event source mapping are
 *   free; $0.02 per 100,000 stream read request units otherwise.
 * - Lambda, arm64 (aws.amazon.com/lambda/pricing/): $0.0000133334 per GB-second (first 7.5 billion
 *   GB-seconds a month), $0.20 per million requests.
 * - SQS, standard queue (aws.amazon.com/sqs/pricing/): $0.40 per million requests (each 64 KB chunk of
 *   a request is one).
 * - EventBridge Scheduler (aws.amazon.com/eventbridge/pricing/): $1.00 per million scheduled
 *   invocations after 14 million free a month; creating and deleting schedules is not charged.
 * - CloudWatch Logs (aws.amazon.com/cloudwatch/pricing/): $0.50 per GB ingested, Standard log class
 *   (Lambda's logs, vended logs since 2025-05-01, start at the same $0.50 for the first 10 TB a
 *   month); storage, $0.03 per GB-month, left out.
 * - SES outbound email (aws.amazon.com/ses/pricing/): $0.10 per 1,000 emails.
 */
export const AWS_PRICES = {
  region: 'us-east-1',
  recordedOn: '2026-11-30',
  dynamoDbWritePerMillionUnits: 0.625,
  dynamoDbReadPerMillionUnits: 0.125,
  /** GetRecords by a Lambda trigger. */
  dynamoDbStreamsReadsByLambda: 0,
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  sqsPerMillionRequests: 0.4,
  schedulerPerMillionInvocations: 1.0,
  cloudWatchLogsPerGbIngested: 0.5,
  sesPerThousandEmails: 0.1,
} as const;
