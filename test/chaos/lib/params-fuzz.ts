import { pick } from './profile.ts';

/**
 * Random query-parameter combinations for the gateway, derived from its own OpenAPI description
 * (/docs/json), so every route and parameter the API declares is covered and a new one is picked
 * up without touching this file. Values are valid ones (enums, ranges, the formats the
 * descriptions name) mixed with hostile ones (out of range, wrong type, over-long, control and
 * bidi characters, query-syntax fragments, broken percent-encoding, unknown and repeated names).
 * Any answer is acceptable except a 5xx.
 */

interface OpenApiParam {
  name: string;
  in: 'query' | 'path' | 'header';
  schema?: Record<string, any>;
}

export interface RouteSpec {
  path: string;
  params: Array<{ name: string; schema: Record<string, any> }>;
  pathParams: string[];
  admin: boolean;
}

export function routesFromOpenApi(doc: { paths: Record<string, Record<string, { parameters?: OpenApiParam[]; tags?: string[]; security?: unknown[] }>> }): RouteSpec[] {
  const out: RouteSpec[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    const get = ops.get;
    if (!get || !path.startsWith('/v1/')) continue;
    const params = (get.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} }));
    const pathParams = (get.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
    out.push({ path, params, pathParams, admin: (get.tags ?? []).includes('feeds') });
  }
  return out;
}

const HOSTILE = [
  '', ' ', '  \t ', 'a'.repeat(5_000), 'ب'.repeat(1_200), '𝕏😀'.repeat(300), '\u202eevil\u202c', '\u200f\u200e', '\u0000', 'x\u0001y', '\uFEFF', '\uD800',
  '"unclosed', '(((', ')))', '((a OR b) AND', 'a OR', 'OR', 'NOT', '-', '--', '*', '**', '*:*', 'title:x', 'body:/.*/', '/.*/', '\\', '\\"', '~', 'a~99', '^5', '&&', '||',
  '<script>alert(1)</script>', "' OR 1=1 --", '{"query":{"match_all":{}}}', '${jndi:ldap://x/a}', '../../etc/passwd', '%00', '%', '%%', 'a'.repeat(129), ',,,', 'ar,,en',
  '9'.repeat(40), '-1', '0', '1e309', 'NaN', 'Infinity', '0x10', '1.5', 'true', 'null', 'undefined', '[]', '{}', 'now-99999y', 'now/', 'now+-1d', '2024-13-45',
  '2024-02-30', '0000-00-00', '9999-12-31T23:59:59Z', '2024-05-01T25:61:61Z', 'Europe/Nowhere', '+99:99', 'الكاظمي', 'Kadhimi', 'أوبك', 'oil prices', '"oil prices"',
  'النفط OR الكهرباء', 'Basra -Iran', 'elect*', 'ا', 'ال*', 'ü', 'İstanbul', 'ß', 'ﷺ', '٣٤٥', 'é'.normalize('NFD'),
];

const VALID: Record<string, () => string[]> = {
  q: () => ['النفط', 'oil', 'économie', '"oil prices"', 'Basra OR البصرة', 'government -election', 'elect*', '(water OR eau) health', 'Kadhimi', 'الحكومة البرلمان'],
  lang: () => ['ar', 'en', 'fr', 'ar,en', 'es,de,tr', 'fa', 'ru', 'zz'],
  country: () => ['IQ', 'iq', 'IR,TR', 'XX'],
  sourceCountry: () => ['IQ', 'FR,DE'],
  from: () => ['now-7d', 'now-30d', '2024-05-01', '2024-05-01T10:00:00Z', 'now-1h/h', 'now-1y'],
  to: () => ['now', 'now/d', '2030-01-01', '2024-05-02T00:00:00+03:00'],
  topic: () => ['politics', 'economy,health', 'sport'],
  entity: () => ['Q796', 'Q1530,Q48195', 'Q7795'],
  domain: () => ['wire1.chaos.test', 'www.wire2.chaos.test', 'example.com'],
  source: () => ['fchaos0000000001', 'fchaos0000000002,fchaos0000000003'],
  story: () => ['0123456789abcdef', 'story-a,story_b'],
  prefer: () => ['en', 'ar,fr', 'de,fr,en'],
  prefix: () => ['الح', 'gov', 'Ba', 'é'],
  field: () => ['entities', 'topics', 'people', 'orgs', 'places', 'sources', 'domains', 'langs', 'countries', 'keywords', 'authors', 'categories'],
  window: () => ['24h', '7d', '1h', '30d'],
  background: () => ['30d', '7d', '90d'],
  tz: () => ['UTC', 'Asia/Baghdad', '+03:00', 'America/Argentina/Buenos_Aires'],
  toneMin: () => ['-2', '0', '1.5', '-100', '+3'],
  toneMax: () => ['-2', '5', '0', '100'],
  near: () => ['Baghdad', 'الموصل', 'Q1530', '33.31,44.37', '-33.9,151.2', 'Bassora'],
  radius: () => ['50km', '300mi', '1500km'],
  bbox: () => ['38.7,29,48.8,37.4', '-180,-90,180,90', '170,-50,-170,50'],
};

