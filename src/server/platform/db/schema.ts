import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

/** Table types for Kysely (snake_case as in SQL). Migrations are the source of truth; keep this in step. */
export interface Database {
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  outbox_emails: OutboxEmailsTable;
  audit_log: AuditLogTable;
  programs: ProgramsTable;
  exams: ExamsTable;
  exam_domains: ExamDomainsTable;
  exam_policies: ExamPoliciesTable;
  items: ItemsTable;
  item_versions: ItemVersionsTable;
  fixed_forms: FixedFormsTable;
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
  at: Timestamp;
}

export interface OutboxEmailsTable {
  id: string;
  seq: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
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
  created_by: string | null;
  created_at: Timestamp;
}
