import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { translateSesNotification } from '../adapters/ses/ses-event-notification.js';
import { handleEmailFeedback } from '../use-cases/handle-email-feedback.js';
import { storage } from './composition/storage.js';
import { logger } from './http/logger.js';

/**
 * The SES feedback topic's subscriber: each SNS record carries one SES event notification (bounce,
 * complaint, delivery) for the configuration set the billing email is sent with. Noted on the
 * customers; repeated or reordered notifications change nothing more. A notification that is not
 * SES's is logged and dropped (retrying would not change it); a storage fault throws, so SNS retries.
 */
export const handler = middy<SNSEvent>()
  // Its log lines name this function and invocation, as the other handlers' do.
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const deps = await storage();
    for (const record of event.Records) {
      let translated;
      try {
        translated = translateSesNotification(record.Sns.Message);
      } catch (error) {
        logger.warn('not an SES event notification; dropped', { snsMessageId: record.Sns.MessageId, error });
        continue;
      }
      const result = await handleEmailFeedback(deps, translated.feedback);
      logger.info('email feedback', { messageId: translated.messageId, tags: translated.tags, ...result });
    }
  });
