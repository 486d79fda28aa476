import { SESClient } from '@aws-sdk/client-ses';
import { SES_CALL_LIMITS, awsClientOptions, callLimitsFor } from '../../adapters/aws/aws-client-options.js';
import { DynamoSentEmails } from '../../adapters/dynamodb/dynamo-sent-emails.js';
import { HtmlFundsReceiptComposer } from '../../adapters/email/html-funds-receipt-composer.js';
import { HtmlInvoiceEmailComposer } from '../../adapters/email/html-invoice-email-composer.js';
import { pdfLibInvoiceRenderer } from '../../adapters/pdf/pdf-lib-invoice-renderer.js';
import { SesMailer } from '../../adapters/ses/ses-mailer.js';
import { config } from '../../config.js';
import { cardStorage } from './cards.js';

/**
 * The composition root for billing email: SES (v1 API) with the configured sender, reply-to (the
 * seller's billing address) and configuration set, each call bounded by SES_CALL_LIMITS (18 s at
 * worst); the invoice and funds-receipt email templates; the PDF renderer for attachments; the sent-email claims; and
 * the storage they read. Locally SES_ENDPOINT points the client at the local mail server.
 *
 * `sendInvoiceEmail(await mail(), input)` takes it as it is.
 */
async function build() {
  const { region, tableName, seller, appUrl, mail: settings } = config();
  if (!appUrl) throw new Error('APP_URL is not set: billing emails link to the web app');
  const client = new SESClient(awsClientOptions({
    region, endpoint: settings.sesEndpoint, limits: callLimitsFor(settings.sesEndpoint, SES_CALL_LIMITS),
  }));
  const base = await cardStorage();
  return {
    ...base,
    mailer: new SesMailer(client, {
      address: settings.fromEmail, name: settings.fromName, replyTo: seller.email,
      ...(settings.configurationSet ? { configurationSet: settings.configurationSet } : {}),
    }),
    composer: new HtmlInvoiceEmailComposer(seller, appUrl),
    fundsComposer: new HtmlFundsReceiptComposer(seller, appUrl),
    renderer: pdfLibInvoiceRenderer,
    sentEmails: new DynamoSentEmails(base.db, tableName),
  };
}

let built: ReturnType<typeof build> | undefined;

/** Built once per cold start; a failed build is forgotten so that the next invocation tries again. */
export function mail(): ReturnType<typeof build> {
  built ??= build();
  built.catch(() => { built = undefined; });
  return built;
}
