import t from 'tap';
import { AkhbarError } from '@akhbar/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Feed } from 'feed';
import { CursorCodec, queryFingerprint } from '../src/cursor.ts';
import { defaultEntityLookup } from '../src/entities.ts';
import { expandQuery, positiveWords } from '../src/expand.ts';
import { dateValue, toFilters } from '../src/params.ts';
import { chooseInterval } from '../src/routes/stats.ts';
import { buildWorldMap } from '../src/routes/web.ts';
import { presentSuggestions } from '../src/suggest.ts';
import { atomWithPoints } from '../src/syndication.ts';

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
  t.same(positiveWords('(a OR'), [], 'grouped queries are not split');
  t.same(positiveWords('-x'), []);
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
  t.same(strip(expandQuery('Mustafa al-Kadhimi', lookup).expansion?.alternatives), [{ ids: ['mustafa-al-kadhimi'], residual: '' }], 'every word of a multi-word name is part of the mention');
  // Chinese runs names and words together: the name is cut out, the rest must still match.
  t.same(strip(expandQuery('卡迪米访问', lookup).expansion?.alternatives), [{ ids: ['mustafa-al-kadhimi'], residual: '访问' }], 'a name inside a run of Han characters');
  t.same(strip(expandQuery('卡迪米访问巴格达', lookup).expansion?.alternatives), [{ ids: ['mustafa-al-kadhimi', 'Q1530'], residual: '访问' }], 'two names in one run');
  t.same(strip(expandQuery('卡迪米', lookup).expansion?.alternatives), [{ ids: ['mustafa-al-kadhimi'], residual: '' }]);
  const neg = expandQuery('Washington -Kadhimi', lookup);
  t.notOk(neg.entities.some((e) => e.id === 'mustafa-al-kadhimi'), 'excluded names are not expanded');
  t.match(neg.expansion?.alternatives[0]?.residual, /-Kadhimi/, 'exclusions stay in the residual');
  const or = expandQuery('Kadhimi OR Sudani', lookup).expansion?.alternatives.map((a) => a.ids);
  t.same(or, [['mustafa-al-kadhimi'], ['mohammed-shia-al-sudani']], 'one alternative per OR-branch');
  t.same(expandQuery('(Kadhimi OR Sudani) oil', lookup).entities, [], 'grouped queries are searched as written');
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
