import { sql, type Kysely } from 'kysely';

// Proctor shifts and quarter-hour capacity; holds, appointments, accommodations, codes, the fee ledger,
// idempotency keys, the job table, and mail attachments (calendar invites).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox_emails').addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`)).execute();

  await db.schema.createTable('shift_rules')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('proctor_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('program_id', 'uuid', (c) => c.notNull().references('programs.id'))
    .addColumn('weekdays', sql`smallint[]`, (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('proctoring', 'boolean', (c) => c.notNull())
    .addColumn('greeting', 'boolean', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shift_rules_program_idx').on('shift_rules').columns(['program_id', 'proctor_id']).execute();

  await db.schema.createTable('shift_exceptions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('proctor_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('program_id', 'uuid', (c) => c.notNull().references('programs.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('add', 'cancel')`))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('proctoring', 'boolean', (c) => c.notNull())
    .addColumn('greeting', 'boolean', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('shift_exceptions_span', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('shift_exceptions_program_idx').on('shift_exceptions').columns(['program_id', 'ends_at']).execute();

  // The capacity ledger: one row per program and quarter hour. The checks make overbooking impossible whatever the
  // code does: a booking adds to *_taken under a row lock, and a shift change lowering *_total below it fails.
  await db.schema.createTable('capacity_buckets')
    .addColumn('program_id', 'uuid', (c) => c.notNull().references('programs.id'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('seat_units_total', 'bigint', (c) => c.notNull())
    .addColumn('seat_units_taken', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('checkin_units_total', 'bigint', (c) => c.notNull())
    .addColumn('checkin_units_taken', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('capacity_buckets_pkey', ['program_id', 'starts_at'])
    .addCheckConstraint('capacity_seats_within_total', sql`seat_units_taken >= 0 and seat_units_taken <= seat_units_total`)
    .addCheckConstraint('capacity_checkins_within_total', sql`checkin_units_taken >= 0 and checkin_units_taken <= checkin_units_total`)
    .execute();

  const claimColumns = (t: any) => t
    .addColumn('span_start', 'timestamptz', (c: any) => c.notNull())
    .addColumn('span_end', 'timestamptz', (c: any) => c.notNull())
    .addColumn('checkin_bucket', 'timestamptz', (c: any) => c.notNull())
    .addColumn('seat_units', 'bigint', (c: any) => c.notNull())
    .addColumn('checkin_units', 'bigint', (c: any) => c.notNull());

  await claimColumns(db.schema.createTable('seat_holds')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('exam_id', 'uuid', (c) => c.notNull().references('exams.id'))
    .addColumn('program_id', 'uuid', (c) => c.notNull().references('programs.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('extra_minutes', 'integer', (c) => c.notNull()))
    .addColumn('expires_at', 'timestamptz', (c: any) => c.notNull())
    .addColumn('status', 'text', (c: any) => c.notNull().check(sql`status in ('pending', 'active', 'released', 'expired', 'booked')`))
    .addColumn('created_at', 'timestamptz', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('seat_holds_active_idx').on('seat_holds').columns(['program_id', 'expires_at']).where(sql.ref('status'), '=', 'active').execute();
  await db.schema.createIndex('seat_holds_candidate_idx').on('seat_holds').columns(['candidate_id', 'exam_id']).where(sql.ref('status'), '=', 'active').execute();

  await claimColumns(db.schema.createTable('appointments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('exam_id', 'uuid', (c) => c.notNull().references('exams.id'))
    .addColumn('program_id', 'uuid', (c) => c.notNull().references('programs.id'))
    .addColumn('hold_id', 'uuid', (c) => c.references('seat_holds.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('extra_minutes', 'integer', (c) => c.notNull()))
    .addColumn('status', 'text', (c: any) => c.notNull().check(sql`status in ('booked', 'checked_in', 'completed', 'cancelled', 'no_show')`))
    .addColumn('reschedule_count', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('calendar_sequence', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('price_minor', 'bigint', (c: any) => c.notNull())
    .addColumn('discount_minor', 'bigint', (c: any) => c.notNull())
    .addColumn('voucher_minor', 'bigint', (c: any) => c.notNull())
    .addColumn('paid_minor', 'bigint', (c: any) => c.notNull())
    .addColumn('refunded_minor', 'bigint', (c: any) => c.notNull().defaultTo(0))
    .addColumn('forfeited_minor', 'bigint', (c: any) => c.notNull().defaultTo(0))
    .addColumn('currency', 'text', (c: any) => c.notNull())
    .addColumn('payment_method', 'text', (c: any) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('invoice_reference', 'text')
    .addColumn('outcome', 'text', (c: any) => c.check(sql`outcome in ('pass', 'fail')`))
    .addColumn('outcome_at', 'timestamptz')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c: any) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c: any) => c.notNull())
    .execute();
  // One active appointment per candidate and exam, enforced by the database (two tabs booking at once get one).
  await db.schema.createIndex('appointments_one_active').on('appointments').columns(['candidate_id', 'exam_id']).unique()
    .where(sql.ref('status'), 'in', ['booked', 'checked_in']).execute();
  await db.schema.createIndex('appointments_program_start_idx').on('appointments').columns(['program_id', 'starts_at']).execute();

  await db.schema.createTable('appointment_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('appointment_id', 'uuid', (c) => c.notNull().references('appointments.id'))
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('appointment_events_appointment_idx').on('appointment_events').column('appointment_id').execute();

  await db.schema.createTable('accommodations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('extra_time_minutes', 'extra_time_percent', 'screen_reader', 'other')`))
    .addColumn('minutes', 'integer')
    .addColumn('percent', 'integer')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('requested', 'approved', 'declined', 'withdrawn')`))
    .addColumn('decision_reason', 'text')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accommodations_candidate_idx').on('accommodations').columns(['candidate_id', 'status']).execute();

  await db.schema.createTable('vouchers')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('voucher', 'discount')`))
    .addColumn('percent_off', 'integer')
    .addColumn('amount_off_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('exam_id', 'uuid', (c) => c.references('exams.id'))
    .addColumn('max_uses', 'integer', (c) => c.notNull())
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_until', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('vouchers_uses_within_max', sql`uses >= 0 and uses <= max_uses`)
    .execute();

  await db.schema.createTable('ledger_entries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('appointment_id', 'uuid', (c) => c.notNull().references('appointments.id'))
    .addColumn('candidate_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('fee', 'discount', 'voucher', 'payment', 'refund', 'forfeit')`))
    .addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_entries_appointment_idx').on('ledger_entries').column('appointment_id').execute();

  await db.schema.createTable('idempotency_keys')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['user_id', 'key'])
    .execute();

  await db.schema.createTable('jobs')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('unique_key', 'text', (c) => c.unique())
    .addColumn('run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('done_at', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').column('run_at').where(sql<boolean>`done_at is null and failed_at is null`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['jobs', 'idempotency_keys', 'ledger_entries', 'vouchers', 'accommodations', 'appointment_events', 'appointments', 'seat_holds', 'capacity_buckets', 'shift_exceptions', 'shift_rules']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema.alterTable('outbox_emails').dropColumn('attachments').execute();
}
