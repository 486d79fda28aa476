import { parseArgs } from 'node:util';
import { startStripeSandbox } from './index.js';

/**
 * The sandbox on its own: `npx tsx local/stripe-sandbox/main.ts --port 12111 --webhook-url
 * http://127.0.0.1:3000/webhooks/stripe`. The signing secret comes from STRIPE_WEBHOOK_SECRET
 * (default `whsec_local_sandbox`). `npm start` starts it in-process instead.
 */
const { values } = parseArgs({ options: { port: { type: 'string', default: '12111' }, 'webhook-url': { type: 'string' } } });
const webhookSecret = process.env['STRIPE_WEBHOOK_SECRET'] ?? 'whsec_local_sandbox';
const sandbox = await startStripeSandbox({ port: Number(values.port), webhookSecret, ...(values['webhook-url'] && { webhookUrl: values['webhook-url'] }) });
console.log(`Stripe sandbox (no money moves) at ${sandbox.url}
  SDK settings:   host ${sandbox.host}, port ${sandbox.port}, protocol http, any sk_test_… key
  Webhooks:       ${values['webhook-url'] ?? 'not sent (no --webhook-url)'}, signed with STRIPE_WEBHOOK_SECRET`);
const stop = () => void sandbox.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
