import * as z from 'zod';

/** Stripe's API secret key (`sk_…`) and the signing secret of our webhook endpoint (`whsec_…`). */
export interface StripeKeys {
  readonly secretKey: string;
  readonly webhookSecret: string;
}

/**
 * Where the card-payment functions get the Stripe keys: called on every use, it answers the keys in
 * force now (a source may cache them for a few minutes), so a rotated key is picked up without a
 * restart. Throws when the keys cannot be read or are malformed.
 */
export type StripeKeySource = () => Promise<StripeKeys>;

const schema = z.object({ secretKey: z.string().min(1), webhookSecret: z.string().min(1) });

/**
 * Checks the shape of the keys read from `where`; the error names the fields, never their values.
 */
export function parseStripeKeys(value: unknown, where: string): StripeKeys {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(whole value)').join(', ');
    throw new Error(`${where} must hold {"secretKey": "sk_…", "webhookSecret": "whsec_…"}; wrong or missing: ${fields}`);
  }
  return parsed.data;
}
