/**
 * Vitest global setup for the database tiers: a PostgreSQL server (the machine's, via TEST_DATABASE_URL, or an
 * embedded one started here) and a migrated template database that each test file clones (CREATE DATABASE …
 * TEMPLATE), so files run in parallel on databases of their own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../src/server/platform/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/server/platform/db/embedded-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

let embedded: EmbeddedPostgres | undefined;
let tmpDir: string | undefined;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    tmpDir = mkdtempSync(path.join(os.tmpdir(), 'invigil-test-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir: tmpDir });
    adminUrl = embedded.adminUrl;
  }
  const template = `invigil_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${template}`);
  await admin.end();
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: withDatabase(adminUrl, template), max: 1 }) }) });
  await migrateToLatest(db);
  await db.destroy();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    // Drop the template and any test database a crashed file left behind.
    const left = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1 or datname = $2`, [`${template}_%`, template]);
    for (const { datname } of left.rows) await c.query(`drop database if exists ${c.escapeIdentifier(datname)} with (force)`);
    await c.end();
    await embedded?.stop();
    if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  };
}
