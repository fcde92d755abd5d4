import t from 'tap';
import { AkhbarError } from '@akhbar/core';
import { htmlToText, parseFeed } from '@akhbar/feeds';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Feed } from 'feed';
import { CursorCodec, queryFingerprint } from '../src/cursor.ts';
import { defaultEntityLookup } from '../src/entities.ts';
import { expandQuery, positiveWords } from '../src/expand.ts';
import { listItems, listValue } from '../src/lists.ts';
import { splitList } from '../public/js/lists.js';
import { dateValue, toFilters } from '../src/params.ts';
import { chooseInterval } from '../src/routes/stats.ts';
import { buildWorldMap } from '../src/routes/web.ts';
import { presentSuggestions } from '../src/suggest.ts';
import { FEED_FORMATS, atomWithPoints, feedXml, plainDecimal, xmlSafe, type FeedEntry } from '../src/syndication.ts';
import { strictXmlProblems } from './strict-xml.ts';
import { signedBy } from '../src/routes/websub.ts';
import { createHmac } from 'node:crypto';

t.test('cursors round-trip and refuse tampering, other keys and other queries', async (t) => {
  const codec = new CursorCodec('secret-one-0123456789');
  const fp = queryFingerprint({ q: 'oil', sort: 'newest' });
  const state = { after: [1_700_000_000_000, 'abc'], origin: '2026-01-01T00:00:00.000Z', fp };
  const c = codec.encode(state);
  t.same(codec.decode(c, fp), state);
  t.throws(() => new CursorCodec('secret-two-0123456789').decode(c, fp), { code: 'AKHBAR_SEARCH_BAD_CURSOR' }, 'signed with another key');
  t.throws(() => codec.decode(c, queryFingerprint({ q: 'gas', sort: 'newest' })), { code: 'AKHBAR_SEARCH_BAD_CURSOR' }, 'another query');
  const [p, s] = c.split('.');
  t.throws(() => codec.decode(`${p}A.${s}`, fp), AkhbarError, 'payload changed');
  t.throws(() => codec.decode('', fp), AkhbarError);
  t.throws(() => codec.decode('....', fp), AkhbarError);
  t.equal(queryFingerprint({ q: 'oil', limit: 5 }), queryFingerprint({ limit: 50, q: 'oil' }), 'limit and key order do not matter');
});

t.test('positive words leave out operators and excluded terms', async (t) => {
  t.same(positiveWords('Kadhimi AND "oil deal" -Trump NOT Biden OR gas*'), ['Kadhimi', 'oil', 'deal', 'gas']);
  t.same(positiveWords('(a OR'), ['a'], 'an unclosed parenthesis is ignored, as Elasticsearch ignores it');
  t.same(positiveWords('(a OR b) -(c d)'), ['a', 'b'], 'groups are read; a negated one gives no word');
  t.same(positiveWords('-x'), []);
  t.same(positiveWords('"oil deal"~5 Kadhimi'), ['oil', 'deal', 'Kadhimi'], "a phrase's ~N is no word");
});

