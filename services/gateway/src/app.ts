import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Queue } from 'bullmq';
import { FeedRegistry, QUEUES, openQueue, settleBull, type FetchJob, type Logger, type RedisClient } from '@akhbar/core';
import { indexNames, type Client } from '@akhbar/search';
import { apiKeyGuard, apiKeyNames, parseApiKeys, parseKeyLimits } from './auth.ts';
import type { GatewayConfig } from './config.ts';
import { Collections } from './collections.ts';
import { CursorCodec } from './cursor.ts';
import { GatewayErrors, bodyText, errorBody } from './errors.ts';
import { defaultEntityLookup, type EntityLookup } from './entities.ts';
import { entityRoutes } from './routes/entities.ts';
import { similarRoutes } from './routes/similar.ts';
import { quoteRoutes } from './routes/quotes.ts';
import { agendaRoutes } from './routes/agenda.ts';
import { errorHandler } from './error-handler.ts';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.ts';
import { docsPlugin } from './plugins/docs.ts';
import { securityPlugin } from './plugins/security.ts';
import { queueBoardPlugin } from './plugins/queue-board.ts';
import { alertRoutes } from './routes/alerts.ts';
import { articleRoutes } from './routes/articles.ts';
import { feedRoutes } from './routes/feeds.ts';
import { websubRoutes } from './routes/websub.ts';
import { opsRoutes } from './routes/ops.ts';
import { exportRoutes } from './routes/export.ts';
import { StorySizes } from './story-sizes.ts';
import { searchRoutes } from './routes/search.ts';
import { statsRoutes } from './routes/stats.ts';
import { webRoutes } from './routes/web.ts';

export interface GatewaySettings {
  indexPrefix: string;
  queuePrefix: string;
  /** Read alias of the article index. */
  index: string;
  adminToken: string | undefined;
  apiKeys: readonly string[];
  /** Elasticsearch time budget per query, ms. @default 10 000 */
  esTimeoutMs: number;
  /** Cache-Control max-age of search responses, s. @default 30 */
  cacheMaxAgeSec: number;
  /** sort=indexed leaves out what was indexed this recently, s (AKHBAR_SYNC_SETTLE_SEC). @default 60 */
  syncSettleSec: number;
  allowPrivateNetworks: boolean;
  publicUrl: string | undefined;
  /** An SMTP server is configured (AKHBAR_SMTP_URL): alerts may email (mailto:). */
  emailAlerts: boolean;
  /** WebSub hub requests per hub address per window (routes/websub.ts). */
  websubRateLimitMax: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    es: Client;
    redis: RedisClient;
    registry: FeedRegistry;
    /** The feeds' categories as sets of sources (collection=), reloaded in the background. */
    collections: Collections;
    gw: GatewaySettings;
    /** Story sizes of recent hits, one cache for the process (search, feeds of a search, exports). */
    storySizes: StorySizes;
    cursors: CursorCodec;
    entities: EntityLookup | undefined;
    metrics: GatewayMetrics;
    queues: Record<keyof typeof QUEUES, Queue>;
    /** Run an Elasticsearch call, recording its latency under `op`. */
    esTimed<T>(op: string, fn: () => Promise<T>): Promise<T>;
  }
}

