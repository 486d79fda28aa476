import { afterAll, beforeAll, describe } from 'vitest';
import { type BtcpayTarget, REAL_BTCPAY, type SandboxTarget, startRealTarget, startSandboxTarget } from './btcpay-target.js';
import { checkoutContract } from './checkout-contract.js';

describe('The BTCPay adapter against the local BTCPay sandbox', () => {
  let target: SandboxTarget;
  beforeAll(async () => {
    target = await startSandboxTarget();
  });
  afterAll(() => target.stop());
  checkoutContract(() => target, () => target.sandbox.url);
});

if (!REAL_BTCPAY) {
  console.warn('[btcpay contract] SKIPPED against a real BTCPay Server: set BTCPAY_URL, BTCPAY_API_KEY and BTCPAY_STORE_ID (a testnet store) to run the same adapter tests against it.');
}

describe.skipIf(!REAL_BTCPAY)('The BTCPay adapter against a real BTCPay Server (contract)', () => {
  let target: BtcpayTarget;
  beforeAll(() => {
    target = startRealTarget(REAL_BTCPAY!);
  });
  checkoutContract(() => target, () => REAL_BTCPAY!.url);
});
