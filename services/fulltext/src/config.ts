import { bool, commonConfig, int, list, loadConfig, optStr, workerConfig, type ConfigOf } from '@akhbar/core';

export const fulltextConfigSpec = {
  ...commonConfig,
  ...workerConfig(9104),
  allowPrivate: bool('AKHBAR_ALLOW_PRIVATE_NETWORKS', { default: false, describe: 'Allow article pages on loopback/private addresses' }),
  allowCidrs: list('AKHBAR_ALLOWED_CIDRS', { default: [], describe: 'Non-public ranges allowed although the SSRF guard is on' }),
  concurrency: int('FULLTEXT_CONCURRENCY', { default: 8, min: 1, max: 256, describe: 'Pages fetched and extracted at once per process' }),
  hostConcurrency: int('FULLTEXT_HOST_CONCURRENCY', { default: 2, min: 1, max: 64, describe: 'Page fetches of one domain at once, across all replicas' }),
  hostDelayMs: int('FULLTEXT_HOST_DELAY_MS', { default: 1000, min: 0, max: 600_000, describe: 'Politeness: least time between two requests to one domain' }),
  timeoutMs: int('FULLTEXT_TIMEOUT_MS', { default: 20_000, min: 1000, max: 600_000, describe: 'Total time for one page fetch, redirects included' }),
  maxBytes: int('FULLTEXT_MAX_BYTES', { default: 5 * 1024 * 1024, min: 1024, max: 1024 * 1024 * 1024, describe: 'Page body cap after decompression' }),
  maxAttempts: int('FULLTEXT_MAX_ATTEMPTS', { default: 3, min: 1, max: 50, describe: 'Tries per page before the article goes on with its feed text' }),
  robotsTtlSec: int('FULLTEXT_ROBOTS_TTL_SEC', { default: 86_400, min: 60, max: 30 * 86_400, describe: 'How long a fetched robots.txt is cached in Redis' }),
  maxRetryAfterSec: int('FULLTEXT_MAX_RETRY_AFTER_SEC', { default: 3600, min: 1, max: 86_400, describe: 'Longest back-off a 429/503 Retry-After can impose on a domain' }),
  maxCrawlDelaySec: int('FULLTEXT_MAX_CRAWL_DELAY_SEC', { default: 60, min: 0, max: 3600, describe: 'Cap on a robots.txt Crawl-delay' }),
  userAgent: optStr('FULLTEXT_USER_AGENT', { describe: 'User-Agent for page fetches (default names Akhbar)' }),
  revisitAfter: list('FULLTEXT_REVISIT_AFTER', {
    default: [],
    describe: 'Read an article\'s page again this long after it was read (comma list, e.g. 3h,24h; units ms, s, m, h, d): an edit of the page its feed does not show becomes an update. Empty: never',
  }),
};

/** FULLTEXT_REVISIT_AFTER as delays in ms, each from the page's first read; a value that is not a duration stops the service at start. */
export function revisitDelays(values: readonly string[]): number[] {
  const units = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
  return values.map((v) => {
    const m = /^(\d+)(ms|s|m|h|d)$/.exec(v.trim());
    const ms = m ? Number(m[1]) * units[m[2] as keyof typeof units] : NaN;
    if (!(ms > 0 && ms <= 30 * 86_400_000)) throw new Error(`FULLTEXT_REVISIT_AFTER: ${JSON.stringify(v)} is not a duration of at most 30 days (e.g. 3h, 24h)`);
    return ms;
  });
}
export type FulltextConfig = ConfigOf<typeof fulltextConfigSpec>;
export const loadFulltextConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(fulltextConfigSpec, env);

/** The product token robots.txt groups are matched against (`User-agent: Akhbar`). */
export const ROBOTS_AGENT = 'Akhbar';
/** Default User-Agent of page fetches: names Akhbar and says what it is doing. */
export const PAGE_USER_AGENT = 'Akhbar/0.1 (+https://github.com/akhbar/akhbar; news aggregator; full-text fetcher)';
