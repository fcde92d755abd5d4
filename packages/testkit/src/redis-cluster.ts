import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { waitFor } from './wait.ts';

export interface RedisClusterHandle {
  /** `redis://127.0.0.1:<port>` of each master, for REDIS_CLUSTER_NODES. */
  nodes: string[];
  /** Stop every node and remove their files. */
  close(): Promise<void>;
}

const SLOTS = 16_384;

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A port whose cluster bus port (port + 10 000) is free too. */
async function clusterPort(taken: Set<number>): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (taken.has(port) || taken.has(port + 10_000)) continue;
    if ((await portFree(port)) && (await portFree(port + 10_000))) {
      taken.add(port).add(port + 10_000);
      return port;
    }
  }
  throw new Error('no free port pair for a Redis Cluster node');
}

/**
 * A real Redis Cluster of `masters` nodes (Debian's redis-server, cluster mode, no replicas) on
 * free local ports, for tests that must show the services run on a cluster. The slots are
 * assigned and the nodes introduced with CLUSTER ADDSLOTSRANGE / MEET, so no redis-cli is needed.
 */
export async function startRedisCluster(masters = 3): Promise<RedisClusterHandle> {
  const dir = await mkdtemp(join(tmpdir(), 'akhbar-redis-cluster-'));
  const children: ChildProcess[] = [];
  const clients: Redis[] = [];
  const close = async () => {
    for (const c of clients) c.disconnect();
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const taken = new Set<number>();
    const ports: number[] = [];
    for (let i = 0; i < masters; i++) ports.push(await clusterPort(taken));
    for (const port of ports) {
      const child = spawn(
        process.env.REDIS_SERVER ?? 'redis-server',
        [
          '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes',
          '--cluster-config-file', join(dir, `nodes-${port}.conf`), '--dir', dir,
          '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction',
        ],
        { stdio: 'ignore' },
      );
      children.push(child);
    }
    for (const port of ports) {
      const c = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: (n) => (n > 50 ? null : 100) });
      clients.push(c);
      await waitFor(async () => (await c.ping().catch(() => undefined)) === 'PONG' || undefined, { timeoutMs: 10_000, what: `redis-server on ${port}` });
    }
    const per = Math.ceil(SLOTS / masters);
    for (let i = 0; i < masters; i++) {
      await clients[i]!.call('CLUSTER', 'ADDSLOTSRANGE', String(i * per), String(Math.min(SLOTS, (i + 1) * per) - 1));
      if (i > 0) await clients[i]!.call('CLUSTER', 'MEET', '127.0.0.1', String(ports[0]));
    }
    await waitFor(
      async () => {
        for (const c of clients) {
          const info = String(await c.call('CLUSTER', 'INFO'));
          if (!info.includes('cluster_state:ok') || !info.includes(`cluster_known_nodes:${masters}`)) return undefined;
        }
        return true;
      },
      { timeoutMs: 20_000, what: 'the Redis Cluster to be ok' },
    );
    return { nodes: ports.map((p) => `redis://127.0.0.1:${String(p)}`), close };
  } catch (err) {
    await close();
    throw err;
  }
}
