/**
 * How the enrich process is started (main.ts forks the service with these; docker-compose.yml and
 * infra/k8s/enrich.yaml give them to the container's own process). The taggers allocate many
 * short-lived strings, and the live heap stays near 50 MB; with V8's and glibc's defaults a busy
 * worker held several times that:
 *
 * - `--max-semi-space-size=4`: the default young generation grows to tens of MB per semi-space
 *   on a large machine; a busy worker reached ~345 MB RSS, with 4 MB ~230 MB at the same speed
 *   (3 000 articles, concurrency 8).
 * - `--heap-growing-percent=50`: V8 lets the old generation grow up to 4× what survived the last
 *   full collection before the next; 1.5× keeps the garbage a busy worker holds small. The
 *   benchmark's worker alone went from 223 to 190 MB peak, at the same articles/s.
 * - `MALLOC_ARENA_MAX=2`: glibc gives each thread that allocates its own 64 MB arena (V8's
 *   compiler and GC threads do); two keep what they free reusable. 223 → 217 MB alone.
 *
 * Together: 223 → 181 MB for the worker alone, and under the benchmark's 20 000-article load
 * 299 → 192 MB (two workers, same machine, same day), with the goal at 300.
 */
export const ENRICH_V8_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=50'];
export const ENRICH_ENV = { MALLOC_ARENA_MAX: '2' };
