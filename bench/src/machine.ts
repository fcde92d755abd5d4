import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { Redis } from 'ioredis';

export interface Machine {
  cores: number;
  cpu: string;
  ramGB: number;
  os: string;
  kernel: string;
  node: string;
  elasticsearch: string;
  redis: string;
}

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? process.platform;
  } catch {
    return process.platform;
  }
}

/** What the run ran on, for the JSON and the README table. */
export async function machineInfo(esUrl: string, redisUrl: string): Promise<Machine> {
  let es = 'unreachable';
  try {
    // The local distribution has no root endpoint (`GET /`); the nodes API tells the version.
    const r = (await (await fetch(`${esUrl}/_nodes/_local?filter_path=nodes.*.version`)).json()) as { nodes?: Record<string, { version?: string }> };
    es = Object.values(r.nodes ?? {})[0]?.version ?? 'unknown';
  } catch {
    // Reported as unreachable; the stages that need it fail with their own error.
  }
  let redis = 'unreachable';
  const client = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await client.connect();
    redis = /redis_version:([^\r\n]+)/.exec(await client.info('server'))?.[1] ?? 'unknown';
  } catch {
    // As above.
  } finally {
    client.disconnect();
  }
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    ramGB: Math.round(totalmem() / 2 ** 30),
    os: osName(),
    kernel: release(),
    node: process.versions.node,
    elasticsearch: es,
    redis,
  };
}

export function loadAverage(): string[] {
  return loadavg().map((l) => l.toFixed(2));
}

/** Share of all cores' time spent busy over `ms` (0–1), from the kernel's per-core counters. */
export async function busyShare(ms: number): Promise<number> {
  const total = () =>
    cpus().reduce(
      (acc, c) => {
        const all = c.times.user + c.times.nice + c.times.sys + c.times.irq + c.times.idle;
        return { all: acc.all + all, idle: acc.idle + c.times.idle };
      },
      { all: 0, idle: 0 },
    );
  const a = total();
  await new Promise((r) => setTimeout(r, ms));
  const b = total();
  const all = b.all - a.all;
  return all > 0 ? 1 - (b.idle - a.idle) / all : 0;
}

/**
 * Waits until the machine is quiet (busy under `threshold` over a 2-second window), at most
 * `maxMs`. Elasticsearch just (re)started — after `infra up` rebuilt its analysis plugin, say —
 * spends a minute or more compiling and merging on the same two cores the first stages measure:
 * a run started then measured parse at 0.77 of rss-parser, one started a minute later 0.85.
 * Returns the last busy share seen and how long the wait took.
 */
export async function waitForQuiet(opts: { threshold?: number; maxMs?: number; windowMs?: number } = {}): Promise<{ busy: number; waitedMs: number }> {
  const threshold = opts.threshold ?? 0.25;
  const maxMs = opts.maxMs ?? 120_000;
  const windowMs = opts.windowMs ?? 2_000;
  const t0 = Date.now();
  let busy = await busyShare(windowMs);
  while (busy >= threshold && Date.now() - t0 + windowMs <= maxMs) busy = await busyShare(windowMs);
  return { busy, waitedMs: Date.now() - t0 };
}
