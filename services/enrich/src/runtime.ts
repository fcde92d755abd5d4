import { setFlagsFromString } from 'node:v8';

/**
 * How the enrich process runs. The taggers allocate many short-lived strings, and the live heap
 * stays near 50 MB; with V8's and glibc's defaults a busy worker held several times that:
 *
 * - `--max-semi-space-size=4` (ENRICH_V8_FLAGS, taken only at start-up: main.ts forks the
 *   service with it; docker-compose.yml and infra/k8s/enrich.yaml put it in NODE_OPTIONS): the
 *   default young generation grows to tens of MB per semi-space on a large machine; a busy
 *   worker reached ~345 MB RSS, with 4 MB ~230 MB at the same speed (3 000 articles,
 *   concurrency 8).
 * - `MALLOC_ARENA_MAX=2` (ENRICH_ENV, read by glibc at start-up, given the same ways): glibc
 *   gives each thread that allocates its own 64 MB arena (V8's compiler and GC threads do); two
 *   keep what they free reusable. The benchmark's worker alone: 223 → 217 MB peak.
 * - `--heap-growing-percent=50` (RUNTIME_V8_FLAGS, set by the service itself as it starts,
 *   applyRuntimeFlags: node refuses it in NODE_OPTIONS, and V8 reads it at each full collection,
 *   so setting it then acts as on the command line — 430 → 325 MB against 328 MB on a churning
 *   test script): V8 lets the old generation grow up to 4× what survived the last full
 *   collection before the next; 1.5× keeps the garbage a busy worker holds small. The
 *   benchmark's worker alone: 223 → 190 MB peak, at the same articles/s.
 *
 * Together: 223 → 181 MB for the worker alone, and under the benchmark's 20 000-article load
 * 299 → 192 MB (two workers, same machine, same day), with the goal at 300.
 */
export const ENRICH_V8_FLAGS = ['--max-semi-space-size=4'];
export const ENRICH_ENV = { MALLOC_ARENA_MAX: '2' };
export const RUNTIME_V8_FLAGS = ['--heap-growing-percent=50'];

export function applyRuntimeFlags(): void {
  for (const flag of RUNTIME_V8_FLAGS) setFlagsFromString(flag);
}