t.test('expansion finds entities in any script and keeps the rest of the query', async (t) => {
  const lookup = defaultEntityLookup();
  const ar = expandQuery('الكاظمي', lookup);
  t.same(ar.entities.map((e) => e.id), ['mustafa-al-kadhimi']);
  const strip = (alts: Array<{ ids: string[]; residual: string }> | undefined) => alts?.map(({ ids, residual }) => ({ ids, residual }));
  t.same(strip(ar.expansion?.alternatives), [{ ids: ['mustafa-al-kadhimi'], residual: '' }]);
  const mentions = ar.expansion?.alternatives[0]?.mentions?.[0] ?? [];
  t.ok(['Mustafa al-Kadhimi', 'مصطفى الكاظمي', 'al-Kazimi', 'الكاظمي', 'Kadhemi'].every((m) => mentions.includes(m)), 'its names and aliases as written, for a title-only search');
  t.ok(ar.expansion?.names?.includes('Moustafa al-Kazimi'), 'names in other languages are carried for highlighting');
  t.same(strip(expandQuery('al-Kadhimi oil', lookup).expansion?.alternatives), [{ ids: ['mustafa-al-kadhimi'], residual: 'oil' }], 'the rest of the query stays');
  t.same(strip(expandQuery('"al-Kadhimi oil"~10', lookup).expansion?.alternatives), [{ ids: ['mustafa-al-kadhimi'], residual: 'oil' }], 'a name inside a proximity phrase expands as in a phrase');
  t.same(strip(expandQuery('Mustafa al-Kadhimi', lookup).expansion?.alternatives), [{ ids: ['mustafa-al-kadhimi'], residual: '' }], 'every word of a multi-word name is part of the mention');
  // Chinese runs names and words together: the name is cut out, the rest must still match.
  t.same(strip(expandQuery('卡迪米访问', lookup).expansion?.alternatives), [{ ids: ['mustafa-al-kadhimi'], residual: '访问' }], 'a name inside a run of Han characters');
  t.same(strip(expandQuery('卡迪米访问巴格达', lookup).expansion?.alternatives), [{ ids: ['mustafa-al-kadhimi', 'Q1530'], residual: '访问' }], 'two names in one run');
  t.same(strip(expandQuery('卡迪米', lookup).expansion?.alternatives), [{ ids: ['mustafa-al-kadhimi'], residual: '' }]);
  t.same(strip(expandQuery('هەولێر', lookup).expansion?.alternatives), [{ ids: ['Q133118'], residual: '' }], 'Sorani Kurdish: هەولێر is Erbil, found in Arabic, English… as أربيل, Erbil');
  const neg = expandQuery('Washington -Kadhimi', lookup);
  t.notOk(neg.entities.some((e) => e.id === 'mustafa-al-kadhimi'), 'excluded names are not expanded');
  t.match(neg.expansion?.alternatives[0]?.residual, /-Kadhimi/, 'exclusions stay in the residual');
  const or = expandQuery('Kadhimi OR Sudani', lookup).expansion?.alternatives.map((a) => a.ids);
  t.same(or, [['mustafa-al-kadhimi'], ['mohammed-shia-al-sudani']], 'one alternative per OR-branch');
  const grouped = expandQuery('(Kadhimi OR Sudani) oil -Iran', lookup).expansion;
  t.same(strip(grouped?.alternatives), [{ ids: ['mustafa-al-kadhimi'], residual: 'oil -Iran' }, { ids: ['mohammed-shia-al-sudani'], residual: 'oil -Iran' }], 'a group multiplied out: each name with the rest of the query');
  t.same(grouped?.excludeIds, ['Q794'], 'a name every branch excludes leaves out its tagged articles');
  t.same(strip(expandQuery('Kadhimi OR Sudani oil', lookup).expansion?.alternatives), [{ ids: ['mustafa-al-kadhimi'], residual: 'oil' }, { ids: ['mohammed-shia-al-sudani'], residual: 'oil' }], 'left to right, as Elasticsearch reads it: (Kadhimi OR Sudani) oil');
  t.same(expandQuery('(Kadhimi OR -Iran) oil', lookup).expansion?.excludeIds, undefined, 'an exclusion of one branch only is not applied to all');
  t.same(expandQuery('(a OR b) (c OR d) (e OR f) (Kadhimi OR g)', lookup).entities, [], 'past 8 branches: searched as written');
  t.same(expandQuery('market report', lookup).entities, []);
  t.same(expandQuery(undefined, lookup).entities, []);
  t.same(expandQuery('Kadhimi', undefined).entities, [], 'no gazetteer → no expansion');
});

t.test('date parameters', async (t) => {
  t.equal(dateValue('from', 'now-7d/d'), 'now-7d/d');
  t.equal(dateValue('from', '2026-03-01'), '2026-03-01||/d');
  t.equal(dateValue('to', '2026-03-01T10:00:00Z'), '2026-03-01T10:00:00Z');
  t.throws(() => dateValue('to', '2026-13-01'), { code: 'AKHBAR_BAD_PARAMETER' });
  const paramOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return (err as AkhbarError).details?.param;
    }
    return undefined;
  };
  t.equal(paramOf(() => dateValue('to', 'now-7x')), 'to');
  t.equal(paramOf(() => toFilters({ from: '2026-03-02', to: '2026-03-01' })), 'from', 'from after to');
  t.same(toFilters({ lang: 'ar,en', country: 'iq', domain: 'WWW.Example.com' }), { lang: ['ar', 'en'], country: ['IQ'], domain: ['example.com'] });
});

