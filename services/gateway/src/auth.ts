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

/** An API key and the name its requests are counted and logged under (never the key itself). */
export interface ApiKey {
  name: string;
  key: string;
}

const KEY_NAME = /^[A-Za-z0-9_.-]{1,40}$/;

/**
 * AKHBAR_API_KEYS entries → keys with names: `name:key` names a key (`newsroom:3f9c…`; a name is
 * letters, digits, `_ . -`, at most 40); a bare key is named by the start of its SHA-256
 * (`key-1a2b3c4d`), which `printf %s "$KEY" | sha256sum | cut -c1-8` also gives.
 */
export function parseApiKeys(entries: readonly string[]): ApiKey[] {
  return entries.map((entry) => {
    const colon = entry.indexOf(':');
    if (colon > 0 && colon < entry.length - 1 && KEY_NAME.test(entry.slice(0, colon))) return { name: entry.slice(0, colon), key: entry.slice(colon + 1) };
    return { name: `key-${digest(entry).toString('hex').slice(0, 8)}`, key: entry };
  });
}

/**
 * AKHBAR_API_KEY_RATE_LIMITS entries (`name=N` requests per window, or `name=unlimited`) → each
 * named key's own limit, by key. A name no key has, or a bad number, is an error naming the entry
 * (the gateway exits 78 with it).
 */
export function parseKeyLimits(entries: readonly string[], keys: readonly ApiKey[]): Map<string, number> {
  const limits = new Map<string, number>();
  for (const entry of entries) {
    const m = /^([^=]+)=(\d{1,7}|unlimited)$/.exec(entry);
    if (!m) throw new Error(`AKHBAR_API_KEY_RATE_LIMITS: "${entry}" is not name=N (requests per window, 1 to 9999999) or name=unlimited`);
    const [, name, value] = m as unknown as [string, string, string];
    const limit = value === 'unlimited' ? Infinity : Number(value);
    if (limit < 1) throw new Error(`AKHBAR_API_KEY_RATE_LIMITS: "${entry}": a limit is at least 1 (name=unlimited for none)`);
    const named = keys.filter((k) => k.name === name);
    if (named.length === 0) throw new Error(`AKHBAR_API_KEY_RATE_LIMITS: no key of AKHBAR_API_KEYS is named "${name}" (name a key as name:key)`);
    for (const k of named) limits.set(k.key, limit);
  }
  return limits;
}

/** The name of the API key a request was let in with (`admin` for the admin token). */
export const apiKeyNames = new WeakMap<FastifyRequest, string>();

/** The `api_key` parameter of a request, kept when the guard takes it out of the query (the rate limit counts per key). */
export const apiKeyParams = new WeakMap<FastifyRequest, string>();

/**
 * Read routes with API keys configured: `X-Api-Key: <key>` or `?api_key=<key>` (for feed readers
 * that cannot send headers). The admin token is accepted too. The `api_key` parameter is removed
 * before validation so every route's parameter schema stays strict. The key's name is kept for
 * the access log and the per-key request count.
 */
export function apiKeyGuard(keys: readonly ApiKey[], adminToken: string | undefined) {
  const expected = keys.length === 0 ? [] : [...keys, ...(adminToken ? [{ name: 'admin', key: adminToken }] : [])].map((k) => ({ name: k.name, digest: digest(k.key) }));
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const query = req.query as Record<string, unknown> | undefined;
    const fromQuery = query && typeof query.api_key === 'string' ? query.api_key : undefined;
    if (query && 'api_key' in query) delete query.api_key;
    if (fromQuery !== undefined) apiKeyParams.set(req, fromQuery);
    if (expected.length === 0) return;
    const headerKey = req.headers['x-api-key'];
    const given = (typeof headerKey === 'string' ? headerKey : undefined) ?? fromQuery ?? credentialOf(req.headers.authorization);
    let matched: string | undefined;
    // Check every key (no early exit) so timing does not tell which key nearly matched.
    for (const e of expected) if (secretMatches(given, e.digest)) matched ??= e.name;
    if (matched === undefined) {
      return reply.code(401).header('www-authenticate', 'Bearer').send(errorBody(GatewayErrors.UNAUTHORIZED, 'API key missing or wrong (X-Api-Key header or api_key parameter)'));
    }
    apiKeyNames.set(req, matched);
  };
}
