import { randomBytes } from 'node:crypto';
import type { RedisClient } from './redis.ts';

/**
 * WebSub subscriptions (W3C WebSub): a feed that names a hub can have new items pushed to the
 * gateway instead of waiting for its next poll. The ingest asks the hub (`hub.mode=subscribe`)
 * with a secret it keeps here; the gateway answers the hub's verification and checks each
 * push's signature with the same secret. One hash per feed, beside the feed's own (same hash tag,
 * so the same Cluster slot), removed with the feed (FeedRegistry.remove); the feed's public
 * status carries the state, never the secret.
 */
export interface WebSubSubscription {
  hub: string;
  /** The feed's URL as the hub knows it (its rel="self", else the URL polled). */
  topic: string;
  /** HMAC key the hub signs pushes with (X-Hub-Signature). */
  secret: string;
  /** The key before a renewal: the hub signs with it until it has verified the renewal. */
  previousSecret?: string;
  requestedAt: string;
  /** The lease asked for. */
  leaseSec: number;
  /** The lease the hub granted when it verified (it may differ from the one asked for). */
  grantedSec?: number;
}

export const websubKey = (prefix: string, feedId: string) => `${prefix}:websub:${feedId}`;

export class WebSubStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;

  constructor(redis: RedisClient, prefix = '{akhbar}') {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  /** A new subscription request: a fresh secret, replacing any earlier one (a renewal too). */
  async begin(feedId: string, hub: string, topic: string, leaseSec: number): Promise<WebSubSubscription> {
    const before = await this.get(feedId);
    const sub: WebSubSubscription = { hub, topic, secret: randomBytes(24).toString('hex'), requestedAt: new Date().toISOString(), leaseSec };
    if (before && before.hub === hub && before.topic === topic) sub.previousSecret = before.secret;
    const key = websubKey(this.#prefix, feedId);
    await this.#redis.multi().del(key).hset(key, { ...sub, leaseSec: String(leaseSec) }).exec();
    return sub;
  }

  async get(feedId: string): Promise<WebSubSubscription | undefined> {
    const h = await this.#redis.hgetall(websubKey(this.#prefix, feedId));
    if (!h.hub || !h.topic || !h.secret) return undefined;
    return { hub: h.hub, topic: h.topic, secret: h.secret, requestedAt: h.requestedAt ?? '', leaseSec: Number(h.leaseSec ?? 0),
      ...(h.grantedSec ? { grantedSec: Number(h.grantedSec) } : {}),
      ...(h.previousSecret ? { previousSecret: h.previousSecret } : {}),
    };
  }

  /** The hub verified it, granting `grantedSec`. */
  async granted(feedId: string, grantedSec: number): Promise<void> {
    await this.#redis.hset(websubKey(this.#prefix, feedId), 'grantedSec', String(grantedSec));
  }
}
