import Parser from 'rss-parser';
import { parseFeed, toRawArticles } from '@akhbar/feeds';
import { BENCH_BASE, type Ctx } from '../context.ts';
import { figure, median, paired, seconds } from '../measure.ts';

/**
 * parse: what ingest does with a fetched body (decode, parse every format, repair when needed,
 * normalise every item into a RawArticle) against rss-parser's own `parseString` on the same
 * bytes. Both sides start from the bytes, so both pay the UTF-8 decoding. Goal ≥ 0.8 of raw.
 */
export async function parseStage(ctx: Ctx): Promise<void> {
  const feeds = ctx.feeds();
  const totalBytes = feeds.reduce((n, f) => n + f.body.length, 0);
  const items = feeds.reduce((n, f) => n + f.items, 0);
  ctx.log(`parse: ${feeds.length} feeds (${(totalBytes / 1e6).toFixed(1)} MB, ${items} items, RSS 2.0 and Atom, ar/en/fr)`);
  const fetchedAt = new Date();
  const raw = new Parser();
  let projectItems = 0;
  let baselineItems = 0;

  const project = async () => {
    projectItems = 0;
    const s = await seconds(async () => {
      for (const f of feeds) {
        const url = BENCH_BASE + f.path;
        const parsed = await parseFeed(f.body, { url, contentType: f.kind === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8' });
        projectItems += toRawArticles(parsed, { id: `bench-${f.sourceId}`, url, lang: f.lang }, fetchedAt).length;
      }
    });
    return feeds.length / s;
  };
  const baseline = async () => {
    baselineItems = 0;
    const s = await seconds(async () => {
      for (const f of feeds) baselineItems += (await raw.parseString(f.body.toString('utf8'))).items.length;
    });
    return feeds.length / s;
  };
  const r = await paired(ctx.sizes.rounds, ctx.sizes.warmup, project, baseline);
  if (projectItems !== items || baselineItems !== items) {
    throw new Error(`parse: expected ${items} items from both sides, got ${projectItems} (Akhbar) and ${baselineItems} (rss-parser)`);
  }
  const mb = totalBytes / 1e6 / feeds.length;
  ctx.add(figure({
    stage: 'parse', name: 'parse + normalise, feeds/s', unit: 'feeds/s', value: median(r.project), baseline: median(r.baseline),
    baselineLabel: 'rss-parser.parseString', goal: { on: 'ratio', op: '>=', target: 0.8 }, rounds: r.project, baselineRounds: r.baseline,
  }));
  ctx.add(figure({
    stage: 'parse', name: 'parse + normalise, MB/s', unit: 'MB/s', value: median(r.project) * mb, baseline: median(r.baseline) * mb,
    baselineLabel: 'rss-parser.parseString', goal: { on: 'ratio', op: '>=', target: 0.8 },
  }));
  ctx.notes.parse = { feeds: feeds.length, bytes: totalBytes, items };
}
