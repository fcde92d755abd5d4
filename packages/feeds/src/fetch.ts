import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw, constants as zc, type ZlibOptions, type BrotliOptions } from 'node:zlib';
import { Agent, request, type Dispatcher } from 'undici';
import { AkhbarError } from '@akhbar/core';
import { FeedErrors } from './errors.ts';
import { guardedConnector, type AddressPolicy, type LookupFn } from './guard.ts';

/**
 * The one safe fetcher. Everything Akhbar downloads from a URL a user gave it (feeds, pages for
 * autodiscovery, article pages for full text) goes through `fetchUrl`: http/https only, the SSRF
 * guard on every connection, at most `maxRedirects` hops (each re-checked), connect/header/body
 * timeouts and a total deadline, a size cap applied after decompression (a 10 KB gzip bomb
 * cannot become 10 GB in memory), conditional GET, and a User-Agent that names Akhbar so
 * publishers can see who is polling them. It is content-agnostic: it returns bytes and headers;
 * `decodeBody` turns them into text.
 */

export interface FetchOptions extends AddressPolicy {
  /** Conditional GET: the ETag of the copy we hold. */
  etag?: string | undefined;
  /** Conditional GET: the Last-Modified of the copy we hold. */
  lastModified?: string | undefined;
  /** Body cap in bytes, after decompression. @default 15 MiB */
  maxBytes?: number;
  /** Total time budget in ms, redirects included. @default 30 000 */
  timeoutMs?: number;
  /** TCP/TLS connect timeout in ms. @default 10 000 */
  connectTimeoutMs?: number;
  /** @default 5 */
  maxRedirects?: number;
  /** @default USER_AGENT */
  userAgent?: string;
  /** @default '*\/*' (fetchFeed asks for feed types first) */
  accept?: string;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** Cancels the fetch (e.g. on shutdown). */
  signal?: AbortSignal;
  /** Name resolution replacing DNS (tests); the guard still judges what it returns. */
  resolve?: LookupFn;
}

export interface RedirectHop {
  status: number;
  from: string;
  to: string;
}

export interface FetchResult {
  status: number;
  /** URL that answered (after redirects). */
  url: string;
  /** URL that was asked for. */
  requestedUrl: string;
  /** Set when every redirect up to here was permanent (301/308): the resource moved here. */
  permanentUrl?: string;
  redirects: RedirectHop[];
  /** Response headers, lower-case names, repeated ones joined with ", ". */
  headers: Record<string, string>;
  /** Decompressed body (empty on 304). */
  body: Buffer;
  notModified: boolean;
}

export const USER_AGENT = 'Akhbar/0.1 (+https://github.com/akhbar/akhbar; news aggregator; feed fetcher)';
export const DEFAULT_MAX_BYTES = 15 * 1024 * 1024;
const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

const agents = new Map<string, Agent>();

function agentFor(opts: FetchOptions): { agent: Agent; temporary: boolean } {
  const make = () =>
    new Agent({
      connect: guardedConnector(opts, { timeoutMs: opts.connectTimeoutMs ?? 10_000, ...(opts.resolve ? { resolve: opts.resolve } : {}) }),
      connections: 16,
      headersTimeout: opts.timeoutMs ?? 30_000,
      bodyTimeout: opts.timeoutMs ?? 30_000,
    } as Agent.Options);
  // A custom resolver is per call (tests); everything else shares pooled keep-alive agents.
  if (opts.resolve) return { agent: make(), temporary: true };
  const key = JSON.stringify([opts.allowPrivate ?? false, opts.allowCidrs ?? [], opts.connectTimeoutMs ?? 10_000, opts.timeoutMs ?? 30_000]);
  let a = agents.get(key);
  if (!a) {
    a = make();
    agents.set(key, a);
  }
  return { agent: a, temporary: false };
}

/**
 * POST a form (`application/x-www-form-urlencoded`) to a URL a feed named — a WebSub hub — through
 * the same SSRF guard and pooled agents as every fetch; no redirect is followed. The status.
 */
