import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemTestRequirements } from '../../src/contracts/systemcheck.ts';
import type { IceServerConfig } from '../../src/server/config.ts';
import { iceServersFor, turnCredentialTtlSeconds } from '../../src/server/platform/ice.ts';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { iceConfigFor, iceServersForUser, startCoturn, type Coturn } from '../support/coturn.ts';
import { startE2eServer, type E2eServer } from '../support/server.ts';

// Live video must work where candidates and proctors cannot reach each other directly, which is what TURN is for.
// These journeys run Debian's coturn with its own secret and check that Chromium, allowed nothing but relayed
// candidates, connects through it with the credentials Invigil mints, and that coturn refuses any others.
let turn: Coturn | undefined;
let server: E2eServer | undefined;
let chrome: TestBrowser | undefined;
let page: Page;

beforeAll(async () => {
  turn = await startCoturn();
  server = await startE2eServer({ config: iceConfigFor(turn) });
  chrome = await launchBrowser({ media: true });
  const context = await chrome.browser.newContext();
  await context.grantPermissions(['camera', 'microphone'], { origin: server.url });
  page = await context.newPage();
  // A page of the app itself: a secure origin (127.0.0.1) under the app's real Permissions-Policy.
  await page.goto(`${server.url}/login`);
});
afterAll(async () => {
  try {
    await chrome?.close();
  } finally {
    try { await server?.close(); } finally { await turn?.stop(); }
  }
});

interface LoopbackResult {
  connectionState: string;
  /** candidateType of every candidate each side gathered. */
  gathered: string[];
  local?: { candidateType: string; relayProtocol?: string; address?: string };
  remote?: { candidateType: string; address?: string };
  framesDecoded: number;
  /** What came back over the data channel (without video). */
  echoed?: string;
  ms: number;
  error?: string;
}

/** Two peer connections in the page, relay candidates only, the fake camera (or a data channel) from one to the
 * other; every wait is bounded by `timeoutMs`. */
function loopback(p: Page, iceServers: IceServerConfig[], video: boolean, timeoutMs = 10_000): Promise<LoopbackResult> {
  return p.evaluate(async ({ iceServers, video, timeoutMs }) => {
    const started = performance.now();
    const deadline = started + timeoutMs;
    const until = async <T>(what: string, check: () => T | undefined | Promise<T | undefined>): Promise<T> => {
      for (;;) {
        const value = await check();
        if (value !== undefined) return value;
        if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const config: RTCConfiguration = { iceServers, iceTransportPolicy: 'relay' };
    const sender = new RTCPeerConnection(config);
    const receiver = new RTCPeerConnection(config);
    const gathered: string[] = [];
    let camera: MediaStream | undefined;
    let echoed: string | undefined;
    try {
      sender.onicecandidate = (e) => { if (e.candidate) { gathered.push(e.candidate.type ?? '?'); void receiver.addIceCandidate(e.candidate).catch(() => undefined); } };
      receiver.onicecandidate = (e) => { if (e.candidate) { gathered.push(e.candidate.type ?? '?'); void sender.addIceCandidate(e.candidate).catch(() => undefined); } };
      if (video) {
        camera = await Promise.race([
          navigator.mediaDevices.getUserMedia({ video: true }),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('getUserMedia timed out')), 5000)),
        ]);
        for (const track of camera.getVideoTracks()) sender.addTrack(track, camera);
        receiver.ontrack = (e) => {
          const element = Object.assign(document.createElement('video'), { muted: true, autoplay: true, playsInline: true });
          element.srcObject = e.streams[0] ?? new MediaStream([e.track]);
          document.body.append(element);
        };
      } else {
        const channel = sender.createDataChannel('probe');
        channel.onopen = () => channel.send('through the relay');
        receiver.ondatachannel = (e) => { e.channel.onmessage = (m) => { echoed = String(m.data); }; };
      }
      await sender.setLocalDescription(await sender.createOffer());
      await receiver.setRemoteDescription(sender.localDescription!);
      await receiver.setLocalDescription(await receiver.createAnswer());
      await sender.setRemoteDescription(receiver.localDescription!);
      await until('connected', () => {
        if (sender.connectionState === 'failed') throw new Error('the connection failed');
        return sender.connectionState === 'connected' && receiver.connectionState === 'connected' ? true : undefined;
      });
      let framesDecoded = 0;
      if (video) {
        // Ten frames (half a second of the fake camera): video keeps flowing, not just a first key frame.
        framesDecoded = await until('decoded frames', async () => {
          for (const r of (await receiver.getStats()).values()) {
            if (r.type === 'inbound-rtp' && r.kind === 'video' && r.framesDecoded >= 10) return r.framesDecoded as number;
          }
          return undefined;
        });
      } else {
        await until('the data channel message', () => echoed);
      }
      // The pair ICE selected: the transport names it; its local and remote candidates say how traffic flows.
      const stats = await sender.getStats();
      let pairId: string | undefined;
      for (const r of stats.values()) if (r.type === 'transport' && r.selectedCandidatePairId) pairId = r.selectedCandidatePairId;
      if (!pairId) for (const r of stats.values()) if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded') pairId = r.id;
      const pair = pairId ? stats.get(pairId) : undefined;
      const local = pair ? stats.get(pair.localCandidateId) : undefined;
      const remote = pair ? stats.get(pair.remoteCandidateId) : undefined;
      return {
        connectionState: sender.connectionState, gathered, framesDecoded, echoed, ms: Math.round(performance.now() - started),
        local: local && { candidateType: local.candidateType, relayProtocol: local.relayProtocol, address: local.address },
        remote: remote && { candidateType: remote.candidateType, address: remote.address },
      };
    } catch (error) {
      return { connectionState: sender.connectionState, gathered, framesDecoded: 0, ms: Math.round(performance.now() - started), error: String(error) };
    } finally {
      sender.close();
      receiver.close();
      camera?.getTracks().forEach((t) => t.stop());
      document.querySelectorAll('video').forEach((v) => v.remove());
    }
  }, { iceServers, video, timeoutMs });
}

