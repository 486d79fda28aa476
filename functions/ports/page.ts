/** One page of a list, and the opaque cursor of the next page when there is one. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

export interface PageRequest {
  readonly cursor?: string;
  readonly limit: number;
}
