import { isAkhbarError, sleep, type Logger, type RedisClient } from '@akhbar/core';
import { pruneArticles, SearchErrors, type Client, type PruneResult } from '@akhbar/search';
import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * The indexer's retention loop (`AKHBAR_RETENTION_DAYS`): every `everyMs` it deletes the
 * articles published more than `days` ago (packages/search retention.ts). Every indexer replica
 * runs the loop; a lock in Redis, held for most of a period, lets one of them prune per period.
 */
export interface RetentionOptions {
  es: Client;
  redis: RedisClient;
  indexPrefix: string;
  queuePrefix: string;
  days: number;
  /** @default one hour */
  everyMs?: number;
  /** The first prune, after start-up has settled. @default 60 000 */
  firstAfterMs?: number;
  log: Logger;
  registry?: Registry;
}

export interface Retention {
  /** Prune now if no other replica pruned this period (what the timer calls); undefined when skipped. */
  runOnce(): Promise<PruneResult | undefined>;
  close(): Promise<void>;
}

export function startRetention(o: RetentionOptions): Retention {
  const everyMs = o.everyMs ?? 3_600_000;
  const lockKey = `${o.queuePrefix}:retention:lock`;
  const abort = new AbortController();
  const registers = o.registry ? [o.registry] : [];
  const pruned = new Counter({ name: 'akhbar_indexer_retention_deleted_total', help: 'Articles deleted for being older than AKHBAR_RETENTION_DAYS', registers });
  const lastRun = new Gauge({ name: 'akhbar_indexer_retention_last_run_seconds', help: 'Unix time of the last retention prune this indexer ran to its end', registers });
  let running: Promise<PruneResult | undefined> | undefined;

  async function prune(): Promise<PruneResult | undefined> {
    // One replica per period: the lock outlives the prune, and lapses a little before the next.
    if ((await o.redis.set(lockKey, String(process.pid), 'PX', Math.max(1_000, Math.floor(everyMs * 0.9)), 'NX')) !== 'OK') return undefined;
    const before = new Date(Date.now() - o.days * 86_400_000);
    const started = Date.now();
    const result = await pruneArticles(o.es, o.indexPrefix, { before, log: o.log, signal: abort.signal });
    pruned.inc(result.deleted);
    lastRun.set(Math.floor(Date.now() / 1000));
    if (result.matched > 0 || result.failed > 0) {
      o.log.info({ before: result.before, deleted: result.deleted, failed: result.failed, ms: Date.now() - started }, 'retention: deleted the articles published before the cutoff');
    }
    return result;
  }

  function runOnce(): Promise<PruneResult | undefined> {
    running ??= prune()
      .catch((err: unknown) => {
        if (isAkhbarError(err) && err.code === SearchErrors.PRUNE_DURING_MIGRATION) o.log.info('retention: a migration is running; pruning at the next period');
        else o.log.warn({ err }, 'retention: the prune failed; trying again at the next period');
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const first = setTimeout(() => void runOnce(), o.firstAfterMs ?? 60_000).unref();
  const timer = setInterval(() => void runOnce(), everyMs).unref();
  return {
    runOnce,
    close: async () => {
      clearTimeout(first);
      clearInterval(timer);
      abort.abort();
      // A prune stops between pages; one stuck on an unreachable backend does not hold up shutdown.
      if (running) await Promise.race([running, sleep(5_000)]);
    },
  };
}
