import t, { type Test } from 'tap';
import { dropIndexPrefix, testEsUrl, uniqueIndexPrefix, waitFor } from '@akhbar/testkit';
import { SearchErrors, createEsClient, documentVersion, ensureArticleIndex, indexNames, toDocument, type ArticleDocument } from '@akhbar/search';
import { makeArticle } from '../../../packages/search/test/fixtures.ts';
import { BulkBatcher, IndexerErrors, type BatchObserver, type BatcherOptions, type ItemOutcome } from '../src/batcher.ts';
import { startEsProxy } from './proxy.ts';

/** The batcher against the real Elasticsearch: what each bulk item's answer does to its caller. */

const es = createEsClient(testEsUrl());
const prefixes: string[] = [];
t.teardown(async () => {
  for (const p of prefixes) await dropIndexPrefix(p);
  await es.close();
});

async function freshIndex(label: string): Promise<{ prefix: string; write: string; concrete: string }> {
  const prefix = uniqueIndexPrefix(label);
  prefixes.push(prefix);
  const concrete = await ensureArticleIndex(es, prefix);
  return { prefix, write: indexNames(prefix).write, concrete };
}

/** An observer that records what the batcher reports. */
function recorder() {
  const bulks: Array<{ docs: number; bytes: number; ok: boolean }> = [];
  const items: ItemOutcome[] = [];
  const availability: boolean[] = [];
  const observer: BatchObserver = {
    bulk: (e) => bulks.push({ docs: e.docs, bytes: e.bytes, ok: e.ok }),
    item: (o) => items.push(o),
    availability: (up) => availability.push(up),
  };
  return { bulks, items, availability, observer };
}

function docs(n: number, spec: Parameters<typeof makeArticle>[0] = {}): ArticleDocument[] {
  return Array.from({ length: n }, (_, i) => toDocument(makeArticle({ title: `Wire item ${String(i).padStart(4, '0')}`, ...spec })));
}

const submitAll = (b: BulkBatcher, ds: ArticleDocument[]) => Promise.all(ds.map((doc) => b.submit({ id: doc.id, doc, version: documentVersion(doc) })));

/** A client that reaches Elasticsearch through a proxy the test can take down and bring back. */
async function proxiedClient(t: Test) {
  const proxy = await startEsProxy(testEsUrl());
  const client = createEsClient(proxy.url, { requestTimeout: 3_000 });
  t.teardown(async () => {
    await proxy.close();
    await client.close();
  });
  return { proxy, client };
}

t.test('batches by count: 25 documents at 10 per bulk go as 10, 10 and 5', async (t) => {
  const { write } = await freshIndex('batch-count');
  const r = recorder();
  const b = new BulkBatcher(es, { index: write, maxDocs: 10, flushMs: 1000, concurrency: 1, observer: r.observer });
  const results = await submitAll(b, docs(25));
  t.same(r.bulks.map((x) => x.docs), [10, 10, 5], 'the last 5 went together once the bulk before them was answered');
  t.ok(results.every((x) => x.outcome === 'created' && x.attempts === 1));
  await es.indices.refresh({ index: write });
  t.equal((await es.count({ index: write })).count, 25);
});

t.test('low traffic: a lone document is sent at once when no bulk is in flight, not flushMs later', async (t) => {
  const { write } = await freshIndex('batch-idle');
  const r = recorder();
  // A flush timer of ten minutes: if the document waited for it, the test would time out.
  const b = new BulkBatcher(es, { index: write, flushMs: 600_000, observer: r.observer });
  const [doc] = docs(1);
  const res = await b.submit({ id: doc!.id, doc: doc! });
  t.equal(res.outcome, 'created');
  t.same(r.bulks.map((x) => x.docs), [1]);
  await b.close();
});

