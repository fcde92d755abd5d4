import { AkhbarError, errorCode, isAkhbarError } from '@akhbar/core';
import { FulltextErrors, assertHtml } from '@akhbar/extract';
import { FeedErrors, fetchUrl, type FetchOptions } from '@akhbar/feeds';

export interface FetchedPage {
  /** URL that answered, after redirects: the base for relative links. */
  url: string;
  status: number;
  contentType?: string;
  body: Buffer;
}

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

/**
 * Translate the shared fetcher's codes into full-text reasons. Permanent: the page will not
 * become readable by asking again (too large, a redirect loop, 4xx, a refused address).
 * Transient: timeouts, network errors, 5xx, and 429/503 (which also carry Retry-After).
 */
export function pageError(err: unknown, url: string): AkhbarError {
  if (isAkhbarError(err) && Object.values(FulltextErrors).includes(err.code as never)) return err;
  const code = errorCode(err);
  const msg = err instanceof Error ? err.message : String(err);
  const details = isAkhbarError(err) ? (err.details ?? {}) : {};
  const status = typeof details.status === 'number' ? details.status : undefined;
  if (code === FeedErrors.TOO_LARGE) return new AkhbarError(FulltextErrors.TOO_LARGE, `page larger than the cap: ${msg}`, { permanent: true, cause: err, details });
  if (code === FeedErrors.TOO_MANY_REDIRECTS) {
    const hops = (details.redirects as Array<{ to: string }> | undefined) ?? [];
    const loop = new Set(hops.map((h) => h.to)).size < hops.length;
    return new AkhbarError(FulltextErrors.REDIRECT_LOOP, loop ? `redirect loop from ${url}` : `too many redirects from ${url}`, { permanent: true, cause: err, details });
  }
  if (status === 429 || status === 503) {
    return new AkhbarError(FulltextErrors.RATE_LIMITED, `HTTP ${status} from ${url}`, { permanent: false, cause: err, details });
  }
  if (status !== undefined) {
    return new AkhbarError(FulltextErrors.HTTP_STATUS, `HTTP ${status} from ${url}`, { permanent: status < 500 && status !== 408, cause: err, details });
  }
  const permanent = code === FeedErrors.PRIVATE_ADDRESS || code === FeedErrors.BAD_SCHEME || code === FeedErrors.BAD_URL;
  return new AkhbarError(FulltextErrors.FETCH_FAILED, `${code}: ${msg}`, { permanent, cause: err, details: { ...details, cause: code } });
}

/** Fetch an article page with the shared safe fetcher and refuse anything that is not HTML. */
export async function fetchPage(url: string, opts: FetchOptions): Promise<FetchedPage> {
  let res;
  try {
    res = await fetchUrl(url, { accept: PAGE_ACCEPT, ...opts });
  } catch (err) {
    throw pageError(err, url);
  }
  const contentType = res.headers['content-type'];
  assertHtml(res.body, contentType);
  return { url: res.url, status: res.status, body: res.body, ...(contentType ? { contentType } : {}) };
}
