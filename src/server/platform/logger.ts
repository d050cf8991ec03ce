import pino, { type Logger as PinoLogger } from 'pino';
import { createRequire } from 'node:module';

// pino-pretty only where a person reads the log: production and CI never load it.
const loadPretty = () => createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty').build;

export type Logger = PinoLogger;

/** Paths pino blanks out wherever they appear in a log line: credentials, tokens and media links. */
export const redactPaths = [
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
  // At the top of a line and one level down (pino's `*` is exactly one level).
  ...['password', 'currentPassword', 'newPassword', 'token', 'secret', 'passwordHash', 'databaseUrl'].flatMap((key) => [key, `*.${key}`]),
];

/** A URL with the values of secret-bearing query parameters (emailed-link tokens) blanked. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|code|secret)=)[^&#]*/gi, '$1[redacted]');
}

/** Whether a person reads the log: stdout is a terminal and this is not a CI run. */
export const readableLogs = (): boolean => Boolean(process.stdout.isTTY) && !process.env.CI;

/**
 * The process logger, secrets redacted: JSON lines on stdout (production, CI, anything that collects logs), or with
 * `format: 'pretty'` one readable, coloured line per event (written synchronously, no worker thread).
 */
export function createLogger(level: string, format: 'json' | 'pretty' = 'json', destination?: NodeJS.WritableStream): Logger {
  const stream = format === 'pretty'
    ? loadPretty()({ colorize: !destination, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service,event', singleLine: true, ...(destination ? { destination } : {}) })
    : destination;
  return pino({
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { service: 'invigil' },
    serializers: {
      req: (req: { method: string; url: string; headers?: Record<string, unknown>; ip?: string }) => ({
        method: req.method, url: redactUrl(req.url), userAgent: req.headers?.['user-agent'], ip: req.ip,
      }),
    },
  }, stream);
}