t.test('group commit: documents that arrive while a bulk is in flight travel together in the next one', async (t) => {
  const { write } = await freshIndex('batch-group');
  const { proxy, client } = await proxiedClient(t);
  const r = recorder();
  // Two requests may be in flight, but the second slot is not used for a partial batch: the
  // five later documents wait for the first request (held in an outage here), not for the timer.
  const b = new BulkBatcher(client, { index: write, flushMs: 600_000, outageBaseMs: 50, retryCapMs: 200, observer: r.observer });
  const [first, ...rest] = docs(6);
  await proxy.down();
  const one = b.submit({ id: first!.id, doc: first! });
  await waitFor(() => r.bulks.some((x) => !x.ok), { what: 'the first bulk to be in flight (failing)' });
  const five = submitAll(b, rest);
  await waitFor(() => r.bulks.filter((x) => !x.ok).length >= 3, { what: 'a few retries of the first bulk' });
  t.equal(b.stats().pending, 5, 'the later five wait while the first bulk is unanswered');
  await proxy.up();
  t.equal((await one).outcome, 'created');
  t.ok((await five).every((x) => x.outcome === 'created'));
  t.same(r.bulks.filter((x) => x.ok).map((x) => x.docs), [1, 5], 'one bulk for the first, one for the five');
  await b.close();
});

t.test('batches by bytes: no bulk body above maxBytes', async (t) => {
  const { write } = await freshIndex('batch-bytes');
  const r = recorder();
  const sample = JSON.stringify(docs(1)[0]).length;
  const maxBytes = Math.floor(sample * 2.5);
  const b = new BulkBatcher(es, { index: write, maxDocs: 1000, maxBytes, flushMs: 1000, concurrency: 1, observer: r.observer });
  await submitAll(b, docs(9));
  t.ok(r.bulks.length >= 4, `${r.bulks.length} bulk requests for 9 documents`);
  t.ok(r.bulks.every((x) => x.bytes <= maxBytes), 'each request within the byte budget');
  t.equal(r.bulks.reduce((n, x) => n + x.docs, 0), 9);
});

t.test('a poison document is rejected alone; its batch-mates are indexed', async (t) => {
  const { write } = await freshIndex('batch-poison');
  const r = recorder();
  const b = new BulkBatcher(es, { index: write, maxDocs: 50, flushMs: 50, observer: r.observer });
  const good = docs(5);
  const poison = toDocument(
    makeArticle({ title: 'Bad gazetteer output', entities: [{ id: 'Q1', type: 'place', name: 'Nowhere', count: 1, location: { lat: 500, lon: 0 } }] }),
  );
  const settled = await Promise.allSettled([...good, poison].map((doc) => b.submit({ id: doc.id, doc })));
  t.same(r.bulks.map((x) => x.docs), [6], 'all six travelled in one bulk request');
  t.same(settled.slice(0, 5).map((s) => s.status), Array(5).fill('fulfilled'));
  const bad = settled[5]!;
  t.equal(bad.status, 'rejected');
  t.match((bad as PromiseRejectedResult).reason, { code: IndexerErrors.REJECTED, permanent: true, message: /locations|geo_point|document_parsing_exception/ });
  t.same(r.items.filter((o) => o === 'rejected'), ['rejected']);
});

t.test('unknown keys are refused before Elasticsearch; the mapping is untouched', async (t) => {
  const { write, concrete } = await freshIndex('batch-keys');
  const r = recorder();
  const before = await es.indices.getMapping({ index: concrete });
  const b = new BulkBatcher(es, { index: write, flushMs: 20, observer: r.observer });
  const doc = docs(1)[0]!;
  for (let i = 0; i < 3000; i++) (doc as Record<string, unknown>)[`field_${i}`] = 'x';
  await t.rejects(b.submit({ id: doc.id, doc }), { code: SearchErrors.DOC_INVALID, permanent: true });
  t.same(r.bulks, [], 'nothing was sent');
  t.same(await es.indices.getMapping({ index: concrete }), before);
});

