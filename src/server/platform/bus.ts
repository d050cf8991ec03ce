import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

/**
 * Server-side fan-out: a use case publishes "this changed" on a channel after its commit; every WebSocket that
 * subscribed to the channel, on any app instance, hears it. In-process by default; Redis pub/sub when `REDIS_URL`
 * is set (scale-out), so a greeter on instance A sees a candidate's upload on instance B.
 *
 * Messages are small JSON values (ids, kinds), never personal data: listeners refetch through the HTTP API, where
 * authorization lives.
 */
export interface Bus {
  publish(channel: string, message: BusMessage): void;
  /** Calls `handler` for every message on `channel` until the returned function is called. */
  subscribe(channel: string, handler: (message: BusMessage) => void): () => void;
  close(): Promise<void>;
}

export type BusMessage = Record<string, string | number | boolean | null>;

type Handler = (message: BusMessage) => void;

/** Handlers by channel, shared by both buses: the Redis bus subscribes to a channel once per process. */
class Listeners {
  private readonly byChannel = new Map<string, Set<Handler>>();

  add(channel: string, handler: Handler): { first: boolean; remove: () => boolean } {
    let set = this.byChannel.get(channel);
    const first = !set;
    if (!set) this.byChannel.set(channel, (set = new Set()));
    set.add(handler);
    return {
      first,
      remove: () => {
        set.delete(handler);
        if (set.size > 0 || this.byChannel.get(channel) !== set) return false;
        this.byChannel.delete(channel);
        return true; // the last listener left
      },
    };
  }

  deliver(channel: string, message: BusMessage, log?: Logger): void {
    for (const handler of [...(this.byChannel.get(channel) ?? [])]) {
      try {
        handler(message);
      } catch (err) {
        log?.warn({ err, channel }, 'bus.handler_failed');
      }
    }
  }
}

/** One process: messages go straight to the handlers (asynchronously, as they would through Redis). */
export function inProcessBus(log?: Logger): Bus {
  const listeners = new Listeners();
  return {
    publish(channel, message) {
      const copy = JSON.parse(JSON.stringify(message)) as BusMessage;
      queueMicrotask(() => listeners.deliver(channel, copy, log));
    },
    subscribe(channel, handler) {
      return listeners.add(channel, handler).remove;
    },
    async close() {},
  };
}

/**
 * Redis pub/sub: one connection publishes, one subscribes (a subscribed Redis connection can do nothing else).
 * Channels are prefixed so several deployments can share one Redis. A lost connection reconnects by itself and
 * ioredis re-subscribes; messages published meanwhile are lost, which is why clients also refetch on reconnect.
 */
export function redisBus(url: string, log: Logger, prefix = 'invigil:'): Bus {
  // Connections open on first use, so a process that never publishes or subscribes (a CLI command) opens none.
  const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true };
  const pub = new Redis(url, options);
  const sub = new Redis(url, options);
  for (const [name, conn] of [['pub', pub], ['sub', sub]] as const) conn.on('error', (err) => log.warn({ err: err.message, conn: name }, 'bus.redis_error'));
  const listeners = new Listeners();
  sub.on('message', (channel: string, raw: string) => {
    if (!channel.startsWith(prefix)) return;
    let message: BusMessage;
    try {
      message = JSON.parse(raw) as BusMessage;
    } catch {
      log.warn({ channel }, 'bus.bad_message');
      return;
    }
    listeners.deliver(channel.slice(prefix.length), message, log);
  });
  return {
    publish(channel, message) {
      pub.publish(prefix + channel, JSON.stringify(message)).catch((err: Error) => log.warn({ err: err.message, channel }, 'bus.publish_failed'));
    },
    subscribe(channel, handler) {
      const entry = listeners.add(channel, handler);
      if (entry.first) sub.subscribe(prefix + channel).catch((err: Error) => log.warn({ err: err.message, channel }, 'bus.subscribe_failed'));
      return () => {
        if (entry.remove()) sub.unsubscribe(prefix + channel).catch(() => undefined);
      };
    },
    async close() {
      await Promise.allSettled([pub, sub].map(async (conn) => {
        if (conn.status === 'wait') conn.disconnect();
        else await conn.quit();
      }));
    },
  };
}

/**
 * Resolves once the bus delivers a message published now, i.e. every subscription made before the call is live
 * (Redis subscribes asynchronously; tests and start-up await this). Gives up after `timeoutMs`.
 */
export function busReady(bus: Bus, timeoutMs = 3000): Promise<boolean> {
  const probe = `ready:${Math.random().toString(36).slice(2)}`;
  return new Promise<boolean>((resolve) => {
    const finish = (ok: boolean) => {
      clearInterval(tick);
      clearTimeout(timer);
      stop();
      resolve(ok);
    };
    const stop = bus.subscribe(probe, () => finish(true));
    // A publish that overtakes the SUBSCRIBE is lost, so repeat it until one arrives.
    const tick = setInterval(() => bus.publish(probe, {}), 25);
    const timer = setTimeout(() => finish(false), timeoutMs);
    bus.publish(probe, {});
  });
}
