import { sql, type Kysely } from 'kysely';

// Items whose answers were locked when the candidate started a break (policies that lock answered items at a break).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attempts').addColumn('locked_items', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attempts').dropColumn('locked_items').execute();
}
