import type { Kysely } from 'kysely';

// Server-wide keys shared by every instance (the signing key of blob links).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('server_keys')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('secret', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('server_keys').ifExists().execute();
}
