import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle, tokenScore } from '@akhbar/extract';
import { decodeBody } from '@akhbar/feeds';
import { BENCH_BASE, type Ctx } from '../context.ts';
import { bodyOf } from '../corpus.ts';
import { articlePage, articleUrl } from '../feeds.ts';
import { figure, median, paired, seconds } from '../measure.ts';

/**
 * full text: what the fulltext worker does with a fetched page (decode by BOM / Content-Type /
 * meta, Akhbar's clean-up around Mozilla Readability over linkedom, metadata, sanitised HTML)
 * against the bare library on the same bytes: linkedom's parseHTML and Readability.parse().
 * No goal is set for the ratio (issue 11 asks for the figure); the token F1 of each side's text
 * against the story shows what the extra work buys.
 */
export async function fulltextStage(ctx: Ctx): Promise<void> {
  const corpus = ctx.corpus();
  const n = Math.min(ctx.sizes.fulltextPages, corpus.length);
  const pages = corpus.slice(0, n).map((a, i) => ({
    article: a,
    url: articleUrl(a, BENCH_BASE),
    bytes: Buffer.from(articlePage(a, BENCH_BASE, corpus.slice(i + 1, i + 6)), 'utf8'),
  }));
  const contentType = 'text/html; charset=utf-8';
  ctx.log(`fulltext: ${n} article pages (${(pages.reduce((s, p) => s + p.bytes.length, 0) / 1e6).toFixed(1)} MB), Akhbar's extraction vs bare Readability over linkedom`);
  const projectText: string[] = [];
  const bareText: string[] = [];
  const project = async () => {
    const s = await seconds(() => {
      pages.forEach((p, i) => {
        const decoded = decodeBody(p.bytes, { contentType, kind: 'html' });
        projectText[i] = extractArticle(decoded.text, { url: p.url }).text;
      });
    });
    return n / s;
  };
  const bare = async () => {
    const s = await seconds(() => {
      pages.forEach((p, i) => {
        const { document } = parseHTML(p.bytes.toString('utf8'));
        bareText[i] = new Readability(document as never).parse()?.textContent ?? '';
      });
    });
    return n / s;
  };
  const r = await paired(ctx.sizes.rounds, ctx.sizes.warmup, project, bare);
  const f1 = (texts: string[]) => median(pages.map((p, i) => tokenScore(texts[i] ?? '', bodyOf(p.article)).f1));
  ctx.add(figure({
    stage: 'fulltext', name: 'pages/s, extraction', unit: 'pages/s', value: median(r.project), baseline: median(r.baseline),
    baselineLabel: 'Readability over linkedom', rounds: r.project, baselineRounds: r.baseline,
    note: `median token F1 against the story: Akhbar ${f1(projectText).toFixed(3)}, bare Readability ${f1(bareText).toFixed(3)}`,
  }));
  ctx.notes.fulltext = { pages: n, f1: { akhbar: f1(projectText), bare: f1(bareText) } };
}
