import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { createRedis } from '@akhbar/core';
import { createEsClient } from '@akhbar/search';
import { REPO_ROOT, testEsUrl, testRedisUrl } from '@akhbar/testkit';
// The root package depends on core and testkit only; the stages' packages are reached by path.
import { parseFeed, toRawArticles } from '../packages/feeds/src/index.ts';
import { cleanArticle, enrichArticle } from '../packages/nlp/src/index.ts';
import { LANGS, MAX_BYTES, MIN_BYTES, bodyOf, bytesOf, makeCorpus } from '../bench/src/corpus.ts';
import { buildFeeds } from '../bench/src/feeds.ts';
import { figure, median, percentile, type Figure } from '../bench/src/measure.ts';
import { busyShare, waitForQuiet } from '../bench/src/machine.ts';

/**
 * The benchmark harness works: the corpus is what the benchmark claims (deterministic,
 * multilingual, 2–5 KB, entities the tagger finds, feeds that parse), and a quick run of one
 * stage prints the table and writes a JSON result with every figure beside its baseline, ratio
 * and goal. No timing is asserted: these machines are shared and noisy.
 */

t.test('the corpus is deterministic by seed, multilingual, 2–5 KB, and enrichment finds its entities', async (t) => {
  const a = makeCorpus(120, 42);
  const b = makeCorpus(120, 42);
  const c = makeCorpus(120, 43);
  t.same(a, b, 'same seed, same articles');
  t.not(JSON.stringify(a), JSON.stringify(c), 'another seed, other articles');
  for (const lang of LANGS) t.ok(a.filter((x) => x.lang === lang).length >= 10, `${lang} articles present`);
  const sizes = a.map((x) => bytesOf(bodyOf(x)));
  t.ok(Math.min(...sizes) >= MIN_BYTES && Math.max(...sizes) <= MAX_BYTES, `bodies between ${MIN_BYTES} and ${MAX_BYTES} bytes (got ${Math.min(...sizes)}–${Math.max(...sizes)})`);
  t.ok(a.some((x) => x.retells !== undefined), 'some articles retell an earlier story (near-duplicates for story clustering)');

  const feeds = buildFeeds(a, 'https://bench.example', 25);
  t.same(feeds.map((f) => f.body), buildFeeds(b, 'https://bench.example', 25).map((f) => f.body), 'feed files are byte-identical for the same seed');
  t.ok(feeds.some((f) => f.kind === 'atom') && feeds.some((f) => f.kind === 'rss'), 'RSS and Atom feeds');
  let items = 0;
  let withEntities = 0;
  let langOk = 0;
  for (const f of feeds) {
    const url = `https://bench.example${f.path}`;
    const raws = toRawArticles(await parseFeed(f.body, { url }), { id: 'f', url }, new Date());
    items += raws.length;
    for (const raw of raws.slice(0, 3)) {
      const e = enrichArticle(cleanArticle(raw));
      if (e.entities.length > 0) withEntities++;
      if (e.lang === f.lang) langOk++;
    }
  }
  t.equal(items, a.length, 'every article comes back out of its feed');
  const sampled = feeds.reduce((n, f) => n + Math.min(3, f.items), 0);
  t.equal(withEntities, sampled, 'every sampled article has entities the gazetteer knows');
  t.equal(langOk, sampled, 'every sampled article is detected in its own language');
});

t.test('figures: ratio, goals and medians', async (t) => {
  const f: Figure = figure({ stage: 's', name: 'x', unit: 'u/s', value: 90, baseline: 100, goal: { on: 'ratio', op: '>=', target: 0.9 } });
  t.equal(f.ratio, 0.9);
  t.equal(f.met, true);
  t.equal(figure({ stage: 's', name: 'x', unit: 'ms', value: 12, baseline: 10, goal: { on: 'ratio', op: '<=', target: 1.1 } }).met, false);
  t.equal(figure({ stage: 's', name: 'rss', unit: 'MB', value: 310, goal: { on: 'value', op: '<', target: 300 } }).met, false);
  t.equal(figure({ stage: 's', name: 'x', unit: 'u', value: 1 }).met, undefined, 'no goal, no verdict');
  t.equal(median([5, 1, 3]), 3);
  t.equal(median([4, 1, 3, 2]), 2.5);
  t.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95), 10);
  t.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50), 5);
});

