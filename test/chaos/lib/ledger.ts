import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pick } from './profile.ts';
import { rng } from '@akhbar/testkit';

/**
 * The ledger: a feed server that publishes N unique items over time across F feeds and records
 * every item it served (a response that was written out completely). At the end each served item
 * must be in Elasticsearch exactly once; the ledger is what "lost", "duplicated" and
 * "unexpected" are counted against, the way Jepsen counts a queue's acknowledged messages.
 *
 * Feeds are cumulative (every item published so far), so a feed that could not be polled for a
 * while (its worker killed, Redis away) loses nothing by waiting: whatever is missing from the
 * index at the end was lost by the pipeline, not by the harness. Article pages are served too,
 * for feeds whose full-text policy sends items through the fulltext stage.
 */

export interface LedgerOptions {
  runId: string;
  items: number;
  feeds: number;
  publishPerSec: number;
  /** Feed indexes (0-based) whose items are short, for the full-text stage. */
  fulltextFeeds?: ReadonlySet<number>;
  /** Latency of feed responses, ms (so a poll is "in flight" long enough to be interrupted). @default [150, 400] */
  feedDelayMs?: [number, number];
  /** Latency of article pages, ms. @default [20, 120] */
  pageDelayMs?: [number, number];
  seed?: number;
}

export interface LedgerItem {
  key: number;
  feed: number;
  lang: 'ar' | 'en' | 'fr';
  url: string;
  title: string;
  summary: string;
  body: string;
  publishedAt: Date;
}

