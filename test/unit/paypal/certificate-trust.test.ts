import { describe, expect, it } from 'vitest';
import { SigningCertificates, paypalTrust, sandboxTrust } from '../../../functions/adapters/paypal/certificate-trust.js';
import { WebhookSignatureError } from '../../../functions/ports/payments/provider-errors.js';
import { startPayPalSandbox } from '../../../local/paypal-sandbox/index.js';

describe('Which PayPal signing certificates are trusted', () => {
  it('fetches PayPal certificates only over HTTPS from a paypal.com host', () => {
    const trust = paypalTrust();
    const allowed = (url: string) => trust.allowsUrl(new URL(url));
    expect(allowed('https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77')).toBe(true);
    expect(allowed('https://api.sandbox.paypal.com/v1/notifications/certs/CERT-1')).toBe(true);
    expect(allowed('http://api.paypal.com/v1/notifications/certs/CERT-1')).toBe(false);
    expect(allowed('https://api.paypal.com.attacker.example/cert')).toBe(false);
    expect(allowed('https://paypal.com.attacker.example/cert')).toBe(false);
    expect(allowed('https://attackerpaypal.com/cert')).toBe(false);
    expect(allowed('https://api.paypal.com:8443/cert')).toBe(false);
    expect(allowed('https://127.0.0.1/cert')).toBe(false);
  });

  it('refuses the local sandbox’s certificate unless the sandbox is the configured one (a root of its own is not PayPal’s)', async () => {
    const sandbox = await startPayPalSandbox({ clientId: 'c', clientSecret: 's', webhookId: 'WH-1' });
    try {
      const local = new SigningCertificates(sandboxTrust(sandbox.url, sandbox.rootCertificatePem));
      expect((await local.leaf(sandbox.certUrl, new Date())).subject).toContain('messageverificationcerts');
      // The same chain, trusted as PayPal's would be (Node's bundled roots), does not chain to any of them.
      const asPayPal = new SigningCertificates({ ...paypalTrust(), allowsUrl: () => true });
      await expect(asPayPal.leaf(sandbox.certUrl, new Date())).rejects.toBeInstanceOf(WebhookSignatureError);
      // Nor is it valid in 20 years.
      await expect(local.leaf(sandbox.certUrl, new Date(Date.now() + 20 * 365 * 86_400_000))).rejects.toThrow(/validity/);
      // Another sandbox's URL is not the configured one.
      await expect(local.leaf('http://127.0.0.1:1/v1/notifications/certs/CERT-LOCAL-SANDBOX', new Date())).rejects.toBeInstanceOf(WebhookSignatureError);
    } finally {
      await sandbox.stop();
    }
  });
});
