import { optStr, str } from './config.ts';
import type { AlertArticle } from './queues.ts';
import type { RedisClient } from './redis.ts';

/**
 * Alerts: saved searches whose new matches are POSTed to a webhook, or emailed (a `mailto:`
 * webhook, with an SMTP server configured: what Google Alerts does). The gateway creates them
 * (it has the gazetteer that expands names to entities, and turns the search parameters into an
 * Elasticsearch query once); the indexer matches new articles against them and delivers. They
 * live in Redis beside the feed registry — few, small, read whole — under the queue prefix's
 * hash tag.
 */

/** An alert as users define it, plus what the gateway derived from it. */
export interface AlertDefinition {
  id: string;
  name: string;
  /** Where matches go: an http(s) URL they are POSTed to, or `mailto:address`, emailed to (alertEmail). */
  webhook: string;
  /** The search parameters, as given (q, lang, topic…). */
  params: Record<string, string>;
  /** New matches must be like this text (what POST /v1/similar matches), within the parameters' filters. */
  like?: string;
  /** The article `like` was read from, when the alert was made from an address (likeUrl): where the page led. */
  likeUrl?: string;
  /** Entities the query was expanded to when the alert was made. */
  expandedEntities: unknown[];
  createdAt: string;
  /**
   * Deliver the matches of each period in one POST at its end (`15m`, `1h`, `1d`: periods start on
   * multiples of it since the epoch, UTC) instead of one POST per article as it is indexed.
   */
  digest?: string;
  /**
   * Stories, not articles: deliver a matching article only when its story is carried by at least
   * this many sources (2…100, counted over the whole index), and each story once — the breaking
   * story a newsroom wants to hear of as it spreads, not each of its articles.
   */
  minSources?: number;
  /**
   * The body of each delivery: `akhbar` (the default: the JSON documented for receivers), or a
   * chat webhook's own message format — `slack` (`{"text": …}`, also Mattermost and Matrix
   * bridges that take Slack's) or `discord` (`{"content": …}`), so a channel can take alerts
   * without a bridge in between.
   */
  format?: AlertFormat;
  /**
   * Fires on edits instead of new articles (its query has `edited=`; the gateway sets this to what
   * it asks: title, summary, body or any): a matching article its site edited after publishing is
   * delivered with its edit, once per edit that changed one of them.
   */
  onEdits?: string[];
}

export const ALERT_FORMATS = ['akhbar', 'slack', 'discord'] as const;
export type AlertFormat = (typeof ALERT_FORMATS)[number];

const DIGEST_UNITS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** Digest periods: a number and m, h or d, from 1 minute to 7 days. */
export const DIGEST_PATTERN = '^[1-9][0-9]{0,3}[mhd]$';

/**
 * The SMTP server email alerts go through, and who they come from: read by the gateway (which
 * refuses a mailto: alert without a server to send it) and the indexer (which sends).
 */
export const mailConfig = {
  smtpUrl: optStr('AKHBAR_SMTP_URL', { describe: 'SMTP server for email alerts (smtp://user:pass@host:587, smtps://… for TLS from the start); unset: mailto: alerts are refused' }),
  mailFrom: str('AKHBAR_MAIL_FROM', { default: 'Akhbar <alerts@akhbar.invalid>', describe: 'From: of email alerts' }),
};

