import { execFile, spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedis } from '@akhbar/core';
import { REPO_ROOT } from '@akhbar/testkit';

/**
 * Private Redis and Elasticsearch for fault injection, on ports nobody else uses, started and
 * stopped with the same scripts as the shared ones (infra/local, which keep a pid file per port).
 * The suite stops and restarts these; the shared servers on 6379 and 9200 are never touched.
 */
export interface PrivateServer {
  kind: 'redis' | 'elasticsearch';
  url: string;
  port: number;
  /** Start (or wait until healthy). */
  up(): Promise<void>;
  /** Graceful stop (SIGTERM; the script waits for the exit). */
  down(): Promise<void>;
  /** True between up() and down(). */
  running(): boolean;
  /** Redis only: kill -9, as a crash would (what the append-only file had not synced is lost). */
  crash?(): Promise<void>;
}

const CACHE = process.env.AKHBAR_CACHE ?? join(REPO_ROOT, '.cache');

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A free port in [from, to), starting at a random offset so two runs rarely pick the same. */
async function freePort(from: number, to: number, alsoFree: (p: number) => number[] = () => []): Promise<number> {
  const span = to - from;
  const start = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const p = from + ((start + i) % span);
    const all = [p, ...alsoFree(p)];
    let ok = true;
    for (const q of all) if (!(await portFree(q))) ok = false;
    if (ok) return p;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

function script(name: string, action: 'up' | 'down', env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('bash', [join(REPO_ROOT, 'infra', 'local', name), action], { env: { ...process.env, ...env }, timeout: 300_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${name} ${action} failed: ${err.message}\n${stderr.slice(-2000)}`));
      else resolve();
    });
  });
}

export async function privateRedis(): Promise<PrivateServer> {
  const port = await freePort(6390, 6450);
  const url = `redis://127.0.0.1:${port}`;
  // A fresh data directory: an append-only file left by an earlier run on this port is not ours.
  await rm(join(CACHE, 'redis', `run-${port}`), { recursive: true, force: true });
  let running = false;
  return {
    kind: 'redis',
    url,
    port,
    running: () => running,
    up: async () => {
      await script('redis.sh', 'up', { REDIS_URL: url });
      running = true;
    },
    down: async () => {
      running = false;
      await script('redis.sh', 'down', { REDIS_URL: url });
    },
    crash: async () => {
      running = false;
      const pid = Number(readFileSync(join(CACHE, 'redis', `run-${port}`, 'redis.pid'), 'utf8').trim());
      process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`redis ${pid} did not die`);
    },
  };
}

export async function privateElasticsearch(heap: string): Promise<PrivateServer> {
  // The script binds the transport port at http port + 100.
  const port = await freePort(9250, 9300, (p) => [p + 100]);
  const url = `http://127.0.0.1:${port}`;
  let running = false;
  return {
    kind: 'elasticsearch',
    url,
    port,
    running: () => running,
    up: async () => {
      await script('elasticsearch.sh', 'up', { ELASTICSEARCH_URL: url, ES_HEAP: heap });
      running = true;
    },
    down: async () => {
      running = false;
      await script('elasticsearch.sh', 'down', { ELASTICSEARCH_URL: url });
    },
  };
}

/**
 * A safety net for a run that dies (tap's timeout, a crash): a detached watchdog waits for this
 * process to exit and then stops the private servers and kills the service processes still
 * listed. A run that ends normally clears the list first, so the watchdog has nothing to do.
 * Only processes and servers this run started are ever listed.
 */
export class Cleanup {
  readonly #file = join(tmpdir(), `akhbar-chaos-${process.pid}.cleanup`);
  readonly #servers = new Set<PrivateServer>();
  readonly #pids = new Set<number>();

  constructor() {
    const script = `
      while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done
      f='${this.#file}'
      [ -f "$f" ] || exit 0
      while read -r kind value; do
        case "$kind" in
          pid) kill -9 "$value" 2>/dev/null ;;
          redis) REDIS_URL="$value" bash '${join(REPO_ROOT, 'infra', 'local', 'redis.sh')}' down ;;
          elasticsearch) ELASTICSEARCH_URL="$value" bash '${join(REPO_ROOT, 'infra', 'local', 'elasticsearch.sh')}' down ;;
        esac
      done < "$f"
      rm -f "$f"`;
    const child = spawn('bash', ['-c', script], { detached: true, stdio: 'ignore' });
    child.unref();
  }

  server(s: PrivateServer): void {
    this.#servers.add(s);
    this.#write();
  }

  pid(pid: number | undefined, alive = true): void {
    if (pid === undefined) return;
    if (alive) this.#pids.add(pid);
    else this.#pids.delete(pid);
    this.#write();
  }

  /** Everything was stopped properly: nothing left for the watchdog. */
  done(): void {
    this.#pids.clear();
    this.#servers.clear();
    rmSync(this.#file, { force: true });
  }

  #write(): void {
    const lines = [...[...this.#pids].map((p) => `pid ${p}`), ...[...this.#servers].map((s) => `${s.kind} ${s.url}`)];
    writeFileSync(this.#file, lines.join('\n') + '\n');
  }
}

/** A fail-fast Redis connection for the harness's own checks, connected before it is used. */
export async function harnessRedis(url: string): Promise<ReturnType<typeof createRedis>> {
  const redis = createRedis(url, 'producer');
  redis.on('error', () => undefined);
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  return redis;
}
