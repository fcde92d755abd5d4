import { Agent, request } from 'undici';
import { AkhbarError } from '@akhbar/core';
import { FeedErrors } from './errors.ts';
import { guardedLookup, isPublicAddress } from './guard.ts';

export interface FetchOptions {
  etag?: string;
  lastModified?: string;
  /** Allow loopback/private targets (tests, the demo, intranet feeds). @default false */
  allowPrivate?: boolean;
  /** Body cap in bytes. @default 15 MiB */
  maxBytes?: number;
  /** Total time budget in ms. @default 30 000 */
  timeoutMs?: number;
  /** @default 5 */
  maxRedirects?: number;
  userAgent?: string;
}

export interface FetchResult {
  status: number;
  url: string;
  /** A permanent redirect (301/308) moved the feed here. */
  permanentUrl?: string;
  headers: Record<string, string>;
  body: Buffer;
  notModified: boolean;
}

export const USER_AGENT = 'Akhbar/0.1 (+https://github.com/akhbar/akhbar; news aggregator)';

const agents = new Map<boolean, Agent>();
function agentFor(allowPrivate: boolean): Agent {
  let a = agents.get(allowPrivate);
  if (!a) {
    a = new Agent({ connect: { lookup: guardedLookup(allowPrivate), timeout: 10_000 }, connections: 64 });
    agents.set(allowPrivate, a);
  }
  return a;
}

/** Fetch a feed's bytes: conditional GET, bounded redirects, bounded body, guarded addresses. */
export async function fetchFeed(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const maxBytes = opts.maxBytes ?? 15 * 1024 * 1024;
  const maxRedirects = opts.maxRedirects ?? 5;
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
  let current = url;
  let permanentUrl: string | undefined;
  let allPermanent = true;
  for (let hop = 0; ; hop++) {
    const u = new URL(current);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      throw new AkhbarError(FeedErrors.BAD_SCHEME, `refusing ${u.protocol} URL`, { permanent: true });
    }
    const host = u.hostname.replace(/^\[|\]$/g, '');
    if (!opts.allowPrivate && /^[\d.:a-f]+$/i.test(host) && !isPublicAddress(host)) {
      throw new AkhbarError(FeedErrors.PRIVATE_ADDRESS, `refusing non-public address ${host}`, { permanent: true });
    }
    const headers: Record<string, string> = {
      'user-agent': opts.userAgent ?? USER_AGENT,
      accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
      'accept-encoding': 'identity',
    };
    if (opts.etag) headers['if-none-match'] = opts.etag;
    if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
    let res;
    try {
      res = await request(current, { method: 'GET', headers, dispatcher: agentFor(opts.allowPrivate ?? false), signal });
    } catch (err) {
      if (err instanceof AkhbarError) throw err;
      const cause = (err as { cause?: unknown }).cause;
      if (cause instanceof AkhbarError) throw cause;
      if (signal.aborted) throw new AkhbarError(FeedErrors.TIMEOUT, `timed out fetching ${current}`, { cause: err });
      throw new AkhbarError(FeedErrors.NETWORK, `network error fetching ${current}: ${(err as Error).message}`, { cause: err });
    }
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
    if ([301, 302, 303, 307, 308].includes(res.statusCode) && flat.location) {
      await res.body.dump();
      if (hop >= maxRedirects) throw new AkhbarError(FeedErrors.TOO_MANY_REDIRECTS, `more than ${maxRedirects} redirects`, { permanent: false });
      allPermanent &&= res.statusCode === 301 || res.statusCode === 308;
      current = new URL(flat.location, current).toString();
      if (allPermanent) permanentUrl = current;
      continue;
    }
    if (res.statusCode === 304) {
      await res.body.dump();
      return { status: 304, url: current, permanentUrl, headers: flat, body: Buffer.alloc(0), notModified: true };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        res.body.destroy();
        throw new AkhbarError(FeedErrors.TOO_LARGE, `body exceeds ${maxBytes} bytes`, { permanent: false });
      }
      chunks.push(chunk as Buffer);
    }
    if (res.statusCode >= 400) {
      throw new AkhbarError(FeedErrors.HTTP_STATUS, `HTTP ${res.statusCode} from ${current}`, {
        permanent: res.statusCode === 410,
        details: { status: res.statusCode, retryAfter: flat['retry-after'] },
      });
    }
    return { status: res.statusCode, url: current, permanentUrl, headers: flat, body: Buffer.concat(chunks), notModified: false };
  }
}
