import DataLoader from 'dataloader';
import { backoffMs, sleep, type Logger } from '@akhbar/core';
import { PREVIOUS_VERSION_FIELDS, statusOf, type Client, type PreviousVersion } from '@akhbar/search';

export interface PreviousVersionsOptions {
  /** Aborted when the indexer closes: an outage is no longer waited out, the jobs fail and are retried later. */
  signal: AbortSignal;
  log: Logger;
  /** Backoff while Elasticsearch is unavailable. @default 500 ms doubling, capped at 30 s */
  baseMs?: number;
  capMs?: number;
}

/**
 * The indexed versions updates are about to replace (revisions.ts), read with one multi-get for
 * the updates taken in the same tick — a feed that edits many items at once costs one request.
 * Never cached: each update must see the version indexed just before it. Only updates ask, so
 * new articles (nearly all of them) cost nothing.
 *
 * Elasticsearch unavailable (unreachable, 429, 5xx, a shard not answering) is waited out with
 * backoff, as the batcher waits out a failed bulk: the update's job stays active, nothing is
 * dead-lettered for an outage. A request refused for good (another 4xx) fails the jobs.
 */
export function previousVersions(es: Client, index: string, opts: PreviousVersionsOptions): (id: string) => Promise<PreviousVersion | undefined> {
  const read = async (ids: readonly string[]): Promise<Array<PreviousVersion | undefined>> => {
    // Realtime (the default): a version indexed a moment ago is read without waiting for a refresh.
    const res = await es.mget<PreviousVersion>({ index, ids: [...ids], _source_includes: [...PREVIOUS_VERSION_FIELDS] });
    const byId = new Map<string, PreviousVersion>();
    for (const d of res.docs) {
      if ('error' in d && d.error) throw Object.assign(new Error(`reading the indexed version of ${d._id} failed: ${d.error.reason ?? d.error.type}`), { shard: true });
      if ('found' in d && d.found && d._source) byId.set(d._id, d._source);
    }
    return ids.map((id) => byId.get(id));
  };
  const loader = new DataLoader<string, PreviousVersion | undefined>(
    async (ids) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await read(ids);
        } catch (err) {
          const status = statusOf(err);
          if (opts.signal.aborted || (status !== undefined && status >= 400 && status < 500 && status !== 429)) throw err;
          opts.log.warn({ err, updates: ids.length, attempt }, 'could not read the versions updates replace; retrying with backoff');
          await sleep(backoffMs(attempt, opts.baseMs ?? 500, opts.capMs ?? 30_000), opts.signal);
        }
      }
    },
    { cache: false, maxBatchSize: 500 },
  );
  return (id) => loader.load(id);
}
