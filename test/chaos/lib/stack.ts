import { startService, waitFor, type ServiceName, type ServiceProcess } from '@akhbar/testkit';
import type { Cleanup } from './infra.ts';

/**
 * The services under test as separate processes (exactly as production runs them), with what
 * fault injection needs: kill with any signal, restart with the same settings, and read each
 * worker's ops server (/metrics, /healthz) to judge recovery by progress rather than by ping.
 */

export type WorkerName = Exclude<ServiceName, 'gateway'>;

export interface Running {
  name: ServiceName;
  proc: ServiceProcess;
  /** Ops server (workers) or HTTP port (gateway), once known. */
  port?: number;
}

export class Stack {
  readonly env: Record<string, string>;
  readonly #current = new Map<ServiceName, Running>();
  /** Every process started, for logs when a check fails. */
  readonly history: Running[] = [];
  readonly #extra = new Map<ServiceName, Record<string, string>>();

  readonly #cleanup: Cleanup | undefined;

  constructor(env: Record<string, string>, cleanup?: Cleanup) {
    this.env = env;
    this.#cleanup = cleanup;
  }

  get(name: ServiceName): Running {
    const r = this.#current.get(name);
    if (!r) throw new Error(`${name} is not running`);
    return r;
  }

  /** Start a service; resolves once its ops/HTTP server listens (`waitListening`, default true). */
  async start(name: ServiceName, extra: Record<string, string> = {}, opts: { waitListening?: boolean } = {}): Promise<Running> {
    const env = { ...this.env, ...(this.#extra.get(name) ?? {}), ...extra };
    this.#extra.set(name, { ...(this.#extra.get(name) ?? {}), ...extra });
    const proc = startService(name, env, { keepLogs: 3000 });
    this.#cleanup?.pid(proc.child.pid);
    void proc.exited.then(() => this.#cleanup?.pid(proc.child.pid, false));
    const r: Running = { name, proc };
    this.#current.set(name, r);
    this.history.push(r);
    if (opts.waitListening ?? true) await this.listening(name);
    return r;
  }

  /** Wait for the ops server (or the gateway) of the current process of `name`. */
  async listening(name: ServiceName, timeoutMs = 120_000): Promise<number> {
    const r = this.get(name);
    if (r.port !== undefined) return r.port;
    const msg = name === 'gateway' ? 'gateway listening' : 'ops server listening (/metrics /healthz /readyz)';
    let line: Record<string, unknown>;
    try {
      line = await waitFor(
        () => {
          if (r.proc.child.exitCode !== null || r.proc.child.signalCode !== null) {
            throw new Error(`${name} exited (${String(r.proc.child.exitCode ?? r.proc.child.signalCode)}): ${r.proc.stderr.join('').slice(-1500)}`);
          }
          return r.proc.logs.find((l) => l.msg === msg);
        },
        { timeoutMs, what: `${name} to listen`, intervalMs: 100 },
      );
    } catch (err) {
      // A service still starting when the wait ends says in its log what it was waiting for
      // (Elasticsearch, the index, Redis): without it a CI failure shows only the timeout.
      if (err instanceof Error && !err.message.includes(' exited (')) err.message += `\n${name}'s last log lines:\n${this.tailOf(r, 25)}`;
      throw err;
    }
    r.port = Number(line.port);
    return r.port;
  }

  /** Send a signal and wait for the exit; resolves with the exit code or signal name. */
  async kill(name: ServiceName, signal: NodeJS.Signals, timeoutMs = 40_000): Promise<number | string> {
    const r = this.get(name);
    const code = await r.proc.stop(signal, timeoutMs);
    this.#current.delete(name);
    return code;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.#current.keys()].map((n) => this.kill(n, 'SIGTERM').catch(() => undefined)));
  }

  url(name: ServiceName): string {
    const r = this.get(name);
    if (r.port === undefined) throw new Error(`${name} has no known port yet`);
    return `http://127.0.0.1:${r.port}`;
  }

  async metrics(name: WorkerName): Promise<string> {
    const res = await fetch(`${this.url(name)}/metrics`, { signal: AbortSignal.timeout(10_000) });
    return res.text();
  }

  /** Sum of every sample of `metric` whose labels include `labels`. */
  async counter(name: WorkerName, metric: string, labels: Record<string, string> = {}): Promise<number> {
    return sumSamples(await this.metrics(name), metric, labels);
  }

  async health(name: WorkerName): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.url(name)}/healthz`, { signal: AbortSignal.timeout(10_000) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** Recent log lines of every process of `name` (or all), for a failing check's diagnostics. */
  tail(name?: ServiceName, n = 15): string {
    return this.history
      .filter((r) => name === undefined || r.name === name)
      .map((r) => this.tailOf(r, n))
      .join('\n');
  }

  private tailOf(r: Running, n: number): string {
    return `--- ${r.name} pid ${String(r.proc.child.pid)} ---\n${r.proc.logs.slice(-n).map((l) => JSON.stringify(l)).join('\n')}\n${r.proc.stderr.join('').slice(-1500)}`;
  }
}

/** Parse Prometheus text and add up the samples of one metric matching the given labels. */
export function sumSamples(text: string, metric: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric)) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== metric) continue;
    const have: Record<string, string> = {};
    for (const p of (m[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) have[p[1]!] = p[2]!;
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[4]);
  }
  return sum;
}

/** What each worker counts as progress: work that left the stage, not a ping. */
export const PROGRESS: Record<WorkerName, { metric: string; labels: Record<string, string> }> = {
  ingest: { metric: 'akhbar_feed_fetches_total', labels: { status: '200' } },
  fulltext: { metric: 'akhbar_fulltext_pages_total', labels: {} },
  enrich: { metric: 'akhbar_jobs_processed_total', labels: { outcome: 'completed' } },
  indexer: { metric: 'akhbar_jobs_processed_total', labels: { outcome: 'completed' } },
};

export async function progressOf(stack: Stack, name: WorkerName): Promise<number> {
  const p = PROGRESS[name];
  return stack.counter(name, p.metric, p.labels);
}

/**
 * Wait until a worker has made progress beyond `from` and its liveness probe answers 200 with
 * status "ok". Returns how long it took.
 */
export async function resumed(stack: Stack, name: WorkerName, from: number, timeoutMs: number): Promise<{ ms: number; progress: number }> {
  const started = Date.now();
  await stack.listening(name, timeoutMs);
  const progress = await waitFor(
    async () => {
      const n = await progressOf(stack, name);
      return n > from ? n : undefined;
    },
    { timeoutMs, intervalMs: 250, what: `${name} to make progress beyond ${from}` },
  );
  await waitFor(
    async () => {
      const h = await stack.health(name);
      return h.status === 200 && h.body.status === 'ok';
    },
    { timeoutMs, intervalMs: 250, what: `${name} /healthz to answer ok` },
  );
  return { ms: Date.now() - started, progress };
}