/** A value for one parameter: valid most of the time, hostile otherwise. */
function valueFor(name: string, schema: Record<string, any>, r: () => number): string {
  if (r() < 0.3) return pick(r, HOSTILE);
  const enumValues: unknown[] | undefined = schema.enum ?? (Array.isArray(schema.anyOf) ? schema.anyOf.map((s: { const?: unknown; enum?: unknown[] }) => s.const ?? s.enum?.[0]) : undefined);
  if (enumValues && enumValues.length > 0) return String(pick(r, enumValues));
  if (schema.type === 'integer' || schema.type === 'number') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
    const max = typeof schema.maximum === 'number' ? schema.maximum : 1000;
    const k = r();
    if (k < 0.7) return String(min + Math.floor(r() * (max - min + 1)));
    if (k < 0.8) return String(min - 1);
    if (k < 0.9) return String(max + 1);
    return pick(r, ['-0', '1.5', '1e3', ' 5', '5 ', '0x1f', '9007199254740993']);
  }
  if (schema.type === 'boolean') return pick(r, ['true', 'false', '1', '0', 'yes', 'TRUE', '']);
  const valid = VALID[name];
  if (valid) return pick(r, valid());
  if (name === 'cursor') return pick(r, ['eyJhIjoxfQ', 'x.y', 'a'.repeat(2048), '']);
  return pick(r, HOSTILE);
}

/** Percent-encode, except now and then leave the value raw or break its encoding on purpose. */
function encode(value: string, r: () => number): string {
  // A lone surrogate has no UTF-8 form; it travels as U+FFFD, as a browser would send it.
  const v = value.toWellFormed();
  const k = r();
  if (k < 0.9) return encodeURIComponent(v).replace(/%20/g, r() < 0.5 ? '+' : '%20');
  if (k < 0.95) return pick(r, ['%ff', '%c0%af', '%e0%80%af', '%', '%zz', '%ed%a0%80', '%f4%90%80%80']) + encodeURIComponent(v);
  // Raw bytes in the request line: the UTF-8 bytes of the value (node:http sends a latin1 string
  // byte for byte), or a lone byte that is not UTF-8 at all.
  if (k < 0.975) return Buffer.from(v.replace(/[&#?\s\u0000-\u001f\u007f]/g, ''), 'utf8').toString('latin1');
  return pick(r, ['\xff', '\xe9t\xe9', '\xc0\xaf', '\xa0']);
}

export interface RandomRequest {
  path: string;
  route: string;
}

/** One random GET request. `ids` are article/story/feed ids that exist, for path parameters. */
export function randomRequest(routes: RouteSpec[], r: () => number, ids: { article: string[]; story: string[] }): RandomRequest {
  const route = pick(r, routes);
  let path = route.path;
  for (const p of route.pathParams) {
    const pool = route.path.includes('/stories/') ? ids.story : ids.article;
    const v = r() < 0.6 && pool.length > 0 ? pick(r, pool) : pick(r, [...HOSTILE, 'abc', 'a'.repeat(128), 'a'.repeat(129), '..%2f..%2f', '%2e%2e', 'Q796']);
    path = path.replace(`{${p}}`, encodeURIComponent(v.toWellFormed()));
  }
  const pairs: string[] = [];
  // Up to six parameters, whatever the route declares: every one is still picked over a run, and
  // a route gaining parameters does not make nearly every combination invalid.
  const n = Math.floor(r() * (Math.min(route.params.length, 4) + 2));
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.85 && route.params.length > 0) {
      const p = pick(r, route.params);
      pairs.push(`${encodeURIComponent(p.name)}=${encode(valueFor(p.name, p.schema, r), r)}`);
    } else if (k < 0.92) {
      pairs.push(`${pick(r, ['debug', 'size', 'from_', 'q[]', 'lang[]', '__proto__', 'constructor', 'index', 'api_key', 'x'.repeat(300), ''])}=${encode(pick(r, HOSTILE), r)}`);
    } else {
      pairs.push(pick(r, ['q', 'lang', 'limit', '&', '=', '==', 'q==', '&&&', 'q&q&q']));
    }
  }
  return { path: pairs.length > 0 ? `${path}?${pairs.join('&')}` : path, route: route.path };
}
