import { z } from 'zod';
import { Email, LegalName, Password, Role, StaffRole, User } from './accounts.ts';
import { IsoDateTime, Uuid } from './common.ts';

export const ListUsersQuery = z.strictObject({
  role: Role.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const UserList = z.object({ users: z.array(User) });

export const CreateStaffBody = z.strictObject({
  email: Email,
  legalName: LegalName,
  roles: z.array(StaffRole).min(1).refine((r) => new Set(r).size === r.length, 'Roles must not repeat.'),
  password: Password.optional().meta({ description: 'Set a password now; omit it to email an invitation link instead.' }),
  timeZone: z.string().max(64).optional(),
});
export const CreateStaffResponse = z.object({ user: User, invited: z.boolean() });

export const CreateApiTokenBody = z.strictObject({
  userId: Uuid,
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const ApiToken = z.object({
  id: Uuid,
  userId: Uuid,
  userEmail: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime.nullable(),
  lastUsedAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
}).meta({ id: 'ApiToken' });
export const CreateApiTokenResponse = z.object({
  token: z.string().meta({ description: 'The secret, shown once. Send it as `Authorization: Bearer <token>`.' }),
  apiToken: ApiToken,
});
export const ApiTokenList = z.object({ tokens: z.array(ApiToken) });
export const IdParams = z.strictObject({ id: Uuid });

export const OutboxEmail = z.object({
  id: Uuid,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: IsoDateTime,
  sentAt: IsoDateTime.nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
}).meta({ id: 'OutboxEmail' });
export const OutboxList = z.object({ emails: z.array(OutboxEmail) });
export const OutboxQuery = z.strictObject({
  to: z.string().trim().max(254).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: IsoDateTime,
  actorId: Uuid.nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  data: z.unknown(),
  hash: z.string(),
}).meta({ id: 'AuditEntry' });
export const AuditList = z.object({ entries: z.array(AuditEntry) });
export const AuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  brokenAt: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});
