import * as z from 'zod';

/** A PayPal REST app's client id and secret, and the id PayPal gave our webhook (`WH-…`, or the id shown in the app's settings). */
export interface PayPalCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly webhookId: string;
  /** Which PayPal issued them: `live` (the default) or its `sandbox`. */
  readonly environment: 'live' | 'sandbox';
}

/**
 * Where the PayPal functions get the credentials: called on every use, it answers those in force now
 * (a source may cache them for a few minutes), so rotated ones are picked up without a restart.
 * Throws when they cannot be read or are malformed.
 */
export type PayPalCredentialSource = () => Promise<PayPalCredentials>;

const schema = z.object({
  clientId: z.string().min(1), clientSecret: z.string().min(1), webhookId: z.string().min(1),
  environment: z.enum(['live', 'sandbox']).default('live'),
});

/** Checks the shape of the credentials read from `where`; the error names the fields, never their values. */
export function parsePayPalCredentials(value: unknown, where: string): PayPalCredentials {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(whole value)').join(', ');
    throw new Error(`${where} must hold {"clientId": …, "clientSecret": …, "webhookId": …, "environment"?: "live" | "sandbox"}; wrong or missing: ${fields}`);
  }
  return parsed.data;
}
