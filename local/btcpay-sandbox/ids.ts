import { randomBytes } from 'node:crypto';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** BTCPay's ids: random bytes in base58 (invoices and deliveries 16 bytes, stores 32). */
export function newId(bytes: number): string {
  let value = BigInt(`0x${randomBytes(bytes).toString('hex')}`);
  let out = '';
  while (value > 0n) {
    out = BASE58[Number(value % 58n)]! + out;
    value /= 58n;
  }
  return out.padStart(Math.ceil(bytes * 1.37), '1');
}

/** An API key as BTCPay makes them: 40 hex digits. */
export const newApiKey = (): string => randomBytes(20).toString('hex');

/** On-chain payments are `<txid>-<vout>`; Lightning payments, the payment hash. */
export function newPaymentId(lightning: boolean): string {
  const hash = randomBytes(32).toString('hex');
  return lightning ? hash : `${hash}-0`;
}

/** A regtest-looking address, or a Lightning invoice: nothing can be sent to it. */
export function newDestination(paymentMethodId: string): string {
  const tail = randomBytes(20).toString('hex');
  if (paymentMethodId.endsWith('-LN')) return `lnbcrt1sandbox${tail}`;
  return paymentMethodId.startsWith('LTC') ? `rltc1qsandbox${tail}` : `bcrt1qsandbox${tail}`;
}
