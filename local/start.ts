import { parseArgs } from 'node:util';
import { JavaMissingError } from './java.js';
import { startLocalSystem } from './system.js';
import { buildWebIfStale } from './web-build.js';

/**
 * `npm start`: the whole billing system on this machine. Flags: --in-memory (start clean, keep
 * nothing), --verbose (show the services' output). PORT sets the port (default 3000).
 */
const { values: flags } = parseArgs({
  options: { 'in-memory': { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false } },
});

async function main(): Promise<void> {
  const port = Number(process.env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${process.env['PORT']}`);
  await buildWebIfStale((line) => console.log(line));
  console.log('Starting DynamoDB Local, cognito-local, the local mail server and the payment sandboxes…');
  const system = await startLocalSystem({ port, inMemory: flags['in-memory'], verbose: flags.verbose });

  const { admin, customers } = system.logins;
  console.log(`
  Billing system running (local sandbox: no money moves)

    Web app and API   ${system.url}
    API description   ${system.url}/openapi.json
    Sent email        ${system.mailViewerUrl}
    Stripe sandbox    ${system.stripe.url}  (test card 4242 4242 4242 4242, any future expiry, any CVC)
    PayPal sandbox    ${system.paypal.url}  (approve, or choose a pending or denied capture, on its page)
    BTCPay sandbox    ${system.btcpay.url}  (fixed test rates; store settings at /stores/${system.btcpay.storeId})
    Data              ${flags['in-memory'] ? 'in memory (discarded on exit)' : '.local-data/ (npm start -- --in-memory starts clean)'}

  Sign in as
    staff      ${admin.email.padEnd(22)} ${admin.password}
${customers.map((c) => `    customer   ${c.email.padEnd(22)} ${c.password}   (${c.name})`).join('\n')}

  Ctrl-C stops everything.
`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    system.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof JavaMissingError) {
    console.error(error.message);
  } else {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
  }
  process.exit(1);
});
