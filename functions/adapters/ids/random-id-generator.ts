import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '../../ports/id-generator.js';

/** `inv_` + a random UUID's 32 hex digits (122 random bits), prefixed like Stripe's ids. */
export const randomIdGenerator: IdGenerator = {
  newId: (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '')}`,
};
