import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { Gauge, type Registry } from 'prom-client';
import { AkhbarError, CoreErrors } from './errors.ts';

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

/** How many replicas must hold a hand-off before a stage goes on (REDIS_MIN_REPLICAS, REDIS_REPLICA_TIMEOUT_MS). */
export interface ReplicaPolicy {
  /** 0: do not wait (a single Redis, or replicas trusted to keep up). */
  count: number;
  timeoutMs: number;
}

/** Slot of each cluster's queue prefix, asked once (CLUSTER KEYSLOT) rather than computed here. */
const prefixSlots = new WeakMap<Cluster, Map<string, Promise<number>>>();

/** The master connection now serving `key`'s slot: the one the cluster sent that key's writes on. */
async function masterFor(cluster: Cluster, key: string): Promise<Redis> {
  let slots = prefixSlots.get(cluster);
  if (!slots) prefixSlots.set(cluster, (slots = new Map()));
  let slot = slots.get(key);
  if (!slot) slots.set(key, (slot = cluster.cluster('KEYSLOT', key) as Promise<number>));
  const owner = cluster.slots[await slot]?.[0];
  const node = cluster.nodes('master').find((n) => `${n.options.host ?? ''}:${String(n.options.port ?? '')}` === owner);
  if (!node) throw new AkhbarError(CoreErrors.REDIS_REPLICAS, `no master known for the slot of ${key} yet`, { permanent: false });
  return node;
}

/**
 * Wait until `policy.count` replicas hold every write this connection has made (Redis WAIT), so
 * a hand-off a stage acknowledged survives the master's loss: without it a failover right after
 * the write can promote a replica that never received it, and the article is gone though the
 * stage before has moved on. WAIT is per connection, so it is sent on the one that wrote — on a
 * cluster, the connection to the master of `slotKey`'s slot (the queue prefix's hash tag puts
 * every queue key there). Throws AKHBAR_REDIS_REPLICAS (transient) when fewer acknowledge within
 * the timeout: the stage's own job then fails and is retried, and the repeat is absorbed by the
 * job id, as a re-poll is.
 */
export async function waitForReplicas(redis: RedisClient, slotKey: string, policy: ReplicaPolicy): Promise<void> {
  if (policy.count <= 0) return;
  const node = redis instanceof Cluster ? await masterFor(redis, slotKey) : redis;
  const acked = await node.wait(policy.count, policy.timeoutMs);
  if (acked < policy.count) {
    throw new AkhbarError(CoreErrors.REDIS_REPLICAS, `${String(acked)} of the ${String(policy.count)} Redis replicas required acknowledged the hand-off within ${String(policy.timeoutMs)} ms`, {
      permanent: false,
      details: { acked, required: policy.count },
    });
  }
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

/** How a Redis server keeps what it acknowledged: its `appendonly` and `appendfsync` settings. */
export interface RedisDurability {
  /** Every master answered CONFIG GET with an append-only file fsync'd before each reply. */
  durable: boolean;
  /** Per server: `appendonly` / `appendfsync`, or `unknown` where CONFIG GET was refused. */
  servers: { node: string; appendonly: string; appendfsync: string }[];
}

async function durabilityOf(node: Redis): Promise<{ node: string; appendonly: string; appendfsync: string }> {
  const name = `${node.options.host ?? '127.0.0.1'}:${String(node.options.port ?? 6379)}`;
  try {
    // CONFIG GET with two patterns needs Redis 7; one call per setting works on every version.
    const [ao, fs] = await Promise.all([node.config('GET', 'appendonly'), node.config('GET', 'appendfsync')]);
    return { node: name, appendonly: String((ao as string[])[1] ?? 'unknown'), appendfsync: String((fs as string[])[1] ?? 'unknown') };
  } catch {
    // A managed Redis may refuse CONFIG (renamed command, ACL): say so rather than guess.
    return { node: name, appendonly: 'unknown', appendfsync: 'unknown' };
  }
}

/**
 * Whether Redis can lose a write it has acknowledged. Akhbar's stages hand an article on with one
 * write (the next queue's job) and then record it done with another (a "seen" mark, the job's
 * completion); with `appendfsync everysec` a Redis crash can lose the first after acknowledging
 * it while the second lands in the restarted server, and the article is gone. With
 * `appendfsync always` Redis writes its append-only file before it replies, so a crash of the
 * process loses nothing acknowledged (README "Reliability").
 */
export async function redisDurability(redis: RedisClient): Promise<RedisDurability> {
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const servers = await Promise.all(nodes.map(durabilityOf));
  return { durable: servers.length > 0 && servers.every((s) => s.appendonly === 'yes' && s.appendfsync === 'always'), servers };
}

/**
 * Logs, once at a service's start, a warning coded AKHBAR_REDIS_NOT_DURABLE when Redis can lose an
 * acknowledged hand-off (see redisDurability), and keeps saying so on /metrics when given the
 * service's registry. Never throws and never delays the start: a Redis
 * that is still away is checked once it answers.
 */
export function warnUnlessDurable(
  redis: RedisClient,
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void },
  /** The service's metrics registry: `akhbar_redis_durable` goes there too (redisDurabilityGauge). */
  registry?: Registry,
): Promise<void> {
  if (registry) redisDurabilityGauge(redis, registry);
  const check = async () => {
    const d = await redisDurability(redis);
    if (d.durable) log.info({ servers: d.servers }, 'redis writes its append-only file before acknowledging');
    else {
      log.warn(
        { code: 'AKHBAR_REDIS_NOT_DURABLE', servers: d.servers },
        'redis acknowledges writes before they are in its append-only file: a Redis crash can lose articles handed between stages; run it with appendonly yes and appendfsync always (README "Reliability")',
      );
    }
  };
  return (redis.status === 'ready' ? check() : new Promise<void>((resolve) => redis.once('ready', () => resolve(check())))).catch(() => undefined);
}

/**
 * `akhbar_redis_durable` on a service's /metrics: 1 while every Redis master writes its
 * append-only file before it replies, 0 while one can lose an acknowledged write or will not say
 * (CONFIG refused). Asked at each scrape (two CONFIG GETs per master, at most `timeoutMs`), so a
 * `CONFIG SET appendfsync everysec` made at runtime shows on the next scrape and the
 * AkhbarRedisNotDurable alert fires on it, where the start-up log line would have said nothing.
 * A Redis that does not answer in time keeps the last value (its outage is /readyz's business).
 */
export function redisDurabilityGauge(redis: RedisClient, registry: Registry, timeoutMs = 1_000): Gauge {
  return new Gauge({
    name: 'akhbar_redis_durable',
    help: '1 when Redis fsyncs its append-only file before acknowledging a write (appendonly yes, appendfsync always) on every master; 0 when a crash can lose acknowledged hand-offs or CONFIG is refused',
    registers: [registry],
    async collect() {
      if (redis.status !== 'ready') return;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), timeoutMs);
        timer.unref();
      });
      const d = await Promise.race([redisDurability(redis).catch(() => undefined), late]).finally(() => clearTimeout(timer));
      if (d) this.set(d.durable ? 1 : 0);
    },
  });
}
