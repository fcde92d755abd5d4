import t from 'tap';
import { dropIndexPrefix, testEsUrl, uniqueIndexPrefix } from '@akhbar/testkit';
import {
  SearchErrors, abortMigration, addNewFields, articleIndexBody, articleIndexStatus, buildSearchBody, createEsClient, documentVersion, ensureArticleIndex, indexNames, langFieldsOf, migrateArticleIndex, simpleQuery, SAID_FIELDS, toDocument,
  type ArticleDocument,
} from '../src/index.ts';
import { makeArticle } from './fixtures.ts';

/**
 * `akhbar index migrate` on the real Elasticsearch: documents copied client-side while the
 * indexer keeps writing and readers keep searching.
 */

const es = createEsClient(testEsUrl());
const prefixes: string[] = [];
t.teardown(async () => {
  for (const p of prefixes) await dropIndexPrefix(p);
  await es.close();
});

function newPrefix(label: string): string {
  const p = uniqueIndexPrefix(label);
  prefixes.push(p);
  return p;
}

/** Write documents the way the indexer does: through the write alias, versioned by fetch time. */
async function write(prefix: string, docs: ArticleDocument[], refresh = true): Promise<void> {
  const operations = docs.flatMap((d) => [{ index: { _index: indexNames(prefix).write, _id: d.id, version: documentVersion(d), version_type: 'external_gte' as const } }, d]);
  const res = await es.bulk({ operations, refresh, require_alias: true });
  if (res.errors) throw new Error(JSON.stringify(res.items.find((i) => i.index?.error)));
}

async function total(index: string, query: Record<string, unknown> = { match_all: {} }): Promise<number> {
  const res = await es.search({ index, size: 0, track_total_hits: true, query });
  return typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
}

/** v1 of `prefix` as an older template built it: the current one without `field` (a dotted path for a sub-field), behind both aliases. */
async function createOlderIndex(prefix: string, templateVersion: number, field: string): Promise<void> {
  const names = indexNames(prefix);
  type Props = { properties: Record<string, Props> };
  const older = articleIndexBody() as { mappings: Props & { _meta: Record<string, unknown> } };
  const path = field.split('.');
  const parent = path.slice(0, -1).reduce((o: Props, k) => o.properties[k]!, older.mappings);
  delete parent.properties[path[path.length - 1]!];
  older.mappings._meta = { templateVersion };
  await es.indices.create({ index: names.version(1), ...(older as object), aliases: { [names.read]: {}, [names.write]: { is_write_index: true } } });
}

const T0 = '2024-03-01T08:00:00.000Z';
const T1 = '2024-03-01T09:00:00.000Z';

