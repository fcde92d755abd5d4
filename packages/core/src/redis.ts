import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

/**
 * A connection to Redis: one server, or a Redis Cluster. Everything Akhbar keeps in Redis lives
 * under the queue prefix, whose `{hash tag}` puts all of it in one slot, so multi-key scripts,
 * transactions and BullMQ's own scripts run unchanged on a cluster.
 */
export type RedisClient = Redis | Cluster;

/** Where Redis is: `REDIS_URL`, or `REDIS_CLUSTER_NODES` (seed nodes of a cluster) when that is set. */
export interface RedisTarget {
  redisUrl: string;
  redisClusterNodes?: readonly string[];
}

/** Exponential backoff with a ceiling; ioredis retries while this returns a number. */
const retryStrategy = (times: number) => Math.min(100 * 2 ** Math.min(times, 8), 10_000) + Math.floor(Math.random() * 200);

/** A seed node and the credentials/TLS it carries (`rediss://user:pass@host:port`). */
function seed(raw: string): { node: { host: string; port: number }; auth: RedisOptions } {
  const u = new URL(raw);
  const auth: RedisOptions = {};
  if (u.username) auth.username = decodeURIComponent(u.username);
  if (u.password) auth.password = decodeURIComponent(u.password);
  if (u.protocol === 'rediss:') auth.tls = {};
  return { node: { host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : 6379 }, auth };
}

/**
 * Redis connections. Workers block on Redis and must ride out outages, so they retry forever
 * (`maxRetriesPerRequest: null`, as BullMQ requires). Producers (the gateway, the CLI) fail fast
 * instead, so an API call returns an error rather than hanging while Redis is away.
 *
 * `target` is a URL, or a service's config: with `redisClusterNodes` set it connects to that
 * cluster (credentials and TLS from the first node's URL), otherwise to `redisUrl`.
 */
export function createRedis(target: string | RedisTarget, role: 'worker' | 'producer', extra: RedisOptions = {}): RedisClient {
  const url = typeof target === 'string' ? target : target.redisUrl;
  const nodes = typeof target === 'string' ? [] : (target.redisClusterNodes ?? []);
  const base: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 };
  if (nodes.length === 0) return new Redis(url, { ...base, retryStrategy, lazyConnect: false, ...extra });

  const seeds = nodes.map(seed);
  // Queueing, readiness and laziness are the cluster's to decide; the node connections only
  // carry credentials, timeouts and the retry policy of each command.
  const { enableOfflineQueue, enableReadyCheck, lazyConnect, ...node } = { ...base, ...extra };
  const options: ClusterOptions = {
    redisOptions: { ...seeds[0]!.auth, ...node },
    clusterRetryStrategy: retryStrategy,
    enableOfflineQueue: enableOfflineQueue ?? true,
    enableReadyCheck: enableReadyCheck ?? true,
    lazyConnect: lazyConnect ?? false,
  };
  return new Cluster(seeds.map((s) => s.node), options);
}

/** Redis is reachable and answering. */
export async function redisReady(redis: RedisClient, timeoutMs = 1_000): Promise<boolean> {
  try {
    const pong = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
    ]);
    return pong === 'PONG';
  } catch {
    return false;
  }
}
