import { execFile } from 'node:child_process';
import { join } from 'node:path';
import t from 'tap';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import {
  createRedis, QUEUES, createLogger, createWorkerMetrics, instrumentWorker, redisReady, startOpsServer, type OpsServer,
} from '@akhbar/core';
import { REPO_ROOT, deleteRedisPrefix, testRedisUrl, uniqueQueuePrefix, waitFor } from '@akhbar/testkit';

/**
 * Health judged by progress, on real Redis with a real BullMQ worker: the ops server every worker
 * runs must call a worker stuck (jobs waiting, none finished) unhealthy, and only that.
 */

const log = createLogger('operate-test', 'silent');

async function get(ops: OpsServer, path: string): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(`http://127.0.0.1:${ops.port}${path}`);
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

/** The image's HEALTHCHECK command, run as Docker would: exit 0 healthy, 1 unhealthy. */
function dockerHealthcheck(port: number, service = 'enrich'): Promise<number | null> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [join(REPO_ROOT, 'infra/docker/healthcheck.mjs')], {
      env: { ...process.env, AKHBAR_SERVICE: service, METRICS_PORT: String(port) },
      timeout: 10_000,
    });
    child.on('exit', (code) => resolve(code));
  });
}

/** Samples of a Prometheus text exposition, for lookups that do not depend on label order. */
function samples(text: string): Array<{ name: string; labels: Record<string, string>; value: number }> {
  const out: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** Value of the one sample with this name whose labels include `labels`. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const found = samples(text).filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found.length === 1 ? found[0]!.value : undefined;
}

t.test('a worker with waiting jobs that finishes none is unhealthy; progress makes it healthy again', async (t) => {
  const prefix = uniqueQueuePrefix('ops-health');
  const conn = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const workerConn = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUES.raw, { connection: conn, prefix });
  // A worker that never takes a job: what BullMQ releases did after a Redis outage, while every
  // ping stayed green. autorun:false is that state, reached on purpose.
  let processed = 0;
  const worker = new Worker(QUEUES.raw, async () => {
    processed++;
    return 'done';
  }, { connection: workerConn, prefix, autorun: false });
  const metrics = createWorkerMetrics('operate-test');
  const ops = await startOpsServer({
    service: 'operate-test',
    port: 0,
    host: '127.0.0.1',
    metrics,
    probes: [instrumentWorker(worker, queue, metrics)],
    stallAfterMs: 1_000,
    ready: { redis: () => redisReady(conn) },
    log,
  });
  t.teardown(async () => {
    await ops.close();
    await worker.close();
    await queue.close();
    conn.disconnect();
    workerConn.disconnect();
    await deleteRedisPrefix(prefix);
  });

  const ready = await get(ops, '/readyz');
  t.equal(ready.status, 200, '/readyz: Redis answers');
  t.same(ready.body.checks, { redis: true });

  // Idle past the threshold with an empty queue: nothing to do is not a fault.
  await new Promise((r) => setTimeout(r, 1_300));
  const idle = await get(ops, '/healthz');
  t.equal(idle.status, 200, 'idle with an empty queue is healthy, however long');
  t.equal(idle.body.queues[QUEUES.raw].waiting, 0);

  await queue.addBulk([1, 2, 3].map((i) => ({ name: 'article', data: { i } })));
  const fresh = await get(ops, '/healthz');
  t.equal(fresh.status, 200, 'work that has only just arrived does not make a long-idle worker unhealthy');
  t.equal(fresh.body.queues[QUEUES.raw].waiting, 3);

  const stalled = await waitFor(async () => {
    const r = await get(ops, '/healthz');
    return r.status === 503 ? r : undefined;
  }, { timeoutMs: 10_000, intervalMs: 100, what: '/healthz to report the stall' });
  t.equal(stalled.body.status, 'stalled');
  t.equal(stalled.body.queues[QUEUES.raw].stalled, true);
  t.equal(stalled.body.queues[QUEUES.raw].waiting, 3);
  t.ok(stalled.body.queues[QUEUES.raw].waitingForMs > 1_000, 'jobs have waited longer than the threshold');
  t.equal(await dockerHealthcheck(ops.port), 1, 'the image HEALTHCHECK fails on the stalled worker');
  const scraped = await get(ops, '/metrics');
  t.equal(sample(scraped.text, 'akhbar_worker_stalled', { queue: QUEUES.raw, service: 'operate-test' }), 1, 'the stall is visible to Prometheus');
  t.equal(sample(scraped.text, 'akhbar_queue_jobs', { queue: QUEUES.raw, state: 'waiting' }), 3, 'queue depth is sampled at scrape time');
  t.equal((await get(ops, '/readyz')).status, 200, 'readiness is about dependencies, not progress: Redis still answers');

  // The worker resumes: jobs complete, health comes back without a restart.
  void worker.run();
  await waitFor(() => processed === 3, { timeoutMs: 10_000, what: 'the three jobs to be processed' });
  const healed = await waitFor(async () => {
    const r = await get(ops, '/healthz');
    return r.status === 200 ? r : undefined;
  }, { timeoutMs: 10_000, intervalMs: 100, what: '/healthz to recover' });
  t.equal(healed.body.status, 'ok');
  t.equal(healed.body.queues[QUEUES.raw].waiting, 0);
  t.equal(await dockerHealthcheck(ops.port), 0, 'the image HEALTHCHECK passes again');
  const after = (await get(ops, '/metrics')).text;
  t.equal(sample(after, 'akhbar_jobs_processed_total', { queue: QUEUES.raw, outcome: 'completed' }), 3, 'completed jobs counted');
  t.equal(sample(after, 'akhbar_worker_stalled', { queue: QUEUES.raw }), 0, 'the stall gauge is cleared');
});

