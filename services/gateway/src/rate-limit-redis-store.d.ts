// @fastify/rate-limit's Redis store, imported by its path (rate-limit-store.ts): the package
// declares types for its entry point only.
declare module '@fastify/rate-limit/store/RedisStore.js' {
  import type { RedisClient } from '@akhbar/core';

  type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;
  class RedisStore {
    constructor(continueExceeding: boolean, exponentialBackoff: boolean, redis: RedisClient, nameSpace: string);
    incr(key: string, cb: Callback, timeWindow: number, max: number): void;
    read(key: string, cb: Callback, timeWindow: number, max: number): void;
    child(routeOptions: unknown): RedisStore;
  }
  export default RedisStore;
}
