/**
 * A real TURN server for browser journeys: Debian's coturn (`turnserver`) on 127.0.0.1 with a port, a folder and a
 * REST-API secret of its own, so journeys can prove that live video really travels through a relay with the
 * credentials Invigil mints (src/server/platform/ice.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseIceServers, type Config, type IceServerConfig } from '../../src/server/config.ts';
import { iceServersFor } from '../../src/server/platform/ice.ts';

export const turnserverPath = process.env.TURNSERVER_PATH ?? 'turnserver';
const setpriv = '/usr/bin/setpriv';

export interface Coturn {
  /** The UDP and TCP port it listens on (127.0.0.1). */
  port: number;
  /** Its `static-auth-secret`: what Invigil's TURN_SECRET must be for minted credentials to work. */
  secret: string;
  realm: string;
  /** ICE_SERVERS as the environment takes it: the UDP and the TCP URL, comma-separated. */
  urls: string;
  /** The folder holding its log, pid file and (empty) user database; removed by `stop`. */
  dir: string;
  /** The log so far (to explain a failure). */
  log(): string;
  /** Stops the process this call started (by its PID, SIGKILL after 3 s) and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

const realm = 'invigil.test';

// A test that crashes before its afterAll must still not leave a TURN server running: every live one is killed
// when this process exits.
const running = new Set<ChildProcess>();
process.once('exit', () => { for (const child of running) child.kill('SIGKILL'); });

/**
 * Starts `turnserver` on 127.0.0.1 (no system configuration, no CLI, no TLS/DTLS, loopback peers allowed, relays on
 * a random 200-port range) with a fresh `use-auth-secret` secret, and resolves once it answers a STUN binding
 * request. Stop it in afterAll.
 */
export async function startCoturn(opts: { timeoutMs?: number } = {}): Promise<Coturn> {
  let lastError: unknown;
  // The free port is found before coturn binds it, so another process may take it in between: try again then.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(await freeUdpAndTcpPort(), opts.timeoutMs ?? 10_000);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startOnce(port: number, timeoutMs: number): Promise<Coturn> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'invigil-coturn-'));
  const secret = randomBytes(24).toString('base64url');
  const logFile = path.join(dir, 'turnserver.log');
  const minPort = 49152 + Math.floor(Math.random() * (65535 - 49152 - 200));
  const args = [
    '-n', // no configuration file: everything is on this command line
    `--listening-ip=127.0.0.1`, `--relay-ip=127.0.0.1`, `--listening-port=${port}`,
    `--min-port=${minPort}`, `--max-port=${minPort + 199}`,
    '--use-auth-secret', `--static-auth-secret=${secret}`, `--realm=${realm}`, '--fingerprint',
    '--allow-loopback-peers', // both peers' relay addresses are on 127.0.0.1
    '--no-cli', '--no-tls', '--no-dtls', '--no-rfc5780', '--no-software-attribute',
    // Verbose: the log names each session's user and the result of each ALLOCATE, which journeys assert on.
    '--verbose', `--log-file=${logFile}`, '--simple-log', '--no-stdout-log',
    `--pidfile=${path.join(dir, 'turnserver.pid')}`, `--db=${path.join(dir, 'turndb')}`,
  ];
  // setpriv (util-linux) makes the kernel kill turnserver if this process dies without running its exit handlers
  // (a worker killed by the test runner); it execs turnserver, so the PID stays the one we stop.
  const child = existsSync(setpriv)
    ? spawn(setpriv, ['--pdeathsig', 'KILL', '--', turnserverPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir })
    : spawn(turnserverPath, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
  running.add(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => { stderr = (stderr + c.toString()).slice(-4000); });
  const exit = new Promise<void>((resolve) => child.once('exit', () => { running.delete(child); resolve(); }));
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  spawnError.catch(() => undefined); // raced below; an error after start-up must not be an unhandled rejection
  const log = () => { try { return readFileSync(logFile, 'utf8'); } catch { return ''; } };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + timeoutMs;
    const exitedEarly = exit.then((): never => { throw new Error(`turnserver exited (${child.exitCode ?? child.signalCode})`); });
    exitedEarly.catch(() => undefined); // settles at stop() too, long after the race below
    for (;;) {
      if (await Promise.race([answersStun(port), exitedEarly, spawnError])) break;
      if (Date.now() > deadline) throw new Error(`turnserver did not answer STUN on 127.0.0.1:${port} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!(await acceptsTcp(port))) throw new Error(`turnserver does not accept TCP on 127.0.0.1:${port}`);
  } catch (error) {
    const detail = `${error instanceof Error ? error.message : String(error)}\n--- stderr\n${stderr}\n--- log\n${log().slice(-4000)}`;
    await stop();
    throw new Error(detail);
  }
  const urls = `turn:127.0.0.1:${port}?transport=udp,turn:127.0.0.1:${port}?transport=tcp`;
  return { port, secret, realm, urls, dir, log, stop };
}

/** The server configuration that points Invigil at this TURN server: pass it to `startE2eServer({ config })`. */
export function iceConfigFor(turn: Pick<Coturn, 'urls' | 'secret'>): Pick<Config, 'iceServers' | 'turnSecret'> {
  return { iceServers: parseIceServers(turn.urls), turnSecret: turn.secret };
}

/** The same as environment variables, for `invigil serve` as a child process (test/processes.ts startServe). */
export function iceEnvFor(turn: Pick<Coturn, 'urls' | 'secret'>): { ICE_SERVERS: string; TURN_SECRET: string } {
  return { ICE_SERVERS: turn.urls, TURN_SECRET: turn.secret };
}

/** The ICE servers Invigil would hand `userId`'s browser (credentials minted by the project's own iceServersFor). */
export function iceServersForUser(turn: Pick<Coturn, 'urls' | 'secret'>, userId: string, now = new Date()): IceServerConfig[] {
  return iceServersFor(iceConfigFor(turn), userId, now);
}

/** A port free for both UDP and TCP on 127.0.0.1 (TURN listens on both). */
async function freeUdpAndTcpPort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer().on('error', reject).listen(0, '127.0.0.1', () => {
        const { port: p } = srv.address() as net.AddressInfo;
        srv.close(() => resolve(p));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = dgram.createSocket('udp4');
      socket.once('error', () => { socket.close(); resolve(false); });
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error('no port free for both UDP and TCP on 127.0.0.1');
}

/** Sends one STUN Binding request (RFC 5389) and says whether a Binding success answer with our id came back. */
function answersStun(port: number, waitMs = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const id = randomBytes(12);
    const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), id]);
    const socket = dgram.createSocket('udp4');
    const done = (ok: boolean) => { clearTimeout(timer); socket.close(); resolve(ok); };
    const timer = setTimeout(() => done(false), waitMs);
    socket.on('error', () => done(false));
    socket.on('message', (msg) => {
      if (msg.length >= 20 && msg.readUInt16BE(0) === 0x0101 && msg.subarray(8, 20).equals(id)) done(true);
    });
    socket.send(request, port, '127.0.0.1');
  });
}

function acceptsTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.setTimeout(1000, () => { socket.destroy(); resolve(false); });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}
