import { LiveServerMessage, type LiveClientMessage, type LiveEvent, type LiveTopic, type SignalData } from '../../contracts/live.ts';
import type { JournalAck, JournalEntry } from '../../contracts/delivery.ts';
import { ApiError } from './api.ts';

/** A WebRTC signal from the other side of an attempt. */
export interface IncomingSignal { attemptId: string; from: 'candidate' | 'proctor'; data: SignalData }

/**
 * The live WebSocket client (`/api/v1/live`, see src/contracts/live.ts): one socket per tab, shared by every
 * subscription on the page. Messages only say that something changed; consumers refetch over HTTP, on every event
 * and after every (re)subscription, since nothing sent while the socket was away is replayed.
 */

/** `idle`: no socket (nothing subscribed); `connecting`: opening or waiting to reconnect; `open`: connected. */
export type LiveState = 'idle' | 'connecting' | 'open';

export interface LiveHandlers {
  /** Something under the topic changed: refetch it. */
  onEvent: (event: LiveEvent) => void;
  /** The server acknowledged the subscription (the first time and after each reconnect): refetch, to catch up. */
  onResync: () => void;
  /** The server refused the subscription (e.g. `TokenExpired`, `NotFound`, `Forbidden`); it is not retried. */
  onError?: (error: { code: string; message: string }) => void;
}

/** A save the socket could not carry (closed, no answer in time, or handed back by the server): send it over HTTP. */
export class SocketUnavailable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SocketUnavailable';
  }
}

/** Saves larger than this go over HTTP (the server closes a socket whose message exceeds 32 KB). */
const maxSaveBytes = 24 * 1024;
/** A save not answered this long is sent again over HTTP (saves are idempotent: the highest seq per key wins). */
const saveTimeoutMs = 10_000;

interface PendingSave {
  resolve: (ack: JournalAck) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Reconnect delays: 1 s doubling to a 30 s cap, each spread ±20 % so that many tabs do not reconnect in step. */
export const backoff = { baseMs: 1_000, capMs: 30_000, jitter: 0.2 };

/** The wait before reconnect attempt `failures` (0 = the first retry); `random` is in [0, 1). */
export function backoffDelay(failures: number, random: number): number {
  const base = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(failures, 16));
  const spread = base * (1 - backoff.jitter + 2 * backoff.jitter * random);
  return Math.round(Math.min(backoff.capMs, spread));
}

/** Timings of the client; tests shorten them. */
export interface LiveTimings {
  /** An app-level ping this often while open (proxies drop idle sockets; the browser never shows protocol pings). */
  pingMs: number;
  /** No pong (or any other message) this long after a ping: the socket is dead, reconnect. */
  pongTimeoutMs: number;
  /** The socket stays open this long after the last subscription ends, so a page change does not reconnect. */
  idleCloseMs: number;
}

export const defaultTimings: LiveTimings = { pingMs: 25_000, pongTimeoutMs: 10_000, idleCloseMs: 10_000 };

export interface LiveClientOptions {
  url: () => string;
  /** Makes a socket; the browser's WebSocket by default. */
  connect?: (url: string) => WebSocket;
  random?: () => number;
  timings?: Partial<LiveTimings>;
}

interface Subscription {
  topic: LiveTopic;
  handlers: LiveHandlers;
  /** Refused by the server: kept (so unsubscribe works) but not sent again. */
  failed: boolean;
}

