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

/**
 * Country-code top-level domains sold to anyone (`.tv`, `.io`, `.co`, `.me`…): a site under one
 * says nothing about where it is — unless under a second level its registry keeps for the country
 * (`.com.co`). `.eu` and `.su` name no country.
 */
const OPEN_CCTLDS = new Set(['ac', 'ad', 'ai', 'am', 'as', 'bz', 'cc', 'cm', 'co', 'cx', 'eu', 'fm', 'gg', 'gs', 'io', 'la', 'me', 'ms', 'nu', 'sh', 'st', 'su', 'tk', 'to', 'tv', 'vc', 'vg', 'ws']);
const NATIONAL_SECOND_LEVEL = new Set(['com', 'net', 'org', 'gov', 'gob', 'edu', 'ac', 'co', 'news', 'info']);
/** Internationalised country-code domains (as URLs give hosts, in punycode): Arabic script first. */
const IDN_CCTLDS: Record<string, string> = {
  'xn--mgbaam7a8h': 'AE', 'xn--wgbh1c': 'EG', 'xn--mgberp4a5d4ar': 'SA', 'xn--mgberp4a5d4a87g': 'SA', 'xn--ygbi2ammx': 'PS', 'xn--mgbtx2b': 'IQ',
  'xn--mgbc0a9azcg': 'MA', 'xn--lgbbat1ad8j': 'DZ', 'xn--mgbayh7gpa': 'JO', 'xn--wgbl6a': 'QA', 'xn--pgbs0dh': 'TN', 'xn--mgbpl2fh': 'SD',
  'xn--ogbpf8fl': 'SY', 'xn--mgb9awbf': 'OM', 'xn--mgbah1a3hjkrd': 'MR', 'xn--mgbcpq6gpa1a': 'BH', 'xn--mgba3a4f16a': 'IR', 'xn--mgbai9azgqp6j': 'PK',
  'xn--mgbx4cd0ab': 'MY', 'xn--p1ai': 'RU', 'xn--90a3ac': 'RS', 'xn--j1amh': 'UA', 'xn--90ais': 'BY', 'xn--80ao21a': 'KZ', 'xn--fiqs8s': 'CN', 'xn--fiqz9s': 'CN',
  'xn--j6w193g': 'HK', 'xn--kprw13d': 'TW', 'xn--kpry57d': 'TW', 'xn--3e0b707e': 'KR', 'xn--h2brj9c': 'IN', 'xn--54b7fta0cc': 'BD', 'xn--o3cw4h': 'TH', 'xn--4dbrk0ce': 'IL',
};

/**
 * Where a site is by its domain alone, when its top-level domain says (ISO 3166-1 alpha-2):
 * `alsumaria.iq` → IQ, `bbc.co.uk` → GB, `eltiempo.com.co` → CO, `مصر` (`xn--wgbh1c`) → EG; a
 * generic (`.com`, `.net`) or openly sold one (`.tv`, `.io`) → undefined. What a feed's own
 * country leaves unsaid, this fills, so "where its sources are" counts more than the feeds an
 * operator filed by hand. Written by hand: the table is small and no package keeps it.
 */
export function countryOfHost(host: string): string | undefined {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length < 2) return undefined;
  const tld = labels.at(-1)!;
  if (IDN_CCTLDS[tld]) return IDN_CCTLDS[tld];
  if (!/^[a-z]{2}$/.test(tld)) return undefined;
  if (OPEN_CCTLDS.has(tld) && !(labels.length >= 3 && NATIONAL_SECOND_LEVEL.has(labels.at(-2)!))) return undefined;
  if (tld === 'eu' || tld === 'su') return undefined;
  return tld === 'uk' ? 'GB' : tld.toUpperCase();
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) + '…' : s;
}
