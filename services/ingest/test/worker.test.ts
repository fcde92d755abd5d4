import t from 'tap';
import { Redis } from 'ioredis';
import { FeedRegistry, createLogger, createWorkerMetrics } from '@akhbar/core';
import { closeFetchAgents } from '@akhbar/feeds';
import { deleteRedisPrefix, startFeedServer, testRedisUrl, uniqueQueuePrefix, waitFor } from '@akhbar/testkit';
import { loadIngestConfig } from '../src/config.ts';
import { createFetchMetrics } from '../src/metrics.ts';
import { SCHEDULER_PREFIX } from '../src/scheduler.ts';
import { createIngest } from '../src/worker.ts';
import { rss } from './helpers.ts';

t.teardown(() => closeFetchAgents());

t.test('the worker follows job schedulers, records outcomes and metrics, and drops schedules of inactive feeds', async (t) => {
  const prefix = uniqueQueuePrefix('worker');
  const srv = await startFeedServer({
    '/live.rss.xml': { body: rss([{ slug: 'a', ago: '-10m' }, { slug: 'b', ago: '-40m' }, { slug: 'c', ago: '-70m' }]) },
    '/missing.rss.xml': { status: 404, body: 'no' },
  });
  const config = loadIngestConfig({
    REDIS_URL: testRedisUrl(), AKHBAR_QUEUE_PREFIX: prefix, AKHBAR_ALLOW_PRIVATE_NETWORKS: 'true',
    INGEST_HOST_DELAY_MS: '0', INGEST_SCHEDULER_SYNC_SEC: '3600', LOG_LEVEL: 'silent',
  });
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const metrics = createWorkerMetrics('ingest-test');
  const ingest = createIngest(config, redis, createLogger('ingest-test', 'silent'), createFetchMetrics(metrics.registry));
  t.teardown(async () => {
    await ingest.close();
    redis.disconnect();
    await srv.close();
    await deleteRedisPrefix(prefix);
  });
  const registry = new FeedRegistry(redis, prefix);
  const { feed: live } = await registry.add({ url: `${srv.url}/live.rss.xml`, intervalSec: 900 });
  const { feed: dead } = await registry.add({ url: `${srv.url}/missing.rss.xml` });
  const { feed: off } = await registry.add({ url: `${srv.url}/off.rss.xml` });
  await registry.updateStatus(off.id, { state: 'disabled' });

  await ingest.sync();
  const schedulers = async () => new Map((await ingest.fetchQueue.getJobSchedulers(0, -1)).map((s) => [s.key, s.every]));
  const first = await schedulers();
  t.equal(first.get(SCHEDULER_PREFIX + live.id), 900_000, 'one scheduler per active feed at its interval');
  t.ok(first.has(SCHEDULER_PREFIX + dead.id));
  t.notOk(first.has(SCHEDULER_PREFIX + off.id), 'no scheduler for a disabled feed');

  // A feed never fetched is due at once: the scheduler's first job runs now.
  const fetched = await waitFor(async () => {
    const f = await registry.get(live.id);
    return f?.status.state === 'active' ? f : undefined;
  }, { timeoutMs: 15_000, what: 'the scheduled fetch' });
  t.equal(fetched.status.itemsSeen, 3);
  t.equal(fetched.status.lastHttpStatus, 200);
  const failed = await waitFor(async () => {
    const f = await registry.get(dead.id);
    return f?.status.state === 'failing' ? f : undefined;
  }, { timeoutMs: 15_000, what: 'the failing fetch' });
  t.match(failed.status, { lastHttpStatus: 404, lastErrorCode: 'AKHBAR_FEED_HTTP_STATUS', consecutiveFailures: 1 });
  t.ok(Date.parse(failed.status.nextFetchAt!) > Date.now(), 'backing off');
  const rawJobs = await ingest.rawQueue.getJobCounts('waiting');
  t.equal(rawJobs.waiting, 3, 'articles queued for enrichment');

  // Metrics: outcomes by HTTP status and error code on the shared registry.
  // (The counter moves when the job finishes, a moment after the status is written.)
  const text = await waitFor(async () => {
    const m = await metrics.registry.metrics();
    return /akhbar_feed_fetches_total\{status="200"/.test(m) && /akhbar_feed_fetches_total\{status="404"/.test(m) ? m : undefined;
  }, { timeoutMs: 10_000, what: 'both fetch outcomes in /metrics' });
  t.match(text, /akhbar_feed_fetches_total\{status="200",code="none",service="ingest-test"\} 1/);
  t.match(text, /akhbar_feed_fetches_total\{status="404",code="AKHBAR_FEED_HTTP_STATUS",service="ingest-test"\} 1/);
  t.match(text, /akhbar_feed_articles_queued_total\{kind="new",service="ingest-test"\} 3/);

  // The failed poll is a failed job (no BullMQ retries: the feed's own backoff decides).
  const failedJobs = await ingest.fetchQueue.getJobs(['failed']);
  t.ok(failedJobs.some((j) => j.data.feedId === dead.id && /AKHBAR_FEED_HTTP_STATUS/.test(j.failedReason ?? '') && j.attemptsMade === 1));

  // A manual refresh through the queue, as the gateway and the CLI send it.
  await ingest.fetchQueue.add('fetch', { v: 1, feedId: live.id, reason: 'manual' }, { jobId: `manual-${live.id}` });
  await waitFor(async () => (await ingest.fetchQueue.getJob(`manual-${live.id}`))?.finishedOn, { timeoutMs: 10_000, what: 'the manual fetch' });
  t.equal((await registry.require(live.id)).status.lastHttpStatus, 304, 'the re-poll was conditional');

  // A malformed payload fails alone.
  await ingest.fetchQueue.add('fetch', { v: 2, feed: 'x' } as never, { jobId: 'bad-payload' });
  await waitFor(async () => (await ingest.fetchQueue.getJob('bad-payload'))?.failedReason, { timeoutMs: 10_000, what: 'the bad payload to fail' });
  t.match((await ingest.fetchQueue.getJob('bad-payload'))?.failedReason, /AKHBAR_PAYLOAD_INVALID/);

  await registry.remove(dead.id);
  await registry.updateStatus(live.id, { state: 'disabled' });
  await ingest.sync();
  const after = await schedulers();
  t.notOk(after.has(SCHEDULER_PREFIX + dead.id), 'removed feed: schedule removed');
  t.notOk(after.has(SCHEDULER_PREFIX + live.id), 'disabled feed: schedule removed');
});
