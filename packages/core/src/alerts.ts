import type { RedisClient } from './redis.ts';

/**
 * Alerts: saved searches whose new matches are POSTed to a webhook. The gateway creates them
 * (it has the gazetteer that expands names to entities, and turns the search parameters into an
 * Elasticsearch query once); the indexer matches new articles against them and delivers. They
 * live in Redis beside the feed registry — few, small, read whole — under the queue prefix's
 * hash tag.
 */

/** An alert as users define it, plus what the gateway derived from it. */
export interface AlertDefinition {
  id: string;
  name: string;
  /** Where matches are POSTed. */
  webhook: string;
  /** The search parameters, as given (q, lang, topic…). */
  params: Record<string, string>;
  /** Entities the query was expanded to when the alert was made. */
  expandedEntities: unknown[];
  createdAt: string;
}

/** What is stored per alert: the definition, its Elasticsearch query, and the secret that signs deliveries (never listed). */
export interface StoredAlert {
  alert: AlertDefinition;
  query: Record<string, unknown>;
  secret: string;
}

/** How an alert's deliveries went (what an operator checks when a webhook seems quiet). */
export interface AlertStatus {
  delivered: number;
  /** Deliveries dead-lettered: refused by the webhook, or still failing after every retry. */
  failed: number;
  lastDeliveredAt?: string;
  lastFailedAt?: string;
  lastError?: string;
}

export class AlertRegistry {
  readonly #redis: RedisClient;
  readonly #prefix: string;

  constructor(redis: RedisClient, prefix = '{akhbar}') {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  #idsKey(): string {
    return `${this.#prefix}:alerts:ids`;
  }
  #alertKey(id: string): string {
    return `${this.#prefix}:alerts:alert:${id}`;
  }
  #statusKey(id: string): string {
    return `${this.#prefix}:alerts:status:${id}`;
  }

  async put(stored: StoredAlert): Promise<void> {
    await this.#redis.multi().set(this.#alertKey(stored.alert.id), JSON.stringify(stored)).sadd(this.#idsKey(), stored.alert.id).exec();
  }

  async get(id: string): Promise<StoredAlert | undefined> {
    const raw = await this.#redis.get(this.#alertKey(id));
    return raw ? (JSON.parse(raw) as StoredAlert) : undefined;
  }

  /** Every alert, oldest first. */
  async list(): Promise<StoredAlert[]> {
    const ids = await this.#redis.smembers(this.#idsKey());
    if (ids.length === 0) return [];
    const raws = await this.#redis.mget(...ids.map((id) => this.#alertKey(id)));
    return raws
      .filter((r): r is string => typeof r === 'string')
      .map((r) => JSON.parse(r) as StoredAlert)
      .sort((a, b) => a.alert.createdAt.localeCompare(b.alert.createdAt) || a.alert.id.localeCompare(b.alert.id));
  }

  async count(): Promise<number> {
    return this.#redis.scard(this.#idsKey());
  }

  /** True when the alert existed. */
  async remove(id: string): Promise<boolean> {
    const [[, removed] = [null, 0]] = (await this.#redis.multi().srem(this.#idsKey(), id).del(this.#alertKey(id), this.#statusKey(id)).exec()) ?? [];
    return removed === 1;
  }

  /** Count a delivery that succeeded or was given up on (not a failure still being retried). */
  async recordDelivery(id: string, outcome: { ok: true } | { ok: false; error: string }): Promise<void> {
    // A late delivery must not leave counters behind for an alert removed meanwhile.
    if ((await this.#redis.exists(this.#alertKey(id))) === 0) return;
    const now = new Date().toISOString();
    const key = this.#statusKey(id);
    if (outcome.ok) await this.#redis.multi().hincrby(key, 'delivered', 1).hset(key, 'lastDeliveredAt', now).exec();
    else await this.#redis.multi().hincrby(key, 'failed', 1).hset(key, { lastFailedAt: now, lastError: outcome.error.slice(0, 500) }).exec();
  }

  async status(id: string): Promise<AlertStatus> {
    const h = await this.#redis.hgetall(this.#statusKey(id));
    const out: AlertStatus = { delivered: Number(h.delivered ?? 0), failed: Number(h.failed ?? 0) };
    if (h.lastDeliveredAt) out.lastDeliveredAt = h.lastDeliveredAt;
    if (h.lastFailedAt) out.lastFailedAt = h.lastFailedAt;
    if (h.lastError) out.lastError = h.lastError;
    return out;
  }
}
