import { fileURLToPath } from 'node:url';
import { Aws, Duration, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ConfigurationSet, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BillingFunction } from './billing-function.js';
import type { BillingTable } from './data.js';

const handlersDir = fileURLToPath(new URL('../functions/handlers/', import.meta.url));

/** Who billing email is from: an SES identity verified in the stack's region. */
export interface BillingEmailSender {
  readonly fromEmail: string;
  /** @default the seller's name (functions/config.ts) */
  readonly fromName?: string;
  /** SES verified this domain rather than the address: the identity to send as. @default the address */
  readonly verifiedDomain?: string;
}

export interface BillingEmailProps {
  readonly sender: BillingEmailSender;
  readonly table: BillingTable;
  /** What every function reads (the seller, the billing rules). */
  readonly environment: Readonly<Record<string, string>>;
  /** @default false */
  readonly tracing?: boolean;
}

/**
 * Billing email through SES: a configuration set whose event destination publishes bounces,
 * complaints, deliveries and rejects to an SNS topic (encrypted with a key SES may use, HTTPS only),
 * and the email-feedback function subscribed to it, which notes them on the customers. A notification
 * the function fails on after Lambda's retries goes to a dead-letter queue on the subscription.
 * `grantSend` lets a function send as the sender, through this configuration set only.
 */
export class BillingEmail extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly feedbackTopic: Topic;
  readonly feedback: BillingFunction;
  /** Notifications SNS could not deliver to the feedback function. */
  readonly feedbackDeadLetterQueue: Queue;
  private readonly sender: BillingEmailSender;

  constructor(scope: Construct, id: string, props: BillingEmailProps) {
    super(scope, id);
    this.sender = props.sender;

    const key = new Key(this, 'FeedbackTopicKey', {
      description: 'Encrypts the billing system’s SES feedback topic',
      enableKeyRotation: true,
    });
    // SES publishes to an encrypted topic only with the key's use granted to it (SNS SSE with SES).
    key.addToResourcePolicy(new PolicyStatement({
      sid: 'SesPublishesFeedback',
      principals: [new ServicePrincipal('ses.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }));
    this.feedbackTopic = new Topic(this, 'FeedbackTopic', {
      displayName: `${Stack.of(this).stackName} email feedback`,
      masterKey: key,
      enforceSSL: true,
    });

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', { reputationMetrics: true });
    // Adds the topic policy that lets SES publish for this configuration set only.
    this.configurationSet.addEventDestination('Feedback', {
      destination: EventDestination.snsTopic(this.feedbackTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.DELIVERY, EmailSendingEvent.REJECT],
    });

    this.feedback = new BillingFunction(this, 'EmailFeedback', {
      entry: `${handlersDir}email-feedback.ts`,
      description: 'SES bounces, complaints and deliveries, noted on the customers',
      environment: props.environment,
      ...(props.tracing === undefined ? {} : { tracing: props.tracing }),
    });
    this.feedback.bindTable(props.table, 'write');

    this.feedbackDeadLetterQueue = new Queue(this, 'FeedbackDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.feedbackDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'It is a dead-letter queue: of the SNS subscription of the email-feedback function, which cdk-nag does not recognise as one.',
    });
    this.feedbackTopic.addSubscription(new LambdaSubscription(this.feedback.function, { deadLetterQueue: this.feedbackDeadLetterQueue }));
  }

  /**
   * Lets the function send billing email (SendEmail, and SendRawEmail for the PDF attached) as the
   * sender's identity through this configuration set, and tells it how (SES_FROM_EMAIL,
   * SES_FROM_NAME, SES_CONFIGURATION_SET). SES authorises a send against both the identity and the
   * configuration set named in it.
   */
  grantSend(fn: BillingFunction): void {
    const stack = Stack.of(this);
    const identity = this.sender.verifiedDomain ?? this.sender.fromEmail;
    fn.role.addToPrincipalPolicy(new PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
        stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }),
      ],
    }));
    fn.function.addEnvironment('SES_FROM_EMAIL', this.sender.fromEmail);
    if (this.sender.fromName) fn.function.addEnvironment('SES_FROM_NAME', this.sender.fromName);
    fn.function.addEnvironment('SES_CONFIGURATION_SET', this.configurationSet.configurationSetName);
  }
}
