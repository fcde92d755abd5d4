import type { IncomingMessage, ServerResponse } from 'node:http';
import t, { type Test } from 'tap';
import { FeedRegistry, QUEUES, createRedis, openQueue, type FetchJob } from '@akhbar/core';
import {
  deleteRedisPrefix, startFeedServer, startService, testRedisUrl, uniqueQueuePrefix, waitFor, type FeedServer, type ServiceProcess,
} from '@akhbar/testkit';

/**
 * Graceful shutdown as an orchestrator drives it: a real service process gets SIGTERM while it has
 * active jobs. It must stop taking work, finish the jobs (or, past the grace period, hand them back
 * to the queue), close its clients and exit 0, all within AKHBAR_SHUTDOWN_DEADLINE_MS.
 * (operate-monitoring.test.ts also stops every service with SIGTERM and expects exit 0.)
 */

const RSS = (base: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Slow Wire</title><link>${base}/</link><description>A feed that answers slowly</description>
<item><title>River levels fall along the Tigris</title><link>${base}/news/tigris-levels</link><pubDate>${new Date(Date.now() - 3_600_000).toUTCString()}</pubDate><description>Water levels dropped for a third week.</description></item>
<item><title>Date harvest begins early in Basra</title><link>${base}/news/basra-dates</link><pubDate>${new Date(Date.now() - 7_200_000).toUTCString()}</pubDate><description>Growers started picking ten days ahead of last year.</description></item>
</channel></rss>`;

interface Setup {
  prefix: string;
  feeds: FeedServer;
  registry: FeedRegistry;
  fetchQueue: ReturnType<typeof openQueue<FetchJob>>;
  rawQueue: ReturnType<typeof openQueue>;
  feedId: string;
  ingest: ServiceProcess;
}

/** A feed whose server holds each request until `respond` says so, and ingest polling it. */
async function setup(t: Test, respond: (res: ServerResponse, req: IncomingMessage, base: string) => void, deadlineMs: number): Promise<Setup> {
  const prefix = uniqueQueuePrefix('ops-stop');
  const redis = createRedis(testRedisUrl(), 'worker');
  let base = '';
  const feeds = await startFeedServer({ '/slow.rss.xml': { handler: (req, res) => respond(res, req, base) } });
  base = feeds.url;
  const registry = new FeedRegistry(redis, prefix);
  const { feed } = await registry.add({ url: `${feeds.url}/slow.rss.xml` });
  const fetchQueue = openQueue<FetchJob>(QUEUES.fetch, { connection: redis, prefix });
  const rawQueue = openQueue(QUEUES.raw, { connection: redis, prefix });
  const ingest = startService('ingest', {
    REDIS_URL: testRedisUrl(),
    AKHBAR_QUEUE_PREFIX: prefix,
    AKHBAR_ALLOW_PRIVATE_NETWORKS: 'true',
    METRICS_PORT: '0',
    AKHBAR_SHUTDOWN_DEADLINE_MS: String(deadlineMs),
  });
  t.teardown(async () => {
    if (!t.passing()) t.comment(`--- ingest ---\n${ingest.logs.slice(-20).map((l) => JSON.stringify(l)).join('\n')}\n${ingest.stderr.join('').slice(-2000)}`);
    await ingest.stop('SIGKILL');
    await feeds.close();
    await fetchQueue.close();
    await rawQueue.close();
    redis.disconnect();
    await deleteRedisPrefix(prefix);
  });
  // The job is active once ingest's fetch reaches the feed server.
  await waitFor(() => feeds.requests.length > 0, { timeoutMs: 30_000, what: 'ingest to start fetching the feed' });
  return { prefix, feeds, registry, fetchQueue, rawQueue, feedId: feed.id, ingest };
}

t.test('SIGTERM with an active job: no new work is taken, the job finishes, clients close, exit 0', async (t) => {
  const s = await setup(t, (res, _req, base) => {
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(RSS(base)), 1_500);
  }, 15_000);
  const activeBefore = (await s.fetchQueue.getJobCounts('active')).active;
  t.ok(activeBefore >= 1, 'the fetch job is active when the signal arrives');

  s.ingest.child.kill('SIGTERM');
  await s.ingest.waitForLog((l) => l.msg === 'shutting down', 10_000);
  // Work arriving after the signal stays in the queue for another replica.
  const late = await s.fetchQueue.add('fetch', { v: 1, feedId: s.feedId, reason: 'manual' }, { jobId: 'late-after-sigterm' });
  const code = await s.ingest.exited;

  t.equal(code, 0, 'exit code 0');
  const stopped = s.ingest.logs.find((l) => l.msg === 'stopped');
  t.ok(stopped, 'logged "stopped" after closing everything');
  t.equal(stopped?.graceExpired, false, 'the job finished within the grace period');
  t.equal(stopped?.handedBack, 0, 'nothing had to be handed back');
  const counts = await s.fetchQueue.getJobCounts('active', 'completed', 'failed');
  t.equal(counts.active, 0, 'no job left active');
  t.equal(counts.failed, 0, 'no job failed');
  t.equal(counts.completed, activeBefore, 'the active fetch completed');
  t.equal(await s.fetchQueue.getJobState(late.id!), 'waiting', 'the job added after SIGTERM was not taken');
  t.equal(s.feeds.requests.length, activeBefore, 'the feed was not fetched again after SIGTERM');
  t.equal((await s.rawQueue.getJobCounts('waiting')).waiting, 2, 'both articles of the finished fetch were queued for enrichment');
  const feed = await s.registry.get(s.feedId);
  t.equal(feed?.status.lastHttpStatus, 200, 'the fetch outcome was recorded before exiting');
});

t.test('SIGTERM with a job that cannot finish in time: it is handed back to the queue, exit 0 within the deadline', async (t) => {
  const deadlineMs = 3_000;
  const held: ServerResponse[] = [];
  const s = await setup(t, (res) => void held.push(res), deadlineMs); // never answers
  t.teardown(() => held.forEach((r) => r.destroy()));
  const active = await s.fetchQueue.getActive();
  t.ok(active.length >= 1, 'the fetch job is active');

  const started = Date.now();
  const code = await s.ingest.stop('SIGTERM', 15_000);
  const took = Date.now() - started;

  t.equal(code, 0, 'exit code 0: no work was lost');
  t.ok(took < deadlineMs + 2_000, `stopped within the deadline (${took} ms for ${deadlineMs} ms)`);
  t.ok(took >= deadlineMs - 1_500, `it waited for the job first (${took} ms)`);
  const handed = s.ingest.logs.find((l) => l.msg === 'handed active jobs back to their queue');
  t.equal(handed?.jobs, active.length, 'every active job was handed back');
  t.match(s.ingest.logs.find((l) => l.msg === 'stopped'), { graceExpired: true, handedBack: active.length }, 'the final log line says so');
  const counts = await s.fetchQueue.getJobCounts('active', 'failed');
  t.equal(counts.active, 0, 'no job left active (no lock to wait out)');
  t.equal(counts.failed, 0, 'handing back is not a failure');
  for (const job of active) {
    t.equal(await s.fetchQueue.getJobState(job.id!), 'waiting', `job ${job.id} is waiting for the next replica`);
    const again = await s.fetchQueue.getJob(job.id!);
    t.equal(again?.attemptsMade, 0, 'and it did not use up an attempt');
    t.equal(again?.data.feedId, s.feedId);
  }
});
