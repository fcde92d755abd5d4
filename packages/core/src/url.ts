import { AkhbarError, CoreErrors } from './errors.ts';

/** Query parameters that only track the reader; they never change which article a URL names. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'mc_cid', 'mc_eid', 'igshid',
  '_ga', '_gl', 'ref_src', 'ref_url', 'cmpid', 'ocid', 'ncid', 'spm', 'share', 'smid', 'smtyp',
  'at_medium', 'at_campaign', 'xtor', 'sr_share', 'cid', 'icid',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'oly_', 'vero_', '__hs'];

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((p) => lower.startsWith(p));
}

/**
 * Canonical form of an article or feed URL: scheme and host lower-cased (WHATWG URL does it),
 * default port, fragment and tracking parameters dropped, remaining query kept in its order
 * (it can be meaningful: `?id=123`), `/` path for a bare host.
 */
export function canonicalUrl(input: string, base?: string): string {
  let url: URL;
  try {
    url = base === undefined ? new URL(input.trim()) : new URL(input.trim(), base);
  } catch (cause) {
    throw new AkhbarError(CoreErrors.BAD_URL, `not a valid URL: ${truncate(input, 200)}`, { cause, permanent: true });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AkhbarError(CoreErrors.BAD_URL, `only http and https URLs are accepted, got ${url.protocol}`, { permanent: true });
  }
  // Each setter re-serialises the URL: only the parts that are there are cleared (an empty
  // fragment or query reads as '' but still shows as a trailing '#' or '?').
  if (url.hash || url.href.endsWith('#')) url.hash = '';
  if (url.username) url.username = '';
  if (url.password) url.password = '';
  if (url.search || url.href.endsWith('?')) {
    const kept = [...url.searchParams].filter(([k]) => !isTracking(k));
    url.search = '';
    for (const [k, v] of kept) url.searchParams.append(k, v);
  }
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1);
  return url.toString();
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) + '…' : s;
}
