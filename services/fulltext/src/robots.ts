import robotsParserModule from 'robots-parser';
import { isAkhbarError, type Logger, type RedisClient } from '@akhbar/core';
import { FeedErrors, decodeBody, fetchUrl, type FetchOptions } from '@akhbar/feeds';
import { pageError } from './page.ts';

/**
 * robots.txt, honoured and cached. The file is fetched through the one safe fetcher, kept in Redis
 * per origin with its own expiry (shared by every replica), and read with robots-parser. Answers
 * follow RFC 9309: a 4xx means no rules (everything allowed); a 5xx or a network failure means
 * the site is "unreachable" and everything is disallowed until a shorter retry expiry passes.
 */

export interface RobotsVerdict {
  allowed: boolean;
  /** Crawl-delay for our agent (or `*`), in ms, when the file sets one. */
  crawlDelayMs?: number;
  /** ok: rules read; none: no usable file (4xx, not text); unreachable: 5xx or network error. */
  source: 'ok' | 'none' | 'unreachable';
}

// robots-parser is CommonJS (module.exports = fn) but its typings declare an ES default export;
// under Node's ESM interop the default import *is* the function.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

interface Cached {
  s: 'ok' | 'none' | 'unreachable';
  body?: string;
}

/** RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt. */
const ROBOTS_MAX_BYTES = 512 * 1024;

export interface RobotsOptions {
  /** Product token matched against `User-agent:` lines. */
  agent: string;
  /** Expiry of a fetched file. @default 1 day */
  ttlSec?: number;
  /** Expiry of an "unreachable" answer, after which the file is asked for again. @default 10 min */
  unreachableTtlSec?: number;
  fetch: FetchOptions;
  log?: Logger;
}

export function robotsUrlFor(pageUrl: string): string {
  const u = new URL(pageUrl);
  return `${u.protocol}//${u.host}/robots.txt`;
}

/** The verdict of a robots.txt body (or its absence) for one page. */
export function judgeRobots(pageUrl: string, cached: Cached, agent: string): RobotsVerdict {
  if (cached.s === 'unreachable') return { allowed: false, source: 'unreachable' };
  if (cached.s === 'none' || !cached.body) return { allowed: true, source: 'none' };
  const robots = robotsParser(robotsUrlFor(pageUrl), cached.body);
  const allowed = robots.isAllowed(pageUrl, agent) !== false;
  const delay = robots.getCrawlDelay(agent);
  const verdict: RobotsVerdict = { allowed, source: 'ok' };
  if (typeof delay === 'number' && Number.isFinite(delay) && delay > 0) verdict.crawlDelayMs = Math.round(delay * 1000);
  return verdict;
}

/** Fetch and classify a site's robots.txt (no cache). */
export async function fetchRobots(pageUrl: string, fetch: FetchOptions): Promise<Cached> {
  try {
    const res = await fetchUrl(robotsUrlFor(pageUrl), { ...fetch, maxBytes: ROBOTS_MAX_BYTES, accept: 'text/plain, */*;q=0.5' });
    const type = (res.headers['content-type'] ?? 'text/plain').toLowerCase();
    // A site that answers /robots.txt with its HTML home page has no robots.txt.
    if (!/^text\/plain|^text\/|^application\/octet-stream/.test(type) || /html/.test(type)) return { s: 'none' };
    return { s: 'ok', body: decodeBody(res.body, { contentType: res.headers['content-type'], kind: 'html' }).text };
  } catch (err) {
    // A refused address or scheme is the page's problem too: report it as such, not as robots.
    if (isAkhbarError(err) && [FeedErrors.PRIVATE_ADDRESS, FeedErrors.BAD_SCHEME, FeedErrors.BAD_URL].includes(err.code as never)) throw pageError(err, pageUrl);
    const status = isAkhbarError(err) && typeof err.details?.status === 'number' ? err.details.status : 0;
    if (status >= 400 && status < 500 && status !== 429) return { s: 'none' };
    // 5xx, 429, network failure, timeout, or a file past the cap: unreachable, so nothing is
    // fetched from the site until the short expiry passes and the file is asked for again.
    return { s: 'unreachable' };
  }
}

export class RobotsCache {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #opts: RobotsOptions;
  constructor(redis: RedisClient, prefix: string, opts: RobotsOptions) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#opts = opts;
  }

  #key(pageUrl: string): string {
    const u = new URL(pageUrl);
    return `${this.#prefix}:fulltext:robots:${u.protocol}//${u.host}`;
  }

  /** Whether Akhbar may fetch `pageUrl`; fetches robots.txt when the cache has no fresh copy. */
  async check(pageUrl: string): Promise<RobotsVerdict & { cached: boolean }> {
    const key = this.#key(pageUrl);
    const hit = await this.#redis.get(key);
    if (hit) {
      try {
        return { ...judgeRobots(pageUrl, JSON.parse(hit) as Cached, this.#opts.agent), cached: true };
      } catch {
        // a damaged entry is refetched below
      }
    }
    const fresh = await fetchRobots(pageUrl, this.#opts.fetch);
    const ttl = fresh.s === 'unreachable' ? (this.#opts.unreachableTtlSec ?? 600) : (this.#opts.ttlSec ?? 86_400);
    await this.#redis.set(key, JSON.stringify(fresh), 'EX', ttl);
    this.#opts.log?.debug({ robots: robotsUrlFor(pageUrl), source: fresh.s, ttlSec: ttl }, 'robots.txt fetched');
    return { ...judgeRobots(pageUrl, fresh, this.#opts.agent), cached: false };
  }
}
