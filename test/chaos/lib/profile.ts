/**
 * How big a chaos run is. `npm test` runs the `subset` (a few minutes, short outages, fewer
 * random inputs); `npm run test:chaos` sets AKHBAR_CHAOS_PROFILE=full and runs the sizes issue 8
 * asks for. Every number a scenario uses comes from here, so the two runs differ only in scale.
 */
export type ProfileName = 'subset' | 'full';

export interface Profile {
  name: ProfileName;
  /** Ledger items served while faults are injected. */
  ledgerItems: number;
  /** Ledger feeds the items are spread over. */
  ledgerFeeds: number;
  /** Items published per second by the ledger server. */
  publishPerSec: number;
  /** How long the private Redis stays stopped. */
  redisOutageMs: number;
  /** How long the private Elasticsearch stays stopped before it is started again. */
  esOutageMs: number;
  /** Heap of the private Elasticsearch node. */
  esHeap: string;
  /** Random mutations of valid feeds served to the running ingest service. */
  feedMutations: number;
  /** Random query-parameter combinations sent to the gateway. */
  queryCombos: number;
  /** Synthetic articles bulk-loaded for the load test (it runs in npm run test:chaos only). */
  loadArticles: number;
  /** Concurrency levels autocannon climbs through. */
  loadConcurrency: number[];
  /** Seconds autocannon runs at each level. */
  loadSeconds: number;
  /** tap timeout of the heaviest scenario file. */
  timeoutMs: number;
}

const SUBSET: Profile = {
  name: 'subset',
  ledgerItems: 1_200,
  ledgerFeeds: 20,
  publishPerSec: 40,
  redisOutageMs: 4_000,
  esOutageMs: 5_000,
  esHeap: '512m',
  feedMutations: 1_000,
  queryCombos: 1_500,
  loadArticles: 10_000,
  loadConcurrency: [1, 4, 16],
  loadSeconds: 5,
  timeoutMs: 420_000,
};

const FULL: Profile = {
  name: 'full',
  ledgerItems: 6_000,
  ledgerFeeds: 40,
  publishPerSec: 40,
  redisOutageMs: 10_000,
  esOutageMs: 60_000,
  esHeap: '1g',
  feedMutations: 10_000,
  queryCombos: 10_000,
  loadArticles: 100_000,
  loadConcurrency: [1, 2, 4, 8, 16, 32, 64],
  loadSeconds: 10,
  timeoutMs: 1_800_000,
};

export function profile(): Profile {
  const name = process.env.AKHBAR_CHAOS_PROFILE ?? 'subset';
  if (name === 'full') return FULL;
  if (name === 'subset') return SUBSET;
  throw new Error(`AKHBAR_CHAOS_PROFILE must be subset or full (got "${name}")`);
}

/** A seed for random inputs: AKHBAR_CHAOS_SEED replays a run, else one is drawn and printed. */
export function chaosSeed(): number {
  const given = process.env.AKHBAR_CHAOS_SEED;
  if (given !== undefined && given !== '') return Number(given) >>> 0;
  return Math.floor(Math.random() * 2 ** 31);
}


export function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}
