import { afterAll, beforeAll, describe } from 'vitest';
import { gatewayContract } from './gateway-contract.js';
import { CONTRACT_KEY, startSandboxTarget, startStripeTestModeTarget, type StripeTarget } from './stripe-target.js';

describe('StripePaymentGateway against the local Stripe sandbox', () => {
  let target: StripeTarget;
  beforeAll(async () => {
    target = await startSandboxTarget();
  });
  afterAll(() => target.stop());
  gatewayContract(() => target);
});

if (!CONTRACT_KEY) {
  console.warn('[stripe contract] SKIPPED against Stripe test mode: set STRIPE_TEST_SECRET_KEY=sk_test_… to run the same adapter tests against Stripe itself.');
}

describe.skipIf(!CONTRACT_KEY)('StripePaymentGateway against Stripe test mode (contract)', () => {
  let target: StripeTarget;
  beforeAll(async () => {
    target = await startStripeTestModeTarget(CONTRACT_KEY ?? '');
  });
  gatewayContract(() => target);
});
