import type { IdGenerator } from '../../../functions/ports/id-generator.js';

/** Predictable ids, counted per prefix: `cus_1`, `cus_2`, `inv_1`, … */
export class SequentialIdGenerator implements IdGenerator {
  private readonly counters = new Map<string, number>();

  newId(prefix: string): string {
    const next = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, next);
    return `${prefix}_${next}`;
  }
}
