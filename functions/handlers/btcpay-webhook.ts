import { btcpayWebhooks } from './composition/crypto.js';
import { webhookHandler } from './http/webhook-handler.js';

/** POST /webhooks/btcpay: BTCPay Server's events through the one webhook pipeline. */
export const handler = webhookHandler(btcpayWebhooks);
