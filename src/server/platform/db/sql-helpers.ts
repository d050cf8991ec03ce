import type { Db } from './database.ts';

/** An ILIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Runs `fn` in the caller's transaction when there is one, else in a new transaction of its own. */
export function inTransaction<T>(db: Db, trx: Db | undefined, fn: (t: Db) => Promise<T>): Promise<T> {
  return trx ? fn(trx) : db.transaction().execute(fn);
}

/** The SQLSTATE of a PostgreSQL error (e.g. `23505` unique violation), or undefined. */
export function pgErrorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Runs a transaction, retrying it (up to 4 times) when PostgreSQL aborts it for a deadlock or a serialization
 * failure; those are the database resolving a race, and the retry sees the winner's commit.
 */
export async function transactionWithRetry<T>(db: Db, fn: (t: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      const code = pgErrorCode(err);
      if (attempt >= 4 || (code !== '40P01' && code !== '40001')) throw err;
    }
  }
}
