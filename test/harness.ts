/**
 * Server-test harness: each call makes a fresh database (a clone of the migrated template) and an app on it,
 * driven in-process with `app.inject()`. Factories create the users a test needs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { loadConfig, type Config } from '../src/server/config.ts';
import { createAccount } from '../src/server/accounts/create-account.ts';
import { fixedClock } from '../src/server/platform/clock.ts';
import { openDatabase, type Db } from '../src/server/platform/db/database.ts';
import type { Deps } from '../src/server/platform/deps.ts';
import { createLogger } from '../src/server/platform/logger.ts';
import { cryptoIds } from '../src/server/platform/secrets.ts';
import { localBlobStore } from '../src/server/platform/blobs.ts';
import { inProcessBus } from '../src/server/platform/bus.ts';
import type { Role } from '../src/core/accounts/roles.ts';

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A new, migrated database of its own (cloned from the template made by the global setup). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  const name = `${template}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const db = openDatabase(u.toString(), { max: 5 });
  return {
    url: u.toString(),
    db,
    async drop() {
      await db.destroy();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), publicUrl: 'http://invigil.test', ...overrides };
}

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  db: Db;
  clock: ReturnType<typeof fixedClock>;
  /** Mail poked for delivery since the app started (counts calls). */
  pokes: { count: number };
  close(): Promise<void>;
}

/** An app on a fresh database with a controllable clock starting at `now`. */
export async function createTestApp(opts: { config?: Partial<Config>; now?: Date } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = fixedClock(opts.now ?? new Date('2026-11-26T09:00:00Z'));
  const pokes = { count: 0 };
  const config = testConfig(opts.config);
  const deps: Deps = { db: database.db, clock, ids: cryptoIds, log: createLogger('silent'), config, mailPoke: () => { pokes.count++; }, blobs: localBlobStore(mkdtempSync(path.join(os.tmpdir(), 'invigil-test-blobs-'))), bus: inProcessBus() };
  const app = await buildApp(deps);
  return {
    app, deps, db: database.db, clock, pokes,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

let counter = 0;
/** A unique email for a test user. */
export const uniqueEmail = (label = 'user') => `${label}.${Date.now().toString(36)}${(counter++).toString(36)}@example.org`;

/** Creates a user with a known password directly (no HTTP), verified. */
export async function createUser(t: TestApp, roles: Role[] = ['candidate'], password = 'correct horse battery'): Promise<{ id: string; email: string; password: string }> {
  const email = uniqueEmail(roles.join('-'));
  const { user } = await createAccount(t.deps, 'system', { email, legalName: `Test ${roles.join(' ')}`, roles, password });
  return { id: user.id, email, password };
}

/** Signs in through the API and returns the Cookie header value to send with later requests. */
export async function logInAs(t: TestApp, user: { email: string; password: string }): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return sessionCookie(res);
}

/** The `name=value` of the session cookie a response sets. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'invigil_session');
  if (!c) throw new Error('no session cookie set');
  return `${c.name}=${c.value}`;
}

/** The link in the newest outbox mail to `to`. */
export async function latestLinkTo(db: Db, to: string): Promise<string> {
  const mail = await db.selectFrom('outbox_emails').select('text_body').where('to_address', '=', to).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  const m = /https?:\/\/\S+/.exec(mail.text_body);
  if (!m) throw new Error('no link in mail');
  return m[0];
}