t.test('a migration copies every article while writes and searches go on', async (t) => {
  const prefix = newPrefix('migrate');
  const names = indexNames(prefix);
  await ensureArticleIndex(es, prefix);
  const articles = Array.from({ length: 240 }, (_, i) => makeArticle({ title: `Harbour report number ${i}`, fetchedAt: T0, slug: `m-${i}` }));
  await write(prefix, articles.map((a) => toDocument(a)));

  // A reader searching all the time: it must never fail and never see fewer articles.
  let reading = true;
  const seen: number[] = [];
  const readErrors: unknown[] = [];
  const reader = (async () => {
    while (reading) {
      try {
        seen.push(await total(names.read));
      } catch (err) {
        readErrors.push(err);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();

  const last = articles.at(-1)!;
  const fresh = makeArticle({ title: 'Lighthouse keeper retires', fetchedAt: T1, slug: 'm-fresh' });
  let duringMigration: { freshFound: number; migrating: boolean } | undefined;
  const result = await migrateArticleIndex(es, prefix, {
    batchSize: 40,
    graceMs: 100,
    onProgress: async (p) => {
      if (p.phase !== 'copy' || duringMigration) return;
      // The indexer, meanwhile: an update of an article not copied yet, and a new article.
      await write(prefix, [toDocument({ ...last, title: 'Harbour report, corrected', fetchedAt: T1 }), toDocument(fresh)], false);
      await es.indices.refresh({ index: names.pattern });
      duringMigration = {
        freshFound: await total(names.read, { match: { title: 'lighthouse' } }),
        migrating: (await articleIndexStatus(es, prefix)).migrating,
      };
    },
  });
  reading = false;
  await reader;

  t.same(duringMigration, { freshFound: 1, migrating: true }, 'an article written during the migration is searchable at once');
  t.equal(result.action, 'migrated');
  t.equal(result.from, names.version(1));
  t.equal(result.to, names.version(2));
  t.equal(result.copy.copied + result.copy.skipped, 240, 'every article of v1 is accounted for');
  t.ok(result.copy.skipped >= 1, 'the copy of the outdated article was refused (409)');
  t.equal(result.copy.failed, 0);

  const status = result.status;
  t.equal(status.writeIndex, names.version(2));
  t.same(status.indices.filter((i) => i.read).map((i) => [i.name, i.readFilter]), [[names.version(2), undefined]], 'the read alias points at v2 alone, unfiltered');
  t.ok(status.indices.some((i) => i.name === names.version(1) && !i.read && !i.write), 'v1 is kept for a rollback');
  t.equal(await total(names.read), 241);

  const updated = await es.search<ArticleDocument>({ index: names.read, query: { ids: { values: [last.id] } }, version: true });
  t.equal(updated.hits.hits.length, 1);
  t.equal(updated.hits.hits[0]!._source!.title, 'Harbour report, corrected', 'the copy never overwrote the newer document');
  const copied = await es.search({ index: names.read, query: { ids: { values: [articles[0]!.id] } }, version: true });
  t.equal(copied.hits.hits[0]!._version, Date.parse(T0), 'copied documents keep their version');

  t.same(readErrors, [], 'no search failed during the migration');
  t.ok(seen.length > 0 && Math.min(...seen) >= 240, `searches always saw every article (min ${Math.min(...seen)})`);
});

t.test('--if-outdated leaves a current index alone; deleteOld removes the old one', async (t) => {
  const prefix = newPrefix('migrate-opts');
  const names = indexNames(prefix);
  await ensureArticleIndex(es, prefix, { replicas: 0 });
  await write(prefix, [toDocument(makeArticle({ fetchedAt: T0 }))]);
  const noop = await migrateArticleIndex(es, prefix, { ifOutdated: true, graceMs: 0 });
  t.equal(noop.action, 'up-to-date');
  t.equal(noop.to, names.version(1));

  const r = await migrateArticleIndex(es, prefix, { deleteOld: true, graceMs: 0, shards: 2 });
  t.equal(r.to, names.version(2));
  t.same(r.status.indices.map((i) => [i.name, i.shards]), [[names.version(2), 2]], 'v1 deleted; shards from the options');
  t.equal(await total(names.read), 1);
});

t.test('a copy that fails keeps both indices searchable; abort rolls back, a re-run resumes', async (t) => {
  const prefix = newPrefix('migrate-fail');
  const names = indexNames(prefix);
  // v1 from an older template that had a field the current one dropped.
  const legacy = articleIndexBody() as { mappings: { properties: Record<string, unknown>; _meta: Record<string, unknown> } };
  legacy.mappings.properties.legacyScore = { type: 'integer' };
  legacy.mappings._meta = { templateVersion: 1 };
  await es.indices.create({ index: names.version(1), ...(legacy as object), aliases: { [names.read]: {}, [names.write]: { is_write_index: true } } });
  const docs = Array.from({ length: 30 }, (_, i) => toDocument(makeArticle({ title: `Market day ${i}`, fetchedAt: T0, slug: `f-${i}` })));
  const poison = { ...docs[7]!, legacyScore: 5 };
  await write(prefix, [...docs.slice(0, 7), poison, ...docs.slice(8)]);
  t.ok((await articleIndexStatus(es, prefix)).outdated, 'status tells the index is outdated');

  await t.rejects(migrateArticleIndex(es, prefix, { graceMs: 50, batchSize: 10 }), { code: SearchErrors.MIGRATION_FAILED, message: new RegExp(poison.id) });
  let status = await articleIndexStatus(es, prefix);
  t.ok(status.migrating, 'the migration is left in progress');
  t.equal(status.writeIndex, names.version(2), 'writes already go to v2');
  t.equal(await total(names.read), 30, 'searches see every article exactly once (copies in v2 are filtered out)');

  const during = toDocument(makeArticle({ title: 'Written during the migration', fetchedAt: T1 }));
  await write(prefix, [during]);
  t.equal(await total(names.read), 31);

  const aborted = await abortMigration(es, prefix, { graceMs: 50 });
  t.equal(aborted.copiedBack.failed, 0);
  const back = await es.get<ArticleDocument>({ index: names.version(1), id: during.id });
  t.equal(back._source?.title, 'Written during the migration', 'the article written meanwhile is copied back to v1');
  status = await articleIndexStatus(es, prefix);
  t.notOk(status.migrating);
  t.same(status.indices.map((i) => i.name), [names.version(1)], 'v2 deleted');
  t.equal(status.writeIndex, names.version(1));
  t.equal(await total(names.read), 31);

  await t.rejects(migrateArticleIndex(es, prefix, { graceMs: 50 }), { code: SearchErrors.MIGRATION_FAILED });
  // The operator fixes the document in the old index, then runs the migration again.
  await es.index({ index: names.version(1), id: poison.id, document: docs[7], version: Date.parse(T0), version_type: 'external_gte', refresh: true });
  const resumed = await migrateArticleIndex(es, prefix, { graceMs: 50 });
  t.ok(resumed.resumed, 'the second run resumes the migration in progress');
  t.equal(resumed.to, names.version(2), 'the aborted v2 was deleted, so the name is free again');
  t.notOk(resumed.status.migrating);
  t.notOk(resumed.status.outdated);
  t.equal(await total(names.read), 31);
});

t.test('an index from an older template gets the new fields in place and keeps taking documents', async (t) => {
  const prefix = newPrefix('migrate-fields');
  const names = indexNames(prefix);
  // v1 as the v3 template built it: no tone.
  await createOlderIndex(prefix, 3, 'tone');
  const gloomy = toDocument(makeArticle({ title: 'Floods cut the road to the port', tone: -6.5, fetchedAt: T0 }));
  const cheerful = toDocument(makeArticle({ title: 'Harbour reopens after repairs', tone: 4.2, fetchedAt: T0 }));
  await t.rejects(write(prefix, [gloomy]), /strict_dynamic_mapping_exception/, 'the strict mapping refuses a document with tone');

  t.same(await addNewFields(es, prefix), ['tone'], 'the field the template added is added');
  t.same(await addNewFields(es, prefix), [], 'nothing left to add the second time');
  await write(prefix, [gloomy, cheerful]);
  t.equal(await total(names.read, { range: { 'tone.score': { lt: 0 } } }), 1, 'tone is searchable in the old index');
  const status = await articleIndexStatus(es, prefix);
  t.ok(status.outdated, 'the index still says it was built from an older template (analysis may differ)');
  t.equal(status.indices.length, 1, 'no new index was made');
});

t.test('an index built before Sorani had its analyzer keeps taking Sorani articles, through the neutral fields, until it is migrated', async (t) => {
  const prefix = newPrefix('migrate-ckb');
  const names = indexNames(prefix);
  // v1 as the v6 template built it: no Sorani analyzer, no i18n.ckb (an open index takes no new analyzer).
  type Props = { properties: Record<string, Props> };
  const older = articleIndexBody() as { settings: { analysis: { analyzer: Record<string, unknown> } }; mappings: { properties: Record<string, Props>; _meta: Record<string, unknown> } };
  delete older.settings.analysis.analyzer.akhbar_ckb;
  delete older.mappings.properties.i18n!.properties.ckb;
  delete older.mappings.properties.quotes!.properties.i18n!.properties.ckb;
  older.mappings._meta = { templateVersion: 6 };
  await es.indices.create({ index: names.version(1), ...(older as object), aliases: { [names.read]: {}, [names.write]: { is_write_index: true } } });

  t.same(await addNewFields(es, prefix), [], 'i18n.ckb is not added in place: its analyzer is not there (and nothing fails)');
  const langs = await langFieldsOf(es, prefix);
  t.notOk(langs?.i18n.has('ckb') || langs?.quotes.has('ckb'), 'the language fields the write index has: not Sorani');
  t.ok(langs?.i18n.has('ar') && langs.i18n.has('fa') && langs.quotes.has('fa'));
  const salaries = makeArticle({ lang: 'ckb', title: 'مووچەی فەرمانبەران دابەش دەکرێت', fetchedAt: T0, slug: 'ckb-salaries' });
  await t.rejects(write(prefix, [toDocument(salaries)]), /strict_dynamic_mapping_exception/, 'a document with i18n.ckb would be refused there');
  await write(prefix, [toDocument(salaries, new Date(), { langs })]);
  const titles = async (q: string) => (await es.search({ index: names.read, ...buildSearchBody({ q, limit: 10, sort: 'relevance', origin: T1 }) })).hits.hits.map((h) => (h._source as { title: string }).title);
  t.same(await titles('مووچەی'), [salaries.title], 'written without it, the article is found as written (neutral fields)');
  t.same(await titles('مووچە'), [], 'but not by another form of the word: no Sorani stemming there');

  const migrated = await migrateArticleIndex(es, prefix, { graceMs: 50 });
  t.equal(migrated.to, names.version(2));
  t.ok((await langFieldsOf(es, prefix))?.i18n.has('ckb'), 'the migrated index has Sorani');
  await write(prefix, [toDocument(salaries)]);
  t.same(await titles('مووچە'), [salaries.title], 'rewritten there with its language field, another form finds it');
});

t.test("an index from before quotations' language fields gets them in place, and said= then reads a quotation's stems", async (t) => {
  const prefix = newPrefix('migrate-quote-langs');
  const names = indexNames(prefix);
  // v1 as the v10 template built it: quotes without i18n.
  await createOlderIndex(prefix, 10, 'quotes.i18n');
  const article = makeArticle({ title: 'Minister on the vote', body: 'x', fetchedAt: T0 });
  article.enrichment.quotes = [{ text: 'The elections will be held on time in every province', by: 'the minister' }];
  const langs = await langFieldsOf(es, prefix);
  t.same([...(langs?.quotes ?? [])], [], 'the write index has no language field for quotations yet');
  const asBefore = toDocument(article, new Date(), { langs });
  t.equal((asBefore.quotes as Array<Record<string, unknown>>)[0]!.i18n, undefined, 'written there without it');
  await t.rejects(write(prefix, [toDocument(article)]), /strict_dynamic_mapping_exception/, 'a quotation with its language copy would be refused there');

  t.same(await addNewFields(es, prefix), ['quotes'], 'the sub-fields are added under quotes');
  const mapping = (await es.indices.getMapping({ index: names.version(1) }))[names.version(1)]!.mappings.properties!.quotes as { type?: string };
  t.equal(mapping.type, 'nested', 'quotes stays nested');
  t.ok((await langFieldsOf(es, prefix))?.quotes.has('en'));
  await write(prefix, [toDocument(article)]);
  const said = async (words: string) => total(names.read, { nested: { path: 'quotes', query: simpleQuery(words, SAID_FIELDS) } });
  t.equal(await said('election'), 1, 'election finds "elections" through the English field');
  t.equal(await said('election province'), 1, 'beside the words as written');
  t.equal(await said('referendum'), 0);
});

t.test('a near= search works on an index built before mainLocation, and ranks by it once documents have it', async (t) => {
  const prefix = newPrefix('migrate-near');
  const names = indexNames(prefix);
  // v1 as the v5 template built it: no mainLocation (the gateway may be upgraded before the indexer adds it).
  await createOlderIndex(prefix, 5, 'mainLocation');
  const basra = { lat: 30.51, lon: 47.78 };
  const baghdad = { lat: 33.31, lon: 44.37 };
  // Both are in Basra's circle; only the first is about Basra (its feed's point).
  const about = makeArticle({ title: 'Basra port adds two quays', fetchedAt: T0, slug: 'near-about' });
  about.geo = basra;
  const mention = makeArticle({ title: 'Baghdad grid adds shifts, crews trained in Basra', fetchedAt: T1, slug: 'near-mention' });
  mention.geo = baghdad;
  const near = { lat: basra.lat, lon: basra.lon, radiusKm: 50 };
  const search = async () => {
    const res = await es.search({ index: names.read, ...buildSearchBody({ limit: 10, sort: 'relevance', origin: T1, near }) });
    return res.hits.hits.map((h) => (h._source as { title: string }).title);
  };
  const old = (d: ArticleDocument) => {
    const { mainLocation: _, ...rest } = d;
    return { ...rest, locations: [...(rest.locations as object[]), basra] } as ArticleDocument;
  };
  await write(prefix, [old(toDocument(about)), old(toDocument(mention))]);
  t.same((await search()).sort(), [about.title, mention.title].sort(), 'both found, no error about the field the index lacks');

  t.same(await addNewFields(es, prefix), ['mainLocation']);
  await write(prefix, [toDocument(about), { ...toDocument(mention), locations: [baghdad, basra] }]);
  t.same(await search(), [about.title, mention.title], 'the article about Basra first, though older');
});
