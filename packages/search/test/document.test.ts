import t from 'tap';
import { RawArticleSchema } from '@akhbar/core';
import { Value } from '@sinclair/typebox/value';
import {
  MAX_BODY_CHARS, MAX_DOCUMENT_KEYS, MAX_HTML_CHARS, MAX_TITLE_CHARS, SearchErrors, checkDocument, documentVersion, fromDocument, toDocument, truncateText,
} from '../src/index.ts';
import { makeArticle } from './fixtures.ts';

t.test('an over-long body is truncated to MAX_BODY_CHARS and flagged, not rejected', async (t) => {
  const a = makeArticle({ lang: 'ar', body: 'خبر '.repeat(40_000) });
  const doc = toDocument(a);
  t.equal((doc.body as string).length, MAX_BODY_CHARS);
  t.equal((doc.i18n as any).ar.body, doc.body, 'the per-language body is the truncated one too');
  t.ok((doc.flags as string[]).includes('body-truncated'));
  t.doesNotThrow(() => checkDocument(doc));
});

t.test('a huge title is cut, huge HTML dropped, each flagged', async (t) => {
  const doc = toDocument(makeArticle({ title: 'T'.repeat(MAX_TITLE_CHARS + 10), html: `<p>${'x'.repeat(MAX_HTML_CHARS)}</p>` }));
  t.equal((doc.title as string).length, MAX_TITLE_CHARS);
  t.equal(doc.html, undefined);
  t.same((doc.flags as string[]).sort(), ['html-dropped', 'title-truncated']);
  const small = toDocument(makeArticle({ html: '<p>ok</p>' }));
  t.equal(small.html, '<p>ok</p>');
  t.same(small.flags, []);
});

t.test('truncation never splits a surrogate pair', async (t) => {
  t.equal(truncateText('ab😀cd', 3), 'ab', 'the emoji would be cut in half: it goes whole');
  t.equal(truncateText('ab😀cd', 4), 'ab😀');
  t.equal(truncateText('abc', 10), 'abc');
});

t.test('per-language fields only for analysed languages', async (t) => {
  t.same(Object.keys(toDocument(makeArticle({ lang: 'fr' })).i18n as object), ['fr']);
  t.equal(toDocument(makeArticle({ lang: 'und' })).i18n, undefined, 'unknown language: neutral fields only');
});

t.test("a quotation's words are copied to its article's language field, where the index has one", async (t) => {
  const quoted = (lang: string) => {
    const a = makeArticle({ lang });
    a.enrichment.quotes = [{ text: 'words said on the record by someone', by: 'someone' }];
    return a;
  };
  const quoteOf = (doc: Record<string, unknown>) => (doc.quotes as Array<Record<string, unknown>>)[0]!;
  t.same(quoteOf(toDocument(quoted('en'))).i18n, { en: 'words said on the record by someone' });
  t.equal(quoteOf(toDocument(quoted('ar'))).i18n, undefined, 'not Arabic: quotes.text.ar analyses every quotation already');
  t.equal(quoteOf(toDocument(quoted('und'))).i18n, undefined, 'not a language without an analyzer');
  t.equal(quoteOf(toDocument(quoted('en'), new Date(), { langs: { i18n: new Set(['en']), quotes: new Set() } })).i18n, undefined, 'not where the index lacks the field');
  t.doesNotThrow(() => checkDocument(toDocument(quoted('fr'))), 'the mapping knows the field');
});

t.test('the document version is the fetch time', async (t) => {
  const doc = toDocument(makeArticle({ fetchedAt: '2024-05-01T10:00:00.000Z' }));
  t.equal(documentVersion(doc), Date.parse('2024-05-01T10:00:00.000Z'));
  t.equal(documentVersion({ id: 'x' }), undefined);
  t.equal(documentVersion({ id: 'x', fetchedAt: 'yesterday' }), undefined);
});

t.test('fromDocument gives back a valid raw article', async (t) => {
  const a = makeArticle({ lang: 'ar', title: 'عنوان', body: 'نص '.repeat(40_000), html: '<p>نص</p>', categories: ['سياسة'] });
  a.flags = ['update', 'feed-repaired'];
  const raw = fromDocument(JSON.parse(JSON.stringify(toDocument(a))) as Record<string, unknown>);
  t.ok(Value.Check(RawArticleSchema, raw), [...Value.Errors(RawArticleSchema, raw)].map((e) => `${e.path} ${e.message}`).join('; '));
  t.equal(raw.id, a.id);
  t.equal(raw.html, a.html);
  t.same(raw.categories, ['سياسة']);
  t.same(raw.flags.sort(), ['body-truncated', 'feed-repaired'], '"update" is a transport flag; the truncation is true of the body returned');
  t.equal(raw.body.length, MAX_BODY_CHARS);
});