t.test('timeline interval choice', async (t) => {
  const now = Date.now();
  t.equal(chooseInterval('auto', now - 86_400_000, now), 'hour');
  t.equal(chooseInterval('auto', now - 30 * 86_400_000, now), 'day');
  t.equal(chooseInterval('auto', now - 400 * 86_400_000, now), 'week');
  t.equal(chooseInterval('auto', now - 4000 * 86_400_000, now), 'month');
  t.equal(chooseInterval('auto', undefined, now), 'day');
  t.equal(chooseInterval('hour', now - 4000 * 86_400_000, now), 'hour');
});

t.test('suggestions: each entity once, whole, in the spelling typed; exact prefixes before one-typo matches', async (t) => {
  const kadhimi = { id: 'mustafa-al-kadhimi', type: 'person', name: 'Mustafa al-Kadhimi', names: { en: 'Mustafa al-Kadhimi', ar: 'مصطفى الكاظمي', fr: 'Moustafa al-Kazimi' } };
  const ge = { id: 'Q54173', type: 'org', name: 'General Electric', names: { en: 'General Electric', ar: 'جنرال إلكتريك' } };
  const iraq = { id: 'Q796', type: 'country', name: 'Iraq', names: { en: 'Iraq', ar: 'العراق', fr: 'Irak' } };
  // As Elasticsearch answers "الكا" with fuzziness 1: both score alike and "إلكتريك" sorts first.
  const ar = presentSuggestions([
    { text: 'إلكتريك', _source: { entities: [ge, kadhimi] } },
    { text: 'الكاظمي', _source: { entities: [kadhimi, ge] } },
    { text: 'الكاظمي', _source: { entities: [kadhimi] } },
  ], 'الكا');
  t.same(ar.map((s) => s.text), ['مصطفى الكاظمي', 'جنرال إلكتريك'], 'the exact prefix first, each entity once, both names whole');
  const en = presentSuggestions([
    { text: 'Irak', _source: { entities: [iraq] } },
    { text: 'Iraqi premier heads to Washington', _source: { id: 'a1', entities: [iraq] } },
    { text: 'Iraq', _source: { entities: [iraq] } },
  ], 'Ira');
  t.same(en, [
    { text: 'Iraq', kind: 'entity', entity: iraq },
    { text: 'Iraqi premier heads to Washington', kind: 'title', articleId: 'a1' },
  ], 'the main spelling when it is being typed, titles as they are');
  t.equal(presentSuggestions([{ text: 'Kadhimi', _source: { entities: [kadhimi] } }], 'kadh')[0]?.text, 'Mustafa al-Kadhimi', 'a surname completes the whole name');
});

