import { readFileSync } from 'node:fs';
import { AkhbarError, CoreErrors } from './errors.ts';
import type { ReplicaPolicy } from './redis.ts';

/**
 * Environment configuration, read once per process and validated at boot.
 *
 * A service declares the variables it reads as a spec (`{ port: int('PORT', { default: 3000 }) }`)
 * and gets back a typed, frozen object. Every variable `X` may instead be given as `X_FILE`
 * (a path whose contents are the value) so secrets can come from Docker/Kubernetes secrets.
 * A missing or invalid variable throws one error naming every offending variable.
 */

type Env = Record<string, string | undefined>;

export interface Field<T> {
  readonly env: string;
  readonly describe: string;
  parse(raw: string | undefined): T;
}

interface Opts<T> {
  default?: T;
  describe?: string;
}

class ConfigProblem extends Error {}

function required<T>(name: string, opts: Opts<T>): T {
  if (opts.default === undefined) throw new ConfigProblem(`${name} is required`);
  return opts.default;
}

export function str(env: string, opts: Opts<string> & { oneOf?: readonly string[]; minLength?: number } = {}): Field<string> {
  return {
    env,
    describe: opts.describe ?? '',
    parse(raw) {
      if (raw === undefined || raw === '') return required(env, opts);
      if (opts.oneOf && !opts.oneOf.includes(raw)) throw new ConfigProblem(`${env} must be one of ${opts.oneOf.join(', ')} (got "${raw}")`);
      if (opts.minLength !== undefined && raw.length < opts.minLength) throw new ConfigProblem(`${env} must be at least ${opts.minLength} characters`);
      return raw;
    },
  };
}

/** Optional string: `undefined` when unset. */
export function optStr(env: string, opts: { describe?: string; minLength?: number } = {}): Field<string | undefined> {
  return {
    env,
    describe: opts.describe ?? '',
    parse(raw) {
      if (raw === undefined || raw === '') return undefined;
      if (opts.minLength !== undefined && raw.length < opts.minLength) throw new ConfigProblem(`${env} must be at least ${opts.minLength} characters`);
      return raw;
    },
  };
}

export function url(env: string, opts: Opts<string> & { protocols?: readonly string[] } = {}): Field<string> {
  const protocols = opts.protocols ?? ['http:', 'https:'];
  return {
    env,
    describe: opts.describe ?? '',
    parse(raw) {
      const value = raw === undefined || raw === '' ? required(env, opts) : raw;
      let u: URL;
      try {
        u = new URL(value);
      } catch {
        throw new ConfigProblem(`${env} is not a valid URL (got "${value}")`);
      }
      if (!protocols.includes(u.protocol)) throw new ConfigProblem(`${env} must use ${protocols.join(' or ')} (got "${u.protocol}")`);
      return value;
    },
  };
}

/** Optional http(s) URL: `undefined` when unset, a 78 exit naming it when not a URL. */
export function optUrl(env: string, opts: { describe?: string } = {}): Field<string | undefined> {
  const inner = url(env, { ...opts, default: '' });
  return { env, describe: opts.describe ?? '', parse: (raw) => (raw === undefined || raw === '' ? undefined : inner.parse(raw)) };
}

export function int(env: string, opts: Opts<number> & { min?: number; max?: number } = {}): Field<number> {
  return {
    env,
    describe: opts.describe ?? '',
    parse(raw) {
      if (raw === undefined || raw === '') return required(env, opts);
      if (!/^-?\d+$/.test(raw.trim())) throw new ConfigProblem(`${env} must be an integer (got "${raw}")`);
      const n = Number(raw);
      if (opts.min !== undefined && n < opts.min) throw new ConfigProblem(`${env} must be >= ${opts.min} (got ${n})`);
      if (opts.max !== undefined && n > opts.max) throw new ConfigProblem(`${env} must be <= ${opts.max} (got ${n})`);
      return n;
    },
  };
}

/** Optional integer: `undefined` when unset. */
export function optInt(env: string, opts: { describe?: string; min?: number; max?: number } = {}): Field<number | undefined> {
  const value = int(env, opts);
  return {
    env,
    describe: opts.describe ?? '',
    parse: (raw) => (raw === undefined || raw === '' ? undefined : value.parse(raw)),
  };
}

export function bool(env: string, opts: Opts<boolean> = {}): Field<boolean> {
  return {
    env,
    describe: opts.describe ?? '',
    parse(raw) {
      if (raw === undefined || raw === '') return required(env, opts);
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      throw new ConfigProblem(`${env} must be true or false (got "${raw}")`);
    },
  };
}

/** Comma-separated URLs, each checked like `url()`; empty when unset. */
export function urlList(env: string, opts: { describe?: string; protocols?: readonly string[] } = {}): Field<string[]> {
  const one = url(env, opts.protocols ? { protocols: opts.protocols } : {});
  return {
    env,
    describe: opts.describe ?? '',
    parse(raw) {
      if (raw === undefined || raw.trim() === '') return [];
      return raw.split(',').map((s) => s.trim()).filter(Boolean).map((u) => one.parse(u));
    },
  };
}

