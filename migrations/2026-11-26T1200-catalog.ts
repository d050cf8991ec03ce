import { sql, type Kysely } from 'kysely';

// Programs, exams with versioned policies and blueprints, the item bank with version history, fixed forms.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('programs')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text')
    .addColumn('website', 'text')
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('issuer_url', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema.createTable('exams')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('program_id', 'uuid', (c) => c.notNull().references('programs.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('foundational', 'associate', 'professional', 'specialty')`))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('languages', sql`text[]`, (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('scored_item_count', 'integer', (c) => c.notNull())
    .addColumn('unscored_item_count', 'integer', (c) => c.notNull())
    .addColumn('scale_min', 'integer', (c) => c.notNull())
    .addColumn('scale_max', 'integer', (c) => c.notNull())
    .addColumn('passing_score', 'integer', (c) => c.notNull())
    .addColumn('price_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('practice', 'boolean', (c) => c.notNull())
    .addColumn('form_mode', 'text', (c) => c.notNull().check(sql`form_mode in ('random', 'fixed')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published', 'retired')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('exams_scale', sql`scale_min < scale_max and passing_score between scale_min and scale_max`)
    .execute();

  await db.schema.createTable('exam_domains')
    .addColumn('exam_id', 'uuid', (c) => c.notNull().references('exams.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull().check(sql`weight between 1 and 100`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('exam_domains_pkey', ['exam_id', 'code'])
    .execute();

  await db.schema.createTable('exam_policies')
    .addColumn('exam_id', 'uuid', (c) => c.notNull().references('exams.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('policy', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('exam_policies_pkey', ['exam_id', 'version'])
    .execute();

  await db.schema.createTable('items')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('exam_id', 'uuid', (c) => c.notNull().references('exams.id').onDelete('cascade'))
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'active', 'retired')`))
    .addColumn('scored', 'boolean', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('author_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('items_exam_identifier_key', ['exam_id', 'identifier'])
    .execute();
  await db.schema.createIndex('items_exam_domain_idx').on('items').columns(['exam_id', 'domain', 'status']).execute();

  await db.schema.createTable('item_versions')
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scored', 'boolean', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('author_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_versions_pkey', ['item_id', 'version'])
    .execute();

  await db.schema.createTable('fixed_forms')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('exam_id', 'uuid', (c) => c.notNull().references('exams.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('item_identifiers', sql`text[]`, (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('fixed_forms_exam_name_key', ['exam_id', 'name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['fixed_forms', 'item_versions', 'items', 'exam_policies', 'exam_domains', 'exams', 'programs']) await db.schema.dropTable(t).ifExists().execute();
}
