import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Job, Queue, Worker } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Logger } from './logger.ts';
import { registerHandBack } from './shutdown.ts';

/**
 * The small HTTP server every worker runs beside its BullMQ worker: `/metrics` (Prometheus),
 * `/healthz` (liveness, judged by progress, not ping) and `/readyz` (dependencies reachable).
 *
 * Why progress: BullMQ has had releases where a worker never resumed after a Redis outage while
 * its connection answered pings. A worker whose queue has waiting jobs but that has completed
 * none for `stallAfterMs` is reported unhealthy, so an orchestrator restarts it.
 */

export interface WorkerMetrics {
  registry: Registry;
  processed: Counter<'queue' | 'outcome'>;
  retried: Counter<'queue'>;
  duration: Histogram<'queue'>;
  depth: Gauge<'queue' | 'state'>;
  /** Time from an article's fetch (`fetchedAt`) to this stage finishing its job; on the indexer's
   * queue (articles.enriched) that is fetched → indexed, since its jobs complete on the bulk ack. */
  lag: Histogram<'queue'>;
  /** Seconds since the worker last finished a job (sampled at scrape). */
  sinceProgress: Gauge<'queue'>;
  /** 1 when /healthz judges the worker stalled: waiting jobs, no progress for the threshold. */
  stalled: Gauge<'queue'>;
}

