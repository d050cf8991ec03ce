/** A test client of the live WebSocket, driven in-process through Fastify's injectWS. */
import type { WebSocket } from 'ws';
import type { TestApp } from './harness.ts';

/** A socket that records what the server sends, with a way to wait for the next matching message. */
export async function openLive(t: TestApp, cookie?: string, origin?: string) {
  const received: Record<string, unknown>[] = [];
  const waiters: { match: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = [];
  const ws: WebSocket = await t.app.injectWS('/api/v1/live', { headers: { ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) } });
  ws.on('message', (raw) => {
    const m = JSON.parse(raw.toString()) as Record<string, unknown>;
    received.push(m);
    for (const w of [...waiters]) if (w.match(m)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m); }
  });
  const next = (match: (m: Record<string, unknown>) => boolean, ms = 2000) => {
    const seen = received.find(match);
    if (seen) { received.splice(received.indexOf(seen), 1); return Promise.resolve(seen); }
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message in ${ms} ms; got ${JSON.stringify(received)}`)), ms);
      waiters.push({ match, resolve: (m) => { clearTimeout(timer); received.splice(received.indexOf(m), 1); resolve(m); } });
    });
  };
  const send = (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  const subscribe = async (ref: string, topic: unknown) => {
    send({ type: 'subscribe', ref, topic });
    return next((m) => m.ref === ref && (m.type === 'subscribed' || m.type === 'error'));
  };
  return { ws, next, send, subscribe, received };
}

