// The one door to head office's PostgreSQL, embedded (PGlite) or a server (pg): rows come back the same
// from both (bigint as number, date as 'YYYY-MM-DD'), so nothing above this file knows which it is.

export type Row = Record<string, unknown>;

export interface Sql {
  query<T extends object = Row>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Several statements without parameters (a migration). */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

/** Type oids whose text form is turned into what the code expects. */
export const INT8 = 20;
export const NUMERIC = 1700;
export const DATE = 1082;

export const parseInt8 = (v: string): number => Number(v);
export const keepText = (v: string): string => v;
