import { Kysely, Migrator, PostgresDialect, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { migrations } from '../../../../migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

// timestamptz → Date (default), bigint (int8) stays a string: audit seq values are converted where read.

/** Opens a Kysely handle on a pg pool. `max` bounds the pool per instance. */
export function openDatabase(url: string, opts: { max?: number; applicationName?: string } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 20, application_name: opts.applicationName ?? 'invigil' });
  // An idle client losing its connection (e.g. the server restarted) must not crash the process.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });
}

/** Runs every pending migration (serialised across instances by Kysely's lock table); throws on failure. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const result: MigrationResultSet = await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ?? ''} failed: ${String(result.error)}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations not yet applied to this database. */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
