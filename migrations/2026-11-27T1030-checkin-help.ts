import type { Kysely } from 'kysely';

// "Ask for help" during check-in: the candidate's message and a greeter's answer, shown to each other live.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkins')
    .addColumn('help_requested_at', 'timestamptz')
    .addColumn('help_message', 'text')
    .addColumn('help_reply', 'text')
    .addColumn('help_replied_at', 'timestamptz')
    .addColumn('help_replied_by', 'uuid', (c) => c.references('users.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkins').dropColumn('help_requested_at').dropColumn('help_message').dropColumn('help_reply')
    .dropColumn('help_replied_at').dropColumn('help_replied_by').execute();
}
