import { hash } from 'node:crypto';

/**
 * Stable id from a canonical URL. It is the BullMQ job id and the Elasticsearch _id, so a
 * re-poll or a retry of the same article lands on the same record end to end.
 * 24 hex chars (96 bits): collisions are negligible at news scale and ids stay readable.
 */
export function articleId(canonicalUrl: string): string {
  return sha256Hex(canonicalUrl).slice(0, 24);
}

/** Feed ids are derived the same way from the feed's canonical URL (first registration). */
export function feedId(canonicalUrl: string): string {
  return 'f' + sha256Hex(canonicalUrl).slice(0, 15);
}

export function sha256Hex(text: string): string {
  // One-shot: no Hash object per call (ids and content hashes are computed for every item polled).
  return hash('sha256', text, 'hex');
}

/** Hash of the parts of an article that, when changed, make it an update worth re-processing. */
export function contentHash(parts: readonly (string | undefined)[]): string {
  return sha256Hex(parts.map((p) => p ?? '').join('\u0000')).slice(0, 16);
}