const WORDS = {
  ar: ['بغداد', 'البصرة', 'الموصل', 'الحكومة', 'البرلمان', 'الانتخابات', 'النفط', 'الكهرباء', 'المياه', 'الزراعة', 'التعليم', 'الصحة', 'الاقتصاد', 'السوق', 'الدينار', 'المحافظة', 'الوزارة', 'المشروع', 'الطريق', 'الجسر', 'الميناء', 'الحصاد', 'المستشفى', 'الجامعة', 'المدينة', 'المواطنين'],
  en: ['Baghdad', 'Basra', 'Mosul', 'government', 'parliament', 'election', 'oil', 'electricity', 'water', 'farming', 'schools', 'health', 'economy', 'market', 'dinar', 'province', 'ministry', 'project', 'road', 'bridge', 'port', 'harvest', 'hospital', 'university', 'city', 'residents'],
  fr: ['Bagdad', 'Bassora', 'Mossoul', 'gouvernement', 'parlement', 'élections', 'pétrole', 'électricité', 'eau', 'agriculture', 'écoles', 'santé', 'économie', 'marché', 'dinar', 'province', 'ministère', 'projet', 'route', 'pont', 'port', 'récolte', 'hôpital', 'université', 'ville', 'habitants'],
} as const;
const LANGS = ['ar', 'en', 'fr'] as const;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export class Ledger {
  readonly opts: Required<Omit<LedgerOptions, 'fulltextFeeds'>> & { fulltextFeeds: ReadonlySet<number> };
  readonly items: LedgerItem[] = [];
  /** Item key → times it was served in a complete response. */
  readonly served = new Map<number, number>();
  /** Feed index → time its last complete response finished. */
  readonly lastServedAt = new Map<number, number>();
  /** Responses cut off before they finished (the client went away). */
  aborted = 0;
  requests = 0;
  #server: Server | undefined;
  #base = '';
  #published = 0;
  #target = 0;
  #doneAt = 0;
  #ticker: NodeJS.Timeout | undefined;

  constructor(opts: LedgerOptions) {
    this.opts = {
      feedDelayMs: [150, 400],
      pageDelayMs: [20, 120],
      seed: 1,
      fulltextFeeds: new Set(),
      ...opts,
    } as Ledger['opts'];
  }

  get base(): string {
    return this.#base;
  }

  feedUrl(feed: number): string {
    return `${this.#base}/ledger/${this.opts.runId}/feed-${feed}.xml`;
  }

  /** Items published so far. */
  published(): number {
    return Math.floor(this.#published);
  }

  /**
   * Publish `n` more items, at `publishPerSec`, from now on (the scenario releases a batch before
   * each fault so every stage has work in hand when the fault hits).
   */
  publishMore(n: number): void {
    this.#target = Math.min(this.opts.items, this.#target + n);
  }

  /** Publish everything still pending (at the same rate). */
  publishAll(): void {
    this.#target = this.opts.items;
  }

  /** When the last item was published, or 0 while some are pending. */
  doneAt(): number {
    return this.#doneAt;
  }

  /** Ledger key of an article URL, or undefined when the URL is not one of ours. */
  keyOf(url: string): number | undefined {
    const m = new RegExp(`^${this.#base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/ledger/${this.opts.runId}/a/(\\d+)$`).exec(url);
    return m ? Number(m[1]) : undefined;
  }

  async listen(): Promise<void> {
    const r = rng(this.opts.seed);
    const t0 = Date.now() - 3 * 3600_000;
    for (let key = 0; key < this.opts.items; key++) {
      const lang = LANGS[key % LANGS.length]!;
      const words = WORDS[lang];
      const sentence = (n: number) => Array.from({ length: n }, () => pick(r, words)).join(' ');
      const feed = key % this.opts.feeds;
      const short = this.opts.fulltextFeeds.has(feed);
      this.items.push({
        key,
        feed,
        lang,
        url: '',
        title: `${sentence(5)} ${this.opts.runId} ${key}`,
        summary: short ? `${sentence(6)}.` : `${sentence(40)}. ${sentence(30)}.`,
        body: Array.from({ length: 6 }, () => `${sentence(25)}.`).join('\n\n'),
        // Spread over the past hours, a second apart, so no two items share a date.
        publishedAt: new Date(t0 + key * 1000),
      });
    }
    this.#server = createServer((req, res) => {
      this.requests++;
      const path = (req.url ?? '/').split('?')[0]!;
      const feed = new RegExp(`^/ledger/${this.opts.runId}/feed-(\\d+)\\.xml$`).exec(path);
      const page = new RegExp(`^/ledger/${this.opts.runId}/a/(\\d+)$`).exec(path);
      if (feed) return this.#later(this.opts.feedDelayMs, r, () => this.#serveFeed(Number(feed[1]), res));
      if (page) return this.#later(this.opts.pageDelayMs, r, () => this.#servePage(Number(page[1]), res));
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    });
    this.#server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.#base = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    for (const item of this.items) item.url = `${this.#base}/ledger/${this.opts.runId}/a/${item.key}`;
  }

  /** Start the publishing clock (items appear as publishMore/publishAll release them). */
  start(): void {
    this.#ticker = setInterval(() => {
      if (this.#published >= this.#target) return;
      this.#published = Math.min(this.#target, this.#published + this.opts.publishPerSec / 10);
      if (this.#published >= this.opts.items && this.#doneAt === 0) this.#doneAt = Date.now();
    }, 100);
  }

  #later(range: [number, number], r: () => number, fn: () => void): void {
    const ms = range[0] + Math.floor(r() * (range[1] - range[0]));
    setTimeout(fn, ms);
  }

  #serveFeed(feed: number, res: ServerResponse): void {
    if (feed >= this.opts.feeds) return void res.writeHead(404).end();
    const n = this.published();
    const items = this.items.filter((i) => i.feed === feed && i.key < n);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Ledger ${feed} (${this.opts.runId})</title><link>${this.#base}/</link><description>Chaos ledger feed</description>
${items
  .slice()
  .reverse()
  .map((i) => `<item><title>${esc(i.title)}</title><link>${i.url}</link><guid isPermaLink="true">${i.url}</guid><pubDate>${i.publishedAt.toUTCString()}</pubDate><description>${esc(i.summary)}</description></item>`)
  .join('\n')}
</channel></rss>`;
    res.on('finish', () => {
      for (const i of items) this.served.set(i.key, (this.served.get(i.key) ?? 0) + 1);
      this.lastServedAt.set(feed, Date.now());
    });
    res.on('close', () => {
      if (!res.writableFinished) this.aborted++;
    });
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'cache-control': 'no-cache' }).end(xml);
  }

  #servePage(key: number, res: ServerResponse): void {
    const i = this.items[key];
    if (!i || key >= this.published()) return void res.writeHead(404).end();
    const dir = i.lang === 'ar' ? 'rtl' : 'ltr';
    const html = `<!doctype html><html lang="${i.lang}" dir="${dir}"><head><meta charset="utf-8"><title>${esc(i.title)}</title></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main><article><h1>${esc(i.title)}</h1>${i.body.split('\n\n').map((p) => `<p>${esc(p)}</p>`).join('\n')}</article></main>
<footer>Ledger wire</footer></body></html>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  }

  async close(): Promise<void> {
    clearInterval(this.#ticker);
    const s = this.#server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
