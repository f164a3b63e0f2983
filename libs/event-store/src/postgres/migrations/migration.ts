/** One versioned, forward-only schema change. The runner applies `sql` with search_path set to the store's schema. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
