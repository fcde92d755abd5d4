import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis connections. Workers block on Redis and must ride out outages, so they retry forever
 * (`maxRetriesPerRequest: null`, as BullMQ requires). Producers (the gateway, the CLI) fail fast
 * instead, so an API call returns an error rather than hanging while Redis is away.
 */
export function createRedis(url: string, role: 'worker' | 'producer', extra: RedisOptions = {}): Redis {
  const base: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 };
  return new Redis(url, {
    ...base,
    // Exponential backoff with a ceiling; ioredis retries while this returns a number.
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 8), 10_000) + Math.floor(Math.random() * 200),
    lazyConnect: false,
    ...extra,
  });
}

/** Redis is reachable and answering. */
export async function redisReady(redis: Redis, timeoutMs = 1_000): Promise<boolean> {
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
