/** New identifiers, injected so that tests can predict them. */
export interface IdGenerator {
  /** A new unique id with a readable prefix: `cus_…`, `inv_…`. */
  newId(prefix: string): string;
}
