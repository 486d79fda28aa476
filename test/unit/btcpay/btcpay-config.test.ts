import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../functions/config.js';
import { parseBtcpayKeys } from '../../../functions/adapters/secrets/btcpay-keys.js';

const base = { TABLE_NAME: 't', AWS_REGION: 'eu-west-1', SELLER_NAME: 'Acme', SELLER_EMAIL: 'billing@acme-hosting.net' };

describe('BTCPay settings from the environment', () => {
  it('leaves crypto off without BTCPAY_URL, with the rule at its defaults', () => {
    expect(parseConfig(base)).toMatchObject({ btcpay: undefined, establishedCustomer: { minAccountAgeDays: 90, minPaidInvoices: 2 } });
  });

  it('reads the secret’s ARN in AWS, the keys locally, and the provider’s numbers', () => {
    expect(parseConfig({ ...base, BTCPAY_URL: 'https://btcpay.acme-hosting.net/', BTCPAY_SECRET_ARN: 'arn:x', CRYPTO_MIN_ACCOUNT_AGE_DAYS: '30', CRYPTO_MIN_PAID_INVOICES: '5' }))
      .toMatchObject({ btcpay: { url: 'https://btcpay.acme-hosting.net', source: 'secrets-manager', secretArn: 'arn:x' }, establishedCustomer: { minAccountAgeDays: 30, minPaidInvoices: 5 } });
    expect(parseConfig({ ...base, BTCPAY_URL: 'http://127.0.0.1:14142', BTCPAY_API_KEY: 'k', BTCPAY_STORE_ID: 's', BTCPAY_WEBHOOK_SECRET: 'w' }).btcpay)
      .toEqual({ url: 'http://127.0.0.1:14142', source: 'environment' });
  });

  it.each([
    [{ BTCPAY_URL: 'https://btcpay.acme-hosting.net' }, 'BTCPAY_URL goes with BTCPAY_SECRET_ARN'],
    [{ BTCPAY_SECRET_ARN: 'arn:x' }, 'BTCPAY_URL goes with BTCPAY_SECRET_ARN'],
    [{ BTCPAY_URL: 'https://b.example', BTCPAY_API_KEY: 'k' }, 'BTCPAY_API_KEY, BTCPAY_STORE_ID and BTCPAY_WEBHOOK_SECRET go together'],
    [{ CRYPTO_MIN_PAID_INVOICES: 'two' }, 'CRYPTO_MIN_PAID_INVOICES'],
    [{ CRYPTO_MIN_ACCOUNT_AGE_DAYS: '-3' }, 'CRYPTO_MIN_ACCOUNT_AGE_DAYS'],
  ])('fails at cold start on %j, naming the variables', (env, expected) => {
    expect(() => parseConfig({ ...base, ...env })).toThrow(expected);
  });

  it('checks the keys’ shape, naming the fields and never their values', () => {
    expect(parseBtcpayKeys({ apiKey: 'k', storeId: 's', webhookSecret: 'w' }, 'Secret x')).toEqual({ apiKey: 'k', storeId: 's', webhookSecret: 'w' });
    expect(() => parseBtcpayKeys({ apiKey: 'secret-value', storeId: '' }, 'Secret x')).toThrow(/storeId, webhookSecret$/);
    expect(() => parseBtcpayKeys({ apiKey: 'secret-value' }, 'Secret x')).not.toThrow(/secret-value/);
  });
});
