import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testEsUrl, testRedisUrl } from './env.ts';
import { waitFor } from './wait.ts';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export type ServiceName = 'ingest' | 'fulltext' | 'enrich' | 'indexer' | 'gateway';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Parsed JSON log lines (non-JSON lines are kept as `{ msg: line }`). */
  logs: Array<Record<string, unknown>>;
  stderr: string[];
  waitForLog(pred: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Send a signal and wait for the exit; resolves with the exit code (or signal name). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | string>;
  exited: Promise<number | string>;
}

/**
 * Start a service as its own process, exactly as production runs it (`node services/x/src/main.ts`).
 */
export function startService(
  name: ServiceName,
  env: Record<string, string>,
  opts: { entry?: string; /** Echo the service's output to ours (npm start, the demo). */ passthrough?: boolean; /** Keep at most this many parsed log lines. @default 5000 */ keepLogs?: number } = {},
): ServiceProcess {
  const entry = opts.entry ?? join(REPO_ROOT, 'services', name, 'src', 'main.ts');
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const stderr: string[] = [];
  let buf = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (opts.passthrough) process.stdout.write(line + '\n');
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line });
      }
      if (logs.length > (opts.keepLogs ?? 5000)) logs.splice(0, logs.length - (opts.keepLogs ?? 5000));
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr.push(chunk);
    if (opts.passthrough) process.stderr.write(chunk);
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return {
    name,
    child,
    logs,
    stderr,
    exited,
    waitForLog: (pred, timeoutMs = 30_000) =>
      waitFor(() => logs.find(pred), { timeoutMs, what: `a ${name} log line` }),
    async stop(signal = 'SIGTERM', timeoutMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/**
 * The environment of a test's pipeline services: the test's Redis and Elasticsearch and prefixes,
 * private addresses allowed (fixture servers are local), ports chosen by the OS; `extra` wins.
 */
export function pipelineEnv(p: { queuePrefix: string; indexPrefix: string; adminToken: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: testRedisUrl(),
    ELASTICSEARCH_URL: testEsUrl(),
    AKHBAR_QUEUE_PREFIX: p.queuePrefix,
    AKHBAR_INDEX_PREFIX: p.indexPrefix,
    AKHBAR_ALLOW_PRIVATE_NETWORKS: 'true',
    AKHBAR_ADMIN_TOKEN: p.adminToken,
    PORT: '0',
    METRICS_PORT: '0',
    HOST: '127.0.0.1',
    ...extra,
  };
}

/** What `startPipeline` needs of a tap test. */
interface PipelineTest {
  teardown(fn: () => Promise<void>): void;
  passing(): boolean;
  comment(...message: unknown[]): void;
}

/**
 * The pipeline services (indexer, enrich, ingest, gateway; with `fulltext`, the full-text stage too,
 * as the demo runs it) as separate processes with `env`, stopped when the test ends — printing each
 * one's last log lines first if it failed. Resolves with them and the gateway's base URL once it
 * listens (and the full-text worker has announced itself, so ingest routes short items to it;
 * `env` should give PORT=0 and HOST).
 */
export async function startPipeline(t: PipelineTest, env: Record<string, string>, opts: { fulltext?: boolean } = {}): Promise<{ services: ServiceProcess[]; api: string }> {
  const names = opts.fulltext ? (['indexer', 'enrich', 'fulltext', 'ingest', 'gateway'] as const) : (['indexer', 'enrich', 'ingest', 'gateway'] as const);
  const services = names.map((name) => startService(name, env));
  t.teardown(async () => {
    if (!t.passing()) {
      for (const s of services) t.comment(`--- ${s.name} ---\n${s.logs.slice(-15).map((l) => JSON.stringify(l)).join('\n')}\n${s.stderr.join('').slice(-2000)}`);
    }
    await Promise.all(services.map((s) => s.stop()));
  });
  const gateway = services.find((s) => s.name === 'gateway')!;
  const [listening] = await Promise.all([
    gateway.waitForLog((l) => l.msg === 'gateway listening', 90_000),
    ...services.filter((s) => s.name === 'fulltext').map((s) => s.waitForLog((l) => l.msg === 'fulltext started', 90_000)),
  ]);
  return { services, api: `http://${env.HOST ?? '127.0.0.1'}:${String(listening.port)}` };
}