t.test('the wait for a quiet machine is bounded', async (t) => {
  const busy = await busyShare(200);
  t.ok(busy >= 0 && busy <= 1, `busy share ${busy} is a fraction`);
  const never = await waitForQuiet({ threshold: -1, maxMs: 1_000, windowMs: 200 });
  t.ok(never.waitedMs >= 800 && never.waitedMs < 5_000, `a machine that never quiets is waited for ~maxMs (${never.waitedMs} ms)`);
  const always = await waitForQuiet({ threshold: 2, maxMs: 60_000, windowMs: 200 });
  t.ok(always.waitedMs < 2_000, `a quiet machine is not waited for (${always.waitedMs} ms)`);
});

t.test('a quick run of the parse stage prints the table and writes the JSON result', async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'akhbar-bench-'));
  t.teardown(() => rmSync(out, { recursive: true, force: true }));
  // What an interrupted run leaves behind: a queue key and an index under the bench's prefixes.
  const redis = createRedis(testRedisUrl(), 'worker');
  const es = createEsClient(testEsUrl());
  t.teardown(async () => {
    redis.disconnect();
    await es.indices.delete({ index: 'bench-leftover-test-articles-v1' }, { ignore: [404] });
    await es.close();
  });
  await redis.set('{bench-leftover-test}:articles.enriched:meta', 'x', 'EX', 600);
  await es.indices.create({ index: 'bench-leftover-test-articles-v1' });
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bench', 'run.ts'), '--quick', '--only', 'parse', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  t.equal(code, 0, `bench exits 0${stderr ? `: ${stderr.slice(-500)}` : ''}`);
  t.match(stdout, /\| stage \| figure \| Akhbar \| baseline \| ratio \| goal \|/, 'the table is printed');
  t.match(stdout, /\| parse \| parse \+ normalise, feeds\/s \(vs rss-parser\.parseString\)/, 'with the parse row');
  t.match(stdout, /removed what interrupted earlier runs left: \d+ Redis keys, \d+ indices/, 'leftovers of earlier runs are reported');
  t.equal(await redis.exists('{bench-leftover-test}:articles.enriched:meta'), 0, 'and their Redis keys removed');
  t.equal(await es.indices.exists({ index: 'bench-leftover-test-articles-v1' }), false, 'and their indices');

  const files = readdirSync(out).filter((f) => f.endsWith('-quick.json'));
  t.equal(files.length, 1, 'one JSON result written');
  const result = JSON.parse(readFileSync(join(out, files[0]!), 'utf8')) as { mode: string; machine: { cores: number; node: string }; figures: Figure[]; errors: unknown[] };
  t.equal(result.mode, 'quick');
  t.ok(result.machine.cores > 0 && result.machine.node, 'the machine is recorded');
  t.equal(typeof (result as unknown as { busyAtStart: unknown }).busyAtStart, 'number', 'how busy the machine was at the start is recorded');
  t.same(result.errors, []);
  const parse = result.figures.filter((f) => f.stage === 'parse');
  t.equal(parse.length, 2, 'feeds/s and MB/s');
  for (const f of parse) {
    t.ok(f.value > 0 && (f.baseline ?? 0) > 0, `${f.name}: Akhbar and baseline measured`);
    t.equal(f.baselineLabel, 'rss-parser.parseString');
    t.ok(Math.abs((f.ratio ?? NaN) - f.value / f.baseline!) < 1e-9, `${f.name}: ratio = Akhbar / baseline`);
    t.same(f.goal, { on: 'ratio', op: '>=', target: 0.8 }, `${f.name}: goal recorded`);
    t.equal(typeof f.met, 'boolean', `${f.name}: verdict recorded`);
  }
  t.equal(parse[0]!.rounds?.length, parse[0]!.baselineRounds?.length, 'as many rounds of each side');
});