export interface BuildOptions {
  es: Client;
  redis: RedisClient;
  queuePrefix: string;
  indexPrefix: string;
  adminToken?: string | undefined;
  /** When non-empty, read routes need one of these keys (`key` or `name:key`, parseApiKeys). @default [] */
  apiKeys?: readonly string[];
  /** Named keys' own rate limits (`name=N` or `name=unlimited`, parseKeyLimits). @default [] */
  apiKeyRateLimits?: readonly string[];
  /** Cursor HMAC key; unset → a random secret shared through Redis by every gateway process. */
  cursorSecret?: string | undefined;
  /** CORS allow-list; empty → no CORS headers. @default [] */
  corsOrigins?: readonly string[];
  /** Requests per client per window; 0 disables. @default 600 */
  rateLimitMax?: number;
  /** @default 60 */
  rateLimitWindowSec?: number;
  /** WebSub hub requests per hub address per window, counted apart (AKHBAR_WEBSUB_RATE_LIMIT_MAX). @default 6000 */
  websubRateLimitMax?: number;
  /** @default 1 MiB */
  bodyLimit?: number;
  /** @default 30 000 */
  requestTimeoutMs?: number;
  esTimeoutMs?: number;
  cacheMaxAgeSec?: number;
  syncSettleSec?: number;
  /** @default false */
  trustProxy?: boolean;
  /** Feed discovery may reach loopback/private addresses. @default false */
  allowPrivateNetworks?: boolean;
  publicUrl?: string | undefined;
  /** Alerts may email (mailto:): the indexers have an SMTP server (AKHBAR_SMTP_URL). @default false */
  emailAlerts?: boolean;
  /** Largest `max` of /v1/search.csv and .ndjson. @default 10 000 */
  exportMax?: number;
  /** Articles per Elasticsearch request while exporting (tests make it small to page). @default 500 */
  exportPageSize?: number;
  /** Serve /metrics on the API port; false when it has a port of its own (main.ts). @default true */
  publicMetrics?: boolean;
  /** Entity gazetteer for cross-lingual expansion; `null` turns expansion off. @default @akhbar/nlp's */
  entities?: EntityLookup | null;
  /** Queues to use instead of opening them on `redis` (they are then not closed by the app). */
  queues?: Partial<Record<keyof typeof QUEUES, Queue>>;
  logger?: Logger | boolean;
}

/** BuildOptions from the validated environment (main.ts). */
export function optionsFromConfig(config: GatewayConfig): Omit<BuildOptions, 'es' | 'redis' | 'logger'> {
  return {
    queuePrefix: config.queuePrefix,
    indexPrefix: config.indexPrefix,
    adminToken: config.adminToken,
    apiKeys: config.apiKeys,
    apiKeyRateLimits: config.apiKeyRateLimits,
    cursorSecret: config.cursorSecret,
    corsOrigins: config.corsOrigins,
    rateLimitMax: config.rateLimitMax,
    rateLimitWindowSec: config.rateLimitWindowSec,
    websubRateLimitMax: config.websubRateLimitMax,
    bodyLimit: config.bodyLimit,
    requestTimeoutMs: config.requestTimeoutMs,
    esTimeoutMs: config.esTimeoutMs,
    cacheMaxAgeSec: config.cacheMaxAgeSec,
    syncSettleSec: config.syncSettleSec,
    trustProxy: config.trustProxy,
    allowPrivateNetworks: config.allowPrivateNetworks,
    publicUrl: config.publicUrl,
    emailAlerts: config.smtpUrl !== undefined,
    exportMax: config.exportMax,
    publicMetrics: config.metricsPort === undefined,
  };
}

/**
 * The cursor key every gateway process shares: given, or created once in Redis (SET NX), so a
 * cursor from one process pages on another. Redis unreachable at boot → a per-process key and a
 * warning (cursors then only work on the process that issued them).
 */