export async function postForm(url: string, form: Record<string, string>, opts: Pick<FetchOptions, 'allowPrivate' | 'allowCidrs' | 'timeoutMs' | 'userAgent' | 'signal'> = {}): Promise<number> {
  const { agent } = agentFor(opts);
  const signal = opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs ?? 30_000)]) : AbortSignal.timeout(opts.timeoutMs ?? 30_000);
  const res = await request(url, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': opts.userAgent ?? USER_AGENT },
    body: new URLSearchParams(form).toString(),
    signal,
  });
  await res.body.dump();
  return res.statusCode;
}

/** Close pooled connections (CLI exit, tests). */
export async function closeFetchAgents(): Promise<void> {
  const all = [...agents.values()];
  agents.clear();
  await Promise.all(all.map((a) => a.close()));
}

/** Retry-After (delta seconds or HTTP date) in ms from now; undefined when absent or invalid. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return flat;
}

function classifyNetworkError(err: unknown, url: string, timedOut: boolean): AkhbarError {
  if (err instanceof AkhbarError) return err;
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof AkhbarError) return cause;
  const code = String((err as { code?: unknown }).code ?? (cause as { code?: unknown } | undefined)?.code ?? '');
  const msg = err instanceof Error ? err.message : String(err);
  if (timedOut || /TIMEOUT/.test(code) || (err as Error).name === 'TimeoutError') {
    return new AkhbarError(FeedErrors.TIMEOUT, `timed out fetching ${url}`, { cause: err, details: { code } });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA') {
    return new AkhbarError(FeedErrors.DNS, `cannot resolve the host of ${url} (${code})`, { cause: err, details: { code } });
  }
  return new AkhbarError(FeedErrors.NETWORK, `network error fetching ${url}: ${msg}${code ? ` (${code})` : ''}`, { cause: err, details: { code } });
}

const unzip = {
  gzip: promisify<Buffer, ZlibOptions, Buffer>(gunzip),
  inflate: promisify<Buffer, ZlibOptions, Buffer>(inflate),
  inflateRaw: promisify<Buffer, ZlibOptions, Buffer>(inflateRaw),
  br: promisify<Buffer, BrotliOptions, Buffer>(brotliDecompress),
};

/**
 * Undo Content-Encoding with the output capped at `maxBytes` (zlib stops producing at
 * `maxOutputLength`, so a decompression bomb costs at most the cap). Truncated streams are
 * accepted as far as they go, like browsers do.
 */
export async function decompress(body: Buffer, encoding: string | undefined, maxBytes: number): Promise<Buffer> {
  const codings = (encoding ?? '').toLowerCase().split(',').map((s) => s.trim()).filter((s) => s && s !== 'identity');
  // Some servers gzip a feed without saying so; the magic number is unambiguous.
  if (codings.length === 0 && body[0] === 0x1f && body[1] === 0x8b) codings.push('gzip');
  let out = body;
  const zopts = { maxOutputLength: maxBytes + 1, finishFlush: zc.Z_SYNC_FLUSH };
  try {
    for (const c of codings.reverse()) {
      if (c === 'gzip' || c === 'x-gzip') out = await unzip.gzip(out, zopts);
      else if (c === 'deflate') {
        // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
        const zlibWrapped = out.length >= 2 && (out[0]! & 0x0f) === 8 && ((out[0]! << 8) | out[1]!) % 31 === 0;
        out = zlibWrapped ? await unzip.inflate(out, zopts) : await unzip.inflateRaw(out, zopts);
      } else if (c === 'br') out = await unzip.br(out, { maxOutputLength: maxBytes + 1, finishFlush: zc.BROTLI_OPERATION_FLUSH });
      else throw new AkhbarError(FeedErrors.NETWORK, `unsupported Content-Encoding "${c}"`, { details: { encoding: c } });
    }
  } catch (err) {
    if (err instanceof AkhbarError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new AkhbarError(FeedErrors.TOO_LARGE, `body exceeds ${maxBytes} bytes after decompression`, { cause: err, details: { maxBytes } });
    }
    throw new AkhbarError(FeedErrors.NETWORK, `cannot decompress the body (${(err as Error).message})`, { cause: err });
  }
  if (out.length > maxBytes) throw new AkhbarError(FeedErrors.TOO_LARGE, `body exceeds ${maxBytes} bytes after decompression`, { details: { maxBytes } });
  return out;
}

