import type { RedisClient } from '@akhbar/core';

/**
 * The language each feed publishes in, learned from its articles, for feeds that declare none.
 *
 * Many feeds (most Atom feeds, many RSS ones) carry no language, and a headline-only item with few
 * function words ("Oil slides as OPEC+ weighs output increase") is too little for the detector,
 * which then says `und` and the article drops out of every `lang=` filter. A reader knows the
 * outlet's language; so does this: each confident detection (≥ 0.5) of an undeclared article is
 * counted per feed in Redis, and once a feed has `minArticles` such articles with one language
 * making up `minShare` of them, that language is the hint for its undeclared articles — used like
 * a declared one, so it decides only when the text itself is thin or ambiguous. A feed that mixes
 * languages never reaches the share and gets no hint.
 *
 * Counts are halved whenever they pass `window` (100), so they stand for the feed's recent
 * articles: a feed that changes language (a site relaunched in French) is re-learned after about
 * a hundred articles, not after four times everything it ever published.
 *
 * Key: `<prefix>:enrich:feedlang:<feed id>` (hash: language → count; expires 30 days after the
 * feed's last undeclared article). Read through a short in-process cache.
 */

export interface FeedLanguageOptions {
  /** Queue prefix (with its hash tag). */
  prefix: string;
  /** Confident detections needed before a feed has a language. @default 5 */
  minArticles?: number;
  /** Share of them in one language. @default 0.8 */
  minShare?: number;
  /** How long a feed's language is remembered in-process. @default 60 000 */
  cacheMs?: number;
  /** Counts are halved when their sum passes this. @default 100 */
  window?: number;
}

/**
 * Count one detection and halve every count once the sum passes the window (dropping what
 * reaches 0), atomically. KEYS[1] the feed's hash; ARGV language, window, TTL seconds.
 */
const LEARN = `
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
local vals = redis.call('HGETALL', KEYS[1])
local total = 0
for i = 2, #vals, 2 do total = total + tonumber(vals[i]) end
if total > tonumber(ARGV[2]) then
  for i = 1, #vals, 2 do
    local half = math.floor(tonumber(vals[i + 1]) / 2)
    if half > 0 then redis.call('HSET', KEYS[1], vals[i], half) else redis.call('HDEL', KEYS[1], vals[i]) end
  end
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return total`;

/** Detections at least this confident teach a feed's language; a hint-decided one (0.25) does not. */
export const LEARN_CONFIDENCE = 0.5;
const TTL_SECONDS = 30 * 86_400;

export class FeedLanguages {
  readonly #redis: RedisClient;
  readonly #o: Required<FeedLanguageOptions>;
  readonly #cache = new Map<string, { lang: string | undefined; at: number }>();

  constructor(redis: RedisClient, opts: FeedLanguageOptions) {
    this.#redis = redis;
    this.#o = { minArticles: 5, minShare: 0.8, cacheMs: 60_000, window: 100, ...opts };
  }

  #key(feedId: string): string {
    return `${this.#o.prefix}:enrich:feedlang:${feedId}`;
  }

  /** The feed's language, when its articles have shown one clearly enough. */
  async prior(feedId: string): Promise<string | undefined> {
    const hit = this.#cache.get(feedId);
    if (hit && Date.now() - hit.at < this.#o.cacheMs) return hit.lang;
    const counts = Object.entries(await this.#redis.hgetall(this.#key(feedId))).map(([l, n]) => [l, Number(n)] as const);
    const total = counts.reduce((s, [, n]) => s + n, 0);
    const [top] = counts.sort((a, b) => b[1] - a[1]);
    const lang = top && total >= this.#o.minArticles && top[1] / total >= this.#o.minShare ? top[0] : undefined;
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(feedId, { lang, at: Date.now() });
    return lang;
  }

  /** Count a detection of an undeclared article of the feed (only confident ones count). */
  async learn(feedId: string, lang: string, confidence: number): Promise<void> {
    if (lang === 'und' || confidence < LEARN_CONFIDENCE) return;
    await this.#redis.eval(LEARN, 1, this.#key(feedId), lang, this.#o.window, TTL_SECONDS);
  }
}
