import * as z from 'zod';

/**
 * What the crypto functions need from BTCPay Server: a Greenfield API key (`Authorization: token …`,
 * with the store permissions to create, view and modify invoices and view the store's settings), the
 * store it may act on, and the secret of the store's webhook (`BTCPay-Sig` is its HMAC).
 */
export interface BtcpayKeys {
  readonly apiKey: string;
  readonly storeId: string;
  readonly webhookSecret: string;
}

/**
 * Where the crypto functions get the BTCPay keys: called on every use, it answers the keys in force now
 * (a source may cache them for a few minutes), so a rotated key is picked up without a restart. Throws
 * when the keys cannot be read or are malformed.
 */
export type BtcpayKeySource = () => Promise<BtcpayKeys>;

const schema = z.object({ apiKey: z.string().min(1), storeId: z.string().min(1), webhookSecret: z.string().min(1) });

/** Checks the shape of the keys read from `where`; the error names the fields, never their values. */
export function parseBtcpayKeys(value: unknown, where: string): BtcpayKeys {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(whole value)').join(', ');
    throw new Error(`${where} must hold {"apiKey": "…", "storeId": "…", "webhookSecret": "…"}; wrong or missing: ${fields}`);
  }
  return parsed.data;
}
