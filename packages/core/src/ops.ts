import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Queue, Worker } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Logger } from './logger.ts';

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
  };
}

/** Tracks when a worker last finished a job, for progress-based health. */
export interface ProgressProbe {
  queueName: string;
  queue: Queue;
  /** Epoch ms of the last completed or failed job (failing is still progress). */
  lastProgressAt(): number;
}

/** Wire a BullMQ worker into the shared metrics and return its progress probe. */
export function instrumentWorker(worker: Worker, queue: Queue, metrics: WorkerMetrics): ProgressProbe {
  const name = queue.name;
  let last = Date.now();
  worker.on('completed', (job) => {
    last = Date.now();
    metrics.processed.inc({ queue: name, outcome: 'completed' });
    if (job.processedOn && job.finishedOn) metrics.duration.observe({ queue: name }, (job.finishedOn - job.processedOn) / 1000);
  });
  worker.on('failed', (job) => {
    last = Date.now();
    const willRetry = job !== undefined && job.attemptsMade < (job.opts.attempts ?? 1) && !job.finishedOn;
    if (willRetry) metrics.retried.inc({ queue: name });
    else metrics.processed.inc({ queue: name, outcome: 'failed' });
  });
  return { queueName: name, queue, lastProgressAt: () => last };
}

export interface OpsServerOptions {
  service: string;
  /** Port for /metrics, /healthz, /readyz. 0 picks a free one. */
  port: number;
  /** @default '0.0.0.0' */
  host?: string;
  metrics: WorkerMetrics;
  probes: ProgressProbe[];
  /** A worker with waiting jobs and no progress for this long is unhealthy. @default 300 000 */
  stallAfterMs?: number;
  /** Dependency checks for /readyz, e.g. `{ redis: () => redisReady(r) }`. */
  ready?: Record<string, () => Promise<boolean>>;
  log: Logger;
}

export interface OpsServer {
  port: number;
  server: Server;
  /** Current health verdict (what /healthz answers). */
  health(): Promise<{ healthy: boolean; queues: Record<string, { waiting: number; sinceProgressMs: number; stalled: boolean }> }>;
  close(): Promise<void>;
}

export async function startOpsServer(opts: OpsServerOptions): Promise<OpsServer> {
  const stallAfterMs = opts.stallAfterMs ?? 300_000;

  const sampleDepth = async () => {
    for (const p of opts.probes) {
      const counts = await p.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
      for (const [state, n] of Object.entries(counts)) opts.metrics.depth.set({ queue: p.queueName, state }, n);
    }
  };

  const health = async () => {
    const queues: Record<string, { waiting: number; sinceProgressMs: number; stalled: boolean }> = {};
    let healthy = true;
    for (const p of opts.probes) {
      const counts = await p.queue.getJobCounts('waiting', 'prioritized');
      const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
      const sinceProgressMs = Date.now() - p.lastProgressAt();
      const stalled = waiting > 0 && sinceProgressMs > stallAfterMs;
      if (stalled) healthy = false;
      queues[p.queueName] = { waiting, sinceProgressMs, stalled };
    }
    return { healthy, queues };
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type }).end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    void (async () => {
      try {
        if (path === '/metrics') {
          await sampleDepth().catch((err: unknown) => opts.log.warn({ err }, 'queue depth sampling failed'));
          return send(200, await opts.metrics.registry.metrics(), opts.metrics.registry.contentType);
        }
        if (path === '/healthz') {
          const h = await health();
          return send(h.healthy ? 200 : 503, { status: h.healthy ? 'ok' : 'stalled', service: opts.service, queues: h.queues });
        }
        if (path === '/readyz') {
          const checks: Record<string, boolean> = {};
          for (const [name, check] of Object.entries(opts.ready ?? {})) checks[name] = await check().catch(() => false);
          const ready = Object.values(checks).every(Boolean);
          return send(ready ? 200 : 503, { ready, checks });
        }
        send(404, { error: { code: 'AKHBAR_NOT_FOUND', message: 'not found' } });
      } catch (err) {
        // Redis unreachable while answering /healthz: report unhealthy rather than crash.
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
