import type { Queue } from 'bullmq';
import type { FeedRegistry, FetchJob, Logger } from '@akhbar/core';

const SCHEDULER_PREFIX = 'feed-';

/**
 * Reconcile BullMQ job schedulers with the registry: one repeating fetch per enabled feed at its
 * interval, none for removed or disabled feeds. Idempotent, so every ingest replica may run it.
 */
export async function syncSchedules(registry: FeedRegistry, fetchQueue: Queue<FetchJob>, log: Logger): Promise<number> {
  const feeds = await registry.list();
  const wanted = new Set<string>();
  for (const feed of feeds) {
    if (feed.status.state === 'disabled' || feed.status.state === 'gone') continue;
    const id = SCHEDULER_PREFIX + feed.id;
    wanted.add(id);
    await fetchQueue.upsertJobScheduler(id, { every: feed.intervalSec * 1000 }, {
      name: 'fetch',
      data: { v: 1, feedId: feed.id, reason: 'schedule' },
      opts: { removeOnComplete: 1000, removeOnFail: 5000 },
    });
  }
  const existing = await fetchQueue.getJobSchedulers(0, -1);
  for (const s of existing) {
    const key = s.key ?? s.id;
    if (key && key.startsWith(SCHEDULER_PREFIX) && !wanted.has(key)) {
      await fetchQueue.removeJobScheduler(key);
      log.info({ scheduler: key }, 'removed schedule of a feed no longer active');
    }
  }
  return wanted.size;
}
