import t from 'tap';
import { F, buildSearchBody, buildQuery, langsWritingLike, neutralHighlightBody, toSimpleQuery, timelineBody, trendingBody, speakersInQuery } from '../src/index.ts';

t.test('the user query language maps onto simple_query_string operators', async (t) => {
  t.equal(toSimpleQuery('oil AND gas'), 'oil + gas');
  t.equal(toSimpleQuery('oil OR gas'), 'oil | gas');
  t.equal(toSimpleQuery('oil NOT gas'), 'oil -gas');
  t.equal(toSimpleQuery('"oil AND gas" OR coal'), '"oil AND gas" | coal', 'operators inside phrases are words');
  t.equal(toSimpleQuery('"oil gas"~3 OR coal'), '"oil gas"~3 | coal', "a phrase keeps its ~N (proximity)");
  t.equal(toSimpleQuery('"oil gas'), '"oil gas', 'an unterminated phrase runs to the end');
  t.equal(toSimpleQuery('oil && gas || coal'), 'oil + gas | coal');
  t.equal(toSimpleQuery('and or not'), 'and or not', 'lower-case words are words');
  t.equal(toSimpleQuery('(a OR'), '(a |');
  t.equal(toSimpleQuery('NOT (a OR b)'), '-(a | b)');
  t.equal(toSimpleQuery('Kadhimi -"White House"'), 'Kadhimi -"White House"', 'an excluded phrase stays excluded (a "- " would search for it)');
  t.equal(toSimpleQuery('NOT -"oil deal"'), '--"oil deal"', 'NOT of an exclusion: two negations, the phrase wanted');
  t.equal(toSimpleQuery('  '), '');
});

t.test('the search body', async (t) => {
  const base = { limit: 10, origin: '2026-01-01T00:00:00.000Z' };
  const rel = buildSearchBody({ ...base, sort: 'relevance', q: 'oil', lang: ['ar'] }) as Record<string, any>;
  t.ok(rel.query.function_score, 'relevance blends recency with a decay function, no script');
  t.same(rel.query.function_score.functions[1].exp[F.publishedAt].origin, base.origin, 'the origin is fixed by the caller (stable across pages)');
  t.equal(rel.query.function_score.query.bool.must[0].simple_query_string.flags.includes('FUZZY'), false, 'no fuzzy expansion');
  t.same(rel.query.function_score.query.bool.filter, [{ terms: { [F.lang]: ['ar'] } }]);
  t.same(rel.sort, ['_score', { [F.publishedAt]: 'desc' }, { [F.id]: 'asc' }], 'a unique tiebreaker for search_after');
  t.ok(rel.highlight);
  const newest = buildSearchBody({ ...base, sort: 'newest', after: [1, 'x'] }) as Record<string, any>;
  t.same(newest.search_after, [1, 'x']);
  t.notOk(newest.query.function_score);
  t.notOk(newest.highlight, 'nothing to highlight without q');
  const collapsed = buildSearchBody({ ...base, sort: 'newest', collapse: true, after: [1, 'x'], offset: 20 }) as Record<string, any>;
  t.same(collapsed.collapse, { field: F.storyId });
  t.notOk(collapsed.search_after, 'collapse pages by offset (Elasticsearch refuses search_after with collapse on several sort fields)');
  t.equal(collapsed.from, 20);
  const faceted = buildSearchBody({ ...base, sort: 'newest', facets: ['topics', 'sources'], facetSize: 5 }) as Record<string, any>;
  t.same(Object.keys(faceted.aggs).sort(), ['sources', 'topics']);
  t.equal(faceted.aggs.topics.terms.size, 5);
});

t.test('an entity name is looked for in the languages written in its script', async (t) => {
  t.same(langsWritingLike('مصطفى الكاظمي'), ['ar', 'fa', 'ur', 'ckb'], 'Arabic script: Arabic, Persian, Urdu, Sorani Kurdish');
  t.same(langsWritingLike('Moustafa al-Kazimi'), ['en', 'fr', 'es', 'de', 'tr', 'it', 'pt', 'nl', 'id', 'ku']);
  t.same(langsWritingLike('Мустафа аль-Казими'), ['ru']);
  t.same(langsWritingLike('穆斯塔法·卡迪米'), ['zh']);
  t.same(langsWritingLike('Μουσταφά αλ-Καζίμι'), ['el']);
  t.same(langsWritingLike('मुस्तफा अल-काज़िमी'), ['hi']);
  t.same(langsWritingLike('2024'), ['en', 'fr', 'es', 'de', 'tr', 'it', 'pt', 'nl', 'id', 'ku'], 'no letters: Latin');
});

