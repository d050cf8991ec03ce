import {
  ApiTokenList, AuditList, AuditVerification, CreateApiTokenBody, CreateApiTokenResponse, CreateStaffBody, CreateStaffResponse, IdParams,
  ListUsersQuery, OutboxList, OutboxQuery, UserList,
} from '../../contracts/admin.ts';
import { PageQuery } from '../../contracts/common.ts';
import { listApiTokenViews } from '../accounts/api-tokens.ts';
import { createAccount } from '../accounts/create-account.ts';
import { createApiToken } from '../accounts/create-api-token.ts';
import { listUsers } from '../accounts/list-users.ts';
import { revokeApiToken } from '../accounts/revoke-api-token.ts';
import { requireRole } from '../platform/auth.ts';
import { verifyAuditChain } from '../platform/audit.ts';
import type { Deps } from '../platform/deps.ts';
import { route } from '../platform/http/route.ts';
import { listAudit } from './list-audit.ts';
import { listOutbox } from './list-outbox.ts';

const admin = ['admin'] as const;

/** Admin routes: staff accounts, API tokens, the demo outbox and the audit log. */
export function adminRoutes(deps: Deps) {
  return [
    route({
      method: 'GET', url: '/api/v1/admin/users', summary: 'List accounts', tags: ['Admin'], access: admin,
      query: ListUsersQuery, response: { status: 200, schema: UserList },
      handler: async ({ principal, query }) => ({ users: await listUsers(deps, principal, query) }),
    }),
    route({
      method: 'POST', url: '/api/v1/admin/staff', summary: 'Create a proctor or admin account (with a password, or by emailed invitation)', tags: ['Admin'], access: admin,
      body: CreateStaffBody, response: { status: 201, schema: CreateStaffResponse },
      handler: async ({ principal, body }) => createAccount(deps, principal, body),
    }),
    route({
      method: 'GET', url: '/api/v1/admin/api-tokens', summary: 'List API tokens', tags: ['Admin'], access: admin,
      response: { status: 200, schema: ApiTokenList },
      handler: async ({ principal }) => {
        requireRole(principal, admin);
        return { tokens: await listApiTokenViews(deps.db) };
      },
    }),
    route({
      method: 'POST', url: '/api/v1/admin/api-tokens', summary: 'Create an API token acting as a user (the secret is shown once)', tags: ['Admin'], access: admin,
      body: CreateApiTokenBody, response: { status: 201, schema: CreateApiTokenResponse },
      handler: async ({ principal, body }) => createApiToken(deps, principal, body),
    }),
    route({
      method: 'DELETE', url: '/api/v1/admin/api-tokens/:id', summary: 'Revoke an API token', tags: ['Admin'], access: admin,
      params: IdParams, response: { status: 204 },
      handler: async ({ principal, params }) => revokeApiToken(deps, principal, params.id),
    }),
    route({
      method: 'GET', url: '/api/v1/admin/outbox', summary: 'The mail outbox (demo mode only)', tags: ['Admin'], access: admin,
      query: OutboxQuery, response: { status: 200, schema: OutboxList },
      handler: async ({ principal, query }) => ({ emails: await listOutbox(deps, principal, query) }),
    }),
    route({
      method: 'GET', url: '/api/v1/admin/audit', summary: 'The audit log, newest first', tags: ['Admin'], access: admin,
      query: PageQuery, response: { status: 200, schema: AuditList },
      handler: async ({ principal, query }) => ({ entries: await listAudit(deps, principal, query) }),
    }),
    route({
      method: 'GET', url: '/api/v1/admin/audit/verify', summary: 'Re-compute the audit hash chain', tags: ['Admin'], access: admin,
      response: { status: 200, schema: AuditVerification },
      handler: async ({ principal }) => {
        requireRole(principal, admin);
        return verifyAuditChain(deps.db);
      },
    }),
  ];
}
