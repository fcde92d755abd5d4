import { bool, commonConfig, int, list, loadConfig, optStr, optUrl, workerConfig, type ConfigOf } from '@akhbar/core';

export const ingestConfigSpec = {
  ...commonConfig,
  ...workerConfig(9101),
  allowPrivate: bool('AKHBAR_ALLOW_PRIVATE_NETWORKS', { default: false, describe: 'Allow feeds on loopback/private addresses' }),
  allowCidrs: list('AKHBAR_ALLOWED_CIDRS', { default: [], describe: 'Non-public ranges allowed although the SSRF guard is on, e.g. 10.20.0.0/16' }),
  concurrency: int('INGEST_CONCURRENCY', { default: 8, min: 1, max: 256, describe: 'Feeds fetched at once per process' }),
  schedulerSyncSec: int('INGEST_SCHEDULER_SYNC_SEC', { default: 30, min: 1, max: 3600, describe: 'How often schedules are reconciled with the registry' }),
  hostConcurrency: int('INGEST_HOST_CONCURRENCY', { default: 2, min: 1, max: 64, describe: 'Fetches of one host at once, across all ingest replicas' }),
  hostDelayMs: int('INGEST_HOST_DELAY_MS', { default: 1000, min: 0, max: 600_000, describe: 'Politeness: least time between two requests to one host' }),
  maxFailures: int('INGEST_MAX_FAILURES', { default: 10, min: 1, max: 1000, describe: 'Consecutive failures after which a feed is disabled' }),
  minIntervalSec: int('INGEST_MIN_INTERVAL_SEC', { default: 300, min: 60, max: 86_400, describe: 'Shortest adaptive poll interval' }),
  maxIntervalSec: int('INGEST_MAX_INTERVAL_SEC', { default: 86_400, min: 300, max: 7 * 86_400, describe: 'Longest adaptive poll interval and backoff' }),
  fetchTimeoutMs: int('INGEST_FETCH_TIMEOUT_MS', { default: 30_000, min: 1000, max: 600_000, describe: 'Total time for one fetch, redirects included' }),
  maxBytes: int('INGEST_MAX_BYTES', { default: 15 * 1024 * 1024, min: 1024, max: 1024 * 1024 * 1024, describe: 'Feed body cap after decompression' }),
  sitemapChildren: int('INGEST_SITEMAP_CHILDREN', { default: 3, min: 1, max: 50, describe: 'Child sitemaps of a sitemap index fetched per poll, the most recent by lastmod' }),
  sitemapMaxAgeHours: int('INGEST_SITEMAP_MAX_AGE_HOURS', { default: 48, min: 1, max: 8760, describe: 'Entries of a plain (non-news) sitemap become articles when their lastmod is this recent' }),
  seenTtlDays: int('INGEST_SEEN_TTL_DAYS', { default: 30, min: 1, max: 3650, describe: 'How long an article id and content hash are remembered for dedup' }),
  userAgent: optStr('INGEST_USER_AGENT', { describe: 'User-Agent of the fetcher (default names Akhbar)' }),
  websubCallbackUrl: optUrl('INGEST_WEBSUB_CALLBACK_URL', { describe: "The gateway's public base URL: feeds that name a WebSub hub are subscribed, pushes arriving at <url>/v1/websub/<feedId> (unset: no subscriptions)" }),
  websubLeaseSec: int('INGEST_WEBSUB_LEASE_SEC', { default: 864_000, min: 3600, max: 31_536_000, describe: 'WebSub lease asked of hubs (they may grant another); renewed a day before it lapses' }),
};
export type IngestConfig = ConfigOf<typeof ingestConfigSpec>;
export const loadIngestConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(ingestConfigSpec, env);