t.test('a worker busy finishing jobs is healthy even with a backlog; failures count as progress and are measured', async (t) => {
  const prefix = uniqueQueuePrefix('ops-busy');
  const conn = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const workerConn = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUES.enriched, { connection: conn, prefix });
  const fetchedAt = new Date(Date.now() - 90_000).toISOString();
  // Slow enough that a backlog stays waiting for longer than the threshold while jobs complete.
  const worker = new Worker(QUEUES.enriched, async (job) => {
    await new Promise((r) => setTimeout(r, 150));
    if (job.data.bad) throw new UnrecoverableError('AKHBAR_TEST_BAD: refused');
    if (job.data.flaky && job.attemptsMade === 0) throw new Error('transient');
    return 'ok';
  }, { connection: workerConn, prefix, concurrency: 1 });
  const metrics = createWorkerMetrics('operate-test');
  const ops = await startOpsServer({ service: 'operate-test', port: 0, host: '127.0.0.1', metrics, probes: [instrumentWorker(worker, queue, metrics)], stallAfterMs: 1_000, log });
  t.teardown(async () => {
    await ops.close();
    await worker.close();
    await queue.close();
    conn.disconnect();
    workerConn.disconnect();
    await deleteRedisPrefix(prefix);
  });

  await queue.addBulk([
    { name: 'a', data: { bad: true, article: { fetchedAt } } },
    { name: 'a', data: { flaky: true, article: { fetchedAt } }, opts: { attempts: 2, backoff: { type: 'fixed', delay: 10 } } },
    ...Array.from({ length: 14 }, (_, i) => ({ name: 'a', data: { i, article: { fetchedAt } } })),
  ]);
  let maxWaitingFor = 0;
  let sawUnhealthy = false;
  await waitFor(async () => {
    const r = await get(ops, '/healthz');
    if (r.status !== 200) sawUnhealthy = true;
    const q = r.body.queues[QUEUES.enriched];
    maxWaitingFor = Math.max(maxWaitingFor, q.waitingForMs);
    return q.waiting === 0 && (await queue.getJobCounts('active')).active === 0;
  }, { timeoutMs: 20_000, intervalMs: 100, what: 'the backlog to drain' });
  t.ok(maxWaitingFor > 1_000, `the backlog waited longer than the threshold (${maxWaitingFor} ms)`);
  t.notOk(sawUnhealthy, 'a worker that keeps finishing jobs is never reported stalled');

  const text = (await get(ops, '/metrics')).text;
  const q = { queue: QUEUES.enriched };
  t.equal(sample(text, 'akhbar_jobs_processed_total', { ...q, outcome: 'completed' }), 15, 'completed jobs counted');
  t.equal(sample(text, 'akhbar_jobs_processed_total', { ...q, outcome: 'failed' }), 1, 'the permanent failure counted once');
  t.equal(sample(text, 'akhbar_jobs_retried_total', q), 1, 'the transient failure counted as a retry');
  t.equal(sample(text, 'akhbar_job_duration_seconds_count', q), 15, 'processing time observed per completed job');
  t.equal(sample(text, 'akhbar_article_lag_seconds_count', q), 15, 'fetched→done lag observed for every completed article');
  t.equal(sample(text, 'akhbar_article_lag_seconds_bucket', { ...q, le: '60' }), 0, 'articles fetched 90 s ago are not counted under 60 s');
  t.equal(sample(text, 'akhbar_article_lag_seconds_bucket', { ...q, le: '120' }), 15, 'and all fall under 120 s');
});

t.test('Redis unreachable: not ready, but not killed for it until the outage outlasts the threshold', async (t) => {
  // A port nothing listens on: a Redis outage as the worker sees it.
  // Connected the way a worker connects (createRedis), so the test sees what production sees.
  const dead = createRedis('redis://127.0.0.1:1', 'worker');
  dead.on('error', () => undefined);
  const queue = new Queue(QUEUES.fetch, { connection: dead, prefix: uniqueQueuePrefix('ops-dead') });
  queue.on('error', () => undefined);
  const live = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const worker = new Worker(QUEUES.fetch, async () => 'x', { connection: live, prefix: uniqueQueuePrefix('ops-unused'), autorun: false });
  const metrics = createWorkerMetrics('operate-test');
  const ops = await startOpsServer({
    service: 'operate-test', port: 0, host: '127.0.0.1', metrics,
    probes: [instrumentWorker(worker, queue, metrics)],
    stallAfterMs: 2_000, probeTimeoutMs: 300,
    ready: { redis: () => redisReady(dead, 300) },
    log,
  });
  t.teardown(async () => {
    await ops.close();
    await worker.close();
    await queue.close().catch(() => undefined);
    dead.disconnect();
    live.disconnect();
  });

  const ready = await get(ops, '/readyz');
  t.equal(ready.status, 503, '/readyz: not ready while Redis is away');
  t.same(ready.body.checks, { redis: false });
  const during = await get(ops, '/healthz');
  t.equal(during.status, 200, 'a short outage is not a reason to restart the worker');
  t.equal(during.body.status, 'unknown');
  t.equal(during.body.queues[QUEUES.fetch].waiting, null);
  t.match(during.body.queues[QUEUES.fetch].error, /did not answer/);
  const metricsRes = await get(ops, '/metrics');
  t.equal(metricsRes.status, 200, '/metrics still answers during the outage');

  const long = await waitFor(async () => {
    const r = await get(ops, '/healthz');
    return r.status === 503 ? r : undefined;
  }, { timeoutMs: 10_000, intervalMs: 200, what: '/healthz to give up on a long outage' });
  t.equal(long.body.status, 'stalled', 'an outage longer than the threshold may be a wedged connection: restart');
});
