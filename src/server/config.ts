import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  INVIGIL_DATA_DIR: z.string().min(1).default('data'),
  INVIGIL_BLOB_DIR: z.string().min(1).optional(),
  PUBLIC_URL: z.url().optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).default('Invigil <no-reply@invigil.localhost>'),
  INVIGIL_DEMO: z.enum(['0', '1', 'true', 'false']).optional(),
  INVIGIL_PG_OS_USER: z.string().regex(/^[a-z_][a-z0-9_-]*$/).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('false'),
});

/** Validated configuration, read once at boot (the only place `process.env` is read). */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** External PostgreSQL; when absent Invigil runs its embedded server in `dataDir/pg`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Where photos and recordings are kept (the local blob store); default `dataDir/blobs`. */
  blobDir: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Demo mode: loads the demo program and shows the mail outbox to admins. */
  demo: boolean;
  pgOsUser: string | undefined;
  logLevel: string;
  trustProxy: boolean;
  version: string;
}

const truthy = (v: string | undefined) => v === '1' || v === 'true';

/** Parses the environment, listing every problem at once (throws a single error naming them all). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // An empty variable (common in .env files and CI settings) means "not set".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const host = e.HOST;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(cwd, e.INVIGIL_DATA_DIR),
    blobDir: path.resolve(cwd, e.INVIGIL_BLOB_DIR ?? path.join(e.INVIGIL_DATA_DIR, 'blobs')),
    publicUrl: (e.PUBLIC_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    demo: e.INVIGIL_DEMO === undefined ? e.NODE_ENV !== 'production' : truthy(e.INVIGIL_DEMO),
    pgOsUser: e.INVIGIL_PG_OS_USER,
    logLevel: e.LOG_LEVEL,
    trustProxy: truthy(e.TRUST_PROXY),
    version: '0.1.0',
  };
}
