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
