import type { Job, Queue } from 'bullmq';
import { QUEUES, articleJobId, type DeadJob, type QueueName } from '@akhbar/core';

/**
 * The dead-letter queue (`articles.dead`), shared by every stage: entries are never processed by
 * a worker, they wait there with their reason until an operator lists, replays or purges them.
 */

export interface DeadEntry {
  /** Job id in the dead-letter queue (what `dlq retry` / `dlq purge` take). */
  id: string;
  data: DeadJob;
}

const DEAD_STATES = ['waiting', 'paused', 'prioritized', 'delayed', 'failed', 'completed'] as const;

export interface DeadFilter {
  /** Only entries of this stage (ingest, fulltext, enrich, indexer). */
  stage?: string;
  /** Only entries with this error code. */
  code?: string;
}

function matches(data: DeadJob | undefined, f: DeadFilter): data is DeadJob {
  if (!data || typeof data !== 'object') return false;
  if (f.stage !== undefined && data.stage !== f.stage) return false;
  if (f.code !== undefined && data.code !== f.code) return false;
  return true;
}

/** Dead entries, oldest first. */
export async function listDead(dlq: Queue, filter: DeadFilter = {}, limit = 100): Promise<{ total: number; entries: DeadEntry[] }> {
  const jobs = (await dlq.getJobs([...DEAD_STATES], 0, -1, true)) as Array<Job<DeadJob> | undefined>;
  const all = jobs.filter((j): j is Job<DeadJob> => j !== undefined && matches(j.data, filter)).sort((a, b) => a.timestamp - b.timestamp);
  return { total: all.length, entries: all.slice(0, limit).map((j) => ({ id: String(j.id), data: j.data })) };
}

async function select(dlq: Queue, ids: readonly string[] | 'all', filter: DeadFilter): Promise<{ jobs: Array<Job<DeadJob>>; missing: string[] }> {
  if (ids === 'all') {
    const jobs = (await dlq.getJobs([...DEAD_STATES], 0, -1, true)) as Array<Job<DeadJob> | undefined>;
    return { jobs: jobs.filter((j): j is Job<DeadJob> => j !== undefined && matches(j.data, filter)), missing: [] };
  }
  const jobs: Array<Job<DeadJob>> = [];
  const missing: string[] = [];
  for (const id of ids) {
    const j = (await dlq.getJob(id)) as Job<DeadJob> | undefined;
    if (j && matches(j.data, filter)) jobs.push(j);
    else missing.push(id);
  }
  return { jobs, missing };
}

const KNOWN_QUEUES = new Set<string>(Object.values(QUEUES));
const ARTICLE_QUEUES = new Set<string>([QUEUES.raw, QUEUES.fulltext, QUEUES.enriched]);

/**
 * Replay dead entries into the queue they came from, then remove them from the dead-letter
 * queue. Article payloads keep their job id convention (article id), so a replay collapses with a
 * copy already waiting; a finished job with that id (the one that failed) is removed first, or
 * BullMQ would ignore the replay as a duplicate.
 */
export async function retryDead(
  dlq: Queue,
  openTarget: (name: QueueName) => Queue,
  ids: readonly string[] | 'all',
  filter: DeadFilter = {},
): Promise<{ retried: string[]; missing: string[]; skipped: Array<{ id: string; reason: string }> }> {
  const { jobs, missing } = await select(dlq, ids, filter);
  const retried: string[] = [];
  const skipped: Array<{ id: string; reason: string }> = [];
  const targets = new Map<string, Queue>();
  for (const dead of jobs) {
    const d = dead.data;
    if (!KNOWN_QUEUES.has(d.queue) || d.queue === QUEUES.dead) {
      skipped.push({ id: String(dead.id), reason: `unknown source queue "${d.queue}"` });
      continue;
    }
    let target = targets.get(d.queue);
    if (!target) {
      target = openTarget(d.queue as QueueName);
      targets.set(d.queue, target);
    }
    const article = (d.payload as { article?: { id?: unknown; contentHash?: unknown; flags?: unknown } } | undefined)?.article;
    let jobId: string | undefined;
    if (ARTICLE_QUEUES.has(d.queue) && article && typeof article.id === 'string' && typeof article.contentHash === 'string' && Array.isArray(article.flags)) {
      jobId = articleJobId(article as { id: string; contentHash: string; flags: string[] });
      const previous = await target.getJob(jobId);
      if (previous) {
        const state = await previous.getState();
        if (state === 'failed' || state === 'completed') await previous.remove();
      }
    }
    await target.add(ARTICLE_QUEUES.has(d.queue) ? 'article' : 'retry', d.payload, jobId ? { jobId } : {});
    await dead.remove();
    retried.push(String(dead.id));
  }
  return { retried, missing, skipped };
}

/** Delete dead entries for good. */
export async function purgeDead(dlq: Queue, ids: readonly string[] | 'all', filter: DeadFilter = {}): Promise<{ purged: number; missing: string[] }> {
  const { jobs, missing } = await select(dlq, ids, filter);
  for (const j of jobs) await j.remove();
  return { purged: jobs.length, missing };
}
