/**
 * How the enrich process is started. The taggers allocate many short-lived strings, and the live
 * heap stays near 50 MB; with V8's and glibc's defaults a busy worker held several times that.
 * Besides the limit on heap growth every service sets as it starts (limitHeapGrowth in
 * @akhbar/core: 223 → 190 MB for the benchmark's worker alone), enrich wants two settings that
 * are taken only at start-up — main.ts forks the service with them; docker-compose.yml and
 * infra/k8s/enrich.yaml give them to the container's own process:
 *
 * - `--max-semi-space-size=4` (ENRICH_V8_FLAGS, in NODE_OPTIONS there): the default young
 *   generation grows to tens of MB per semi-space on a large machine; a busy worker reached
 *   ~345 MB RSS, with 4 MB ~230 MB at the same speed (3 000 articles, concurrency 8).
 * - `MALLOC_ARENA_MAX=2` (ENRICH_ENV): glibc gives each thread that allocates its own 64 MB arena
 *   (V8's compiler and GC threads do); two keep what they free reusable. The benchmark's worker
 *   alone: 223 → 217 MB peak.
 *
 * All three: 223 → 181 MB for the worker alone, and under the benchmark's 20 000-article load
 * 299 → 192 MB (two workers, same machine, same day), with the goal at 300.
 */
export const ENRICH_V8_FLAGS = ['--max-semi-space-size=4'];
export const ENRICH_ENV = { MALLOC_ARENA_MAX: '2' };