t.test('highlights: language fields in the search, neutral fields in the follow-up', async (t) => {
  const base = { limit: 10, origin: '2026-01-01T00:00:00.000Z', sort: 'relevance' as const };
  const x = { alternatives: [{ ids: ['e1'], residual: '' }], names: ['مصطفى الكاظمي', 'Moustafa al-Kazimi'] };
  const hl = (buildSearchBody({ ...base, q: 'الكاظمي', expansion: x }) as Record<string, any>).highlight;
  t.same(Object.keys(hl.fields).sort(), ['i18n.*.body', 'i18n.*.title'], 'the search marks only what the gateway shows for an analysed language');
  const [text, ar, fr] = hl.highlight_query.bool.should;
  t.equal(text.simple_query_string.query, 'الكاظمي');
  t.same(ar.multi_match.fields, ['i18n.ar.title', 'i18n.ar.body', 'i18n.fa.title', 'i18n.fa.body', 'i18n.ur.title', 'i18n.ur.body', 'i18n.ckb.title', 'i18n.ckb.body']);
  t.ok(fr.multi_match.fields.includes('i18n.fr.body') && !fr.multi_match.fields.some((f: string) => f.startsWith('i18n.ar')));
  const follow = neutralHighlightBody({ q: 'الكاظمي', expansion: x }, ['a1', 'a2']) as Record<string, any>;
  t.same(follow.query, { ids: { values: ['a1', 'a2'] } });
  t.equal(follow.size, 2);
  t.same(Object.keys(follow.highlight.fields).sort(), [F.body, F.summary, F.title]);
  t.same(follow.highlight.highlight_query.bool.should.map((c: any) => c.multi_match?.query ?? c.simple_query_string.query), ['الكاظمي', ...x.names]);
});

t.test('entity expansion: text OR (tagged AND the rest of the query)', async (t) => {
  const q = buildQuery({ q: 'الكاظمي oil OR x', expansion: { alternatives: [{ ids: ['e1'], residual: 'oil' }, { ids: ['e2'], residual: '' }] } }) as Record<string, any>;
  const should = q.bool.must[0].bool.should;
  t.equal(should.length, 3);
  t.equal(q.bool.must[0].bool.minimum_should_match, 1);
  t.same(should[2].bool.filter, [{ term: { [F.entityIds]: 'e2' } }]);
  t.same(should[1].bool.filter, [{ term: { [F.entityIds]: 'e1' } }]);
  t.equal(should[1].bool.must[0].simple_query_string.query, 'oil');
});

t.test('dashboard bodies take the same filters', async (t) => {
  const tl = timelineBody({ topic: ['sport'], interval: 'day', split: 'lang' }) as Record<string, any>;
  t.same(tl.query.bool.filter, [{ terms: { [F.topics]: ['sport'] } }]);
  t.equal(tl.aggs.timeline.date_histogram.calendar_interval, 'day');
  t.ok(tl.aggs.timeline.aggs.split.terms);
  const tr = trendingBody({ lang: ['ar'], from: 'now-1y', window: '24h', background: '30d', size: 5, now: '2026-01-01T00:00:00.000Z' }) as Record<string, any>;
  t.equal(JSON.stringify(tr.query).includes('now-1y'), false, 'from/to give way to the window');
  t.match(JSON.stringify(tr.query), /2026-01-01T00:00:00.000Z\|\|-24h/);
  t.match(JSON.stringify(tr.aggs.entities), /\|\|-30d/, 'the background is its own window');
});

t.test("an alert's speakers are read back from the query built for it, whatever else it filters on", async (t) => {
  t.same(speakersInQuery(buildQuery({ q: 'رواتب', lang: ['ar'], speaker: ['mohammed-shia-al-sudani', 'central-bank-of-iraq'] })), ['mohammed-shia-al-sudani', 'central-bank-of-iraq']);
  t.same(speakersInQuery(buildQuery({ q: 'رواتب', entity: ['mohammed-shia-al-sudani'] })), [], 'naming someone is not quoting them');
});