/** One registry per process, with default Node metrics and the job metrics every worker shares. */
export function createWorkerMetrics(service: string): WorkerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'akhbar_node_' });
  return {
    registry,
    processed: new Counter({
      name: 'akhbar_jobs_processed_total',
      help: 'Jobs finished by this worker, by outcome (completed, failed)',
      labelNames: ['queue', 'outcome'],
      registers: [registry],
    }),
    retried: new Counter({
      name: 'akhbar_jobs_retried_total',
      help: 'Failed attempts that will be retried',
      labelNames: ['queue'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'akhbar_job_duration_seconds',
      help: 'Processing time of one job',
      labelNames: ['queue'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    depth: new Gauge({
      name: 'akhbar_queue_jobs',
      help: 'Jobs in the queue by state (sampled at scrape time)',
      labelNames: ['queue', 'state'],
      registers: [registry],
    }),
    lag: new Histogram({
      name: 'akhbar_article_lag_seconds',
      help: 'Time from the article being fetched to this stage finishing it (articles.enriched: fetched to indexed)',
      labelNames: ['queue'],
      buckets: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 3 * 3600, 12 * 3600],
      registers: [registry],
    }),
    sinceProgress: new Gauge({
      name: 'akhbar_worker_seconds_since_progress',
      help: 'Seconds since this worker last completed or failed a job',
      labelNames: ['queue'],
      registers: [registry],
    }),
    stalled: new Gauge({
      name: 'akhbar_worker_stalled',
      help: '1 when the worker has waiting jobs but finished none within AKHBAR_STALL_AFTER_SEC (what /healthz reports)',
      labelNames: ['queue'],
      registers: [registry],
    }),
  };
}

/** `fetchedAt` of the article a job carries, in epoch ms, when there is one. */
function fetchedAtMs(job: Job): number | undefined {
  const data: unknown = job.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const article = (data as { article?: unknown }).article;
  if (typeof article !== 'object' || article === null) return undefined;
  const at = (article as { fetchedAt?: unknown }).fetchedAt;
  const ms = typeof at === 'string' ? Date.parse(at) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** Tracks when a worker last finished a job, for progress-based health. */
export interface ProgressProbe {
  queueName: string;
  queue: Queue;
  /** Epoch ms of the last completed or failed job (failing is still progress). */
  lastProgressAt(): number;
}

/**
 * Wire a BullMQ worker into the shared metrics and return its progress probe. The worker's active
 * jobs are also registered for hand-back: if shutdown runs out of time (shutdown.ts), they are
 * moved back to the queue instead of waiting for their lock to expire.
 */
export function instrumentWorker(worker: Worker, queue: Queue, metrics: WorkerMetrics): ProgressProbe {
  const name = queue.name;
  let last = Date.now();
  const active = new Map<string, Job>();
  worker.on('active', (job) => {
    if (job.id !== undefined) active.set(job.id, job);
  });
  worker.on('completed', (job) => {
    last = Date.now();
    if (job.id !== undefined) active.delete(job.id);
    metrics.processed.inc({ queue: name, outcome: 'completed' });
    if (job.processedOn && job.finishedOn) metrics.duration.observe({ queue: name }, (job.finishedOn - job.processedOn) / 1000);
    const fetched = fetchedAtMs(job);
    if (fetched !== undefined) metrics.lag.observe({ queue: name }, Math.max(0, ((job.finishedOn ?? Date.now()) - fetched) / 1000));
  });
  worker.on('failed', (job) => {
    last = Date.now();
    if (job?.id !== undefined) active.delete(job.id);
    const willRetry = job !== undefined && job.attemptsMade < (job.opts.attempts ?? 1) && !job.finishedOn;
    if (willRetry) metrics.retried.inc({ queue: name });
    else metrics.processed.inc({ queue: name, outcome: 'failed' });
  });
  const unregister = registerHandBack({
    name: `worker ${name}`,
    handBack: async () => {
      let n = 0;
      let firstError: unknown;
      for (const job of [...active.values()]) {
        active.delete(job.id ?? '');
        // The token proves this worker still holds the job's lock; BullMQ refuses otherwise.
        if (job.token === undefined) continue;
        try {
          await job.moveToWait(job.token);
          n++;
        } catch (err) {
          firstError ??= err;
        }
      }
      if (firstError !== undefined) throw new Error(`handed back ${n} job(s); others failed: ${firstError instanceof Error ? firstError.message : String(firstError)}`);
      return n;
    },
  });
  worker.once('closed', unregister);
  return { queueName: name, queue, lastProgressAt: () => last };
}

export interface OpsServerOptions {
  service: string;
  /** Port for /metrics, /healthz, /readyz. 0 picks a free one. */
  port: number;
  /** @default '0.0.0.0' */
  host?: string;
  /** A worker's metrics; a service without queues (the gateway) needs only a registry. */
  metrics: WorkerMetrics | Pick<WorkerMetrics, 'registry'>;
  /** Queues whose progress judges liveness; none → /healthz answers ok while the process runs. */
  probes: ProgressProbe[];
  /** A worker whose queue has had waiting jobs for this long, with none finished, is unhealthy. @default 300 000 */
  stallAfterMs?: number;
  /** Dependency checks for /readyz, e.g. `{ redis: () => redisReady(r) }`. */
  ready?: Record<string, () => Promise<boolean>>;
  /** Longest wait for Redis (queue counts) or a readiness check before it counts as failed. @default 2 000 */
  probeTimeoutMs?: number;
  log: Logger;
}

export interface QueueHealth {
  /** Waiting (and prioritized) jobs; null when Redis did not answer. */
  waiting: number | null;
  /** Since this worker last completed or failed a job. */
  sinceProgressMs: number;
  /** Since the queue was first seen with waiting jobs (0 when it has none). */
  waitingForMs: number;
  stalled: boolean;
  /** Why the queue could not be counted (Redis unreachable, timeout). */
  error?: string;
}

export interface OpsServer {
  port: number;
  server: Server;
  /** Current health verdict (what /healthz answers). */
  health(): Promise<{ healthy: boolean; queues: Record<string, QueueHealth> }>;
  close(): Promise<void>;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The ops server. /healthz (liveness) answers 503 only for a stuck worker:
 * - its queue has had waiting jobs for longer than `stallAfterMs` and the worker finished none
 *   in that time (idle with an empty queue is healthy; so is a worker that was idle for hours and
 *   has just been handed work);
 * - or Redis has not answered the queue count for longer than `stallAfterMs`: a short Redis outage
 *   is not something a restart fixes (readiness reports it), a long one may be a wedged connection.
 * /readyz answers 503 while a dependency check fails. /metrics samples queue depth and health.
 */
export async function startOpsServer(opts: OpsServerOptions): Promise<OpsServer> {
  const stallAfterMs = opts.stallAfterMs ?? 300_000;
  const probeTimeoutMs = opts.probeTimeoutMs ?? 2_000;
  const startedAt = Date.now();
  const state = new Map<string, { waitingSince?: number; countedAt: number }>();

  const health = async (): Promise<{ healthy: boolean; queues: Record<string, QueueHealth> }> => {
    const queues: Record<string, QueueHealth> = {};
    let healthy = true;
    for (const p of opts.probes) {
      const st = state.get(p.queueName) ?? { countedAt: startedAt };
      state.set(p.queueName, st);
      let q: QueueHealth;
      try {
        const counts = await withTimeout(p.queue.getJobCounts('waiting', 'prioritized'), probeTimeoutMs, 'Redis');
        const now = Date.now();
        const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
        st.countedAt = now;
        if (waiting > 0) st.waitingSince ??= now;
        else delete st.waitingSince;
        const sinceProgressMs = now - p.lastProgressAt();
        const waitingForMs = st.waitingSince === undefined ? 0 : now - st.waitingSince;
        q = { waiting, sinceProgressMs, waitingForMs, stalled: waiting > 0 && Math.min(sinceProgressMs, waitingForMs) > stallAfterMs };
      } catch (err) {
        const now = Date.now();
        q = {
          waiting: null,
          sinceProgressMs: now - p.lastProgressAt(),
          waitingForMs: st.waitingSince === undefined ? 0 : now - st.waitingSince,
          stalled: now - st.countedAt > stallAfterMs,
          error: err instanceof Error ? err.message : String(err),
        };
      }
      if (q.stalled) healthy = false;
      queues[p.queueName] = q;
    }
    return { healthy, queues };
  };

  const sampleMetrics = async () => {
    if (opts.probes.length === 0 || !('depth' in opts.metrics)) return;
    const metrics = opts.metrics;
    const h = await health();
    for (const [queue, q] of Object.entries(h.queues)) {
      metrics.sinceProgress.set({ queue }, q.sinceProgressMs / 1000);
      metrics.stalled.set({ queue }, q.stalled ? 1 : 0);
    }
    for (const p of opts.probes) {
      const counts = await withTimeout(p.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'), probeTimeoutMs, 'Redis');
      for (const [state, n] of Object.entries(counts)) metrics.depth.set({ queue: p.queueName, state }, n);
    }
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    void (async () => {
      try {
        if (path === '/metrics') {
          // Metrics are still served while Redis is away, with the last known queue depths.
          await sampleMetrics().catch((err: unknown) => opts.log.warn({ err }, 'queue depth sampling failed'));
          return send(200, await opts.metrics.registry.metrics(), opts.metrics.registry.contentType);
        }
        if (path === '/healthz') {
          const h = await health();
          const unknown = Object.values(h.queues).some((q) => q.waiting === null);
          const status = !h.healthy ? 'stalled' : unknown ? 'unknown' : 'ok';
          return send(h.healthy ? 200 : 503, { status, service: opts.service, stallAfterMs, queues: h.queues });
        }
        if (path === '/readyz') {
          const checks: Record<string, boolean> = {};
          for (const [name, check] of Object.entries(opts.ready ?? {})) {
            checks[name] = await withTimeout(check(), probeTimeoutMs, name).catch(() => false);
          }
          const ready = Object.values(checks).every(Boolean);
          return send(ready ? 200 : 503, { ready, service: opts.service, checks });
        }
        send(404, { error: { code: 'AKHBAR_NOT_FOUND', message: 'not found' } });
      } catch (err) {
        opts.log.warn({ err, path }, 'ops endpoint failed');
        send(503, { status: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host ?? '0.0.0.0', resolve));
  const port = (server.address() as AddressInfo).port;
  opts.log.info({ port }, 'ops server listening (/metrics /healthz /readyz)');
  return {
    port,
    server,
    health,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
