import { sql, type Kysely } from 'kysely';

// Equating: a program may supply, per fixed form, the scaled score of every raw score (index = raw score). An attempt
// keeps the table of the form it was given, as it keeps the form, so later edits never rescore it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('fixed_forms').addColumn('equating', sql`integer[]`).execute();
  await db.schema.alterTable('attempts').addColumn('equating', sql`integer[]`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attempts').dropColumn('equating').execute();
  await db.schema.alterTable('fixed_forms').dropColumn('equating').execute();
}
