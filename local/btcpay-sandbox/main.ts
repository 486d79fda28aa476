import { parseArgs } from 'node:util';
import { startBtcpaySandbox } from './index.js';

/**
 * The sandbox on its own: `npx tsx local/btcpay-sandbox/main.ts --port 14142 --webhook-url
 * http://127.0.0.1:3000/webhooks/btcpay`. The webhook secret comes from BTCPAY_WEBHOOK_SECRET (default
 * `btcpay_local_sandbox`). `npm start` starts it in-process instead.
 */
const { values } = parseArgs({ options: { port: { type: 'string', default: '14142' }, 'webhook-url': { type: 'string' } } });
const webhookSecret = process.env['BTCPAY_WEBHOOK_SECRET'] ?? 'btcpay_local_sandbox';
const sandbox = await startBtcpaySandbox({ port: Number(values.port), webhookSecret, ...(values['webhook-url'] && { webhookUrl: values['webhook-url'] }) });
console.log(`BTCPay sandbox (no money moves) at ${sandbox.url}
  Greenfield:     Authorization: token ${sandbox.apiKey}, store ${sandbox.storeId}
  Store settings: ${sandbox.url}/stores/${sandbox.storeId}
  Webhooks:       ${values['webhook-url'] ?? 'not sent (no --webhook-url)'}, signed with BTCPAY_WEBHOOK_SECRET`);
const stop = () => void sandbox.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
