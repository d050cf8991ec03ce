import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** Table types for Kysely (snake_case as in SQL). Migrations are the source of truth; keep this in step. */
export interface Database {
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  known_devices: KnownDevicesTable;
  service_heartbeat: ServiceHeartbeatTable;
  outbox_emails: OutboxEmailsTable;
  audit_log: AuditLogTable;
  programs: ProgramsTable;
  exams: ExamsTable;
  exam_domains: ExamDomainsTable;
  exam_policies: ExamPoliciesTable;
  items: ItemsTable;
  item_versions: ItemVersionsTable;
  fixed_forms: FixedFormsTable;
  shift_rules: ShiftRulesTable;
  shift_exceptions: ShiftExceptionsTable;
  capacity_buckets: CapacityBucketsTable;
  seat_holds: SeatHoldsTable;
  appointments: AppointmentsTable;
  appointment_events: AppointmentEventsTable;
  accommodations: AccommodationsTable;
  vouchers: VouchersTable;
  ledger_entries: LedgerEntriesTable;
  idempotency_keys: IdempotencyKeysTable;
  jobs: JobsTable;
  attempts: AttemptsTable;
  attempt_pauses: AttemptPausesTable;
  proctor_presence: ProctorPresenceTable;
  attempt_messages: AttemptMessagesTable;
  attempt_chat_reads: AttemptChatReadsTable;
  attempt_snapshots: AttemptSnapshotsTable;
  attempt_journal: AttemptJournalTable;
  attempt_events: AttemptEventsTable;
  launch_exceptions: LaunchExceptionsTable;
  server_keys: ServerKeysTable;
  checkins: CheckinsTable;
  checkin_photos: CheckinPhotosTable;
  checkin_scan_chunks: CheckinScanChunksTable;
  session_recordings: SessionRecordingsTable;
  results: ResultsTable;
  result_appeals: ResultAppealsTable;
  signing_keys: SigningKeysTable;
  credentials: CredentialsTable;
  session_recording_chunks: SessionRecordingChunksTable;
  system_test_results: SystemTestResultsTable;
}

