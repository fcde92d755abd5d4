import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import { waitForReplicas, type RedisClient, type ReplicaPolicy } from './redis.ts';
import { errorCode } from './errors.ts';
import { QUEUES, type DeadJob, type QueueName } from './queues.ts';

/**
 * Defaults for jobs on the article queues: retries with exponential backoff (BullMQ adds no
 * jitter to the built-in strategy, so `akhbarBackoff` below is registered on workers), and
 * short retention of finished jobs. A finished job keeps its whole article (~30 KB), so keeping
 * a day of them cost Redis ~3 GB per 100,000 articles (measured by the benchmark). Re-polls are
 * deduplicated by ingest's own seen-hash, and Elasticsearch's _id makes a late repeat harmless,
 * so an hour / 1,000 jobs per queue (recent history for Bull Board) is enough.
 */
export const ARTICLE_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'akhbar', delay: 1_000 },
  removeOnComplete: { age: 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** Exponential backoff with jitter for BullMQ's `settings.backoffStrategy`. */
export function akhbarBackoff(attemptsMade: number): number {
  const base = 1_000 * 2 ** Math.max(0, attemptsMade - 1);
  const capped = Math.min(base, 5 * 60_000);
  return Math.floor(capped / 2 + Math.random() * (capped / 2));
}

export interface QueueContext {
  connection: RedisClient | ConnectionOptions;
  prefix: string;
  /** Replicas that must hold each add before it resolves (REDIS_MIN_REPLICAS). @default none */
  replicas?: ReplicaPolicy;
}

/**
 * A queue whose `add` and `addBulk` resolve only once the policy's replicas hold the new jobs
 * (waitForReplicas), so every stage's hand-off goes through this one place.
 */
class ReplicatedQueue<T> extends Queue<T> {
  readonly #policy: ReplicaPolicy;

  constructor(name: QueueName, opts: ConstructorParameters<typeof Queue<T>>[1], policy: ReplicaPolicy) {
    super(name, opts);
    this.#policy = policy;
  }

  async #replicated(): Promise<void> {
    // BullMQ types its client as its own interface; it is the ioredis Redis or Cluster given.
    await waitForReplicas((await this.client) as unknown as RedisClient, `${this.opts.prefix ?? 'bull'}:${this.name}`, this.#policy);
  }

  override async add(...args: Parameters<Queue<T>['add']>): ReturnType<Queue<T>['add']> {
    const job = await super.add(...args);
    await this.#replicated();
    return job;
  }

  override async addBulk(jobs: Parameters<Queue<T>['addBulk']>[0]): ReturnType<Queue<T>['addBulk']> {
    const added = await super.addBulk(jobs);
    await this.#replicated();
    return added;
  }
}

export function openQueue<T = unknown>(name: QueueName, ctx: QueueContext, defaultJobOptions: DefaultJobOptions = ARTICLE_JOB_OPTIONS): Queue<T> {
  const opts = { connection: ctx.connection, prefix: ctx.prefix, defaultJobOptions };
  return ctx.replicas && ctx.replicas.count > 0 ? new ReplicatedQueue<T>(name, opts, ctx.replicas) : new Queue<T>(name, opts);
}

/**
 * Park a payload that will never succeed in the dead-letter queue with its reason, so it is
 * visible (`akhbar dlq list`) and replayable (`akhbar dlq retry`) instead of lost or retried forever.
 */
export async function deadLetter(
  dlq: Queue,
  entry: { stage: string; queue: QueueName; err: unknown; payload: unknown; articleId?: string; feedId?: string },
): Promise<void> {
  const data: DeadJob = {
    v: 1,
    stage: entry.stage,
    queue: entry.queue,
    code: errorCode(entry.err),
    reason: entry.err instanceof Error ? entry.err.message : String(entry.err),
    failedAt: new Date().toISOString(),
    payload: entry.payload,
  };
  if (entry.articleId) data.articleId = entry.articleId;
  if (entry.feedId) data.feedId = entry.feedId;
  await dlq.add(entry.stage, data, { removeOnComplete: false, removeOnFail: false, attempts: 1 });
}

/**
 * Wait, at most `ms`, for BullMQ workers and queues to finish starting before they are closed.
 * BullMQ 5 (5.81) reports a failed start-up by emitting `error` on its connection wrapper, and
 * its close() removes that listener: a worker or queue closed while its start-up INFO is still
 * in flight turns the closed connection into an unhandled "Connection is closed." rejection
 * (a replica told to stop as it starts; a test that closes one at once). A Redis that never
 * answers does not hold the close up beyond `ms`.
 */
export async function settleBull(items: ReadonlyArray<{ waitUntilReady(): Promise<unknown> }>, ms = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  await Promise.race([Promise.allSettled(items.map((i) => i.waitUntilReady())), deadline]);
  clearTimeout(timer);
}

export { QUEUES };
