import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Bundled sample feeds (fixtures/feeds), keyed by file name. */
export const FIXTURE_FEEDS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'feeds');
/** The sample articles' own pages (fixtures/pages), laid out as their URL paths. */
export const FIXTURE_PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pages');

export interface Route {
  /** Body as bytes or text; text may contain {{BASE}}, {{RFC822:-3h}}, {{ISO:-3h}} placeholders. */
  body?: string | Buffer | ((req: IncomingMessage) => string | Buffer);
  status?: number;
  headers?: Record<string, string>;
  /** Serve ETag / Last-Modified and answer conditional requests with 304. @default true */
  conditional?: boolean;
  /** gzip the body when the client accepts it. @default false */
  gzip?: boolean;
  /** Full custom handler; takes precedence over the fields above. */
  handler?: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface RequestRecord {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  at: number;
}

export interface FeedServer {
  url: string;
  port: number;
  server: Server;
  requests: RequestRecord[];
  /** Add or replace a route at runtime. */
  route(path: string, route: Route): void;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.rss.xml': 'application/rss+xml; charset=utf-8',
  '.atom.xml': 'application/atom+xml; charset=utf-8',
  '.json': 'application/feed+json; charset=utf-8',
  '.xml': 'application/xml',
  '.html': 'text/html; charset=utf-8',
  '.opml': 'text/x-opml; charset=utf-8',
};

function contentTypeFor(name: string): string {
  for (const [ext, type] of Object.entries(CONTENT_TYPES)) if (name.endsWith(ext)) return type;
  return 'application/octet-stream';
}

/** Replace fixture placeholders; dates are computed at request time so items always look recent. */
export function fillPlaceholders(text: string, base: string, now = Date.now()): string {
  return text
    .replaceAll('{{BASE}}', base)
    .replace(/\{\{(RFC822|ISO):([+-]\d+)([hmd])\}\}/g, (_m, kind: string, n: string, unit: string) => {
      const ms = Number(n) * (unit === 'h' ? 3_600_000 : unit === 'm' ? 60_000 : 86_400_000);
      const d = new Date(now + ms);
      return kind === 'ISO' ? d.toISOString() : d.toUTCString().replace('GMT', '+0000');
    });
}

/**
 * A local HTTP server for feeds with realistic headers (Content-Type, ETag, Last-Modified,
 * 304 on conditional GET, optional gzip). Port 0; records every request it sees so tests can
 * assert what the fetcher did (or that it never connected).
 */
export async function startFeedServer(routes: Record<string, Route> = {}, opts: { host?: string; /** @default 0 (any free port) */ port?: number } = {}): Promise<FeedServer> {
  const table = new Map<string, Route>(Object.entries(routes));
  const requests: RequestRecord[] = [];
  const lastModified = new Date(Date.now() - 60_000).toUTCString();
  let base = '';
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, at: Date.now() });
    const route = table.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (route.handler) return route.handler(req, res);
    let body: Buffer;
    const raw = typeof route.body === 'function' ? route.body(req) : (route.body ?? '');
    body = typeof raw === 'string' ? Buffer.from(fillPlaceholders(raw, base)) : raw;
    const headers: Record<string, string> = { 'content-type': contentTypeFor(path), ...route.headers };
    if (route.conditional !== false && (route.status ?? 200) === 200) {
      // The ETag ignores request-time dates so a re-poll of unchanged content gets a 304.
      const stable = typeof raw === 'string' ? raw : raw.toString('latin1');
      const etag = `"${createHash('sha1').update(stable).digest('hex').slice(0, 16)}"`;
      headers.etag = etag;
      headers['last-modified'] = lastModified;
      if (req.headers['if-none-match'] === etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === lastModified)) {
        res.writeHead(304, { etag, 'last-modified': lastModified }).end();
        return;
      }
    }
    if (route.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(body.length);
    res.writeHead(route.status ?? 200, headers).end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  return {
    url: base,
    port,
    server,
    requests,
    route: (path, route) => void table.set(path, route),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Routes serving every bundled sample feed at `/<file name>`. */
export function fixtureFeedRoutes(dir = FIXTURE_FEEDS_DIR): Record<string, Route> {
  const routes: Record<string, Route> = {};
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.md')) continue;
    routes[`/${name}`] = { body: readFileSync(join(dir, name), 'utf8') };
  }
  return routes;
}

/**
 * Routes serving the sample articles' pages: `pages/<site>/<section>/<slug>.html` at the item's link
 * `/<site>/<section>/<slug>` (and at the file's own name, for a site whose links end in .html), so
 * the demo's full-text stage reads a story where a feed gave only a summary.
 */
export function fixturePageRoutes(dir = FIXTURE_PAGES_DIR): Record<string, Route> {
  const routes: Record<string, Route> = {};
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.html')) continue;
    const route: Route = { body: readFileSync(join(dir, file), 'utf8'), headers: { 'content-type': 'text/html; charset=utf-8' } };
    const path = `/${file.split(sep).join('/')}`;
    routes[path] = route;
    routes[path.slice(0, -'.html'.length)] = route;
  }
  return routes;
}
