import { createHmac } from 'node:crypto';
import type { Config, IceServerConfig } from '../config.ts';

/** How long minted TURN credentials work: a whole exam day (sessions re-fetch them for each call). */
export const turnCredentialTtlSeconds = 12 * 3600;

/**
 * The ICE servers a user's browser gets for live video (and the system test's loopback). TURN servers configured
 * without a username get time-limited credentials minted for this user with coturn's REST-API scheme
 * (`use-auth-secret`): username `<expiry unix seconds>:<user id>`, password base64(HMAC-SHA1(secret, username)), so
 * no long-lived TURN password ever reaches a browser.
 */
export function iceServersFor(config: Pick<Config, 'iceServers' | 'turnSecret'>, userId: string, now: Date): IceServerConfig[] {
  return config.iceServers.map((server) => {
    const isTurn = server.urls.some((u) => u.startsWith('turn:') || u.startsWith('turns:'));
    if (!isTurn || server.username || !config.turnSecret) return server;
    const username = `${Math.floor(now.getTime() / 1000) + turnCredentialTtlSeconds}:${userId}`;
    const credential = createHmac('sha1', config.turnSecret).update(username).digest('base64');
    return { urls: server.urls, username, credential };
  });
}
