import type { Queue } from 'bullmq';
import {
  AkhbarError, DEFAULT_INTERVAL_SEC, errorCode, isAkhbarError, type Feed, type FeedRegistry, type FetchJob, type Logger, type RawArticle, type RawJob, type RedisClient,
} from '@akhbar/core';
import { FeedErrors, fetchFeed, langTag, parseFeed, parseFeedDate, toRawArticles, websubLinks, type FetchOptions, type ParsedFeed, type SitemapOptions } from '@akhbar/feeds';
import type { FeedLock, HostLimiter } from './coordination.ts';
import { queueArticles } from './dedup.ts';
import type { FetchMetrics } from './metrics.ts';
import { adaptiveIntervalSec, failureDelayMs, intervalChanged, type IntervalBounds } from './policy.ts';
import { effectiveIntervalSec, scheduleFeed, unscheduleFeed } from './scheduler.ts';
import { maybeSubscribe, type WebSubDeps } from './websub.ts';

export interface FetchDeps {
  registry: FeedRegistry;
  rawQueue: Queue<RawJob>;
  /** Short items go here instead of rawQueue, by the feed's full-text policy (services/fulltext). */
  fulltextQueue?: Queue<RawJob>;
  /** For rescheduling a feed whose interval adapted, and unscheduling a disabled one. */
  fetchQueue?: Queue<FetchJob>;
  redis: RedisClient;
  prefix: string;
  log: Logger;
  lock: FeedLock;
  hosts: HostLimiter;
  metrics?: FetchMetrics;
  /** SSRF policy and limits handed to the fetcher. */
  fetch: Pick<FetchOptions, 'allowPrivate' | 'allowCidrs' | 'maxBytes' | 'timeoutMs' | 'userAgent'>;
  sitemap?: {
    /** Child sitemaps of a sitemap index fetched per poll, the newest by lastmod. @default 3 */
    children?: number;
    /** Plain sitemap entries whose lastmod is older than this are not articles. @default 48 */
    maxAgeHours?: number;
  };
  /** WebSub: subscribe feeds that name a hub (websub.ts); unset, none is. */
  websub?: WebSubDeps;
  /** Consecutive failures before a feed is disabled. @default 10 */
  maxFailures?: number;
  bounds?: IntervalBounds;
  /** @default 30 days */
  seenTtlSec?: number;
  signal?: AbortSignal;
}

export type FetchReason = NonNullable<FetchJob['reason']>;

export interface FetchOutcome {
  outcome: 'fetched' | 'not-modified' | 'failed' | 'skipped' | 'deferred';
  status: number;
  items: number;
  queued: number;
  updated: number;
  code?: string;
  message?: string;
  /** Why a poll was skipped: missing, disabled, backoff, busy. */
  skipped?: string;
  /** deferred: try again after this long (host limit, politeness). */
  deferMs?: number;
}

const nothing = { status: 0, items: 0, queued: 0, updated: 0 };
const DEFAULT_SITEMAP_CHILDREN = 3;

/**
 * One poll of one feed: fetch, parse, normalise, deduplicate, queue, and record what happened on
 * the feed's status. Failures are recorded (never thrown) so the caller decides what the job
 * becomes; they never affect other feeds.
 */