t.test('versions: an older copy is a duplicate, the same or a newer one replaces', async (t) => {
  const { write } = await freshIndex('batch-version');
  const b = new BulkBatcher(es, { index: write, flushMs: 10 });
  const a = makeArticle({ title: 'First version', fetchedAt: '2024-01-01T10:00:00.000Z' });
  const send = (title: string, fetchedAt: string) => {
    const doc = toDocument({ ...a, title, fetchedAt });
    return b.submit({ id: doc.id, doc, version: documentVersion(doc) });
  };
  t.match(await send('First version', '2024-01-01T10:00:00.000Z'), { outcome: 'created' });
  t.match(await send('Stale replay', '2024-01-01T09:00:00.000Z'), { outcome: 'duplicate', status: 409 });
  t.match(await send('Re-enriched', '2024-01-01T10:00:00.000Z'), { outcome: 'updated' });
  t.match(await send('Newer fetch', '2024-01-01T11:00:00.000Z'), { outcome: 'updated' });
  const got = await es.get<ArticleDocument>({ index: write, id: a.id });
  t.equal(got._source?.title, 'Newer fetch');

  const create = new BulkBatcher(es, { index: write, flushMs: 10, opType: 'create' });
  const doc = toDocument(a);
  t.match(await create.submit({ id: doc.id, doc }), { outcome: 'duplicate', status: 409 }, 'create on an existing id is a duplicate');
});

t.test('the index refuses writes (flood-stage disk block 429, write block 403): held without using attempts, written once lifted', async (t) => {
  const { write, concrete } = await freshIndex('batch-blocked');
  const unblock = { 'index.blocks.read_only_allow_delete': null, 'index.blocks.write': null };
  t.teardown(() => es.indices.putSettings({ index: concrete, settings: unblock }).then(() => undefined));
  for (const [label, block, status] of [
    ['flood-stage disk block', { 'index.blocks.read_only_allow_delete': true }, 429],
    ['write block', { 'index.blocks.write': true }, 403],
  ] as const) {
    await es.indices.putSettings({ index: concrete, settings: block });
    const r = recorder();
    // Two attempts per item: a block counted as attempts would give the documents up (429) or
    // reject them for good (403) long before the block is lifted.
    const b = new BulkBatcher(es, { index: write, flushMs: 10, itemAttempts: 2, retryBaseMs: 10, outageBaseMs: 20, retryCapMs: 100, observer: r.observer });
    let settled = 0;
    const pending = submitAll(b, docs(3, { title: `Held by the ${label}` })).finally(() => settled++);
    await waitFor(() => r.items.filter((o) => o === 'blocked').length >= 9, { what: `three rounds of ${status} answers` });
    t.equal(settled, 0, `${label}: nothing given up or rejected while the block lasts`);
    t.same(r.availability, [false], `${label}: reported as an outage, so the owner pauses intake`);
    t.notOk(r.items.includes('rejected') || r.items.includes('failed') || r.items.includes('throttled'), `${label}: no item rejected, failed or throttled`);
    await es.indices.putSettings({ index: concrete, settings: unblock });
    const results = await pending;
    t.ok(results.every((x) => x.outcome === 'created' && x.attempts === 1), `${label}: all created, the held rounds not counted`);
    t.same(r.availability, [false, true], `${label}: available again`);
    await b.close();
  }
  await es.indices.refresh({ index: write });
  t.equal((await es.count({ index: write })).count, 6);

  // Shutting down while the index refuses writes hands the documents back with a retryable error.
  await es.indices.putSettings({ index: concrete, settings: { 'index.blocks.write': true } });
  const closing = new BulkBatcher(es, { index: write, flushMs: 10, outageBaseMs: 20, retryCapMs: 100 });
  const doc = docs(1)[0]!;
  const held = closing.submit({ id: doc.id, doc });
  await waitFor(() => closing.stats().available === false, { what: 'the block to be seen' });
  await closing.close();
  await t.rejects(held, { code: IndexerErrors.UNAVAILABLE, permanent: false });
});

