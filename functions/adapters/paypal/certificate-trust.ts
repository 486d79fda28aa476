import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { PaymentProviderUnavailableError, WebhookSignatureError } from '../../ports/payments/provider-errors.js';

/**
 * Which signing certificates a webhook may come with: where one may be fetched from, the roots its
 * chain must end in, and the names the signing (leaf) certificate may carry.
 */
export interface CertificateTrust {
  allowsUrl(url: URL): boolean;
  readonly anchors: readonly X509Certificate[];
  allowsSigner(leaf: X509Certificate): boolean;
}

const PAYPAL_HOST = /(^|\.)paypal\.com$/;

/**
 * PayPal's own certificates: fetched only over HTTPS from a paypal.com host (PayPal's are served from
 * api.paypal.com and api.sandbox.paypal.com), chained to a root of Node's bundled Mozilla store, with a
 * leaf named on paypal.com (`messageverificationcerts.paypal.com`, `…sandbox.paypal.com`).
 */
export function paypalTrust(): CertificateTrust {
  return {
    allowsUrl: (url) => url.protocol === 'https:' && PAYPAL_HOST.test(url.hostname) && url.port === '',
    anchors: rootCertificates.map((pem) => new X509Certificate(pem)),
    allowsSigner: (leaf) => namesOf(leaf).some((name) => PAYPAL_HOST.test(name)),
  };
}

/**
 * The local PayPal sandbox's certificates, trusted only when the sandbox is configured (local mode and
 * tests): served from the sandbox's own origin, chained to the root it made at first start.
 */
export function sandboxTrust(sandboxUrl: string, rootPem: string): CertificateTrust {
  const origin = new URL(sandboxUrl).origin;
  return {
    allowsUrl: (url) => url.origin === origin,
    anchors: [new X509Certificate(rootPem)],
    allowsSigner: () => true,
  };
}

/**
 * The signing certificate behind a cert URL, checked as far as node:crypto's X509Certificate allows:
 * each certificate in the served chain is issued and signed by the next, the last by a trust anchor;
 * every one is within its validity period at `now`; the leaf may sign. Fetched chains are cached by
 * URL for the life of the function (a URL names one certificate); validity is checked at every use.
 * @throws WebhookSignatureError for a URL or a certificate we do not trust
 * @throws PaymentProviderUnavailableError when the certificate cannot be fetched just now
 */
export class SigningCertificates {
  private readonly chains = new Map<string, Promise<X509Certificate[]>>();

  constructor(private readonly trust: CertificateTrust) {}

  async leaf(certUrl: string, now: Date): Promise<X509Certificate> {
    let url: URL;
    try {
      url = new URL(certUrl);
    } catch {
      throw new WebhookSignatureError('PAYPAL-CERT-URL is not a URL');
    }
    if (!this.trust.allowsUrl(url)) throw new WebhookSignatureError(`PAYPAL-CERT-URL is not on a trusted PayPal host: ${url.host}`);
    let chain = this.chains.get(url.href);
    if (!chain) {
      chain = fetchChain(url);
      this.chains.set(url.href, chain);
      chain.catch(() => this.chains.delete(url.href));
    }
    const certificates = await chain;
    this.check(certificates, now);
    return certificates[0]!;
  }

  private check(chain: X509Certificate[], now: Date): void {
    for (const certificate of chain) {
      if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo)) {
        throw new WebhookSignatureError(`The signing certificate chain has a certificate outside its validity (${certificate.subject.replaceAll('\n', ', ')})`);
      }
    }
    for (let i = 0; i + 1 < chain.length; i++) {
      if (!chain[i]!.checkIssued(chain[i + 1]!) || !chain[i]!.verify(chain[i + 1]!.publicKey)) {
        throw new WebhookSignatureError('The signing certificate chain is broken');
      }
    }
    const last = chain[chain.length - 1]!;
    const anchored = this.trust.anchors.some((root) => root.fingerprint256 === last.fingerprint256
      || (last.checkIssued(root) && last.verify(root.publicKey) && now >= new Date(root.validFrom) && now <= new Date(root.validTo)));
    if (!anchored) throw new WebhookSignatureError('The signing certificate does not chain to a trusted root');
    if (!this.trust.allowsSigner(chain[0]!)) throw new WebhookSignatureError('The signing certificate is not PayPal\'s');
  }
}

async function fetchChain(url: URL): Promise<X509Certificate[]> {
  let pem: string;
  try {
    const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    pem = await response.text();
  } catch (error) {
    throw new PaymentProviderUnavailableError({ cause: error });
  }
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0 || blocks.length > 5) throw new WebhookSignatureError('PAYPAL-CERT-URL does not serve a certificate chain');
  try {
    return blocks.map((block) => new X509Certificate(block));
  } catch (error) {
    throw new WebhookSignatureError('PAYPAL-CERT-URL serves a malformed certificate', { cause: error });
  }
}

/** The DNS names a certificate is issued to: its subject's CN and its DNS subject alternative names. */
function namesOf(certificate: X509Certificate): string[] {
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(certificate.subject)?.[1];
  const alt = (certificate.subjectAltName ?? '').split(',').map((s) => s.trim()).filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4));
  return [...(cn ? [cn] : []), ...alt].map((n) => n.toLowerCase());
}