export async function fetchOnce(feedId: string, deps: FetchDeps, reason: FetchReason = 'schedule'): Promise<FetchOutcome> {
  const { registry } = deps;
  const log = deps.log.child({ feedId });
  const feed = await registry.get(feedId);
  if (!feed) return { outcome: 'skipped', skipped: 'missing', ...nothing };
  const now = new Date();
  const byUser = reason === 'manual' || reason === 'new';
  if (!byUser && (feed.status.state === 'disabled' || feed.status.state === 'gone')) return { outcome: 'skipped', skipped: feed.status.state, ...nothing };
  const notBefore = feed.status.nextFetchAt ? Date.parse(feed.status.nextFetchAt) : 0;
  // A user's refresh skips our own backoff, but not a server's explicit Retry-After.
  const serverAsked = feed.status.lastHttpStatus === 429 || feed.status.lastHttpStatus === 503;
  if (notBefore > now.getTime() && (!byUser || serverAsked)) return { outcome: 'skipped', skipped: 'backoff', ...nothing };

  // A sitemap index is fetched with its children, one after the other, under the same lease.
  const timeoutMs = (deps.fetch.timeoutMs ?? 30_000) * (1 + (deps.sitemap?.children ?? DEFAULT_SITEMAP_CHILDREN));
  const release = await deps.lock.acquire(feedId, timeoutMs + 60_000);
  if (!release) return { outcome: 'skipped', skipped: 'busy', ...nothing };
  const host = new URL(feed.url).host.toLowerCase();
  const slot = await deps.hosts.acquire(host, timeoutMs + 10_000).catch((err: unknown) => {
    log.warn({ err }, 'host limiter unavailable; fetching without it');
    return { release: async () => undefined };
  });
  if ('waitMs' in slot) {
    await release();
    return { outcome: 'deferred', deferMs: slot.waitMs + Math.floor(Math.random() * 250), ...nothing };
  }
  const started = performance.now();
  try {
    const outcome = await poll(feed, deps, log, now);
    deps.metrics?.fetches.inc({ status: String(outcome.status), code: 'none' });
    deps.metrics?.duration.observe({ outcome: outcome.outcome }, (performance.now() - started) / 1000);
    return outcome;
  } catch (err) {
    const outcome = await recordFailure(feed, err, deps, log, now);
    deps.metrics?.fetches.inc({ status: String(outcome.status), code: outcome.code ?? 'AKHBAR_INTERNAL' });
    deps.metrics?.duration.observe({ outcome: 'failed' }, (performance.now() - started) / 1000);
    return outcome;
  } finally {
    await slot.release().catch(() => undefined);
    await release().catch(() => undefined);
  }
}