/** The socket, its subscriptions, reconnection and heartbeat. Create one per tab (see `liveClient`). */
export class LiveClient {
  private readonly opts: Required<Omit<LiveClientOptions, 'timings'>> & { timings: LiveTimings };
  private readonly subs = new Map<string, Subscription>();
  private readonly listeners = new Set<() => void>();
  private readonly signalListeners = new Set<(signal: IncomingSignal) => void>();
  private readonly saves = new Map<string, PendingSave>();
  private socket: WebSocket | null = null;
  private state: LiveState = 'idle';
  private failures = 0;
  private nextRef = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: LiveClientOptions) {
    this.opts = {
      url: options.url,
      connect: options.connect ?? ((url) => new WebSocket(url)),
      random: options.random ?? Math.random,
      timings: { ...defaultTimings, ...options.timings },
    };
  }

  /** Subscribes to a topic; returns the function that ends the subscription. The socket opens on the first one. */
  subscribe(topic: LiveTopic, handlers: LiveHandlers): () => void {
    const ref = `s${++this.nextRef}`;
    this.subs.set(ref, { topic, handlers, failed: false });
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.state === 'idle') this.open();
    else if (this.state === 'open') this.send({ type: 'subscribe', ref, topic });
    return () => {
      if (!this.subs.delete(ref)) return;
      if (this.state === 'open') this.send({ type: 'unsubscribe', ref });
      if (this.subs.size === 0) this.idleTimer = setTimeout(() => this.shutDown(), this.opts.timings.idleCloseMs);
    };
  }

  /** Calls `listener` for every WebRTC signal addressed to this user; returns the function that stops it. The socket
   * must be open for some subscription (the page's attempt or console topic) for signals to flow. */
  onSignal(listener: (signal: IncomingSignal) => void): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
  }

  /** Sends a WebRTC signal for an attempt; false when the socket is not open (the caller retries after a resync). */
  sendSignal(attemptId: string, data: SignalData): boolean {
    if (this.state !== 'open') return false;
    this.send({ type: 'signal', attemptId, data });
    return true;
  }

  /**
   * Saves journal entries over the socket; resolves with the server's acknowledgement (sent after its commit),
   * rejects with an ApiError when the server refused them (as the HTTP route would), or with SocketUnavailable when
   * they must go over HTTP instead. Null when the socket is not open or the save is too large for it.
   */
  save(attemptId: string, entries: readonly JournalEntry[]): Promise<JournalAck> | null {
    if (this.state !== 'open' || this.socket?.readyState !== 1) return null;
    const ref = `w${++this.nextRef}`;
    const text = JSON.stringify({ type: 'save', ref, attemptId, entries: [...entries] } satisfies LiveClientMessage);
    if (text.length * 3 > maxSaveBytes && new TextEncoder().encode(text).length > maxSaveBytes) return null;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.saves.delete(ref);
        reject(new SocketUnavailable('No answer from the live connection.'));
      }, saveTimeoutMs);
      this.saves.set(ref, { resolve, reject, timer });
      this.socket!.send(text);
    });
  }

  /** The connection state now. */
  getState = (): LiveState => this.state;

  /** Calls `listener` whenever the state changes; returns the function that stops it (useSyncExternalStore shape). */
  onStateChange = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Reconnects at once if a reconnect is pending (the browser says the network is back). */
  retryNow(): void {
    if (this.state !== 'connecting' || this.socket || this.subs.size === 0) return;
    clearTimeout(this.reconnectTimer);
    this.open();
  }

  private setState(next: LiveState) {
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  private open() {
    this.setState('connecting');
    let socket: WebSocket;
    try {
      socket = this.opts.connect(this.opts.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.setState('open');
      for (const [ref, sub] of this.subs) if (!sub.failed) this.send({ type: 'subscribe', ref, topic: sub.topic });
      this.pingTimer = setInterval(() => this.ping(), this.opts.timings.pingMs);
    };
    socket.onmessage = (event: MessageEvent) => {
      if (this.socket === socket) this.receive(event.data);
    };
    // An error is always followed by close, where the reconnect is decided.
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.dropSocket();
      if (this.subs.size > 0) this.scheduleReconnect();
      else this.setState('idle');
    };
  }

  private receive(data: unknown) {
    clearTimeout(this.pongTimer); // any message proves the socket alive
    this.pongTimer = undefined;
    let json: unknown;
    try {
      json = typeof data === 'string' ? JSON.parse(data) : undefined;
    } catch {
      return;
    }
    const parsed = LiveServerMessage.safeParse(json);
    if (!parsed.success) return; // not ours, or a newer server: ignored
    const message = parsed.data;
    if (message.type === 'pong') return;
    // A message the server understood: the connection works, so the next failure starts the backoff again.
    this.failures = 0;
    if (message.type === 'signal') {
      for (const listener of this.signalListeners) listener(message);
      return;
    }
    const save = message.ref === null ? undefined : this.saves.get(message.ref);
    if (save && (message.type === 'saved' || message.type === 'error')) {
      this.saves.delete(message.ref!);
      clearTimeout(save.timer);
      if (message.type === 'saved') save.resolve(message.ack);
      else if (message.retryOverHttp || message.status === undefined) save.reject(new SocketUnavailable(message.message));
      else save.reject(new ApiError(message.code, message.message, message.status, message.details));
      return;
    }
    const sub = message.ref === null ? undefined : this.subs.get(message.ref);
    if (!sub || message.type === 'saved') return;
    if (message.type === 'subscribed') {
      sub.failed = false;
      sub.handlers.onResync();
    } else if (message.type === 'event') {
      sub.handlers.onEvent(message.event);
    } else {
      sub.failed = true;
      sub.handlers.onError?.({ code: message.code, message: message.message });
    }
  }

  private ping() {
    if (this.pongTimer) return;
    this.send({ type: 'ping' });
    this.pongTimer = setTimeout(() => {
      // Half-open (a laptop woke up, a proxy dropped it): close it ourselves and reconnect.
      const socket = this.socket;
      this.dropSocket();
      socket?.close();
      if (this.subs.size > 0) this.scheduleReconnect();
      else this.setState('idle');
    }, this.opts.timings.pongTimeoutMs);
  }

  private send(message: LiveClientMessage) {
    if (this.socket?.readyState === 1 /* OPEN */) this.socket.send(JSON.stringify(message));
  }

  private scheduleReconnect() {
    this.setState('connecting');
    clearTimeout(this.reconnectTimer);
    const delay = backoffDelay(this.failures, this.opts.random());
    this.failures += 1;
    this.reconnectTimer = setTimeout(() => {
      if (this.subs.size > 0) this.open();
      else this.setState('idle');
    }, delay);
  }

  /** Forgets the socket (its late events are ignored) and its timers. */
  private dropSocket() {
    const socket = this.socket;
    this.socket = null;
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    this.pingTimer = undefined;
    this.pongTimer = undefined;
    if (socket) socket.onopen = socket.onmessage = socket.onclose = null;
    // Saves in flight may or may not have been written: they go again over HTTP (a repeat is acknowledged too).
    for (const save of this.saves.values()) {
      clearTimeout(save.timer);
      save.reject(new SocketUnavailable('The live connection closed.'));
    }
    this.saves.clear();
  }

  private shutDown() {
    if (this.subs.size > 0) return;
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.dropSocket();
    socket?.close(1000);
    this.failures = 0;
    this.setState('idle');
  }
}

/** `ws://host/api/v1/live` or `wss://…` for the page's own origin (the session cookie goes with it). */
export function liveUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/v1/live`;
}

let shared: LiveClient | undefined;

/** The tab's one client, made on first use. (A module-level instance on purpose: one socket per tab is the point.) */
export function liveClient(): LiveClient {
  if (!shared) {
    const client = new LiveClient({ url: () => liveUrl(window.location) });
    window.addEventListener('online', () => client.retryNow());
    shared = client;
  }
  return shared;
}

/** Subscribes to a live topic on the tab's socket; returns the function that ends it.
 * Example: `const stop = subscribeLive({ kind: 'greeter-queue' }, { onEvent: reload, onResync: reload })`. */
export function subscribeLive(topic: LiveTopic, handlers: LiveHandlers): () => void {
  return liveClient().subscribe(topic, handlers);
}
