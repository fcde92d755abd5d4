import type { RawArticle } from '@akhbar/core';
import { parseFeed, toRawArticles } from '@akhbar/feeds';
import { makeCorpus, type CorpusArticle } from './corpus.ts';
import { buildFeeds, type CorpusFeed } from './feeds.ts';
import type { Figure } from './measure.ts';

/** Sizes of one run; `--quick` picks the small ones. */
export interface Sizes {
  /** Articles behind the parse, queue, enrich, full-text and index stages. */
  articles: number;
  itemsPerFeed: number;
  rounds: number;
  warmup: number;
  /** Articles enriched per round by the enrich worker and by the plain loop. */
  enrichPerRound: number;
  /** Jobs per round of the queue worker-overhead measure. */
  workerJobs: number;
  /** Jobs of the add/addBulk measure. */
  enqueueJobs: number;
  fulltextPages: number;
  /** Documents per indexing trial. */
  indexDocs: number;
  batchSizes: number[];
  /** End to end. */
  e2eArticles: number;
  e2eItemsPerFeed: number;
  e2eEnrichWorkers: number;
  /** Freshness probe after the end-to-end load: polls × items per poll. */
  probePolls: number;
  probeItems: number;
  /** autocannon seconds per run, and runs per side. */
  searchSeconds: number;
  searchRounds: number;
  connections: number[];
}

export const QUICK: Sizes = {
  articles: 400,
  itemsPerFeed: 50,
  rounds: 2,
  warmup: 1,
  enrichPerRound: 60,
  workerJobs: 80,
  enqueueJobs: 600,
  fulltextPages: 40,
  indexDocs: 300,
  batchSizes: [500],
  e2eArticles: 1000,
  e2eItemsPerFeed: 100,
  e2eEnrichWorkers: 1,
  probePolls: 4,
  probeItems: 3,
  searchSeconds: 3,
  searchRounds: 1,
  connections: [1, 8, 32],
};

export const FULL: Sizes = {
  articles: 5000,
  itemsPerFeed: 50,
  rounds: 5,
  warmup: 1,
  enrichPerRound: 400,
  workerJobs: 400,
  enqueueJobs: 4000,
  fulltextPages: 300,
  indexDocs: 3000,
  batchSizes: [100, 500, 1000, 2000],
  e2eArticles: 100_000,
  e2eItemsPerFeed: 100,
  e2eEnrichWorkers: 2,
  probePolls: 30,
  probeItems: 5,
  searchSeconds: 10,
  searchRounds: 2,
  connections: [1, 8, 32],
};

export interface Ctx {
  quick: boolean;
  seed: number;
  sizes: Sizes;
  esUrl: string;
  redisUrl: string;
  /** Unique per run: every queue prefix and index prefix of the run starts with it. */
  runId: string;
  figures: Figure[];
  /** Extra facts a stage wants in the JSON (settings used, sample counts…). */
  notes: Record<string, unknown>;
  log(msg: string): void;
  add(f: Figure): void;
  corpus(): CorpusArticle[];
  /** Feeds of the corpus under a fixed base URL (parse stage). */
  feeds(): CorpusFeed[];
  /** The corpus as the pipeline's RawArticles (what ingest queues), under `base`. */
  rawArticles(): Promise<RawArticle[]>;
}

export const BENCH_BASE = 'https://news.bench.example';

export function createCtx(opts: { quick: boolean; seed: number; sizes: Sizes; esUrl: string; redisUrl: string; runId: string; log: (m: string) => void }): Ctx {
  let corpus: CorpusArticle[] | undefined;
  let feeds: CorpusFeed[] | undefined;
  let raws: RawArticle[] | undefined;
  const ctx: Ctx = {
    ...opts,
    figures: [],
    notes: {},
    add(f) {
      ctx.figures.push(f);
    },
    corpus() {
      corpus ??= makeCorpus(opts.sizes.articles, opts.seed);
      return corpus;
    },
    feeds() {
      feeds ??= buildFeeds(ctx.corpus(), BENCH_BASE, opts.sizes.itemsPerFeed);
      return feeds;
    },
    async rawArticles() {
      if (raws) return raws;
      const out: RawArticle[] = [];
      const fetchedAt = new Date();
      for (const f of ctx.feeds()) {
        const url = BENCH_BASE + f.path;
        const parsed = await parseFeed(f.body, { url, contentType: 'application/xml' });
        out.push(...toRawArticles(parsed, { id: `bench-${f.sourceId}`, url, title: f.sourceName, lang: f.lang, country: f.country }, fetchedAt));
      }
      raws = out;
      return out;
    },
  };
  return ctx;
}
