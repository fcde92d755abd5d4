import t from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { articleSignature, enrichArticle, signatureSimilarity } from '@akhbar/nlp';
import { parseFeedText, toRawArticles } from '@akhbar/feeds';
import { FIXTURE_FEEDS_DIR, fillPlaceholders } from '@akhbar/testkit';
import type { RawArticle } from '@akhbar/core';

/**
 * The demo's sample feeds, read the way ingest reads them: the Kadhimi story in each language
 * comes out as politics and security, about Iraq, the US and Iran, naming al-Kadhimi and Trump;
 * the two Arabic copies of the wire story look alike enough to share a story.
 */

async function feedArticles(file: string): Promise<RawArticle[]> {
  const text = fillPlaceholders(await readFile(join(FIXTURE_FEEDS_DIR, file), 'utf8'), 'http://127.0.0.1:8080');
  const parsed = await parseFeedText(text, { url: `http://127.0.0.1:8080/${file}` });
  return toRawArticles(parsed, { id: file, url: `http://127.0.0.1:8080/${file}` }, new Date());
}

t.test('the Kadhimi story of every sample feed', async (t) => {
  for (const file of ['baghdad-today.ar.rss.xml', 'rafidain-news.ar.rss.xml', 'gulf-wire.en.atom.xml', 'le-monde-arabe.fr.rss.xml']) {
    const [story] = await feedArticles(file);
    t.ok(story, `${file} has items`);
    const e = enrichArticle(story!);
    t.same(e.topics.slice(0, 2).map((x) => x.id).sort(), ['conflict', 'politics'], `${file}: ${JSON.stringify(e.topics)}`);
    for (const c of ['IQ', 'US', 'IR']) t.ok(e.countries.includes(c), `${file}: country ${c} in ${e.countries.join(',')}`);
    const ids = e.entities.map((x) => x.id);
    t.ok(ids.includes('mustafa-al-kadhimi') && ids.includes('Q22686'), `${file}: Kadhimi and Trump`);
  }
});

t.test('the two Arabic copies of the wire story are near-duplicates; other items are not', async (t) => {
  const [bt] = await feedArticles('baghdad-today.ar.rss.xml');
  const [rf, sport] = await feedArticles('rafidain-news.ar.rss.xml');
  const a = articleSignature(bt!)!;
  const b = articleSignature(rf!)!;
  const c = articleSignature(sport!)!;
  t.ok(signatureSimilarity(a.sig, b.sig) >= 0.45, `similarity ${signatureSimilarity(a.sig, b.sig).toFixed(2)}`);
  t.ok(a.bands.some((x) => b.bands.includes(x)), 'they share an LSH band');
  t.ok(signatureSimilarity(a.sig, c.sig) < 0.2);
});