async function cursorSecret(redis: RedisClient, prefix: string, given: string | undefined, log: { warn: (o: object, m: string) => void }): Promise<string> {
  if (given) return given;
  if (redis.status !== 'ready') {
    // A producer connection queues no commands while connecting: wait for it, briefly.
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, 5_000);
      redis.once('ready', done);
    });
  }
  const key = `${prefix}:gateway:cursor-secret`;
  try {
    await redis.set(key, randomBytes(32).toString('base64url'), 'NX');
    const v = await redis.get(key);
    if (v) return v;
  } catch (err) {
    log.warn({ err }, 'could not share the cursor secret through Redis; using a per-process one');
  }
  return randomBytes(32).toString('base64url');
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A request URL fit for the log: an API key given as `api_key` (feed readers) is not written down. */
export function withoutSecrets(url: string): string {
  return url.includes('api_key=') ? url.replace(/([?&]api_key=)[^&#]*/g, '$1[redacted]') : url;
}

/**
 * Reject a URL that is not valid UTF-8 (percent-encoded or raw bytes) instead of letting it
 * decode into replacement characters, and fold repeated list parameters into one comma list.
 */
async function checkRequestLine(req: FastifyRequest, reply: FastifyReply) {
  const url = req.raw.url ?? '/';
  let ok = true;
  if (url.includes('%')) {
    try {
      decodeURIComponent(url);
    } catch {
      ok = false;
    }
  }
  if (ok && /[^\x00-\x7f]/.test(url)) {
    try {
      UTF8.decode(Buffer.from(url, 'latin1'));
    } catch {
      ok = false;
    }
  }
  if (!ok) return reply.code(400).send(errorBody(GatewayErrors.BAD_ENCODING, 'the request URL is not valid UTF-8'));
  const query = req.query as Record<string, unknown> | undefined;
  // `compare` is the one parameter whose repeats are separate values (queries may hold commas).
  if (query) for (const [k, v] of Object.entries(query)) if (Array.isArray(v) && k !== 'compare') query[k] = v.join(',');
}

/**
 * A request Node's HTTP parser refuses (raw non-ASCII bytes in the request line, a malformed
 * header, headers too large, too slow) never reaches a route. Answer it with a coded error like
 * every other, and with `Connection: close`, since the socket is closed right after: without it a
 * keep-alive client reuses the dying connection and its next, innocent request fails (the chaos
 * suite's hostile clients saw those as dropped requests).
 */
function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, GatewayErrors.BAD_REQUEST, 'the request was not received in time']
    : err.code === 'HPE_HEADER_OVERFLOW' ? [431, GatewayErrors.BAD_REQUEST, 'the request headers are too large']
    : err.code === 'HPE_INVALID_URL' || err.code === 'HPE_INVALID_METHOD' ? [400, GatewayErrors.BAD_ENCODING, 'the request line is not valid (raw non-ASCII bytes must be percent-encoded UTF-8)']
    : [400, GatewayErrors.BAD_REQUEST, 'the request is not valid HTTP'];
  this.log.debug({ err }, 'client error');
  if (socket.writable) {
    const body = JSON.stringify(errorBody(code, message));
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  socket.destroy(err);
}

/** The longest path parameter, URL-encoded: 128 characters of any script (≤ 12 encoded each) and then some. */
const MAX_PATH_PARAM = 2048;

/**
 * What the router refuses before any hook runs (a path that is not valid URL encoding, a path
 * parameter past the limit) gets the coded error every other refusal gets, not Fastify's own shape.
 */
function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const [status, code, message] =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? [414, GatewayErrors.BAD_PARAMETER, `a path segment is longer than ${String(MAX_PATH_PARAM)} characters`]
    : err.code === 'FST_ERR_BAD_URL' ? [400, GatewayErrors.BAD_ENCODING, 'the path is not valid URL encoding (percent-encoded UTF-8)']
    : [400, GatewayErrors.BAD_REQUEST, 'the request could not be routed'];
  void reply.code(status).send(errorBody(code, message));
}