/** The candidate types one relay-only peer connection gathers with these servers, once gathering completes. */
function gatherRelay(p: Page, iceServers: IceServerConfig[], timeoutMs = 8_000): Promise<{ types: string[]; complete: boolean }> {
  return p.evaluate(async ({ iceServers, timeoutMs }) => {
    const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
    const types: string[] = [];
    try {
      pc.createDataChannel('probe');
      const complete = new Promise<boolean>((resolve) => {
        pc.onicecandidate = (e) => { if (e.candidate) types.push(e.candidate.type ?? '?'); else resolve(true); };
        setTimeout(() => resolve(false), timeoutMs);
      });
      await pc.setLocalDescription(await pc.createOffer());
      return { types, complete: await complete };
    } finally {
      pc.close();
    }
  }, { iceServers, timeoutMs });
}

describe('live video through a real TURN server (coturn)', () => {
  it('relays the fake camera between two relay-only peers with credentials minted by iceServersFor', async () => {
    const userId = randomUUID();
    const result = await loopback(page, iceServersForUser(turn!, userId), true);
    const explain = `${JSON.stringify(result)}\n--- coturn log\n${turn!.log().slice(-3000)}`;
    expect(result.error, explain).toBeUndefined();
    expect(result.connectionState).toBe('connected');
    expect(result.local, explain).toMatchObject({ candidateType: 'relay', address: '127.0.0.1' });
    expect(result.remote, explain).toMatchObject({ candidateType: 'relay', address: '127.0.0.1' });
    expect(result.framesDecoded).toBeGreaterThanOrEqual(10);
    expect(new Set(result.gathered)).toEqual(new Set(['relay']));
    // The allocations were made by this coturn, for this user's minted name.
    expect(turn!.log(), explain).toMatch(new RegExp(`user <\\d+:${userId}>.*ALLOCATE processed, success`));
    console.info(`turn-relay video: connected with ${result.framesDecoded} frames decoded in ${result.ms} ms; selected pair ${result.local?.candidateType}/${result.local?.relayProtocol} → ${result.remote?.candidateType}; gathered ${result.gathered.join(',')}`);
  });

  it('hands a signed-in candidate TURN credentials, minted by the server for them, that coturn accepts', async () => {
    const login = await page.request.post(`${server!.url}/api/v1/auth/login`, { data: { email: 'candidate@invigil.test', password: 'clark-demo-2026' } });
    expect(login.status()).toBe(200);
    const requirements = SystemTestRequirements.parse(await (await page.request.get(`${server!.url}/api/v1/system-test/requirements`)).json());
    const candidate = await server!.deps.db.selectFrom('users').select('id').where('email', '=', 'candidate@invigil.test').executeTakeFirstOrThrow();
    const now = Math.floor(Date.now() / 1000);
    expect(requirements.iceServers.map((s) => s.urls)).toEqual([[`turn:127.0.0.1:${turn!.port}?transport=udp`], [`turn:127.0.0.1:${turn!.port}?transport=tcp`]]);
    for (const s of requirements.iceServers) {
      const [expiry, user] = (s.username ?? '').split(':');
      expect(user).toBe(candidate.id);
      expect(Number(expiry)).toBeGreaterThanOrEqual(now + turnCredentialTtlSeconds - 60);
      expect(Number(expiry)).toBeLessThanOrEqual(now + turnCredentialTtlSeconds + 60);
    }
    const result = await loopback(page, requirements.iceServers as IceServerConfig[], false);
    const explain = `${JSON.stringify(result)}\n--- coturn log\n${turn!.log().slice(-3000)}`;
    expect(result.error, explain).toBeUndefined();
    expect(result.echoed).toBe('through the relay');
    expect(result.local?.candidateType, explain).toBe('relay');
    expect(result.remote?.candidateType, explain).toBe('relay');
    console.info(`turn-relay data channel (server-minted): connected in ${result.ms} ms; selected pair ${result.local?.candidateType}/${result.local?.relayProtocol} → ${result.remote?.candidateType}`);
  });

  it('gathers no relay candidate with a wrong secret or an expired credential, and one with the right credential', async () => {
    const userId = randomUUID();
    const servers = iceConfigFor(turn!).iceServers;
    const wrongSecret = iceServersFor({ iceServers: servers, turnSecret: 'not-the-coturn-secret-at-all' }, userId, new Date());
    // Correctly signed, but its expiry (now + 12 h, minted 13 h ago) is an hour gone.
    const expired = iceServersForUser(turn!, userId, new Date(Date.now() - (turnCredentialTtlSeconds + 3600) * 1000));
    const [right, wrong, old] = await Promise.all([
      gatherRelay(page, iceServersForUser(turn!, userId)), gatherRelay(page, wrongSecret), gatherRelay(page, expired),
    ]);
    // Gathering must finish (coturn answers 401, the browser gives up), not merely run out of time.
    const explain = `${JSON.stringify({ right, wrong, old })}\n--- coturn log\n${turn!.log().slice(-3000)}`;
    expect(right.complete && right.types.length > 0 && right.types.every((t) => t === 'relay'), explain).toBe(true);
    expect({ wrong, old }, explain).toEqual({ wrong: { types: [], complete: true }, old: { types: [], complete: true } });
    // coturn itself said no to both: the wrong signature and the expired name (its timestamp is in the past).
    expect(turn!.log(), explain).toMatch(/401/);
  });
});