t.test('the world map puts each place of the gazetteer where it is: inside its country\'s shape, never a country itself', async (t) => {
  const located = defaultEntityLookup().located?.() ?? [];
  const world = buildWorldMap(located);
  /** The extent of an SVG path's points (d3 writes absolute M/L commands: x,y pairs). */
  const extent = (id: string) => {
    const d = world.shapes.find((s) => s.id === id)?.d ?? '';
    const pairs = [...d.matchAll(/(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    return { x0: Math.min(...pairs.map((p) => p[0])), x1: Math.max(...pairs.map((p) => p[0])), y0: Math.min(...pairs.map((p) => p[1])), y1: Math.max(...pairs.map((p) => p[1])) };
  };
  for (const [id, iso, name] of [['Q1530', 'IQ', 'Baghdad'], ['Q3572', 'TN', 'Tunis'], ['Q61', 'US', 'Washington']] as const) {
    const p = world.places.find((x) => x.id === id);
    const box = extent(iso);
    t.ok(p && p.x >= box.x0 && p.x <= box.x1 && p.y >= box.y0 && p.y <= box.y1, `${name} (${String(p?.x)},${String(p?.y)}) inside ${iso}'s shape (${JSON.stringify(box)})`);
  }
  t.equal(world.places.length, located.filter((e) => e.type !== 'country').length, 'every located place');
  t.notOk(world.places.some((p) => p.id === 'Q796' || p.id === 'Q810'), 'no country among the places (Iraq, Jordan are shapes)');
  t.same(buildWorldMap().places, [], 'no gazetteer given: no places');
});

t.test('the Atom writer\'s <rights> markers become the entries\' GeoRSS points, and a library that wrote them otherwise fails loudly', async (t) => {
  // Against the feed library itself: what atomWithPoints relies on is how it writes `copyright`.
  const marker = 'akhbar-georss-0a1b2c3d-test';
  const feed = new Feed({ id: 'https://akhbar.example/v1/search.atom', title: 'T' });
  const at = (n: number) => ({ id: `https://a.example/${String(n)}`, link: `https://a.example/${String(n)}`, date: new Date(0) });
  feed.addItem({ ...at(1), title: `${marker}:1 </entry><rights>${marker}:0</rights>`, copyright: `${marker}:0` });
  feed.addItem({ ...at(2), title: 'no point' });
  feed.addItem({ ...at(3), title: 'south', copyright: `${marker}:1` });
  t.throws(() => atomWithPoints(feed.atom1(), marker, [{ lat: 1, lon: 2 }, { lat: -33.9, lon: 151.2 }]), /markers/, 'a marker in a title is not ours: the count is off');
  const clean = new Feed({ id: 'https://akhbar.example/v1/search.atom', title: 'T' });
  clean.addItem({ ...at(1), title: 'north', copyright: `${marker}:0` });
  clean.addItem({ ...at(2), title: 'no point' });
  clean.addItem({ ...at(3), title: 'south', copyright: `${marker}:1` });
  const xml = atomWithPoints(clean.atom1(), marker, [{ lat: 1, lon: 2 }, { lat: -33.9, lon: 151.2 }]);
  t.equal(XMLValidator.validate(xml), true);
  t.notOk(xml.includes(marker) || xml.includes('<rights>'), 'no marker left');
  const entries = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'entry' }).parse(xml).feed.entry as Array<Record<string, any>>;
  t.same(entries.map((e) => e['georss:point']?.['#text']), ['1 2', undefined, '-33.9 151.2'], 'each in its own entry');
  t.equal(entries[0]!['georss:point']['@_xmlns:georss'], 'http://www.georss.org/georss');
  t.throws(() => atomWithPoints(clean.atom1().replaceAll('<rights>', '<rights type="text">'), marker, [{ lat: 1, lon: 2 }, { lat: -33.9, lon: 151.2 }]), /markers/, 'rights written otherwise');
  t.throws(() => atomWithPoints(clean.atom1(), marker, [{ lat: 1, lon: 2 }]), /no point 1/);
});

t.test('the strict XML check refuses what XMLValidator lets through', async (t) => {
  const bad = {
    'a CDATA section ended twice': '<a><![CDATA[x]]]]><![CDATA[>y]]>z]]></a>',
    'a vertical tab': '<a>x\u000by</a>',
    'NUL in CDATA': '<a><![CDATA[x\u0000]]></a>',
    'a lone surrogate': '<a>x\ud800y</a>',
    'U+FFFF': '<a b="\uffff"/>',
    '< in an attribute': '<a b="<"/>',
  };
  for (const [what, xml] of Object.entries(bad)) {
    t.equal(XMLValidator.validate(xml), true, `XMLValidator passes ${what}`);
    t.ok(strictXmlProblems(xml).length > 0, `the strict check refuses it`);
  }
  for (const xml of ['<a>AT&T</a>', '<a>&#x1;</a>', '<a><b></a>', '<a><![CDATA[x</a>', '<a/><b/>']) t.ok(strictXmlProblems(xml).length > 0, `refused: ${xml}`);
  t.same(strictXmlProblems('<?xml version="1.0"?><a x="1 &amp; &#x41; ]]>"><![CDATA[x]]]]><![CDATA[>y]]><!-- c --><b/>t &lt; \u200f\u{1F600}\t</a>'), [], 'a well-formed one passes');
});

t.test('xmlSafe removes exactly the characters XML 1.0 does not allow, and escapes as the slot the feed library writes a text in needs', async (t) => {
  // Every BMP character but the surrogates, one each.
  let bmp = '';
  for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) bmp += String.fromCharCode(c);
  const isChar = (c: number) => c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;
  const allowed = [...bmp].filter((ch) => isChar(ch.codePointAt(0)!)).join('');
  t.equal(allowed.length, 0x10000 - 0x800 - 29 - 2, 'all but 29 C0 controls and U+FFFE, U+FFFF');
  t.equal(xmlSafe(bmp.replace('<', ''), 'attribute'), allowed.replace('<', ''), 'exactly the XML 1.0 Char production is kept');
  t.equal(xmlSafe('a\ud800b\udbffc\udc00d\udfffe\ude00\ud83d', 'text'), 'abcde', 'lone surrogates (and a pair in the wrong order) are removed');
  t.equal(xmlSafe('\u{10000}\u{1F600}\u{10FFFF}', 'text'), '\u{10000}\u{1F600}\u{10FFFF}', 'characters beyond the BMP are kept');
  t.equal(xmlSafe('خبر\u200f عاجل\u200e\u202b', 'html'), 'خبر\u200f عاجل\u200e\u202b', 'bidi marks are kept');

  t.equal(xmlSafe('Rates <b>up</b> & AT&amp;T ]]> ]]>]]>\u000b', 'html'), 'Rates &lt;b&gt;up&lt;/b&gt; &amp; AT&amp;amp;T ]]&gt; ]]&gt;]]&gt;', 'html: escaped as HTML, so no ]]> is left');
  t.equal(xmlSafe('Wire &amp; Co & <x>\u0000', 'text'), 'Wire &amp;amp; Co &amp; <x>', 'text: & escaped for xml-js, which un-escapes &amp; before escaping');
  t.equal(xmlSafe('a&b\u0001', 'attribute'), 'a&b', 'attribute: the library escapes & itself');
  t.equal(xmlSafe('a<b', 'attribute'), undefined, 'no way to write < in an attribute through the library');
});

