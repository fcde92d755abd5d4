import type { Client } from '@elastic/elasticsearch';
import { AkhbarError, type Logger } from '@akhbar/core';
import { articleIndexStatus, indexNames } from './admin.ts';
import { SearchErrors } from './errors.ts';
import { F } from './fields.ts';

/**
 * Retention: delete the articles published before a cutoff, so an index that takes news every
 * day stays the size its operator chose (`AKHBAR_RETENTION_DAYS`, `akhbar index prune`).
 *
 * Written as a scan and bulk deletes rather than `_delete_by_query`: that API lives in
 * Elasticsearch's reindex module, which not every distribution carries (the one the tests and
 * the local demo run has none), and one code path everywhere is the one that is tested. A point
 * in time keeps the scan stable while the deletes land; each page's ids are deleted from the
 * concrete index they sit in.
 */

export interface PruneOptions {
  /** Articles published before this instant are deleted. */
  before: Date;
  /** Ids per page and per bulk request. @default 1 000 */
  batchSize?: number;
  /** Only count what would be deleted. */
  dryRun?: boolean;
  log?: Logger;
  /** Stops between pages (a shutting-down indexer); what was deleted stays deleted. */
  signal?: AbortSignal;
  onProgress?: (p: { deleted: number; failed: number }) => void;
}

export interface PruneResult {
  /** The cutoff: articles published before it. */
  before: string;
  /** Articles older than the cutoff when the prune started. */
  matched: number;
  deleted: number;
  /** Deletes Elasticsearch refused (logged; the next prune tries them again). */
  failed: number;
  dryRun: boolean;
}

const olderThan = (before: Date) => ({ range: { [F.publishedAt]: { lt: before.toISOString() } } });

export async function pruneArticles(client: Client, prefix: string, opts: PruneOptions): Promise<PruneResult> {
  const names = indexNames(prefix);
  const status = await articleIndexStatus(client, prefix);
  if (status.indices.length === 0) throw new AkhbarError(SearchErrors.INDEX_MISSING, `no article index under ${prefix}`, { permanent: true });
  if (status.migrating) {
    throw new AkhbarError(SearchErrors.PRUNE_DURING_MIGRATION, 'a migration is copying the articles (`akhbar index status`); prune after it has finished, or a deleted article could be copied back', {
      permanent: true,
    });
  }
  const query = olderThan(opts.before);
  const { count: matched } = await client.count({ index: names.read, query });
  const result: PruneResult = { before: opts.before.toISOString(), matched, deleted: 0, failed: 0, dryRun: opts.dryRun === true };
  if (opts.dryRun || matched === 0) return result;

  const size = opts.batchSize ?? 1_000;
  const keepAlive = '2m';
  let pitId = (await client.openPointInTime({ index: names.read, keep_alive: keepAlive })).id;
  try {
    let after: unknown[] | undefined;
    while (!opts.signal?.aborted) {
      const res = await client.search({
        pit: { id: pitId, keep_alive: keepAlive },
        size,
        sort: [{ _shard_doc: 'asc' }],
        _source: false,
        track_total_hits: false,
        query,
        ...(after ? { search_after: after as never } : {}),
      });
      if (res.pit_id) pitId = res.pit_id;
      const hits = res.hits.hits;
      if (hits.length === 0) break;
      after = hits.at(-1)!.sort as unknown[];
      const bulk = await client.bulk({ operations: hits.map((h) => ({ delete: { _index: h._index, _id: h._id! } })) }, { requestTimeout: 120_000 });
      for (const item of bulk.items) {
        const r = item.delete!;
        if (r.status >= 200 && r.status < 300) result.deleted++;
        // 404: gone already (another prune got there first): nothing to do.
        else if (r.status !== 404) {
          result.failed++;
          opts.log?.warn({ id: r._id, status: r.status, reason: r.error?.reason }, 'could not delete an article past retention; the next prune tries again');
        }
      }
      opts.onProgress?.({ deleted: result.deleted, failed: result.failed });
      if (hits.length < size) break;
    }
  } finally {
    await client.closePointInTime({ id: pitId }).catch(() => undefined);
  }
  return result;
}

/** `90d`, `36h`, `2w` → milliseconds; undefined for anything else (at least an hour, at most 100 years). */
export function retentionMs(s: string): number | undefined {
  const m = /^([1-9]\d{0,5})([hdw])$/.exec(s.trim());
  if (!m) return undefined;
  const ms = Number(m[1]) * { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[m[2] as 'h' | 'd' | 'w'];
  return ms <= 100 * 365 * 86_400_000 ? ms : undefined;
}
