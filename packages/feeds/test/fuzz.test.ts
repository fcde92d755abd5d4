import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import t from 'tap';
import { AkhbarError } from '@akhbar/core';
import { parseFeed, toRawArticles } from '@akhbar/feeds';
import { rng } from '@akhbar/testkit';
import { fixture } from './helpers.ts';

/**
 * Random byte mutations of valid feeds through parse + normalise: every outcome is a parsed
 * feed or a coded AkhbarError (never a TypeError from a parser's guts), and memory stays flat.
 * A seeded generator makes a failure reproducible from the printed seed.
 */

// A real collection between measurements, without needing --expose-gc on the command line.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;


const SEEDS = ['rss-2.0-full.rss.xml', 'atom-xmlbase.atom.xml', 'rdf-1.0.rdf', 'jsonfeed-1.1.json', 'ar-windows-1256.xml', 'utf-16le-bom.xml', 'defect-entities.xml', 'rss-0.91.xml', 'sitemap-news-ar.xml', 'sitemap-index.xml'];
const TOKENS = ['<', '>', '&', '"', "'", ']]>', '<![CDATA[', '<!DOCTYPE x [<!ENTITY a "b">]>', '&nbsp;', '&#0;', '\u0000', '\uFEFF', '</item>', '<item>', '{', '}', '[', ']', ':', ',', 'xml:base="::"', '<entry>', '\xff\xfe'];

function mutate(src: Buffer, r: () => number): Buffer {
  const b = Buffer.from(src);
  const ops = 1 + Math.floor(r() * 4);
  let out = b;
  for (let i = 0; i < ops; i++) {
    const pos = Math.floor(r() * out.length);
    const kind = r();
    if (kind < 0.35) out[pos] = Math.floor(r() * 256);
    else if (kind < 0.55) out = Buffer.concat([out.subarray(0, pos), out.subarray(Math.min(out.length, pos + 1 + Math.floor(r() * 64)))]);
    else if (kind < 0.8) out = Buffer.concat([out.subarray(0, pos), Buffer.from(TOKENS[Math.floor(r() * TOKENS.length)]!, 'latin1'), out.subarray(pos)]);
    else if (kind < 0.9) out = out.subarray(0, pos);
    else {
      const from = Math.floor(r() * out.length);
      out = Buffer.concat([out.subarray(0, pos), out.subarray(from, from + Math.floor(r() * 200)), out.subarray(pos)]);
    }
  }
  return out;
}

t.test('thousands of mutated feeds: parsed or a coded error, never a crash', async (t) => {
  const seed = Number(process.env.AKHBAR_FUZZ_SEED ?? Date.now() % 1_000_000);
  const cases = Number(process.env.AKHBAR_FUZZ_CASES ?? 3000);
  t.comment(`seed ${seed}, ${cases} cases (AKHBAR_FUZZ_SEED / AKHBAR_FUZZ_CASES to replay)`);
  const r = rng(seed);
  const sources = SEEDS.map((n) => fixture(n));
  const codes = new Map<string, number>();
  let parsed = 0;
  let heapAtQuarter = 0;
  const feed = { id: 'ffuzz', url: 'https://fuzz.example/feed' };
  for (let i = 0; i < cases; i++) {
    const input = mutate(sources[i % sources.length]!, r);
    try {
      const p = await parseFeed(input, { url: feed.url });
      toRawArticles(p, feed, new Date());
      parsed++;
    } catch (err) {
      if (!(err instanceof AkhbarError) || !/^AKHBAR_[A-Z_]+$/.test(err.code)) {
        t.fail(`case ${i} (seed ${seed}) threw ${String(err)}\n${input.toString('latin1').slice(0, 500)}`);
        return;
      }
      codes.set(err.code, (codes.get(err.code) ?? 0) + 1);
    }
    if (i === Math.floor(cases / 4)) {
      gc();
      heapAtQuarter = process.memoryUsage().heapUsed;
    }
  }
  gc();
  const growth = process.memoryUsage().heapUsed - heapAtQuarter;
  t.comment(`parsed ${parsed}, errors ${JSON.stringify(Object.fromEntries(codes))}, heap growth after warm-up ${(growth / 1e6).toFixed(1)} MB`);
  t.ok(parsed > cases / 3, 'many mutated feeds still parse (the repair path works)');
  t.ok(growth < 32 * 1024 * 1024, 'heap does not grow with the number of cases');
});