async function poll(feed: Feed, deps: FetchDeps, log: Logger, now: Date): Promise<FetchOutcome> {
  const { registry } = deps;
  const res = await fetchFeed(feed.url, {
    ...deps.fetch,
    ...(feed.status.etag ? { etag: feed.status.etag } : {}),
    ...(feed.status.lastModified ? { lastModified: feed.status.lastModified } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  if (res.permanentUrl && res.permanentUrl !== feed.url) {
    await registry.updateSettings(feed.id, { url: res.permanentUrl });
    log.info({ from: feed.url, to: res.permanentUrl }, 'feed moved permanently; stored URL updated');
  }
  const ok = {
    state: 'active' as const,
    lastFetchAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    lastHttpStatus: res.status,
    consecutiveFailures: 0,
    lastErrorCode: null,
    lastError: null,
    nextFetchAt: null,
  };
  if (res.notModified) {
    await registry.updateStatus(feed.id, { ...ok, itemsLastFetch: 0 });
    if (deps.websub) await maybeSubscribe(feed, websubLinks(res.headers.link, res.url), deps.websub, registry, log);
    log.debug({ status: 304 }, 'feed not modified');
    return { outcome: 'not-modified', status: 304, items: 0, queued: 0, updated: 0 };
  }
  const sitemap: SitemapOptions = { now, maxAgeHours: deps.sitemap?.maxAgeHours ?? 48 };
  const parsed = await parseFeed(res.body, { url: res.url, contentType: res.headers['content-type'], sitemap });
  // What the articles come from: the document itself, or the children of a sitemap index.
  const index = parsed.sitemap?.kind === 'index';
  const children = index ? await childSitemaps(feed.id, parsed, deps, log, sitemap) : undefined;
  const sources = children ? children.parsed : [parsed];
  const docs = index ? [parsed, ...sources] : sources;
  const articles = onePerId(sources.flatMap((p) => toRawArticles(p, feed, now)));
  const { queued, updated } = await queueArticles(articles, {
    redis: deps.redis, rawQueue: deps.rawQueue, prefix: deps.prefix, seenTtlSec: deps.seenTtlSec ?? 30 * 86_400,
    ...(deps.fulltextQueue ? { fulltext: { queue: deps.fulltextQueue, policy: feed.fulltext } } : {}),
  });
  deps.metrics?.articles.inc({ kind: 'new' }, queued);
  deps.metrics?.articles.inc({ kind: 'update' }, updated);

  const dates = sources.flatMap((p) => p.items).map((i) => parseFeedDate(i.date)).filter((d): d is Date => d !== undefined);
  const floor = feed.intervalSec !== DEFAULT_INTERVAL_SEC ? feed.intervalSec : 0;
  const nextInterval = adaptiveIntervalSec(dates, feed.intervalSec, now, deps.bounds, floor);
  const previous = feed.status.effectiveIntervalSec;
  const retime = intervalChanged(previous, nextInterval);
  await registry.updateStatus(feed.id, {
    ...ok,
    itemsLastFetch: articles.length,
    // An index is asked for in full every time: a static index file can stay the same (304)
    // while the children it names change.
    etag: index ? null : (res.headers.etag ?? null),
    lastModified: index ? null : (res.headers['last-modified'] ?? null),
    repaired: docs.some((p) => p.flags.includes('feed-repaired')),
    ...(retime ? { effectiveIntervalSec: nextInterval } : {}),
  });
  await registry.incrementItemsSeen(feed.id, queued);
  // The HTTP Link header names the hub before the document does (WebSub discovery).
  if (deps.websub) await maybeSubscribe(feed, websubLinks(res.headers.link, res.url) ?? parsed.websub, deps.websub, registry, log);
  const fill: Partial<Pick<Feed, 'title' | 'siteUrl' | 'lang'>> = {};
  const title = docs.find((p) => p.title)?.title;
  const language = docs.find((p) => p.language)?.language;
  if (!feed.title && title) fill.title = title.slice(0, 300);
  if (!feed.siteUrl && parsed.link) fill.siteUrl = parsed.link;
  const declared = langTag(language);
  if (!feed.lang && declared) fill.lang = declared;
  if (Object.keys(fill).length > 0) await registry.updateSettings(feed.id, fill);
  if (retime && deps.fetchQueue) {
    const fresh = await registry.get(feed.id);
    if (fresh) await scheduleFeed(deps.fetchQueue, fresh, nextInterval, now.getTime());
  }
  for (const p of docs) if (p.flags.includes('feed-repaired')) log.info({ repairs: p.repairs }, 'feed needed repair to parse');
  const kind = parsed.sitemap ? { sitemap: parsed.sitemap.kind, ...(children ? { children: sources.length, unchanged: children.unchanged } : { entries: parsed.sitemap.entries }) } : {};
  log.info({ status: res.status, items: articles.length, queued, updated, format: parsed.format, ...kind, charset: parsed.charset, intervalSec: nextInterval }, 'feed fetched');
  return { outcome: 'fetched', status: res.status, items: articles.length, queued, updated };
}

/** The first article of each id (the same story can sit in two child sitemaps). */
function onePerId(articles: RawArticle[]): RawArticle[] {
  const seen = new Set<string>();
  return articles.filter((a) => !seen.has(a.id) && seen.add(a.id));
}

/** A child sitemap's validators from the poll that last read it (the index's own live on the feed's status). */
interface ChildValidators {
  etag?: string;
  lastModified?: string;
}

/** Where an index's children's validators are kept: one hash per feed, field = child URL. */
const childValidatorsKey = (prefix: string, feedId: string) => `${prefix}:sitemap-children:${feedId}`;
/** Validators of a feed removed, or of an index no longer polled, do not outlive it by long. */
const CHILD_VALIDATORS_TTL_SEC = 14 * 86_400;

/**
 * The newest children of a sitemap index (by lastmod, `sitemap.children` of them), fetched one
 * after the other through the feed's own fetcher, SSRF guard and size cap, and parsed. Each is
 * asked for conditionally with the ETag / Last-Modified it answered last time, so a child that has
 * not changed costs a 304 and no parse (a site's news sitemap changes, its older ones mostly do
 * not). A failing child is logged with its code and costs only its own items; a child that is
 * itself an index is such a failure (one level is followed, never more). Only when every child
 * failed does the poll fail, with the first child's error.
 */
async function childSitemaps(feedId: string, index: ParsedFeed, deps: FetchDeps, log: Logger, sitemap: SitemapOptions): Promise<{ parsed: ParsedFeed[]; unchanged: number }> {
  const urls = index.items.map((i) => i.link).filter((u): u is string => !!u).slice(0, deps.sitemap?.children ?? DEFAULT_SITEMAP_CHILDREN);
  const key = childValidatorsKey(deps.prefix, feedId);
  const before = await deps.redis.hgetall(key).catch((err: unknown) => {
    log.warn({ err }, 'could not read the child sitemaps\' validators; asking for them in full');
    return {} as Record<string, string>;
  });
  const after = new Map<string, ChildValidators>();
  const out: ParsedFeed[] = [];
  let unchanged = 0;
  let first: unknown;
  for (const url of urls) {
    try {
      const known = before[url] ? (JSON.parse(before[url]) as ChildValidators) : {};
      const res = await fetchFeed(url, {
        ...deps.fetch,
        ...(known.etag ? { etag: known.etag } : {}),
        ...(known.lastModified ? { lastModified: known.lastModified } : {}),
        ...(deps.signal ? { signal: deps.signal } : {}),
      });
      if (res.notModified) {
        unchanged++;
        after.set(url, known);
        continue;
      }
      const child = await parseFeed(res.body, { url: res.url, contentType: res.headers['content-type'], sitemap });
      if (child.sitemap?.kind === 'index') {
        throw new AkhbarError(FeedErrors.SITEMAP_NESTED, `child sitemap ${url} is itself a sitemap index; not followed (register it as a feed of its own)`, { permanent: true });
      }
      out.push(child);
      const validators: ChildValidators = { ...(res.headers.etag ? { etag: res.headers.etag } : {}), ...(res.headers['last-modified'] ? { lastModified: res.headers['last-modified'] } : {}) };
      if (validators.etag || validators.lastModified) after.set(url, validators);
    } catch (err) {
      if (deps.signal?.aborted) throw err;
      first ??= err;
      log.warn({ err, code: errorCode(err), child: url }, 'child sitemap failed; the other children are still read');
    }
  }
  // Only the children read this time keep validators (one that failed is asked for in full next time).
  const write = deps.redis.multi().del(key);
  if (after.size > 0) write.hset(key, Object.fromEntries([...after].map(([u, v]) => [u, JSON.stringify(v)]))).expire(key, CHILD_VALIDATORS_TTL_SEC);
  await write.exec().catch((err: unknown) => log.warn({ err }, "could not keep the child sitemaps' validators; they are asked for in full next time"));
  if (out.length === 0 && unchanged === 0 && first !== undefined) {
    const code = errorCode(first);
    const message = first instanceof Error ? first.message : String(first);
    throw new AkhbarError(
      // A child's 410 retires that child, not the index the user registered.
      code === FeedErrors.GONE ? FeedErrors.HTTP_STATUS : code,
      `every child sitemap failed (${urls.length}); the first: ${message}`,
      { permanent: isAkhbarError(first) && first.permanent, cause: first, ...(isAkhbarError(first) && first.details ? { details: first.details } : {}) },
    );
  }
  return { parsed: out, unchanged };
}

async function recordFailure(feed: Feed, err: unknown, deps: FetchDeps, log: Logger, now: Date): Promise<FetchOutcome> {
  const { registry } = deps;
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  const details = isAkhbarError(err) ? (err.details ?? {}) : {};
  const status = typeof details.status === 'number' ? details.status : 0;
  const failures = await registry.incrementFailures(feed.id);
  const maxFailures = deps.maxFailures ?? 10;
  const bounds = deps.bounds ?? { minSec: 300, maxSec: 86_400 };
  let state: Feed['status']['state'] = 'failing';
  if (code === FeedErrors.GONE) state = 'gone';
  else if (failures >= maxFailures) state = 'disabled';
  let waitMs = failureDelayMs(failures, effectiveIntervalSec(feed), bounds.maxSec);
  const retryAfterMs = typeof details.retryAfterMs === 'number' ? details.retryAfterMs : undefined;
  if ((status === 429 || status === 503) && retryAfterMs !== undefined) waitMs = Math.min(Math.max(waitMs, retryAfterMs), bounds.maxSec * 1000);
  await registry.updateStatus(feed.id, {
    state,
    lastFetchAt: now.toISOString(),
    lastErrorCode: code,
    lastError: message.slice(0, 500),
    lastHttpStatus: status || null,
    nextFetchAt: state === 'failing' ? new Date(now.getTime() + waitMs).toISOString() : null,
  });
  if (state !== 'failing' && deps.fetchQueue) await unscheduleFeed(deps.fetchQueue, feed.id).catch(() => undefined);
  const line = { err, code, status, failures, state, retryInSec: state === 'failing' ? Math.round(waitMs / 1000) : undefined };
  if (state === 'failing') log.warn(line, 'feed fetch failed');
  else log.error(line, state === 'gone' ? 'feed is gone (410); polling stopped' : `feed disabled after ${failures} consecutive failures`);
  return { outcome: 'failed', status, items: 0, queued: 0, updated: 0, code, message };
}