t.test('GeoRSS points are written in plain decimal', async (t) => {
  const cases: Array<[number, string]> = [
    [1e-7, '0.0000001'], [-1.5e-7, '-0.00000015'], [1.2345e-10, '0.00000000012345'], [0.000001, '0.000001'], [9.999999e-7, '0.0000009999999'],
    [45.99, '45.99'], [-33.9, '-33.9'], [0, '0'], [-0, '0'], [180, '180'], [1e21, '1000000000000000000000'], [1.5e22, '15000000000000000000000'], [-1.25e21, '-1250000000000000000000'],
  ];
  for (const [n, s] of cases) t.equal(plainDecimal(n), s, String(n));
  // Numbers of every magnitude from 1e-20 to 1e10, from a fixed seed: each written in plain decimal, reading back as itself.
  let seed = 0x2545f491;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < 2000; i++) {
    const n = (random() - 0.5) * 10 ** Math.floor(random() * 30 - 20);
    const s = plainDecimal(n);
    if (!/^-?\d+(\.\d+)?$/.test(s) || Number(s) !== n) t.fail(`${String(n)} → ${s}`);
  }
});

/** A search hit for feedXml. */
const feedHit = (n: number, h: { title: string; summary: string; source?: string; topics?: string[]; geo?: { lat: number; lon: number } }): FeedEntry => {
  const url = `https://wire.example/${String(n)}`;
  return {
    id: url,
    hit: {
      id: `id${String(n)}`, url, title: h.title, summary: h.summary, lang: 'en', dir: 'ltr', publishedAt: new Date(Date.UTC(2026, 0, 1, n)).toISOString(),
      source: { id: 'fwire', name: h.source ?? 'Wire', domain: 'wire.example' }, topics: h.topics ?? ['economy'], entities: [], story: { id: `s${String(n)}`, size: 1 }, highlight: {},
      ...(h.geo ? { geo: h.geo } : {}),
    },
  };
};

