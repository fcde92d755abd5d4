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
  /** URL of the master now serving `key`'s slot (after a failover, the promoted replica). */
  masterFor(key: string): Promise<string>;
  /** Resolves once every replica has every write its master has. */
  replicated(): Promise<void>;
  /** kill -9 of the node at `url` (a lost machine). */
  crash(url: string): Promise<void>;
  /** Stop every node and remove their files. */
  close(): Promise<void>;
}

/** Debian's redis-server on `port`, files in `dir`, nothing persisted, no eviction (as BullMQ needs). */
function spawnRedis(port: number, dir: string, args: string[]): ChildProcess {
  return spawn(
    process.env.REDIS_SERVER ?? 'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', ...args],
    { stdio: 'ignore' },
  );
}

export interface RedisServerHandle {
  url: string;
  /** A connection for the test to reconfigure the server with (CONFIG SET, REPLICAOF…). */
  admin: Redis;
  close(): Promise<void>;
}

/**
 * A private redis-server on a free port, for a test that must put Redis in a state the shared one
 * cannot be put in without disturbing its neighbours (out of memory, a read-only replica…).
 */
export async function startRedisServer(): Promise<RedisServerHandle> {
  const dir = await mkdtemp(join(tmpdir(), 'akhbar-redis-'));
  const port = await clusterPort(new Set());
  const child = spawnRedis(port, dir, []);
  const admin = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: (n) => (n > 50 ? null : 100) });
  admin.on('error', () => undefined);
  const close = async () => {
    admin.disconnect();
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => (await admin.ping().catch(() => undefined)) === 'PONG' || undefined, { timeoutMs: 10_000, what: `redis-server on ${String(port)}` });
  } catch (err) {
    await close();
    throw err;
  }
  return { url: `redis://127.0.0.1:${String(port)}`, admin, close };
}

export interface RedisClusterOptions {
  /** Replicas per master. @default 0 */
  replicas?: number;
  /** `cluster-node-timeout`: how long a silent master has before its replica takes over. @default 15000 */
  nodeTimeoutMs?: number;
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
 * A real Redis Cluster of `masters` nodes (Debian's redis-server, cluster mode), each with
 * `replicas` replicas, on free local ports, for tests that must show the services run on a
 * cluster and ride out a failover. The slots are assigned, the nodes introduced and the replicas
 * attached with CLUSTER ADDSLOTSRANGE / MEET / REPLICATE, so no redis-cli is needed.
 */
export async function startRedisCluster(masters = 3, opts: RedisClusterOptions = {}): Promise<RedisClusterHandle> {
  const replicas = opts.replicas ?? 0;
  const total = masters * (1 + replicas);
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
    for (let i = 0; i < total; i++) ports.push(await clusterPort(taken));
    const byPort = new Map<number, ChildProcess>();
    for (const port of ports) {
      const child = spawnRedis(port, dir, [
        '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`),
        '--cluster-node-timeout', String(opts.nodeTimeoutMs ?? 15_000),
        // A replica may take over however long it was cut off (the test decides when masters die).
        '--cluster-replica-validity-factor', '0',
      ]);
      children.push(child);
      byPort.set(port, child);
    }
    for (const port of ports) {
      const c = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: (n) => (n > 50 ? null : 100) });
      clients.push(c);
      await waitFor(async () => (await c.ping().catch(() => undefined)) === 'PONG' || undefined, { timeoutMs: 10_000, what: `redis-server on ${port}` });
    }
    const per = Math.ceil(SLOTS / masters);
    for (let i = 0; i < total; i++) {
      if (i < masters) await clients[i]!.call('CLUSTER', 'ADDSLOTSRANGE', String(i * per), String(Math.min(SLOTS, (i + 1) * per) - 1));
      if (i > 0) await clients[i]!.call('CLUSTER', 'MEET', '127.0.0.1', String(ports[0]));
    }
    const knowsAll = async (c: Redis) => String(await c.call('CLUSTER', 'INFO')).includes(`cluster_known_nodes:${total}`);
    await waitFor(async () => (await Promise.all(clients.map(knowsAll))).every(Boolean) || undefined, { timeoutMs: 20_000, what: 'every cluster node to know the others' });
    // Replica j of master i is node masters + i * replicas + j.
    for (let i = 0; i < masters; i++) {
      const id = String(await clients[i]!.call('CLUSTER', 'MYID'));
      for (let j = 0; j < replicas; j++) await clients[masters + i * replicas + j]!.call('CLUSTER', 'REPLICATE', id);
    }
    const replicated = async () => {
      await waitFor(
        async () => {
          for (const c of clients) {
            if (c.status === 'end') continue;
            const info = String(await c.info('replication').catch(() => ''));
            if (!info.includes('role:slave')) continue;
            if (!info.includes('master_link_status:up')) return undefined;
            const master = /master_port:(\d+)/.exec(info)?.[1];
            const offset = Number(/slave_repl_offset:(\d+)/.exec(info)?.[1] ?? -1);
            const m = clients[ports.indexOf(Number(master))];
            const mine = Number(/master_repl_offset:(\d+)/.exec(String(await m!.info('replication')))?.[1] ?? 0);
            if (offset < mine) return undefined;
          }
          return true;
        },
        { timeoutMs: 20_000, intervalMs: 50, what: 'the replicas to catch up' },
      );
    };
    await waitFor(
      async () => {
        for (const c of clients) {
          const info = String(await c.call('CLUSTER', 'INFO'));
          if (!info.includes('cluster_state:ok') || !info.includes(`cluster_known_nodes:${total}`)) return undefined;
        }
        return true;
      },
      { timeoutMs: 20_000, what: 'the Redis Cluster to be ok' },
    );
    if (replicas > 0) await replicated();
    const masterFor = async (key: string): Promise<string> => {
      const live = clients.find((c) => c.status === 'ready');
      if (!live) throw new Error('no cluster node is up');
      const slot = Number(await live.call('CLUSTER', 'KEYSLOT', key));
      const ranges = (await live.call('CLUSTER', 'SLOTS')) as Array<[number, number, [string, number, ...unknown[]], ...unknown[]]>;
      const range = ranges.find(([from, to]) => slot >= from && slot <= to);
      if (!range) throw new Error(`no master serves slot ${String(slot)}`);
      return `redis://127.0.0.1:${String(range[2][1])}`;
    };
    const crash = async (url: string): Promise<void> => {
      const port = Number(new URL(url).port);
      const child = byPort.get(port);
      clients[ports.indexOf(port)]?.disconnect();
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    };
    return { nodes: ports.slice(0, masters).map((p) => `redis://127.0.0.1:${String(p)}`), masterFor, replicated, crash, close };
  } catch (err) {
    await close();
    throw err;
  }
}