export function list(env: string, opts: Opts<string[]> = {}): Field<string[]> {
  return {
    env,
    describe: opts.describe ?? '',
    parse(raw) {
      if (raw === undefined || raw.trim() === '') return required(env, opts);
      return raw.split(',').map((s) => s.trim()).filter(Boolean);
    },
  };
}

export type ConfigSpec = Record<string, Field<unknown>>;
export type ConfigOf<S extends ConfigSpec> = { readonly [K in keyof S]: S[K] extends Field<infer T> ? T : never };

function rawValue(env: Env, name: string): string | undefined {
  const file = env[`${name}_FILE`];
  if (file !== undefined && file !== '') {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch (err) {
      throw new ConfigProblem(`${name}_FILE points to an unreadable file (${(err as Error).message})`);
    }
  }
  return env[name];
}

/** Validate `env` against `spec`; throws AKHBAR_CONFIG_INVALID naming every bad variable. */
export function loadConfig<S extends ConfigSpec>(spec: S, env: Env = process.env): ConfigOf<S> {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, field] of Object.entries(spec)) {
    try {
      out[key] = field.parse(rawValue(env, field.env));
    } catch (err) {
      if (err instanceof ConfigProblem) problems.push(err.message);
      else throw err;
    }
  }
  if (problems.length > 0) {
    throw new AkhbarError(CoreErrors.CONFIG_INVALID, `invalid configuration: ${problems.join('; ')}`, {
      permanent: true,
      details: { problems },
    });
  }
  return Object.freeze(out) as ConfigOf<S>;
}

/** Variables every service reads. */
export const commonConfig = {
  redisUrl: url('REDIS_URL', { default: 'redis://127.0.0.1:6379', protocols: ['redis:', 'rediss:'], describe: 'Redis for queues and the feed registry' }),
  redisClusterNodes: urlList('REDIS_CLUSTER_NODES', { protocols: ['redis:', 'rediss:'], describe: 'Seed nodes of a Redis Cluster (comma-separated URLs); when set, used instead of REDIS_URL' }),
  redisMinReplicas: int('REDIS_MIN_REPLICAS', {
    default: 0,
    min: 0,
    max: 16,
    describe: 'Replicas that must hold each hand-off to the next stage (Redis WAIT) before a stage goes on, so a failover cannot lose it; 0 does not wait',
  }),
  redisReplicaTimeoutMs: int('REDIS_REPLICA_TIMEOUT_MS', { default: 1_000, min: 10, max: 60_000, describe: 'How long a hand-off waits for those replicas before its job fails and is retried' }),
  elasticsearchUrl: url('ELASTICSEARCH_URL', { default: 'http://127.0.0.1:9200', describe: 'Elasticsearch node(s) URL' }),
  queuePrefix: str('AKHBAR_QUEUE_PREFIX', { default: '{akhbar}', describe: 'BullMQ key prefix; keep the {hash tag} for Redis Cluster' }),
  indexPrefix: str('AKHBAR_INDEX_PREFIX', { default: 'akhbar', describe: 'Prefix of Elasticsearch indices and aliases' }),
  logLevel: str('LOG_LEVEL', { default: 'info', oneOf: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] }),
} satisfies ConfigSpec;

/** Variables of the worker services (ingest, enrich, indexer): their ops server and health. */
export function workerConfig(defaultMetricsPort: number) {
  return {
    metricsPort: int('METRICS_PORT', { default: defaultMetricsPort, min: 0, max: 65535, describe: 'Port of /metrics, /healthz, /readyz' }),
    stallAfterSec: int('AKHBAR_STALL_AFTER_SEC', { default: 300, min: 5, max: 86_400, describe: 'Unhealthy after this long with waiting jobs and no progress' }),
  } satisfies ConfigSpec;
}

/**
 * Load a service's configuration at boot, or print why it is invalid and exit 78 (EX_CONFIG).
 * `const config = configOrExit(loadGatewayConfig);`
 */
export function configOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    exitOnConfigError(err);
  }
}

/** Print a config error the way every service does at boot, then exit non-zero. */
export function exitOnConfigError(err: unknown): never {
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`akhbar: ${msg}\n`);
  process.exit(78); // EX_CONFIG
}

/** The hand-off replica policy of a service's config (commonConfig's REDIS_MIN_REPLICAS, REDIS_REPLICA_TIMEOUT_MS). */
export function replicaPolicy(c: { redisMinReplicas: number; redisReplicaTimeoutMs: number }): ReplicaPolicy {
  return { count: c.redisMinReplicas, timeoutMs: c.redisReplicaTimeoutMs };
}