t.test('an item answered 404 (the write alias gone) is retried with backoff until it is back; then a retryable error', async (t) => {
  const { write, concrete } = await freshIndex('batch-404');
  const r = recorder();
  await es.indices.deleteAlias({ index: concrete, name: write });
  const restore = () => es.indices.putAlias({ index: concrete, name: write, is_write_index: true }).then(() => undefined);
  t.teardown(restore);
  const b = new BulkBatcher(es, { index: write, flushMs: 10, retryBaseMs: 20, retryCapMs: 200, itemAttempts: 100, observer: r.observer });
  const pending = submitAll(b, docs(3));
  await waitFor(() => r.items.filter((o) => o === 'retried').length >= 6, { what: 'two rounds of 404 answers' });
  await restore();
  const results = await pending;
  t.ok(results.every((x) => x.outcome === 'created' && x.attempts > 2), `all created after ${results.map((x) => x.attempts).join(', ')} attempts`);
  t.equal(b.stats().available, true, 'a missing alias is the item\'s retry, not an outage');

  await es.indices.deleteAlias({ index: concrete, name: write });
  const giveUp = new BulkBatcher(es, { index: write, flushMs: 10, retryBaseMs: 10, itemAttempts: 2 });
  const doc = docs(1)[0]!;
  await t.rejects(giveUp.submit({ id: doc.id, doc }), { code: IndexerErrors.UNAVAILABLE, permanent: false }, 'after itemAttempts the caller gets a retryable error');
});

t.test('stampField: indexedAt says when the bulk that wrote a document went, not when it was built — through an outage too', async (t) => {
  const { write } = await freshIndex('batch-stamp');
  const { proxy, client } = await proxiedClient(t);
  const b = new BulkBatcher(client, { index: write, flushMs: 10, outageBaseMs: 50, retryCapMs: 200, stampField: 'indexedAt' });
  t.teardown(() => b.close());
  const anHourAgo = new Date(Date.now() - 3_600_000);
  const [quick, held, unstamped] = ['Quick item', 'Held item', 'Reordered item'].map((title) => toDocument(makeArticle({ title }), anHourAgo));
  const stored = async (id: string) => Date.parse(((await es.get({ index: write, id })) as { _source: { indexedAt: string } })._source.indexedAt);

  const before = Date.now();
  await b.submit({ id: quick!.id, doc: quick! });
  t.ok((await stored(quick!.id)) >= before, 'a document built an hour ago and written now says now');

  await proxy.down();
  const pending = b.submit({ id: held!.id, doc: held! });
  await waitFor(() => b.stats().available === false, { what: 'the batcher to notice the outage' });
  const noticed = Date.now();
  await new Promise((r) => setTimeout(r, 300));
  await proxy.up();
  await pending;
  t.ok((await stored(held!.id)) >= noticed, 'held through the outage: the time of the bulk that got through, after the failed ones');

  // Only a first key is restamped (a field elsewhere could be any bytes of the line).
  const { indexedAt, ...rest } = unstamped!;
  await b.submit({ id: unstamped!.id, doc: { ...rest, indexedAt } });
  t.equal(await stored(unstamped!.id), anHourAgo.getTime(), 'a document without the field first goes as it is');
});

t.test('Elasticsearch unreachable: documents are held and retried, then acknowledged', async (t) => {
  const { write } = await freshIndex('batch-down');
  const { proxy, client } = await proxiedClient(t);
  const r = recorder();
  const opts: BatcherOptions = { index: write, flushMs: 10, outageBaseMs: 50, retryCapMs: 400, observer: r.observer };
  const b = new BulkBatcher(client, opts);
  await proxy.down();
  let settled = 0;
  const pending = submitAll(b, docs(5)).finally(() => settled++);
  await waitFor(() => r.availability.includes(false), { what: 'the batcher to notice the outage' });
  await waitFor(() => r.bulks.filter((x) => !x.ok).length >= 3, { what: 'a few failed attempts' });
  t.equal(settled, 0, 'no document was given up while Elasticsearch was away');
  t.equal(b.stats().available, false);
  await proxy.up();
  const results = await pending;
  t.ok(results.every((x) => x.outcome === 'created'));
  t.same(r.availability, [false, true]);

  // Shutting down during an outage hands the documents back with a retryable error.
  await proxy.down();
  const closing = new BulkBatcher(client, { ...opts, observer: recorder().observer });
  const doc = docs(1)[0]!;
  const held = closing.submit({ id: doc.id, doc });
  await waitFor(() => closing.stats().available === false, { what: 'the outage' });
  await closing.close();
  await t.rejects(held, { code: IndexerErrors.UNAVAILABLE, permanent: false });
  await t.rejects(closing.submit({ id: doc.id, doc }), { code: IndexerErrors.UNAVAILABLE }, 'a closed batcher takes nothing');
});