t.test('one article whose text XML cannot hold as it is leaves the feed well-formed (strictly), its neighbours intact, and reads back as written but for the characters XML does not allow', async (t) => {
  const bad = {
    title: 'Rates <b>up</b>]]> twice ]]> AT&T &amp; co\u000b\u0000\ud800\ufffe\uffff end',
    summary: 'Three ]]> ]]> ]]> ends, <script>x</script> &amp;\u0001 &lt; \uffffok',
    source: 'Wire &amp; Co\u000b',
  };
  const entries = [
    feedHit(1, { title: 'Markets calm after the vote', summary: 'Trading was quiet.' }),
    feedHit(2, { ...bad, topics: ['economy', 'a&b\u000b', '<bad>'], geo: { lat: 1e-7, lon: -1.5e-7 } }),
    feedHit(3, { title: 'خبر\u200f عاجل: النفط يرتفع', summary: 'ارتفعت أسعار\u200f النفط اليوم.', geo: { lat: 33.31, lon: 44.36 } }),
  ];
  const input = { route: '/v1/search', title: 'Akhbar — AT&amp;T\u000b', description: 'Search results for "<b>"', entries };
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'item' || n === 'entry' || n === 'category' });
  for (const format of FEED_FORMATS) {
    const xml = feedXml(format, `https://akhbar.example/v1/search.${format}?q=x&source=fwire`, input);
    t.same(strictXmlProblems(xml), [], `${format}: well-formed for a strict parser`);
    t.equal(XMLValidator.validate(xml), true, `${format}: and for XMLValidator`);
    t.equal(feedXml(format, `https://akhbar.example/v1/search.${format}?q=x&source=fwire`, input), xml, `${format}: the same bytes for the same input (ETag)`);
    const back = await parseFeed(Buffer.from(xml));
    t.same(back.flags, [], `${format}: read without repair`);
    t.equal(back.title, 'Akhbar — AT&T', `${format}: the feed title, read by Akhbar (which takes entities in a title as HTML)`);
    t.same(back.items.map((i) => i.title), ['Markets calm after the vote', 'Rates <b>up</b>]]> twice ]]> AT&T &amp; co end', 'خبر\u200f عاجل: النفط يرتفع'], `${format}: each title as written, markup and entities as text, RLM kept`);
    t.same(back.items.map((i) => htmlToText(i.html ?? '')), ['Trading was quiet.', 'Three ]]> ]]> ]]> ends, <script>x</script> &amp; &lt; ok', 'ارتفعت أسعار\u200f النفط اليوم.'], `${format}: each summary too`);
    t.same(back.items.map((i) => i.geo), [undefined, { lat: 1e-7, lon: -1.5e-7 }, { lat: 33.31, lon: 44.36 }], `${format}: and each point`);
    t.ok(xml.includes('>0.0000001 -0.00000015</georss:point>'), `${format}: in plain decimal`);
    const doc = parser.parse(xml);
    if (format === 'rss') {
      const items = doc.rss.channel.item as Array<Record<string, any>>;
      t.equal(doc.rss.channel.title, 'Akhbar — AT&amp;T', 'rss: the feed title, XML text exactly');
      t.same(items.map((i) => i.author), ['Wire', 'Wire &amp; Co', 'Wire'], 'rss: the source name, XML text exactly');
      t.same(items.map((i) => i.category), [['economy'], ['economy', 'a&b', '<bad>'], ['economy']], 'rss: the topics (text: any can be written)');
      t.same(items.map((i) => i.guid['#text']), entries.map((e) => e.id));
    } else {
      const items = doc.feed.entry as Array<Record<string, any>>;
      t.equal(doc.feed.title, 'Akhbar — AT&amp;T', 'atom: the feed title, XML text exactly');
      t.same(items.map((i) => i.author.name), ['Wire', 'Wire &amp; Co', 'Wire'], 'atom: the source name, XML text exactly');
      t.same(items.map((i) => i.category.map((c: Record<string, string>) => c['@_term'])), [['economy'], ['economy', 'a&b'], ['economy']], 'atom: the topics (a < cannot go in an attribute: left out)');
      t.same(items.map((i) => i.title['@_type']), ['html', 'html', 'html'], 'atom: titles are html (the library writes no other type), the text escaped as HTML');
    }
  }
});