async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw new AkhbarError(FeedErrors.TOO_LARGE, `body exceeds ${maxBytes} bytes`, { details: { maxBytes } });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

function checkUrl(raw: string, base?: string): URL {
  let u: URL;
  try {
    u = base === undefined ? new URL(raw) : new URL(raw, base);
  } catch (cause) {
    throw new AkhbarError(FeedErrors.BAD_URL, `not a valid URL: ${raw.slice(0, 200)}`, { permanent: true, cause });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new AkhbarError(FeedErrors.BAD_SCHEME, `only http and https are fetched, not ${u.protocol}`, { permanent: true, details: { url: u.href.slice(0, 200) } });
  }
  u.hash = '';
  return u;
}

/** Fetch a URL's bytes safely (see the module comment). Throws AkhbarError with a FeedErrors code. */
export async function fetchUrl(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? 5;
  const deadline = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
  const signal = opts.signal ? AbortSignal.any([deadline, opts.signal]) : deadline;
  const { agent, temporary } = agentFor(opts);
  const redirects: RedirectHop[] = [];
  let current = checkUrl(url);
  let permanentUrl: string | undefined;
  let allPermanent = true;
  try {
    for (;;) {
      const headers: Record<string, string> = {
        'user-agent': opts.userAgent ?? USER_AGENT,
        accept: opts.accept ?? '*/*',
        'accept-encoding': 'gzip, deflate, br',
        ...opts.headers,
      };
      if (opts.etag) headers['if-none-match'] = opts.etag;
      if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
      let res: Dispatcher.ResponseData;
      try {
        res = await request(current, { method: 'GET', headers, dispatcher: agent, signal });
      } catch (err) {
        throw classifyNetworkError(err, current.href, deadline.aborted);
      }
      const flat = flatten(res.headers);
      const status = res.statusCode;
      if ([301, 302, 303, 307, 308].includes(status) && flat.location) {
        await res.body.dump().catch(() => undefined);
        if (redirects.length >= maxRedirects) {
          throw new AkhbarError(FeedErrors.TOO_MANY_REDIRECTS, `more than ${maxRedirects} redirects from ${url}`, { details: { redirects } });
        }
        const next = checkUrl(flat.location, current.href);
        redirects.push({ status, from: current.href, to: next.href });
        allPermanent &&= status === 301 || status === 308;
        if (allPermanent) permanentUrl = next.href;
        current = next;
        continue;
      }
      if (status === 304) {
        await res.body.dump().catch(() => undefined);
        return { status, url: current.href, requestedUrl: url, ...(permanentUrl ? { permanentUrl } : {}), redirects, headers: flat, body: Buffer.alloc(0), notModified: true };
      }
      if (status >= 400 || (status >= 300 && status < 400)) {
        await res.body.dump({ limit: 65_536 }).catch(() => undefined);
        const retryAfterMs = parseRetryAfter(flat['retry-after']);
        const details = { status, url: current.href, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
        if (status === 410) throw new AkhbarError(FeedErrors.GONE, `HTTP 410 Gone from ${current.href}`, { permanent: true, details });
        // 404/401/403 may be a publisher's passing mistake; the feed's failure count decides.
        throw new AkhbarError(FeedErrors.HTTP_STATUS, `HTTP ${status} from ${current.href}`, { details });
      }
      let body: Buffer;
      try {
        body = await readCapped(res.body, maxBytes);
      } catch (err) {
        throw classifyNetworkError(err, current.href, deadline.aborted);
      }
      body = await decompress(body, flat['content-encoding'], maxBytes);
      return { status, url: current.href, requestedUrl: url, ...(permanentUrl ? { permanentUrl } : {}), redirects, headers: flat, body, notModified: false };
    }
  } finally {
    if (temporary) await agent.close().catch(() => undefined);
  }
}

/** `fetchUrl` asking for feed media types first. */
export function fetchFeed(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  return fetchUrl(url, { accept: FEED_ACCEPT, ...opts });
}
