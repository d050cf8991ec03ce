import { Kysely, Migrator, PostgresDialect, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { migrations } from '../../../../migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

// timestamptz → Date (default), bigint (int8) stays a string: audit seq values are converted where read.

/**
 * Which statements run as named prepared statements: PostgreSQL then parses and plans each once per connection
 * instead of on every call (over half its CPU for a short statement such as an autosave). A statement is named the
 * second time its text is seen, so one-off texts (e.g. a batch insert of an unusual size) stay unnamed; the number
 * of names is bounded, because each one is kept by every connection of the pool for its lifetime.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private readonly seen = new Set<string>();

  constructor(private readonly max = 400, private readonly maxSeen = 5_000) {}

  /** The name for `text`, or undefined while it stays unnamed. */
  nameOf(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined || this.names.size >= this.max) return name;
    if (!this.seen.has(text)) {
      if (this.seen.size >= this.maxSeen) this.seen.clear();
      this.seen.add(text);
      return undefined;
    }
    this.seen.delete(text);
    const fresh = `invigil_${this.names.size + 1}`;
    this.names.set(text, fresh);
    return fresh;
  }

  get size(): number {
    return this.names.size;
  }
}

/** A pg client that runs repeated statements as named prepared statements (see StatementNames). */
function preparingClient(names: StatementNames): typeof pg.Client {
  return class PreparingClient extends pg.Client {
    // Kysely calls query(text, values) and awaits the promise; every other form passes through unchanged.
    override query(...args: unknown[]): never {
      const query = super.query as unknown as (...a: unknown[]) => never;
      const [text, values] = args;
      if (typeof text === 'string' && Array.isArray(values) && args.length === 2) {
        const name = names.nameOf(text);
        if (name) return query.call(this, { name, text, values });
      }
      return query.apply(this, args);
    }
  };
}

/** Opens a Kysely handle on a pg pool. `max` bounds the pool per instance. */
export function openDatabase(url: string, opts: { max?: number; applicationName?: string } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url, max: opts.max ?? 20, application_name: opts.applicationName ?? 'invigil',
    Client: preparingClient(new StatementNames()),
  });
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
