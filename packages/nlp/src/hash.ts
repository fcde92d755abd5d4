import type { Token } from './text.ts';

/**
 * Fingerprints for near-duplicate detection. SimHash (64 bits, stored in `enrichment.simhash`)
 * gives a cheap "how different are these two" by Hamming distance; MinHash with LSH bands is
 * what story clustering uses, because its banding turns "find similar articles" into exact
 * look-ups of a few keys in Redis.
 */

/** 32-bit FNV-1a of a string, finished with a murmur3 mix (FNV alone mixes short keys poorly). */
export function hash32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 64-bit SimHash of a bag of words (term frequency weights), as 16 hex digits. */
export function simhash(words: readonly string[]): string {
  if (words.length === 0) return '0000000000000000';
  const tf = new Map<string, number>();
  for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
  const v = new Float64Array(64);
  for (const [w, n] of tf) {
    const hi = hash32(w, 0x9747b28c);
    const lo = hash32(w, 0x811c9dc5);
    for (let b = 0; b < 32; b++) {
      v[b]! += (hi >>> b) & 1 ? n : -n;
      v[32 + b]! += (lo >>> b) & 1 ? n : -n;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (v[b]! > 0) hi |= 1 << b;
    if (v[32 + b]! > 0) lo |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/** Hamming distance between two SimHash hex strings (0 = same, 64 = opposite). */
export function hammingDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i += 8) {
    let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x) {
      x &= x - 1;
      d++;
    }
  }
  return d;
}

/** MinHash values per signature. */
export const MINHASH_SIZE = 60;
/** LSH: bands × rows = MINHASH_SIZE. Two texts with Jaccard similarity J share a band with
 * probability 1 − (1 − J³)²⁰: 0.93 at J = 0.5, 0.99 at 0.6, 0.15 at 0.2. */
export const LSH_BANDS = 20;
export const LSH_ROWS = 3;

const SEEDS = Array.from({ length: MINHASH_SIZE }, (_, i) => fmix32((i + 1) * 0x9e3779b1));

export function minhash(shingles: ReadonlySet<string>): Uint32Array {
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const s of shingles) {
    const base = hash32(s);
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const h = fmix32(base ^ SEEDS[i]!);
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two b-bit (8-bit) signatures in hex (see `storySignature`). */
export function signatureSimilarity(a: string, b: string): number {
  const n = Math.min(a.length, b.length) / 2;
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n * 2; i += 2) if (a[i] === b[i] && a[i + 1] === b[i + 1]) same++;
  return Math.max(0, (same / n - 1 / 256) / (1 - 1 / 256));
}

export interface StorySignature {
  /** Lowest 8 bits of each MinHash value, hex (b-bit MinHash: small to store, enough to verify). */
  sig: string;
  /** LSH band keys: texts that share one are candidates of the same story. */
  bands: string[];
}

/** Shingles fewer than this make no signature: a headline alone is too little to call a duplicate. */
const MIN_SHINGLES = 8;
/** The lede: wire copies share their opening far more reliably than their endings. */
const LEDE_TOKENS = 120;

/**
 * The story signature of an article: word bigrams of its lede (the body's first words; the
 * title too when the body is short, since outlets rewrite titles but copy ledes). Undefined when
 * there is too little text to compare.
 */
export function storySignature(titleTokens: readonly Token[], bodyTokens: readonly Token[]): StorySignature | undefined {
  const words = (bodyTokens.length >= 25 ? bodyTokens : [...titleTokens, ...bodyTokens]).slice(0, LEDE_TOKENS).map((t) => t.norm);
  const shingles = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) shingles.add(`${words[i]!} ${words[i + 1]!}`);
  if (shingles.size < MIN_SHINGLES) return undefined;
  const mh = minhash(shingles);
  let sig = '';
  for (const v of mh) sig += (v & 0xff).toString(16).padStart(2, '0');
  const bands: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    const row = Array.from(mh.subarray(b * LSH_ROWS, (b + 1) * LSH_ROWS)).join(':');
    bands.push(`${String(b)}:${hash32(row).toString(16).padStart(8, '0')}`);
  }
  return { sig, bands };
}
