import { AkhbarError, type Logger, type RawArticle } from '@akhbar/core';
import { FulltextErrors, applyExtraction, extractArticle } from '@akhbar/extract';
import { decodeBody, type FetchOptions } from '@akhbar/feeds';
import { fetchPage } from './page.ts';
import type { DomainGate } from './politeness.ts';
import type { RobotsCache } from './robots.ts';

export interface PageDeps {
  gate: DomainGate;
  robots: RobotsCache;
  fetch: FetchOptions;
  log: Logger;
  /** Waits up to this long in process for a domain slot; longer waits go back to the queue. @default 2000 */
  maxInlineWaitMs?: number;
  /** Cap on a robots.txt Crawl-delay. @default 60 000 */
  maxCrawlDelayMs?: number;
  /** Cap on the domain pause a Retry-After can impose. @default 3 600 000 */
  maxRetryAfterMs?: number;
  /** Default pause after a 429/503 without Retry-After. @default 60 000 */
  defaultBackoffMs?: number;
}

export type PageOutcome =
  | { kind: 'done'; article: RawArticle; replaced: boolean; chars: number; charset: string }
  | { kind: 'defer'; waitMs: number };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Read one article's page: wait for the domain's turn, honour robots.txt, fetch with the shared
 * fetcher, decode (BOM, Content-Type, <meta charset>, detection), extract, and merge into the
 * article. Returns `defer` when the domain is busy or paused for longer than is worth waiting
 * here; throws a coded AkhbarError (FulltextErrors) when the page cannot be read.
 */
export async function readPage(article: RawArticle, deps: PageDeps): Promise<PageOutcome> {
  const host = new URL(article.url).host.toLowerCase();
  const leaseMs = (deps.fetch.timeoutMs ?? 30_000) * 2 + 10_000;
  const maxInline = deps.maxInlineWaitMs ?? 2000;
  let slot = await deps.gate.acquire(host, leaseMs);
  while ('waitMs' in slot) {
    if (slot.waitMs > maxInline) return { kind: 'defer', waitMs: slot.waitMs };
    await sleep(slot.waitMs);
    slot = await deps.gate.acquire(host, leaseMs);
  }
  try {
    const robots = await deps.robots.check(article.url);
    if (!robots.allowed) {
      throw new AkhbarError(
        FulltextErrors.ROBOTS_DISALLOWED,
        robots.source === 'unreachable' ? `robots.txt of ${host} is unreachable; fetching nothing from it for now` : `robots.txt of ${host} disallows ${new URL(article.url).pathname}`,
        // An unreachable robots.txt may come back; a rule will not change within our retries.
        { permanent: robots.source === 'ok', details: { robots: robots.source } },
      );
    }
    if (robots.crawlDelayMs) await deps.gate.space(host, Math.min(robots.crawlDelayMs, deps.maxCrawlDelayMs ?? 60_000));
    let page;
    try {
      page = await fetchPage(article.url, deps.fetch);
    } catch (err) {
      if (err instanceof AkhbarError && err.code === FulltextErrors.RATE_LIMITED) {
        const asked = typeof err.details?.retryAfterMs === 'number' ? err.details.retryAfterMs : (deps.defaultBackoffMs ?? 60_000);
        await deps.gate.pause(host, Math.min(Math.max(asked, 1000), deps.maxRetryAfterMs ?? 3_600_000));
      }
      throw err;
    }
    const decoded = decodeBody(page.body, { contentType: page.contentType, kind: 'html' });
    const extracted = extractArticle(decoded.text, { url: page.url });
    const { article: merged, replaced } = applyExtraction(article, extracted);
    return { kind: 'done', article: merged, replaced, chars: extracted.length, charset: decoded.charset };
  } finally {
    await slot.release().catch((err: unknown) => deps.log.warn({ err, host }, 'could not release the domain slot; it expires on its own'));
  }
}
