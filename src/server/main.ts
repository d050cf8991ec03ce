import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { demoAccounts, isEmptyInstance, seedDemo } from '../../demo/seed-demo.ts';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { purgeExpiredCredentials } from './platform/auth.ts';
import { systemClock } from './platform/clock.ts';
import type { Db } from './platform/db/database.ts';
import type { Deps } from './platform/deps.ts';
import type { Logger } from './platform/logger.ts';
import { startMailDelivery, type MailDelivery } from './platform/mail.ts';
import { startJobRunner, type JobRunner } from './platform/jobs.ts';
import { localBlobStore } from './platform/blobs.ts';
import { inProcessBus, redisBus } from './platform/bus.ts';
import { bookingJobs, scheduleRecurringJobs } from './booking/jobs.ts';
import { deliveryJobs } from './delivery/jobs.ts';
import { startProctoringWatchdog } from './proctoring/sweep-sessions.ts';
import { checkInJobs, scheduleMediaRetention } from './checkin/retention.ts';
import { recordingJobs } from './proctoring/recordings.ts';
import { proctoringJobs } from './proctoring/no-proctor-alert.ts';
import { resultJobs } from './results/release.ts';
import { appealOverdueJob } from './results/appeals.ts';
import { credentialJobs } from './credentials/expiry-reminders.ts';
import { cryptoIds } from './platform/secrets.ts';
import { openDatabaseRuntime, type DatabaseRuntime } from './runtime.ts';
import { projectRoot } from './paths.ts';
import { creditOutage, startAliveNotes } from './delivery/outage.ts';

export { projectRoot };
export const webDistDir = path.join(projectRoot, 'dist', 'web');

/** The deps object every use case receives; built once per process. */
export function makeDeps(config: Config, log: Logger, db: Db, mail?: MailDelivery): Deps {
  return { db, clock: systemClock, ids: cryptoIds, log, config, mailPoke: () => mail?.poke(), blobs: localBlobStore(config.blobDir),
    bus: config.redisUrl ? redisBus(config.redisUrl, log) : inProcessBus(log) };
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

/**
 * Composition root for `invigil serve`: database (embedded or external) → migrations → demo data on first start
 * → mail delivery → app → listen. `stop()` closes in the reverse order, the embedded PostgreSQL last. `opened` is
 * the database already being opened by the caller (serve starts it before loading this module, so a first start's
 * initdb runs while the server's code loads).
 */
export async function startServer(config: Config, log: Logger, opened?: Promise<DatabaseRuntime>): Promise<RunningServer> {
  const started = Date.now();
  const runtime = await (opened ?? openDatabaseRuntime(config, log, 'serve', { shareRunning: false }));
  let mail: MailDelivery | undefined;
  let jobs: JobRunner | undefined;
  let app: FastifyInstance | undefined;
  let housekeeping: NodeJS.Timeout | undefined;
  let watchdog: { stop(): Promise<void> } | undefined;
  let alive: { stop(): void } | undefined;
  let deps: Deps | undefined;
  const stop = async () => {
    if (housekeeping) clearInterval(housekeeping);
    alive?.stop();
    await watchdog?.stop().catch(() => undefined);
    await app?.close().catch((err) => log.error({ err }, 'app.close_failed'));
    await deps?.bus.close().catch(() => undefined);
    await jobs?.stop().catch(() => undefined);
    await mail?.stop().catch(() => undefined);
    await runtime.close();
  };
  try {
    if (config.smtpUrl) mail = startMailDelivery({ db: runtime.db, clock: systemClock, log, smtpUrl: config.smtpUrl, from: config.mailFrom });
    const d = (deps = makeDeps(config, log, runtime.db, mail));
    // How long each step took, in the ready line: where a slow start-up spends its time.
    const phases: Record<string, number> = { database: Date.now() - started };
    // The demo data is written while the app is put together (its routes and schemas): neither needs the other.
    const since = (t: number) => Date.now() - t;
    const seeding = config.demo && (await isEmptyInstance(d)) ? seedDemo(d).finally(() => (phases.seed = since(started) - phases.database!)) : Promise.resolve([]);
    seeding.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
    app = await buildApp(d, { webDir: webDistDir });
    phases.app = since(started) - phases.database!;
    const seeded = await seeding;
    // Time the service was down is given back to running exams before any job or request reads their clocks.
    const outage = await creditOutage(d);
    alive = startAliveNotes(d);
    await scheduleRecurringJobs(d);
    await scheduleMediaRetention(d);
    jobs = startJobRunner(d, [...bookingJobs, ...deliveryJobs, ...checkInJobs, ...recordingJobs, ...proctoringJobs, ...resultJobs, appealOverdueJob, ...credentialJobs]);
    watchdog = startProctoringWatchdog(d);
    await runtime.durable; // a new embedded cluster is on disk before anyone is answered
    await app.listen({ port: config.port, host: config.host });
    housekeeping = setInterval(() => void purgeExpiredCredentials(d).catch((err) => log.warn({ err }, 'purge.failed')), 3600_000);
    housekeeping.unref();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = config.publicUrl.replace(`:${config.port}`, `:${port}`);
    log.info({ event: 'server.ready', url, database: runtime.mode, migrated: runtime.migrated, seeded, ...(outage ? { outage } : {}), ms: Date.now() - started, phases }, 'server.ready');
    return { app, url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The lines printed for a person at start-up: where to go and, in demo mode, how to sign in. */
export function banner(url: string, config: Config): string {
  const lines = [``, `  Invigil is running at ${url}`, `    candidate  ${url}/`, `    proctor    ${url}/proctor`, `    admin      ${url}/admin`, `    API docs   ${url}/api/docs`];
  if (config.demo) {
    lines.push('', '  Demo accounts (demo mode; set NODE_ENV=production to turn it off):');
    for (const a of demoAccounts) lines.push(`    ${a.roles.join(',').padEnd(10)} ${a.email.padEnd(24)} password: ${a.password}`);
    lines.push('  Mail is kept in the outbox (Admin → Outbox) unless SMTP_URL is set.');
  }
  lines.push('  Press Ctrl-C to stop.', '');
  return lines.join('\n');
}
