import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayErrors, errorBody } from './errors.ts';

/**
 * Secrets are compared as SHA-256 digests with timingSafeEqual: equal-length buffers whatever the
 * input, so neither the content nor the length of a guess leaks through timing.
 */
function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

export function secretMatches(given: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(given), expected);
}

/** The token of `Authorization: Bearer <t>`, or the password of `Basic` (what a browser prompt sends). */
export function credentialOf(header: string | undefined): string {
  if (!header) return '';
  if (header.startsWith('Bearer ')) return header.slice(7).trim();
  if (header.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : '';
  }
  return '';
}

/**
 * Admin routes: `Authorization: Bearer $AKHBAR_ADMIN_TOKEN`. No token configured → admin closed.
 * `basicRealm` also accepts HTTP Basic (any user, the token as password) and asks browsers for it,
 * for pages such as the queue dashboard.
 */
export function adminGuard(token: string | undefined, opts: { basicRealm?: string } = {}) {
  const expected = token === undefined ? undefined : digest(token);
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization;
    const basicOk = opts.basicRealm !== undefined || !header?.startsWith('Basic ');
    const ok = expected !== undefined && basicOk && secretMatches(credentialOf(header), expected);
    if (!ok) {
      const challenge = opts.basicRealm ? `Basic realm="${opts.basicRealm}", charset="UTF-8"` : 'Bearer';
      return reply
        .code(401)
        .header('www-authenticate', challenge)
        .send(errorBody(GatewayErrors.UNAUTHORIZED, token === undefined ? 'admin routes are disabled (AKHBAR_ADMIN_TOKEN is not set)' : 'admin token missing or wrong'));
    }
  };
}

/**
 * Read routes with API keys configured: `X-Api-Key: <key>` or `?api_key=<key>` (for feed readers
 * that cannot send headers). The admin token is accepted too. The `api_key` parameter is removed
 * before validation so every route's parameter schema stays strict.
 */
/** The `api_key` parameter of a request, kept when the guard takes it out of the query (the rate limit counts per key). */
export const apiKeyParams = new WeakMap<FastifyRequest, string>();

export function apiKeyGuard(keys: readonly string[], adminToken: string | undefined) {
  const expected = keys.length === 0 ? [] : [...keys, ...(adminToken ? [adminToken] : [])].map(digest);
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const query = req.query as Record<string, unknown> | undefined;
    const fromQuery = query && typeof query.api_key === 'string' ? query.api_key : undefined;
    if (query && 'api_key' in query) delete query.api_key;
    if (fromQuery !== undefined) apiKeyParams.set(req, fromQuery);
    if (expected.length === 0) return;
    const headerKey = req.headers['x-api-key'];
    const given = (typeof headerKey === 'string' ? headerKey : undefined) ?? fromQuery ?? credentialOf(req.headers.authorization);
    let ok = false;
    // Check every key (no early exit) so timing does not tell which key nearly matched.
    for (const e of expected) ok = secretMatches(given, e) || ok;
    if (!ok) {
      return reply.code(401).header('www-authenticate', 'Bearer').send(errorBody(GatewayErrors.UNAUTHORIZED, 'API key missing or wrong (X-Api-Key header or api_key parameter)'));
    }
  };
}
