import 'reflect-metadata';
import { createPrivateKey, createSign, webcrypto } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as x509 from '@peculiar/x509';

/**
 * The sandbox's signing identity: a root certificate that only local mode and tests trust, and a leaf
 * signed by it whose key signs every webhook, as PayPal's `messageverificationcerts` certificate does.
 * Made at first start with fresh RSA keys (never committed); with a `file`, kept there so that a
 * restarted `npm start` signs with the same certificate.
 */
export interface SigningIdentity {
  /** The leaf then the root, PEM: what the cert URL serves (PayPal serves the leaf and its chain). */
  readonly chainPem: string;
  /** The root alone, PEM: the trust anchor the billing system is given locally. */
  readonly rootPem: string;
  /** SHA256withRSA of `text`, base64, with the leaf's key. */
  sign(text: string): string;
}

interface Stored { chainPem: string; rootPem: string; leafKeyPem: string }

const RSA: RsaHashedKeyGenParams = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
/** The leaf's name, as PayPal's is `messageverificationcerts.paypal.com`. */
export const SANDBOX_CERT_NAME = 'messageverificationcerts.paypal-sandbox.localhost';
const TEN_YEARS_MS = 10 * 365 * 24 * 3600_000;
let inMemory: Promise<Stored> | undefined;

export async function signingIdentity(file?: string): Promise<SigningIdentity> {
  let stored: Stored | undefined;
  if (file && existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
  if (!stored) {
    // Without a file (tests, --in-memory), one identity per process: key generation takes a second.
    stored = file ? await generate() : await (inMemory ??= generate());
    if (file) writeFileSync(file, JSON.stringify(stored), { mode: 0o600 });
  }
  const key = createPrivateKey(stored.leafKeyPem);
  return {
    chainPem: stored.chainPem,
    rootPem: stored.rootPem,
    sign: (text) => createSign('RSA-SHA256').update(text).sign(key, 'base64'),
  };
}

async function generate(): Promise<Stored> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const subtle = webcrypto.subtle;
  const notBefore = new Date(Date.now() - 24 * 3600_000);
  const notAfter = new Date(Date.now() + TEN_YEARS_MS);
  const rootKeys = await subtle.generateKey(RSA, true, ['sign', 'verify']) as CryptoKeyPair;
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=Local PayPal sandbox root - tests only, O=hosting-billing local',
    notBefore, notAfter, keys: rootKeys, signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const leafKeys = await subtle.generateKey(RSA, true, ['sign', 'verify']) as CryptoKeyPair;
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${SANDBOX_CERT_NAME}, O=hosting-billing local`,
    issuer: root.subject,
    notBefore, notAfter,
    signingKey: rootKeys.privateKey, publicKey: leafKeys.publicKey, signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: SANDBOX_CERT_NAME }]),
    ],
  });
  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', leafKeys.privateKey)).toString('base64');
  const leafKeyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
  const rootPem = root.toString('pem');
  return { chainPem: `${leaf.toString('pem')}\n${rootPem}\n`, rootPem: `${rootPem}\n`, leafKeyPem };
}

/** A positive 64-bit serial number in hex. */
function serial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(8));
  bytes[0] = bytes[0]! & 0x7f;
  return Buffer.from(bytes).toString('hex');
}
