import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function captured(format: 'json' | 'pretty') {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString()));
  return { log: createLogger('info', format, out), text: () => chunks.join('') };
}

describe('the process logger', () => {
  it('writes one readable line per event for a person, with secrets still redacted', () => {
    const { log, text } = captured('pretty');
    log.info({ event: 'server.ready', url: 'http://127.0.0.1:3000', password: 'hunter2' }, 'server.ready');
    log.info({ req: { method: 'GET', url: '/api/v1/auth/reset-password?token=abc123', headers: {} } }, 'incoming request');
    const lines = text().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: server\.ready .*"url":"http:\/\/127\.0\.0\.1:3000"/);
    expect(text()).not.toContain('hunter2');
    expect(text()).not.toContain('abc123');
    expect(text()).toContain('token=[redacted]');
  });

  it('writes JSON lines for machines', () => {
    const { log, text } = captured('json');
    log.warn({ event: 'purge.failed', secret: 's3cret' }, 'purge.failed');
    const line = JSON.parse(text().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 40, msg: 'purge.failed', service: 'invigil', secret: '[redacted]' });
  });
});