t.test('a feed with no entry was updated in the current minute, not in 1970, and keeps its bytes within that minute', async (t) => {
  const at = Date.UTC(2026, 11, 1, 12, 30, 41, 500);
  const input = { route: '/v1/search', title: 'Akhbar', description: 'Search results', entries: [], now: at };
  const parser = new XMLParser({ ignoreAttributes: false });
  const atom = feedXml('atom', 'https://akhbar.example/v1/search.atom?q=nothing', input);
  t.equal(parser.parse(atom).feed.updated, '2026-12-01T12:30:00.000Z', 'atom: <updated> is the minute of the request');
  t.equal(feedXml('atom', 'https://akhbar.example/v1/search.atom?q=nothing', { ...input, now: at + 15_000 }), atom, 'the same bytes later in that minute (ETag)');
  t.not(feedXml('atom', 'https://akhbar.example/v1/search.atom?q=nothing', { ...input, now: at + 60_000 }), atom, 'the next minute says so');
  const back = await parseFeed(Buffer.from(atom));
  t.same(back.items, [], 'and it reads back as a feed with no items');
});

t.test('one list syntax for the gateway and the web UI: the gateway refuses what the UI reads as well as it can', async (t) => {
  const bylines = ['Doe, Jane', 'Reuters', 'He said "no"', 'Omar Saleh'];
  const written = bylines.map(listValue).join(',');
  t.same(listItems('author', written), bylines, 'values written as a list come back whole');
  t.same(splitList(written), { items: bylines }, 'and the web UI reads the same values, no problem reported');
  t.same(splitList(' ar , ,en '), { items: ['ar', 'en'] }, 'trimmed, empties dropped');
  for (const [list, items, problem, says] of [
    ['"Doe, Jane', ['Doe, Jane'], 'unclosed', /no closing quote/],
    ['"Doe, Jane" Reuters,AFP', ['Doe, Jane', 'AFP'], 'trailing', /text after a quoted value/],
    [`"${'x'.repeat(129)}",AFP`, ['x'.repeat(129), 'AFP'], 'long', /longer than 128 characters/],
  ] as const) {
    t.same(splitList(list), { items, problem }, `the UI reads ${problem} as well as it can`);
    t.throws(() => listItems('author', list), { message: says, details: { param: 'author' } }, `the gateway refuses ${problem}, naming the parameter`);
  }
});

t.test('WebSub pushes are taken only with the HMAC of their body under the subscription\'s secret', async (t) => {
  const body = Buffer.from('<rss version="2.0"><channel><title>Basra Wire</title></channel></rss>');
  const sig = (alg: string, secret: string, b = body) => `${alg}=${createHmac(alg, secret).update(b).digest('hex')}`;
  const sub = { secret: 'current-secret' };
  for (const alg of ['sha1', 'sha256', 'sha384', 'sha512']) t.ok(signedBy(sig(alg, 'current-secret'), body, sub), alg);
  t.ok(signedBy(sig('sha256', 'current-secret').toUpperCase().replace('SHA256=', 'sha256='), body, sub), 'hex in either case');
  t.notOk(signedBy(sig('sha256', 'another-secret'), body, sub), 'another secret');
  t.notOk(signedBy(sig('sha256', 'current-secret', Buffer.from('<rss/>')), body, sub), 'another body');
  t.notOk(signedBy(undefined, body, sub), 'no signature');
  t.notOk(signedBy('md5=abc', body, sub), 'an algorithm WebSub does not name');
  t.notOk(signedBy('sha256=', body, sub), 'empty');
  t.notOk(signedBy(sig('sha256', 'current-secret').slice(0, -2), body, sub), 'cut short');
  t.ok(signedBy(sig('sha256', 'old-secret'), body, { secret: 'current-secret', previousSecret: 'old-secret' }), 'the secret a renewal replaces, while the hub catches up');
});

