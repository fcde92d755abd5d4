import type { Queue } from 'bullmq';
import type { Feed, FeedRegistry, FetchJob, Logger } from '@akhbar/core';

/**
 * One BullMQ job scheduler per active feed, repeating at the feed's effective interval (the
 * adaptive one when known, else its base interval). Failure backoff and Retry-After are not
 * expressed here but as the feed's `nextFetchAt`, which scheduled fetches respect: a scheduler
 * keeps its rhythm and simply finds nothing to do while the feed is backing off.
 */

export const SCHEDULER_PREFIX = 'feed-';
export const FETCH_JOB_OPTIONS = { attempts: 1, removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } };

export function effectiveIntervalSec(feed: Feed): number {
  return feed.status.effectiveIntervalSec ?? feed.intervalSec;
}

function active(feed: Feed): boolean {
  return feed.status.state !== 'disabled' && feed.status.state !== 'gone';
}

/**
 * Create or update a feed's scheduler. The first run is one interval after the last fetch (now
 * for a feed never fetched), so restarting ingest or changing an interval never triggers a burst.
 */
export async function scheduleFeed(fetchQueue: Queue<FetchJob>, feed: Feed, everySec = effectiveIntervalSec(feed), now = Date.now()): Promise<void> {
  const last = feed.status.lastFetchAt ? Date.parse(feed.status.lastFetchAt) : NaN;
  const startDate = Number.isFinite(last) ? Math.max(now, last + everySec * 1000) : now;
  await fetchQueue.upsertJobScheduler(
    SCHEDULER_PREFIX + feed.id,
    { every: everySec * 1000, startDate },
    { name: 'fetch', data: { v: 1, feedId: feed.id, reason: 'schedule' }, opts: FETCH_JOB_OPTIONS },
  );
}

export async function unscheduleFeed(fetchQueue: Queue<FetchJob>, feedId: string): Promise<void> {
  await fetchQueue.removeJobScheduler(SCHEDULER_PREFIX + feedId);
}

/**
 * Reconcile schedulers with the registry: add missing ones, retime changed ones, remove those
 * of removed, disabled or gone feeds. Idempotent and cheap when nothing changed, so every ingest
 * replica runs it periodically.
 */
export async function syncSchedules(registry: FeedRegistry, fetchQueue: Queue<FetchJob>, log: Logger): Promise<number> {
  const feeds = await registry.list();
  const existing = new Map<string, number | undefined>();
  for (const s of await fetchQueue.getJobSchedulers(0, -1)) {
    const key = s.key ?? (s as { id?: string }).id;
    if (key) existing.set(key, s.every ?? undefined);
  }
  const wanted = new Set<string>();
  for (const feed of feeds) {
    if (!active(feed)) continue;
    const id = SCHEDULER_PREFIX + feed.id;
    wanted.add(id);
    const everyMs = effectiveIntervalSec(feed) * 1000;
    if (existing.get(id) === everyMs) continue;
    await scheduleFeed(fetchQueue, feed);
    log.debug({ feedId: feed.id, everySec: everyMs / 1000 }, 'feed scheduled');
  }
  for (const key of existing.keys()) {
    if (key.startsWith(SCHEDULER_PREFIX) && !wanted.has(key)) {
      await fetchQueue.removeJobScheduler(key);
      log.info({ feedId: key.slice(SCHEDULER_PREFIX.length) }, 'removed the schedule of a feed no longer active');
    }
  }
  return wanted.size;
}