/** One address, as a mailto: alert takes it: no list, no display name, no header fields. */
const EMAIL = /^[^\s@<>()[\],;:"\\?&=%]+@[^\s@<>()[\],;:"\\?&=%]+\.[^\s@<>()[\],;:"\\?&=%.]+$/;

/** The address of a mailto: alert (`mailto:desk@example.com`), or undefined for a webhook or a malformed one. */
export function alertEmail(webhook: string): string | undefined {
  if (!webhook.startsWith('mailto:')) return undefined;
  const address = webhook.slice('mailto:'.length);
  return EMAIL.test(address) && address.length <= 254 ? address : undefined;
}

/** A digest period in ms, or undefined when `s` is not one (outside 1 minute … 7 days included). */
export function digestPeriodMs(s: string): number | undefined {
  if (!new RegExp(DIGEST_PATTERN).test(s)) return undefined;
  const ms = Number(s.slice(0, -1)) * DIGEST_UNITS[s.at(-1) as keyof typeof DIGEST_UNITS];
  return ms >= 60_000 && ms <= 7 * 86_400_000 ? ms : undefined;
}

/** The end of the digest period `now` falls in (always after `now`: a match at a period's last instant goes to the next). */
export function digestPeriodEnd(periodMs: number, now = Date.now()): number {
  return Math.floor(now / periodMs) * periodMs + periodMs;
}

/** What is stored per alert: the definition, its Elasticsearch query, and the secret that signs deliveries (never listed; none for an email alert, which is not signed). */
export interface StoredAlert {
  alert: AlertDefinition;
  query: Record<string, unknown>;
  secret?: string;
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

/** How long a minSources alert remembers the stories it sent (30 days). */
export const STORIES_KEPT_SEC = 30 * 86_400;

/** Compare-and-set of one alert's JSON (what `replace` stores only if nobody changed it meanwhile). */
const REPLACE_IF_SAME = "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0";

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
  #digestKey(id: string): string {
    return `${this.#prefix}:alerts:digest:${id}`;
  }
  #storiesKey(id: string): string {
    return `${this.#prefix}:alerts:stories:${id}`;
  }

  async put(stored: StoredAlert): Promise<void> {
    await this.#redis.multi().set(this.#alertKey(stored.alert.id), JSON.stringify(stored)).sadd(this.#idsKey(), stored.alert.id).exec();
  }

  /**
   * Store `next` only if the alert is still exactly `prev` — not changed (PATCH) or deleted since it
   * was read — so a background rewrite never undoes a user's edit. True when stored.
   */
  async replace(prev: StoredAlert, next: StoredAlert): Promise<boolean> {
    const stored = await this.#redis.eval(REPLACE_IF_SAME, 1, this.#alertKey(prev.alert.id), JSON.stringify(prev), JSON.stringify(next));
    return Number(stored) === 1;
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
    const [[, removed] = [null, 0]] = (await this.#redis.multi().srem(this.#idsKey(), id).del(this.#alertKey(id), this.#statusKey(id), this.#digestKey(id), this.#storiesKey(id)).exec()) ?? [];
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

  /**
   * Keep matches of a digest alert for its next delivery (an article matched twice is kept once;
   * for an alert on edits, each edit of it once: digestEntry).
   */
  async addToDigest(id: string, articles: readonly AlertArticle[]): Promise<void> {
    if (articles.length === 0) return;
    await this.#redis.hset(this.#digestKey(id), Object.fromEntries(articles.map((a) => [digestEntry(a), JSON.stringify(a)])));
  }

  /** The matches waiting for a digest: the newest `max`, and how many wait in all. */
  async pendingDigest(id: string, max: number): Promise<{ articles: AlertArticle[]; total: number }> {
    const all = Object.values(await this.#redis.hgetall(this.#digestKey(id))).map((raw) => JSON.parse(raw) as AlertArticle);
    // Newest first: by the edit for an alert on edits, else by publication.
    const when = (a: AlertArticle) => a.edited?.at ?? a.publishedAt;
    all.sort((a, b) => when(b).localeCompare(when(a)) || a.id.localeCompare(b.id));
    return { articles: all.slice(0, max), total: all.length };
  }

  /** Of `storyIds`, those a minSources alert has not yet sent. */
  async unsentStories(id: string, storyIds: readonly string[]): Promise<string[]> {
    if (storyIds.length === 0) return [];
    const sent = await this.#redis.smismember(this.#storiesKey(id), ...storyIds);
    return storyIds.filter((_, i) => sent[i] !== 1);
  }

  /**
   * Remember the stories a minSources alert sent, so later articles of theirs send nothing. Kept
   * STORIES_KEPT_SEC after the alert last sent one: a story quiet that long is news again.
   */
  async markStoriesSent(id: string, storyIds: readonly string[]): Promise<void> {
    if (storyIds.length === 0) return;
    await this.#redis.multi().sadd(this.#storiesKey(id), ...storyIds).expire(this.#storiesKey(id), STORIES_KEPT_SEC).exec();
  }

  /** Drop matches a digest delivered (or that went to the dead-letter queue with it). */
  async clearDigest(id: string, articles: readonly AlertArticle[]): Promise<void> {
    if (articles.length > 0) await this.#redis.hdel(this.#digestKey(id), ...articles.map(digestEntry));
  }
}

/** A digest's entry for a match: the article, or for an edit (an alert on edits) that edit of it, so a second edit in one period is not lost. */
export function digestEntry(a: AlertArticle): string {
  return a.edited ? `${a.id}.e${String(Date.parse(a.edited.at))}` : a.id;
}
