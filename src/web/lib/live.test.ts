import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, LiveClient, liveUrl } from './live.ts';

const checkInId = '0b6f3c3e-6a4e-4c39-9f7e-0d8f6c1d2a11';

/** A socket the test drives: it records what the client sent and lets the test open, answer and close it. */
class FakeSocket {
  readyState = 0;
  sent: unknown[] = [];
  closed = false;
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  send(data: string) { this.sent.push(JSON.parse(data)); }
  close() { this.closed = true; this.readyState = 3; }
  serverOpens() { this.readyState = 1; this.onopen?.(); }
  serverSends(message: unknown) { this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) }); }
  serverCloses() { this.readyState = 3; this.onclose?.(); }
}

function setUp() {
  const sockets: FakeSocket[] = [];
  const client = new LiveClient({
    url: () => 'ws://test/api/v1/live',
    connect: () => { const s = new FakeSocket(); sockets.push(s); return s as unknown as WebSocket; },
    random: () => 0.5,
  });
  return { client, sockets };
}

describe('backoffDelay', () => {
  it('doubles from one second and never waits more than 30 seconds', () => {
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, 0.5))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(backoffDelay(5, 0.5)).toBe(30_000);
    expect(backoffDelay(50, 0.999)).toBe(30_000);
  });

  it('spreads each delay by up to a fifth either way', () => {
    expect(backoffDelay(2, 0)).toBe(3200);
    expect(backoffDelay(2, 0.999)).toBeCloseTo(4800, -1);
  });
});

describe('liveUrl', () => {
  it('uses wss on https pages and ws on http pages', () => {
    expect(liveUrl({ protocol: 'https:', host: 'exam.example:8443' })).toBe('wss://exam.example:8443/api/v1/live');
    expect(liveUrl({ protocol: 'http:', host: '127.0.0.1:3000' })).toBe('ws://127.0.0.1:3000/api/v1/live');
  });
});

describe('LiveClient', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('opens one socket on the first subscription and subscribes every topic when it opens', () => {
    const { client, sockets } = setUp();
    expect(client.getState()).toBe('idle');
    client.subscribe({ kind: 'checkin', id: checkInId }, { onEvent: () => {}, onResync: () => {} });
    client.subscribe({ kind: 'greeter-queue' }, { onEvent: () => {}, onResync: () => {} });
    expect(sockets).toHaveLength(1);
    expect(client.getState()).toBe('connecting');
    sockets[0]!.serverOpens();
    expect(client.getState()).toBe('open');
    expect(sockets[0]!.sent).toEqual([
      { type: 'subscribe', ref: 's1', topic: { kind: 'checkin', id: checkInId } },
      { type: 'subscribe', ref: 's2', topic: { kind: 'greeter-queue' } },
    ]);
  });

  it('hands events and acknowledgements to the subscription they name, and ignores malformed messages', () => {
    const { client, sockets } = setUp();
    const onEvent = vi.fn();
    const onResync = vi.fn();
    client.subscribe({ kind: 'greeter-queue' }, { onEvent, onResync });
    sockets[0]!.serverOpens();
    sockets[0]!.serverSends({ type: 'subscribed', ref: 's1' });
    sockets[0]!.serverSends({ type: 'event', ref: 's1', event: { kind: 'queue.changed' } });
    sockets[0]!.serverSends({ type: 'event', ref: 's9', event: { kind: 'queue.changed' } });
    sockets[0]!.serverSends({ type: 'event', ref: 's1', event: { kind: 'unheard-of' } });
    sockets[0]!.serverSends('not json');
    expect(onResync).toHaveBeenCalledTimes(1);
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(onEvent).toHaveBeenCalledWith({ kind: 'queue.changed' });
  });

  it('reconnects with growing delays and subscribes again, which asks the consumer to resync', () => {
    const { client, sockets } = setUp();
    const onResync = vi.fn();
    client.subscribe({ kind: 'greeter-queue' }, { onEvent: () => {}, onResync });
    sockets[0]!.serverOpens();
    sockets[0]!.serverSends({ type: 'subscribed', ref: 's1' });
    sockets[0]!.serverCloses();
    expect(client.getState()).toBe('connecting');
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1]!.serverCloses(); // refused again before any message: the next wait doubles
    vi.advanceTimersByTime(1999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    sockets[2]!.serverOpens();
    expect(sockets[2]!.sent).toEqual([{ type: 'subscribe', ref: 's1', topic: { kind: 'greeter-queue' } }]);
    sockets[2]!.serverSends({ type: 'subscribed', ref: 's1' });
    expect(onResync).toHaveBeenCalledTimes(2);
  });

  it('reconnects when a ping gets no answer in time', () => {
    const { client, sockets } = setUp();
    client.subscribe({ kind: 'greeter-queue' }, { onEvent: () => {}, onResync: () => {} });
    sockets[0]!.serverOpens();
    vi.advanceTimersByTime(25_000);
    expect(sockets[0]!.sent.at(-1)).toEqual({ type: 'ping' });
    sockets[0]!.serverSends({ type: 'pong' });
    vi.advanceTimersByTime(25_000 + 10_000);
    expect(sockets[0]!.closed).toBe(true);
    expect(client.getState()).toBe('connecting');
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
  });

  it('reports a refused subscription once and does not send it again after a reconnect', () => {
    const { client, sockets } = setUp();
    const onError = vi.fn();
    client.subscribe({ kind: 'phone', token: 'a'.repeat(43) }, { onEvent: () => {}, onResync: () => {}, onError });
    sockets[0]!.serverOpens();
    sockets[0]!.serverSends({ type: 'error', ref: 's1', code: 'TokenExpired', message: 'This check-in link has expired.' });
    expect(onError).toHaveBeenCalledWith({ code: 'TokenExpired', message: 'This check-in link has expired.' });
    sockets[0]!.serverCloses();
    vi.advanceTimersByTime(1000);
    sockets[1]!.serverOpens();
    expect(sockets[1]!.sent).toEqual([]);
  });

  it('closes the socket ten seconds after the last subscription ends, unless a new one comes first', () => {
    const { client, sockets } = setUp();
    const stop = client.subscribe({ kind: 'greeter-queue' }, { onEvent: () => {}, onResync: () => {} });
    sockets[0]!.serverOpens();
    stop();
    expect(sockets[0]!.sent.at(-1)).toEqual({ type: 'unsubscribe', ref: 's1' });
    vi.advanceTimersByTime(5_000);
    const stopAgain = client.subscribe({ kind: 'greeter-queue' }, { onEvent: () => {}, onResync: () => {} });
    vi.advanceTimersByTime(10_000);
    expect(sockets[0]!.closed).toBe(false);
    stopAgain();
    vi.advanceTimersByTime(10_000);
    expect(sockets[0]!.closed).toBe(true);
    expect(client.getState()).toBe('idle');
    expect(sockets).toHaveLength(1);
  });
});
