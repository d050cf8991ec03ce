import pino, { type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/** Paths pino blanks out wherever they appear in a log line: credentials, tokens and media links. */
export const redactPaths = [
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
  '*.password', '*.currentPassword', '*.newPassword', '*.token', '*.secret', '*.passwordHash', '*.databaseUrl',
];

/** A URL with the values of secret-bearing query parameters (emailed-link tokens) blanked. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|code|secret)=)[^&#]*/gi, '$1[redacted]');
}

/** The process logger: JSON lines on stdout, secrets redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { service: 'invigil' },
    serializers: {
      req: (req: { method: string; url: string; headers?: Record<string, unknown>; ip?: string }) => ({
        method: req.method, url: redactUrl(req.url), userAgent: req.headers?.['user-agent'], ip: req.ip,
      }),
    },
  });
}
