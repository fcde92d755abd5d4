import type { Queue } from 'bullmq';
import type { EnrichedJob, Logger } from '@akhbar/core';
import { provenanceIsCurrent } from '@akhbar/nlp';
import { fromDocument, indexNames, type Client } from '@akhbar/search';
import type { EnrichMetrics } from './metrics.ts';
import { enrichAndForward, enrichOne } from './process.ts';
import type { FeedLanguages } from './feed-lang.ts';
import type { StoryClusterer } from './story.ts';

export interface ReenrichOptions {
  es: Client;
  indexPrefix: string;
  enrichedQueue: Queue<EnrichedJob>;
  stories?: StoryClusterer;
  /** Languages learned per feed (articles of feeds that declare none). */
  feedLanguages?: FeedLanguages;
  /** Articles published at or after this instant. */
  since: Date;
  /** …and before this one. @default no bound */
  until?: Date;
  /** Only this feed's articles. */
  feedId?: string;
  /** Documents per page. @default 500 */
  pageSize?: number;
  /** Enrich and count, send nothing to the indexer. */
  dryRun?: boolean;
  /**
   * Only articles some tagger of which changed since they were enriched, or failed then (provenanceIsCurrent): after an
   * upgrade, what the new taggers would tag differently; the rest are counted as `upToDate`. An interrupted run can be
   * started again and goes on where it stopped.
   */
  stale?: boolean;
  log?: Logger;
  metrics?: EnrichMetrics;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Re-run enrichment over indexed articles (after a tagger improved) without re-fetching feeds:
 * page through the index with a point-in-time and search_after, rebuild each raw article from its
 * stored document, enrich it again and send it to `articles.enriched`, where the indexer replaces
 * the document (same fetch version). A story id an article already had is kept unless a
 * near-duplicate says otherwise.
 */
export async function reenrich(opts: ReenrichOptions): Promise<{ total: number; sent: number; upToDate: number }> {
  const index = indexNames(opts.indexPrefix).read;
  const filter: Array<Record<string, unknown>> = [
    { range: { publishedAt: { gte: opts.since.toISOString(), ...(opts.until ? { lt: opts.until.toISOString() } : {}) } } },
  ];
  if (opts.feedId) filter.push({ term: { feedId: opts.feedId } });
  const query = { bool: { filter } };
  const { count: total } = await opts.es.count({ index, query });
  const pit = await opts.es.openPointInTime({ index, keep_alive: '2m' });
  let pitId = pit.id;
  // Job ids on the enriched queue must differ from the first enrichment's (BullMQ keeps finished
  // job ids for a day and would drop a re-sent one as a duplicate).
  const run = Date.now().toString(36);
  let sent = 0;
  let done = 0;
  let reread = 0;
  let upToDate = 0;
  let after: Array<string | number> | undefined;
  try {
    for (;;) {
      const res = await opts.es.search({
        pit: { id: pitId, keep_alive: '2m' },
        size: opts.pageSize ?? 500,
        query,
        sort: [{ publishedAt: 'asc' }, { _shard_doc: 'asc' }],
        ...(after ? { search_after: after } : {}),
        track_total_hits: false,
      });
      if (res.pit_id) pitId = res.pit_id;
      const hits = res.hits.hits;
      if (hits.length === 0) break;
      for (const hit of hits) {
        const doc = hit._source as Record<string, unknown>;
        done++;
        if (opts.stale && provenanceIsCurrent(doc.provenance as Parameters<typeof provenanceIsCurrent>[0])) {
          upToDate++;
          continue;
        }
        const article = fromDocument(doc);
        const previous = typeof doc.storyId === 'string' && doc.storyId !== article.id ? doc.storyId : undefined;
        const deps = {
          enrichedQueue: opts.enrichedQueue,
          ...(opts.stories ? { stories: opts.stories } : {}),
          ...(opts.feedLanguages ? { feedLanguages: opts.feedLanguages } : {}),
          ...(opts.metrics ? { metrics: opts.metrics } : {}),
          ...(opts.log ? { log: opts.log } : {}),
        };
        const fwd = { ...(previous ? { previousStoryId: previous } : {}), jobId: `${article.id}-re${run}` };
        if (opts.dryRun) {
          await enrichOne(article, deps, fwd);
        } else {
          await enrichAndForward(article, deps, fwd);
          sent++;
        }
        reread++;
      }
      opts.onProgress?.(done, total);
      after = hits[hits.length - 1]!.sort as Array<string | number>;
    }
  } finally {
    await opts.es.closePointInTime({ id: pitId }).catch((err: unknown) => opts.log?.warn({ err }, 'closing the point in time failed'));
  }
  return { total: reread, sent, upToDate };
}
