import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import helmet, { type HelmetOptions } from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { RedisClient } from '@akhbar/core';
import { GatewayErrors } from '../errors.ts';
import { apiKeyParams } from '../auth.ts';
import { WriteBehindRedisStore } from '../rate-limit-store.ts';

export interface SecurityOptions {
  corsOrigins: readonly string[];
  /** 0 disables rate limiting. */
  rateLimitMax: number;
  rateLimitWindowSec: number;
  redis: RedisClient;
  queuePrefix: string;
  /** Configured API keys (and the admin token): only these get a rate-limit bucket of their own. @default [] */
  apiKeys?: readonly string[];
  /** Keys with a limit of their own instead of `rateLimitMax` (Infinity: none), by key. @default none */
  keyLimits?: ReadonlyMap<string, number>;
}

/** Routes that orchestrators and scrapers poll: never rate limited. */
const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics']);

const HELMET: HelmetOptions = {
  // Swagger UI and the queue dashboard ship their own scripts and styles; their CSP is set by
  // @fastify/swagger-ui (staticCSP) or relaxed for the dashboard (plugins/queue-board.ts).
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'https:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      // Helmet's default would make browsers fetch every script over https, which breaks the web
      // UI on a plain-http install reached by a LAN address; TLS is the proxy's job (HSTS stays).
      upgradeInsecureRequests: null,
    },
  },
  crossOriginResourcePolicy: { policy: 'cross-origin' },
};

/**
 * The headers helmet sets, worked out once. @fastify/helmet calls `helmet(options)` afresh on
 * every request, which re-validates and re-joins every CSP directive (profiled under search load:
 * ~0.1 ms of the gateway's ~2.4 ms of CPU per search). Nothing here varies per request (no
 * nonces, no per-route options), so helmet's own middleware is run once against a recorder and
 * its result replayed on each response the same way (on the raw response, so a route's own
 * `reply.header` still overrides it, as the dashboard's relaxed CSP does).
 */
function helmetHeaders(options: HelmetOptions): Array<[string, string]> {
  const set = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: string | number) {
      set.set(name.toLowerCase(), String(value));
    },
    removeHeader(name: string) {
      set.delete(name.toLowerCase());
    },
  };
  helmet(options)({} as Parameters<ReturnType<typeof helmet>>[0], recorder as unknown as Parameters<ReturnType<typeof helmet>>[1], (err?: unknown) => {
    if (err) throw err;
  });
  return [...set];
}

/**
 * Helmet headers, CORS from an allow-list, and rate limiting whose counters live in Redis, so every
 * gateway process behind a load balancer enforces one shared limit. A client is its API key when
 * it sends a configured one, else its address: a made-up X-Api-Key header must not buy a fresh
 * allowance (the chaos suite found that it did). Redis trouble never blocks requests (skipOnError).
 */
export const securityPlugin = fp<SecurityOptions>(async (app, opts) => {
  const headers = helmetHeaders(HELMET);
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
  const origins = opts.corsOrigins;
  await app.register(cors, {
    origin: origins.includes('*') ? true : origins.length > 0 ? [...origins] : false,
    methods: ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Api-Key', 'If-None-Match'],
    exposedHeaders: ['ETag', 'Link', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'X-Total-Count', 'X-Total-Relation'],
    maxAge: 600,
  });
  // A client's allowance per window: its key's own limit, else AKHBAR_RATE_LIMIT_MAX (0: none).
  const own = [...(opts.keyLimits ?? new Map<string, number>())];
  if (opts.rateLimitMax > 0 || own.some(([, n]) => Number.isFinite(n))) {
    // Digests, so the lookup's timing says nothing about how close a guess came to a real key.
    const digest = (s: string) => createHash('sha256').update(s).digest('hex');
    const known = new Set((opts.apiKeys ?? []).map(digest));
    const limits = new Map(own.map(([key, n]) => [`k:${digest(key)}`, n]));
    const limitOf = (client: string) => limits.get(client) ?? (opts.rateLimitMax > 0 ? opts.rateLimitMax : Infinity);
    await app.register(rateLimit, {
      max: (_req, client) => limitOf(client),
      timeWindow: opts.rateLimitWindowSec * 1000,
      // Counted in Redis, shared by every gateway process, without most requests waiting for it
      // (rate-limit-store.ts). One key per client, each expiring with its window. The prefix's
      // {hash tag} is dropped so on Redis Cluster the counters spread over every slot instead of
      // crowding the queues' one.
      store: WriteBehindRedisStore.over(opts.redis, `${opts.queuePrefix.replace(/[{}]/g, '')}:ratelimit:`),
      skipOnError: true,
      allowList: (req, client) => UNLIMITED.has(req.routeOptions.url ?? '') || limitOf(client) === Infinity,
      keyGenerator: (req) => {
        // The header, or the api_key parameter feed readers use (the key guard, which runs first, took it out of the query).
        const header = req.headers['x-api-key'];
        const key = typeof header === 'string' ? header : apiKeyParams.get(req);
        return typeof key === 'string' && key.length > 0 && known.has(digest(key)) ? `k:${digest(key)}` : `ip:${req.ip}`;
      },
      errorResponseBuilder: (_req, ctx) => {
        const err = new Error(`rate limit exceeded: ${String(ctx.max)} requests per ${ctx.after === '' ? 'window' : 'window; retry in ' + ctx.after}`) as Error & { statusCode: number; code: string };
        err.statusCode = ctx.statusCode;
        err.code = GatewayErrors.RATE_LIMITED;
        return err;
      },
    });
  }
}, { name: 'akhbar-security' });
