import { afterAll, beforeAll, describe } from 'vitest';
import { checkoutContract } from './checkout-contract.js';
import { CONTRACT_CREDENTIALS, type PayPalTarget, startPayPalSandboxTarget, startSandboxTarget } from './paypal-target.js';

describe('PayPalCheckout against the local PayPal sandbox', () => {
  let target: PayPalTarget;
  beforeAll(async () => {
    target = await startSandboxTarget();
  });
  afterAll(() => target.stop());
  checkoutContract(() => target);
});

if (!CONTRACT_CREDENTIALS) {
  console.warn('[paypal contract] SKIPPED against PayPal\'s sandbox: set PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET (a sandbox REST app) to run the same adapter tests against PayPal itself.');
}

describe.skipIf(!CONTRACT_CREDENTIALS)('PayPalCheckout against PayPal\'s sandbox (contract)', () => {
  let target: PayPalTarget;
  beforeAll(() => {
    target = startPayPalSandboxTarget(CONTRACT_CREDENTIALS!);
  });
  checkoutContract(() => target);
});
