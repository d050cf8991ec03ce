import { Command, InvalidArgumentError, Option } from 'commander';

export const serveCommand = new Command('serve')
  .description('Run Invigil: the web apps and API, on the embedded PostgreSQL unless DATABASE_URL is set')
  .option('--build-web', 'build the web app first if its sources changed (npm start does this)')
  .addOption(new Option('--port <port>', 'port to listen on (env PORT, default 3000)').argParser(parsePort))
  .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1; 0.0.0.0 lets phones on your network in)')
  .action(async (opts: { buildWeb?: boolean; port?: number; host?: string }) => {
    const env = { ...process.env, ...(opts.port !== undefined ? { PORT: String(opts.port) } : {}), ...(opts.host ? { HOST: opts.host } : {}) };
    const [{ loadConfig }, { createLogger, readableLogs }, { openDatabaseRuntime }] = await Promise.all([
      import('../../server/config.ts'), import('../../server/platform/logger.ts'), import('../../server/runtime.ts'),
    ]);
    const config = loadConfig(env);
    const log = createLogger(config.logLevel, config.logFormat ?? (readableLogs() ? 'pretty' : 'json'));
    // The database first: on a first start its initdb (a second of another process's CPU) runs while the rest of the
    // server's code loads here. A failure is handled where it is awaited (the no-op handler only keeps it from
    // counting as unhandled meanwhile).
    const runtime = openDatabaseRuntime(config, log, 'serve', { shareRunning: false });
    runtime.catch(() => undefined);
    let main: typeof import('../../server/main.ts');
    let network: typeof import('../../server/platform/network.ts');
    try {
      let webBuild: typeof import('../web-build.ts');
      [main, webBuild, network] = await Promise.all([import('../../server/main.ts'), import('../web-build.ts'), import('../../server/platform/network.ts')]);
      if (opts.buildWeb) await webBuild.ensureWebBuild(main.projectRoot, (l) => process.stderr.write(`${l}\n`));
    } catch (err) {
      // Failed before the server took the database over: let go of it (the embedded PostgreSQL stops).
      await runtime.then((r) => r.close(), () => undefined).catch(() => undefined);
      throw err;
    }
    const { banner } = main;
    const { lanAddresses, networkNotes } = network;
    const server = await main.startServer(config, log, runtime);
    process.stderr.write(banner(server.url, config));
    // Last, where it is seen: how a phone on the network reaches this server (nothing for a loopback HOST).
    const address = server.app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const notes = networkNotes({ host: config.host, port, publicUrl: server.url, lan: lanAddresses() });
    if (notes.length) process.stderr.write(`${notes.join('\n')}\n\n`);
    let stoppingSince = 0;
    const shutdown = (signal: string) => {
      if (stoppingSince) {
        // A terminal's Ctrl-C reaches every process of the group, so a parent (npm, a dev runner) may pass the
        // same stop on a moment later: only a signal after a pause is someone insisting.
        if (Date.now() - stoppingSince < 2000) return;
        process.stderr.write('Forced exit (PostgreSQL is stopped at the next start).\n');
        process.exit(130);
      }
      stoppingSince = Date.now();
      process.stderr.write(`\n  ${signal}: stopping Invigil…\n`);
      server.stop().then(() => process.exit(0), (err) => {
        log.error({ err }, 'shutdown.failed');
        process.exit(1);
      });
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGHUP', () => shutdown('SIGHUP'));
  });

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`--port must be a whole number from 0 to 65535, not "${value}"`);
  return n;
}
