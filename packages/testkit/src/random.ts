/**
 * mulberry32: a small, fast, seeded generator — good enough to spread test data and random
 * inputs, and the same sequence on every machine, so a failing seed can be replayed.
 * (Math.random cannot be seeded; a library for twelve lines would be more to audit, not less.)
 */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
