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
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('false'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  ICE_SERVERS: z.string().optional(),
  TURN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  FFMPEG_PATH: z.string().min(1).default('ffmpeg'),
  FFPROBE_PATH: z.string().min(1).default('ffprobe'),
  INVIGIL_SIGNING_KEY_FILE: z.string().min(1).optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
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
  /** `pretty` (readable lines) or `json`; unset: pretty when stdout is a terminal outside CI, JSON otherwise. */
  logFormat?: 'json' | 'pretty' | undefined;
  trustProxy: boolean;
  /** Redis for the live-update bus across app instances (scale-out); in-process when absent. */
  redisUrl: string | undefined;
  /** STUN/TURN servers for live video and the system test's WebRTC check. */
  iceServers: IceServerConfig[];
  /** coturn `static-auth-secret`: TURN credentials are minted per user, valid for a few hours. */
  turnSecret: string | undefined;
  /** ffmpeg and ffprobe (Debian package `ffmpeg`): they make session recordings seekable. Without them recordings still
   * play, from their raw chunks, without seeking. */
  ffmpegPath: string;
  ffprobePath: string;
  /** An Ed25519 private key (PKCS8 PEM) that signs credentials; when absent, a key kept in the database does
   * (made on first use, replaced by `invigil keys rotate`). */
  signingKeyFile: string | undefined;
  /** A bearer token for `/metrics`; without one, only direct connections from this machine (no proxy) may read it. */
  metricsToken: string | undefined;
  version: string;
}

const truthy = (v: string | undefined) => v === '1' || v === 'true';

/** One STUN or TURN server as RTCPeerConnection takes it. TURN servers without a username get minted credentials. */
export interface IceServerConfig {
  urls: string[];
  username?: string;
  credential?: string;
}

const IceUrl = z.string().regex(/^(stun|stuns|turn|turns):[^\s]+$/, 'must be a stun:, stuns:, turn: or turns: URL');
const IceServersJson = z.array(z.strictObject({
  urls: z.union([IceUrl, z.array(IceUrl).min(1)]),
  username: z.string().min(1).optional(),
  credential: z.string().min(1).optional(),
}));

/**
 * ICE_SERVERS: either a JSON array of `{ urls, username?, credential? }` (as RTCPeerConnection takes) or a
 * comma-separated list of URLs, e.g. `stun:turn.example.org:3478,turn:turn.example.org:3478?transport=udp`.
 * Unset: no STUN/TURN (fine on one network; candidates at home need a TURN server, e.g. coturn).
 */
export function parseIceServers(raw: string | undefined): IceServerConfig[] {
  if (!raw) return [];
  const trimmed = raw.trim();
  if (trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      throw new Error('Invalid configuration:\n  ICE_SERVERS: not valid JSON');
    }
    const parsed = IceServersJson.safeParse(json);
    if (!parsed.success) throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ICE_SERVERS.${i.path.join('.')}: ${i.message}`).join('\n')}`);
    return parsed.data.map((s) => ({ ...s, urls: Array.isArray(s.urls) ? s.urls : [s.urls] }));
  }
  const urls = trimmed.split(',').map((u) => u.trim()).filter(Boolean);
  const bad = urls.filter((u) => !IceUrl.safeParse(u).success);
  if (bad.length) throw new Error(`Invalid configuration:\n  ICE_SERVERS: ${bad.join(', ')} must be stun:, stuns:, turn: or turns: URLs`);
  return urls.map((u) => ({ urls: [u] }));
}

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
    logFormat: e.LOG_FORMAT,
    trustProxy: truthy(e.TRUST_PROXY),
    redisUrl: e.REDIS_URL,
    iceServers: parseIceServers(e.ICE_SERVERS),
    turnSecret: e.TURN_SECRET,
    ffmpegPath: e.FFMPEG_PATH,
    ffprobePath: e.FFPROBE_PATH,
    signingKeyFile: e.INVIGIL_SIGNING_KEY_FILE === undefined ? undefined : path.resolve(cwd, e.INVIGIL_SIGNING_KEY_FILE),
    metricsToken: e.METRICS_TOKEN,
    version: '0.1.0',
  };
}
