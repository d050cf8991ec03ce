import { sql, type Kysely } from 'kysely';

// Known devices: a browser that has signed in to an account keeps a device cookie; its hash, bound to that account,
// lets the rightful owner in while sign-ins from elsewhere are throttled. Failures remember the device they came from.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('known_devices')
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('known_devices_pk', ['token_hash', 'user_id'])
    .execute();
  await db.schema.createIndex('known_devices_user_idx').on('known_devices').columns(['user_id', 'last_used_at']).execute();
  await db.schema.alterTable('login_failures').addColumn('device_hash', 'text').execute();
  await sql`create index login_failures_email_ip_idx on login_failures (email, ip, at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists login_failures_email_ip_idx`.execute(db);
  await db.schema.alterTable('login_failures').dropColumn('device_hash').execute();
  await db.schema.dropTable('known_devices').execute();
}