t.test('the guard refuses keys the mapping does not know, before Elasticsearch', async (t) => {
  const doc = toDocument(makeArticle());
  for (let i = 0; i < 5000; i++) (doc as Record<string, unknown>)[`junk${i}`] = i;
  t.throws(() => checkDocument(doc), { code: SearchErrors.DOC_INVALID, permanent: true, message: /junk0, junk1, junk2, junk3, junk4, …/ });

  const nested = toDocument(makeArticle());
  (nested.source as Record<string, unknown>).owner = 'someone';
  t.throws(() => checkDocument(nested), { code: SearchErrors.DOC_INVALID, message: /source\.owner/ });

  const i18n = toDocument(makeArticle({ lang: 'ar' }));
  ((i18n.i18n as any).ar as Record<string, unknown>).summary = 'x';
  t.throws(() => checkDocument(i18n), { message: /i18n\.ar\.summary/ });
});

t.test('objects stored but not indexed may hold anything, within the key budget', async (t) => {
  const doc = toDocument(makeArticle());
  doc.provenance = { someTagger: { tagger: 'x', version: '2', extra: { deep: true } } };
  t.doesNotThrow(() => checkDocument(doc));
  doc.topicScores = Object.fromEntries(Array.from({ length: MAX_DOCUMENT_KEYS + 1 }, (_, i) => [`t${i}`, 1]));
  t.throws(() => checkDocument(doc), { code: SearchErrors.DOC_INVALID, message: /more than/ });
});

t.test('the point a feed gave the item is the document\'s geo and its first location; re-enrichment keeps it', async (t) => {
  const a = makeArticle({ lang: 'ar', entities: [{ id: 'Q1530', type: 'place', name: 'Baghdad', names: {}, count: 1, location: { lat: 33.31, lon: 44.37 } }] });
  a.geo = { lat: 31.84, lon: 47.14 };
  const doc = toDocument(a);
  t.same(doc.geo, { lat: 31.84, lon: 47.14 });
  t.same(doc.locations, [{ lat: 31.84, lon: 47.14 }, { lat: 33.31, lon: 44.37 }], 'its own point, then its places');
  t.doesNotThrow(() => checkDocument(doc), 'the mapping knows geo');
  t.same(fromDocument(JSON.parse(JSON.stringify(doc)) as Record<string, unknown>).geo, a.geo, 'a re-enriched article keeps its point');
  const without = toDocument(makeArticle());
  t.equal(without.geo, undefined);
});

t.test('mainLocation: the one place an article is about', async (t) => {
  const iraq = { id: 'Q796', type: 'country' as const, name: 'Iraq', count: 4, location: { lat: 33, lon: 44 } };
  const basra = { id: 'Q48195', type: 'place' as const, name: 'Basra', count: 2, location: { lat: 30.51, lon: 47.78 } };
  const baghdad = { id: 'Q1530', type: 'place' as const, name: 'Baghdad', count: 1, location: { lat: 33.31, lon: 44.37 } };
  const person = { id: 'Q1', type: 'person' as const, name: 'Someone', count: 9 };
  t.same(toDocument(makeArticle({ entities: [person, iraq, basra, baghdad] })).mainLocation, basra.location, 'the most-named city, before a country named more often');
  t.same(toDocument(makeArticle({ entities: [iraq] })).mainLocation, iraq.location, 'a country when no city is named');
  const pinned = makeArticle({ entities: [basra] });
  pinned.geo = { lat: 31.84, lon: 47.14 };
  t.same(toDocument(pinned).mainLocation, pinned.geo, 'the point its feed gave it, first of all');
  t.equal(toDocument(makeArticle({ entities: [person] })).mainLocation, undefined, 'none without a place');
  t.doesNotThrow(() => checkDocument(toDocument(pinned)), 'the mapping knows mainLocation');
});

t.test('a byline that only names the outlet is no author; a writer beside it stays', async (t) => {
  const byline = (author: string) => {
    const a = makeArticle({ lang: 'ar' });
    a.author = author;
    a.source = { ...a.source, name: 'الرافدين نيوز' };
    return toDocument(a);
  };
  const self = byline('الرافدين نيوز');
  t.equal(self.author, undefined, 'not shown as the author of its own article');
  t.same(self.authors, [], 'nor counted in the author facets and pages');
  t.doesNotThrow(() => checkDocument(self));
  const both = byline('سيف الدليمي - الرافدين نيوز');
  t.same(both.authors, ['سيف الدليمي - الرافدين نيوز'], 'a hyphen does not split a byline: it stays whole');
  const listed = byline('سيف الدليمي، الرافدين نيوز');
  t.equal(listed.author, 'سيف الدليمي، الرافدين نيوز', 'the byline as written');
  t.same(listed.authors, ['سيف الدليمي'], 'the writer, not the outlet');
});
