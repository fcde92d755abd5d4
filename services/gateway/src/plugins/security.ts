import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import { GatewayErrors } from '../errors.ts';

export interface SecurityOptions {
  corsOrigins: readonly string[];
  /** 0 disables rate limiting. */
  rateLimitMax: number;
  rateLimitWindowSec: number;
  redis: Redis;
  queuePrefix: string;
  /** Configured API keys (and the admin token): only these get a rate-limit bucket of their own. @default [] */
  apiKeys?: readonly string[];
}

/** Routes that orchestrators and scrapers poll: never rate limited. */
const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Helmet headers, CORS from an allow-list, and rate limiting whose counters live in Redis, so every
 * gateway process behind a load balancer enforces one shared limit. A client is its API key when
 * it sends a configured one, else its address: a made-up X-Api-Key header must not buy a fresh
 * allowance (the chaos suite found that it did). Redis trouble never blocks requests (skipOnError).
 */
export const securityPlugin = fp<SecurityOptions>(async (app, opts) => {
  await app.register(helmet, {
    // Swagger UI and the queue dashboard ship their own scripts and styles; their CSP is set by
    // @fastify/swagger-ui (staticCSP) or relaxed below for the dashboard.
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
  });
  const origins = opts.corsOrigins;
  await app.register(cors, {
    origin: origins.includes('*') ? true : origins.length > 0 ? [...origins] : false,
    methods: ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Api-Key', 'If-None-Match'],
    exposedHeaders: ['ETag', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
    maxAge: 600,
  });
  if (opts.rateLimitMax > 0) {
    // Digests, so the lookup's timing says nothing about how close a guess came to a real key.
    const digest = (s: string) => createHash('sha256').update(s).digest('hex');
    const known = new Set((opts.apiKeys ?? []).map(digest));
    await app.register(rateLimit, {
      max: opts.rateLimitMax,
      timeWindow: opts.rateLimitWindowSec * 1000,
      redis: opts.redis,
      // One key per client, each expiring with its window. The prefix's {hash tag} is dropped so
      // on Redis Cluster the counters spread over every slot instead of crowding the queues' one.
      nameSpace: `${opts.queuePrefix.replace(/[{}]/g, '')}:ratelimit:`,
      skipOnError: true,
      allowList: (req) => UNLIMITED.has(req.routeOptions.url ?? ''),
      keyGenerator: (req) => {
        const key = req.headers['x-api-key'];
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