/** Build the gateway app (no listen): `main.ts` listens, tests use `inject()`. */
export async function build(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(typeof opts.logger === 'object' ? { loggerInstance: opts.logger } : { logger: opts.logger ?? false }),
    bodyLimit: opts.bodyLimit ?? 1_048_576,
    requestTimeout: opts.requestTimeoutMs ?? 30_000,
    trustProxy: opts.trustProxy ?? false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // One access-log line per request (onResponse below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    clientErrorHandler,
    // A path parameter is an id or a byline (≤ 128 characters), URL-encoded: an Arabic one takes six
    // characters a letter, so the router's default of 100 refused Arabic bylines a few words long.
    routerOptions: { maxParamLength: MAX_PATH_PARAM },
    frameworkErrors,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false } },
  });

  const owned: Queue[] = [];
  const queues = {} as Record<keyof typeof QUEUES, Queue>;
  for (const key of Object.keys(QUEUES) as Array<keyof typeof QUEUES>) {
    const given = opts.queues?.[key];
    if (given) queues[key] = given;
    else {
      const q = openQueue(QUEUES[key], { connection: opts.redis, prefix: opts.queuePrefix });
      q.on('error', (err) => app.log.warn({ err, queue: QUEUES[key] }, 'queue error'));
      queues[key] = q;
      owned.push(q);
    }
  }
  app.addHook('onClose', async () => {
    await settleBull(owned);
    await Promise.allSettled(owned.map((q) => q.close()));
  });

  const apiKeys = parseApiKeys(opts.apiKeys ?? []);
  const settings: GatewaySettings = {
    indexPrefix: opts.indexPrefix,
    queuePrefix: opts.queuePrefix,
    index: indexNames(opts.indexPrefix).read,
    adminToken: opts.adminToken,
    apiKeys: apiKeys.map((k) => k.key),
    esTimeoutMs: opts.esTimeoutMs ?? 10_000,
    cacheMaxAgeSec: opts.cacheMaxAgeSec ?? 30,
    syncSettleSec: opts.syncSettleSec ?? 60,
    allowPrivateNetworks: opts.allowPrivateNetworks ?? false,
    publicUrl: opts.publicUrl,
    emailAlerts: opts.emailAlerts ?? false,
    websubRateLimitMax: opts.websubRateLimitMax ?? 6000,
  };
  const metrics = createGatewayMetrics();
  app.decorate('es', opts.es);
  app.decorate<RedisClient>('redis', opts.redis);
  const registry = new FeedRegistry(opts.redis, opts.queuePrefix);
  app.decorate('registry', registry);
  app.decorate('gw', settings);
  app.decorate('storySizes', new StorySizes());
  app.decorate('cursors', new CursorCodec(await cursorSecret(opts.redis, opts.queuePrefix, opts.cursorSecret, app.log)));
  // After the cursor secret, which waits (briefly) for the connection: a producer connection runs no
  // command while it connects. Still connecting → loaded as soon as it is ready.
  const collections = new Collections(registry, { log: app.log });
  if (opts.redis.status === 'ready') await collections.reload();
  else opts.redis.once('ready', () => void collections.reload());
  collections.start();
  app.addHook('onClose', async () => collections.stop());
  app.decorate('collections', collections);
  app.decorate('entities', opts.entities === null ? undefined : (opts.entities ?? defaultEntityLookup()));
  app.decorate('metrics', metrics);
  app.decorate('queues', queues);
  app.decorate('esTimed', async function <T>(op: string, fn: () => Promise<T>): Promise<T> {
    const end = metrics.esDuration.startTimer({ op });
    let outcome = 'ok';
    try {
      return await fn();
    } catch (err) {
      outcome = 'error';
      throw err;
    } finally {
      end({ outcome });
    }
  });

  // Shutdown: close() stops new connections and drops idle ones; a response still in flight
  // then tells its client to close too, so a keep-alive socket cannot hold the process open.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onRequest', checkRequestLine);
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    const apiKey = apiKeyNames.get(req);
    if (apiKey !== undefined) metrics.apiKeyRequests.inc({ key: apiKey, route, status: String(reply.statusCode) });
    req.log.info({ method: req.method, url: withoutSecrets(req.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, ...(apiKey !== undefined ? { apiKey } : {}) }, 'request');
  });
  app.setErrorHandler(errorHandler);
  // JSON bodies: invalid UTF-8 is refused rather than decoded into replacement characters.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = bodyText(body as Buffer);
    } catch (err) {
      return done(err as Error, undefined);
    }
    void parseJson(req, text, done);
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send(errorBody(GatewayErrors.NOT_FOUND, `no route ${req.method} ${req.url.split('?')[0]!.slice(0, 200)}`)),
  );

  await app.register(docsPlugin);
  await app.register(securityPlugin, {
    corsOrigins: opts.corsOrigins ?? [],
    rateLimitMax: opts.rateLimitMax ?? 600,
    rateLimitWindowSec: opts.rateLimitWindowSec ?? 60,
    redis: opts.redis,
    queuePrefix: opts.queuePrefix,
    apiKeys: settings.apiKeys.length > 0 ? [...settings.apiKeys, ...(opts.adminToken ? [opts.adminToken] : [])] : [],
    keyLimits: parseKeyLimits(opts.apiKeyRateLimits ?? [], apiKeys),
  });
  await app.register(opsRoutes, { metrics: opts.publicMetrics ?? true });
  // Read routes: API keys when configured.
  await app.register(async (read) => {
    read.addHook('onRequest', apiKeyGuard(apiKeys, settings.adminToken));
    await read.register(searchRoutes);
    await read.register(exportRoutes, { maxArticles: opts.exportMax ?? 10_000, ...(opts.exportPageSize ? { pageSize: opts.exportPageSize } : {}) });
    await read.register(articleRoutes);
    await read.register(similarRoutes);
    await read.register(quoteRoutes);
    await read.register(agendaRoutes);
    await read.register(entityRoutes);
    await read.register(statsRoutes);
  });
  await app.register(feedRoutes);
  // WebSub callbacks: hubs authenticate by the subscription's secret, not a Bearer token or key.
  await app.register(websubRoutes);
  await app.register(alertRoutes);
  await app.register(queueBoardPlugin, { queues: Object.values(queues), adminToken: settings.adminToken });
  await app.register(webRoutes);
  return app as unknown as FastifyInstance;
}

export type { FetchJob };
