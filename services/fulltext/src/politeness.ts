import { HostGate, type HostGateOptions, type RedisClient } from '@akhbar/core';

/** Per-domain politeness of page fetches: core's HostGate under the `fulltext` scope. */
export class DomainGate extends HostGate {
  constructor(redis: RedisClient, prefix: string, opts: Omit<HostGateOptions, 'scope'>) {
    super(redis, prefix, { scope: 'fulltext', ...opts });
  }
}
