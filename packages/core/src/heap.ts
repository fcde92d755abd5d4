import { setFlagsFromString } from 'node:v8';

/** How far V8's old generation may grow past what survived the last full collection before the next one. */
export const HEAP_GROWTH_PERCENT = 50;

/**
 * Called by every service as it starts. V8 lets the old generation grow up to 4× what survived its
 * last full collection before collecting again; a service's live heap is small (enrich's ~50 MB)
 * next to the garbage its work leaves (parsed feeds, Elasticsearch answers, bulk bodies), so it
 * held several times what it used. At 1.5× the benchmark's 20 000-article load peaked at (two runs):
 * ingest 486 → 332–356 MB, indexer 450 → 348–372, gateway 464 → 347–366, an enrich worker
 * 296 → 182–192 (its other settings too, services/enrich/src/runtime.ts), with the same
 * articles/s and search ratios within the runs' noise. Node refuses `--heap-growing-percent` in NODE_OPTIONS; V8 reads it at
 * each full collection, so setting it here acts as on node's command line (a churning test
 * script peaked at 325 MB this way, 328 MB with the command-line flag, 430 MB with neither).
 */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${String(HEAP_GROWTH_PERCENT)}`);
}