export interface UsersTable {
  id: string;
  email: string;
  legal_name: string;
  password_hash: string | null;
  time_zone: string;
  language: string;
  email_verified_at: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserRolesTable {
  user_id: string;
  role: 'candidate' | 'proctor' | 'admin';
  granted_at: Timestamp;
  granted_by: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  user_agent: string | null;
  ip: string | null;
}

export interface UserTokensTable {
  id: string;
  user_id: string;
  purpose: 'verify_email' | 'reset_password' | 'invite';
  email: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginFailuresTable {
  id: Generated<string>;
  email: string;
  ip: string | null;
  /** SHA-256 of the device cookie the failed try came with, if any. */
  device_hash: string | null;
  at: Timestamp;
}

export interface ServiceHeartbeatTable {
  /** One row, 'service': the latest moment any instance was alive. */
  id: string;
  alive_at: Timestamp;
}

export interface KnownDevicesTable {
  /** SHA-256 (hex) of the device cookie; the cookie itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  last_used_at: Timestamp;
}

export interface OutboxEmailsTable {
  id: string;
  seq: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** `{ filename, contentType, content }[]` with text content (calendar invites). */
  attachments: ColumnType<MailAttachment[], string | undefined, string>;
  created_at: Timestamp;
  next_attempt_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  sent_at: Timestamp | null;
  failed_at: Timestamp | null;
  last_error: string | null;
}

export interface AuditLogTable {
  seq: ColumnType<string, number | string, never>;
  at: Timestamp;
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  data: ColumnType<unknown, string, never>;
  prev_hash: string;
  hash: string;
}

export interface ProgramsTable {
  id: string;
  name: string;
  contact_email: string | null;
  website: string | null;
  issuer_name: string;
  issuer_url: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ExamsTable {
  id: string;
  program_id: string;
  code: string;
  title: string;
  level: 'foundational' | 'associate' | 'professional' | 'specialty';
  description: string;
  languages: string[];
  duration_minutes: number;
  scored_item_count: number;
  unscored_item_count: number;
  scale_min: number;
  scale_max: number;
  passing_score: number;
  /** bigint: read as a string by pg, converted where read. */
  price_minor: ColumnType<string, number, number>;
  currency: string;
  practice: boolean;
  form_mode: 'random' | 'fixed';
  status: 'draft' | 'published' | 'retired';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ExamDomainsTable {
  exam_id: string;
  code: string;
  name: string;
  weight: number;
  position: number;
}

export interface ExamPoliciesTable {
  exam_id: string;
  version: number;
  policy: ColumnType<unknown, string, string>;
  created_at: Timestamp;
  created_by: string | null;
}

export interface ItemsTable {
  id: string;
  exam_id: string;
  identifier: string;
  version: number;
  title: string;
  domain: string;
  status: 'draft' | 'active' | 'retired';
  scored: boolean;
  content: ColumnType<unknown, string, string>;
  delivered_at: Timestamp | null;
  author_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ItemVersionsTable {
  item_id: string;
  version: number;
  title: string;
  domain: string;
  status: string;
  scored: boolean;
  content: ColumnType<unknown, string, string>;
  author_id: string | null;
  created_at: Timestamp;
}

export interface FixedFormsTable {
  id: string;
  exam_id: string;
  name: string;
  item_identifiers: string[];
  /** The program's equating table (index = raw score → scaled score), or null: the exam's two-line conversion. */
  equating: number[] | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ShiftRulesTable {
  id: string;
  proctor_id: string;
  program_id: string;
  weekdays: number[];
  start_time: string;
  end_time: string;
  time_zone: string;
  valid_from: string;
  valid_until: string | null;
  proctoring: boolean;
  greeting: boolean;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ShiftExceptionsTable {
  id: string;
  proctor_id: string;
  program_id: string;
  kind: 'add' | 'cancel';
  starts_at: Timestamp;
  ends_at: Timestamp;
  proctoring: boolean;
  greeting: boolean;
  note: string;
  created_by: string | null;
  created_at: Timestamp;
}

/** bigint columns come back from pg as strings. */
type BigintColumn = ColumnType<string, number | string | bigint, number | string | bigint>;

export interface CapacityBucketsTable {
  program_id: string;
  starts_at: Timestamp;
  seat_units_total: BigintColumn;
  seat_units_taken: Generated<string>;
  checkin_units_total: BigintColumn;
  checkin_units_taken: Generated<string>;
}

/** The capacity an appointment or hold takes (see core/scheduling/capacity.ts). */
interface ClaimColumns {
  span_start: Timestamp;
  span_end: Timestamp;
  checkin_bucket: Timestamp;
  seat_units: BigintColumn;
  checkin_units: BigintColumn;
}

export interface SeatHoldsTable extends ClaimColumns {
  id: string;
  candidate_id: string;
  exam_id: string;
  program_id: string;
  language: string;
  starts_at: Timestamp;
  duration_minutes: number;
  extra_minutes: number;
  expires_at: Timestamp;
  status: 'pending' | 'active' | 'released' | 'expired' | 'booked';
  created_at: Timestamp;
}

export interface AppointmentsTable extends ClaimColumns {
  id: string;
  candidate_id: string;
  exam_id: string;
  program_id: string;
  hold_id: string | null;
  language: string;
  starts_at: Timestamp;
  duration_minutes: number;
  extra_minutes: number;
  status: 'booked' | 'checked_in' | 'completed' | 'cancelled' | 'no_show';
  reschedule_count: Generated<number>;
  calendar_sequence: Generated<number>;
  price_minor: BigintColumn;
  discount_minor: BigintColumn;
  voucher_minor: BigintColumn;
  paid_minor: BigintColumn;
  refunded_minor: ColumnType<string, number | string | undefined, number | string>;
  forfeited_minor: ColumnType<string, number | string | undefined, number | string>;
  currency: string;
  payment_method: 'free' | 'voucher' | 'invoice';
  code: string | null;
  invoice_reference: string | null;
  outcome: 'pass' | 'fail' | null;
  outcome_at: Timestamp | null;
  launch_authorised_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  launch_authorised_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the free move a failed system test grants was used (see core systemTestRescue). */
  system_test_reschedule_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  cancelled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AppointmentEventsTable {
  id: Generated<string>;
  appointment_id: string;
  actor_id: string | null;
  kind: string;
  data: unknown;
  created_at: Timestamp;
}

export interface AccommodationsTable {
  id: string;
  candidate_id: string;
  kind: 'extra_time_minutes' | 'extra_time_percent' | 'screen_reader' | 'other';
  minutes: number | null;
  percent: number | null;
  note: string;
  status: 'requested' | 'approved' | 'declined' | 'withdrawn';
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

export interface VouchersTable {
  code: string;
  kind: 'voucher' | 'discount';
  percent_off: number | null;
  amount_off_minor: BigintColumn | null;
  currency: string | null;
  exam_id: string | null;
  max_uses: number;
  uses: Generated<number>;
  valid_until: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface LedgerEntriesTable {
  id: Generated<string>;
  appointment_id: string;
  candidate_id: string;
  kind: 'fee' | 'discount' | 'voucher' | 'payment' | 'refund' | 'forfeit';
  amount_minor: BigintColumn;
  currency: string;
  provider: string;
  reference: string | null;
  created_at: Timestamp;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  response: unknown;
  created_at: Timestamp;
}

export interface JobsTable {
  id: string;
  name: string;
  version: number;
  payload: unknown;
  unique_key: string | null;
  run_at: Timestamp;
  attempts: Generated<number>;
  last_error: string | null;
  done_at: Timestamp | null;
  failed_at: Timestamp | null;
  created_at: Timestamp;
}

export interface AttemptsTable {
  id: string;
  candidate_id: string;
  exam_id: string;
  appointment_id: string | null;
  practice: boolean;
  policy_version: number;
  policy: unknown;
  seed: string;
  /** `{ items: { key, itemId, version, domain, scored, optionOrder }[] }` */
  form: unknown;
  status: 'authorised' | 'in_progress' | 'paused' | 'submitted' | 'expired' | 'terminated';
  duration_minutes: number;
  extra_minutes: number;
  added_minutes: Generated<number>;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  last_seen_at: Timestamp | null;
  paused_reason: string | null;
  raw_score: number | null;
  /** The equating table of the fixed form this attempt was given (null: the two-line conversion). */
  equating: number[] | null;
  max_score: number | null;
  raw_cut: number | null;
  scaled_score: number | null;
  passed: boolean | null;
  domain_scores: unknown;
  proctor_id: string | null;
  proctor_assigned_at: Timestamp | null;
  unwatched_since: Timestamp | null;
  /** `{ reason, note, at, by }` until the candidate acknowledges it. */
  warning: unknown;
  /** Why staff ended the attempt (a termination), shown to the candidate. */
  end_reason: string | null;
  rescan_requested_at: Timestamp | null;
  rescan_reason: string | null;
  /** Item keys whose answers were locked at a break. */
  locked_items: Generated<string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProctorPresenceTable {
  proctor_id: string;
  seen_at: Timestamp;
  accepting: Generated<boolean>;
}

export interface AttemptMessagesTable {
  id: string;
  attempt_id: string;
  seq: Generated<string>;
  sender_id: string | null;
  sender_role: 'candidate' | 'proctor' | 'system';
  body: string;
  created_at: Timestamp;
}

export interface AttemptSnapshotsTable {
  attempt_id: string;
  jpeg: Buffer;
  taken_at: Timestamp;
}

export interface AttemptChatReadsTable {
  attempt_id: string;
  user_id: string;
  last_seq: ColumnType<string, number | string, number | string>;
}

export interface AttemptPausesTable {
  id: Generated<string>;
  attempt_id: string;
  reason: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  started_by: string | null;
  ended_by: string | null;
}

export interface AttemptJournalTable {
  attempt_id: string;
  key: string;
  value: unknown;
  seq: BigintColumn;
  saved_at: Timestamp;
}

export interface AttemptEventsTable {
  id: Generated<string>;
  attempt_id: string;
  kind: string;
  actor_id: string | null;
  reason: string | null;
  data: unknown;
  client_at: Timestamp | null;
  at: Timestamp;
}

/** A launch without the usual check-in: requested by one staff member, approved by another (migration 2026-12-03T1700). */
export interface LaunchExceptionsTable {
  id: string;
  appointment_id: string;
  reason_code: string;
  note: string;
  requested_by: string;
  requested_at: Timestamp;
  approved_by: string | null;
  approved_at: Timestamp | null;
}

export interface ServerKeysTable {
  name: string;
  secret: Buffer;
  created_at: Timestamp;
}

export interface CheckinsTable {
  id: string;
  appointment_id: string;
  candidate_id: string;
  status: 'in_progress' | 'submitted' | 'in_review' | 'approved' | 'retake_requested' | 'rejected' | 'room_scan' | 'completed' | 'expired';
  required_photos: string[];
  rules_accepted_at: Timestamp | null;
  phone_token_hash: string | null;
  phone_token_expires_at: Timestamp | null;
  submitted_at: Timestamp | null;
  claimed_by: string | null;
  claimed_at: Timestamp | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
  retake_photos: ColumnType<string[], string[] | undefined, string[]>;
  /** The current room-scan take (0: not started). */
  scan_take: ColumnType<number, number | undefined, number>;
  scan_started_at: Generated<Date | null>;
  scan_completed_at: Generated<Date | null>;
  /** When the photos and recordings were deleted (retention). */
  media_purged_at: Generated<Date | null>;
  help_requested_at: Generated<Date | null>;
  help_message: Generated<string | null>;
  help_reply: Generated<string | null>;
  help_replied_at: Generated<Date | null>;
  help_replied_by: Generated<string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CheckinScanChunksTable {
  checkin_id: string;
  take: number;
  seq: number;
  blob_key: string;
  bytes: number;
  received_at: Timestamp;
}

export interface CheckinPhotosTable {
  checkin_id: string;
  kind: string;
  blob_key: string;
  width: number;
  height: number;
  via: 'desktop' | 'phone';
  uploaded_at: Timestamp;
}

export interface SystemTestResultsTable {
  id: string;
  user_id: string;
  passed: boolean;
  checks: unknown;
  user_agent: string;
  created_at: Timestamp;
}

export interface ResultsTable {
  attempt_id: string;
  candidate_id: string;
  exam_id: string;
  appointment_id: string | null;
  state: 'validating' | 'held' | 'released' | 'invalidated';
  scaled_score: number;
  passing_score: number;
  passed: boolean;
  /** `DomainFeedback[]` (core/results/feedback.ts) */
  domains: unknown;
  /** `Hold[]`: why the result is held, each with its evidence */
  holds: unknown;
  taken_at: Timestamp;
  release_at: Timestamp;
  released_at: Timestamp | null;
  decided_by: string | null;
  decision_note: string | null;
  invalidation_requested_by: string | null;
  invalidation_requested_at: Timestamp | null;
  invalidation_note: string | null;
  invalidated_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResultAppealsTable {
  id: string;
  attempt_id: string;
  candidate_id: string;
  statement: string;
  state: 'open' | 'upheld' | 'reinstated' | 'retake';
  /** Who reviews it: an admin who had no part in the session or its decision (null: waiting for one). */
  reviewer_id: string | null;
  filed_at: Timestamp;
  due_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_note: string | null;
  /** The free retake's voucher (outcome `retake`). */
  voucher_code: string | null;
}

export interface SigningKeysTable {
  /** RFC 7638 thumbprint of the public key. */
  kid: string;
  /** The Ed25519 public key as a JWK (kty OKP, crv Ed25519, x). */
  public_jwk: unknown;
  /** PKCS8 DER of the private key; null for a key read from a PEM file (only its public part is kept). */
  private_pkcs8: Buffer | null;
  source: 'database' | 'file';
  created_at: Timestamp;
  /** No longer signs; still published. */
  retired_at: Timestamp | null;
}

export interface CredentialsTable {
  id: string;
  attempt_id: string;
  candidate_id: string;
  exam_id: string;
  program_id: string;
  /** Which of the program's revocation status lists (1, 2, …) holds this credential's bit, and where. */
  status_list: number;
  status_index: number;
  issued_at: Timestamp;
  /** Null: never expires. */
  valid_until: Timestamp | null;
  revoked_at: Timestamp | null;
  revocation_reason: string | null;
  /** The signed credential (a compact JWS, VC-JOSE). */
  jwt: string;
  kid: string;
}

export interface SessionRecordingsTable {
  id: string;
  attempt_id: string;
  kind: 'camera' | 'screen' | 'room_scan';
  started_at: Timestamp;
  ended_at: Timestamp | null;
  /** How many chunks the browser said it made, when it ended the recording itself. */
  declared_chunks: number | null;
  chunks: Generated<number>;
  bytes: Generated<string>;
  last_chunk_at: Timestamp | null;
  assembled_key: string | null;
  assembled_bytes: string | null;
  duration_ms: number | null;
  assembled_at: Timestamp | null;
  assembly_error: string | null;
  purged_at: Timestamp | null;
}

export interface SessionRecordingChunksTable {
  recording_id: string;
  seq: number;
  blob_key: string;
  bytes: number;
  received_at: Timestamp;
}
