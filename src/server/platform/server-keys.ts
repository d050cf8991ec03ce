import { randomBytes } from 'node:crypto';
import type { Db } from './db/database.ts';

// Keys never change once made, so each process reads a key once.
const cache = new WeakMap<Db, Map<string, Buffer>>();

/**
 * A 256-bit key shared by every instance, made on first use and kept in the database (so links signed by one
 * instance verify on another, and survive restarts). Example: `await serverKey(deps.db, 'blob-links')`.
 */
export async function serverKey(db: Db, name: string, now: Date = new Date()): Promise<Buffer> {
  const known = cache.get(db)?.get(name);
  if (known) return known;
  await db.insertInto('server_keys').values({ name, secret: randomBytes(32), created_at: now }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.selectFrom('server_keys').select('secret').where('name', '=', name).executeTakeFirstOrThrow();
  const map = cache.get(db) ?? new Map<string, Buffer>();
  map.set(name, row.secret);
  cache.set(db, map);
  return row.secret;
}
