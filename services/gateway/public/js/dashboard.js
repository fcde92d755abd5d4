// The dashboard: timeline and tone over time, how the coverage feels (its tone spread), world
// map, top entities / topics / sources (each source with its average tone) and trending, all for
// the current query and filters. Every card loads on its own, so one slow or failing call leaves
// the others standing (the timeline and tone cards share one call). Clicking a bar (a tone band
// too), a country or a trending name narrows the filters; a place's circle on the map opens the
// articles near it.
import { api, apiHref, keyedDownload, once } from './api.js';
import { h, clear, safeHref } from './dom.js';
import { t, fmtNumber, langName, countryName, UI_LANGS } from './i18n.js';
import { navigate, addFilter, filterParams, known, learnEntity, entityLabel, entityLink, entityHref, openEntity, sourceLink, authorLink, topicLabel, knownReady, listString, listValues, DEFAULT_RADIUS } from './app.js';
import { timelineChart, compareChart, toneChart, toneSpread, barList, toneBadge, networkGraph } from './charts.js';
import { worldMap } from './map.js';

const $ = (id) => document.getElementById(id);
const WINDOWS = ['24h', '3d', '7d'];
const DAY = 86_400_000;

// A card (the dashboard's, the entity page's): a section with a .card-body, filled on its own.
export function body(card) {
  return $(card).querySelector('.card-body');
}

export function busy(card) {
  const b = body(card);
  $(card).setAttribute('aria-busy', 'true');
  b.replaceChildren(h('p', { class: 'muted' }, t('dash.loading')));
}

export function fill(card, ...nodes) {
  $(card).removeAttribute('aria-busy');
  body(card).replaceChildren(...nodes.filter(Boolean));
}

export function failed(card, err) {
  if (err?.name === 'AbortError') return;
  fill(card, h('p', { class: 'error' }, t('error.generic', { message: err.message })));
}

const empty = () => h('p', { class: 'muted' }, t('dash.empty'));

/** Bucket size for the timeline when no start date is given: from the oldest matching article. */
export function intervalFor(oldestIso, now = Date.now()) {
  const span = now - Date.parse(oldestIso);
  if (span <= 3 * DAY) return 'hour';
  if (span <= 120 * DAY) return 'day';
  if (span <= 3 * 365 * DAY) return 'week';
  return 'month';
}

export function timeZone() {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return /^[A-Za-z]+(\/[A-Za-z0-9_+-]+){0,2}$/.test(tz ?? '') ? tz : 'UTC';
}

/** Searches the timeline compares with the query (the query itself is the first series). */
export const MAX_COMPARED = 5;

/**
 * The timeline and the tone card, from one /v1/stats/timeline call that asks for tone too. With
 * searches to compare (state.compare) and a query, one series per search (compare=) instead of
 * the split by language; the other filters apply to all, and the tone card stays the query's own.
 */
async function timeline(state, fp, signal) {
  const compare = fp.q && state.compare?.length ? [...new Set([fp.q, ...state.compare])].slice(0, MAX_COMPARED + 1) : undefined;
  // share: each bar's share of the coverage of the same sources, languages and dates. Compared,
  // the query is the first series rather than a filter on all of them.
  const params = { ...fp, ...(compare ? { q: undefined, compare } : { split: 'lang', splitSize: 6 }), tone: true, share: true, tz: timeZone() };
  if (!fp.from) {
    // The bars start at the first matching article (of any compared search), not at the
    // coverage's first (the histogram of a share spans the coverage).
    const firsts = await Promise.all((compare ?? [fp.q]).map((q) => api('/v1/search', { params: { ...fp, q, sort: 'oldest', limit: 1, highlight: false }, signal })));
    const dates = firsts.flatMap((r) => r.hits.map((hit) => hit.publishedAt)).sort();
    if (dates.length === 0) {
      $('dash-status').textContent = t('dash.total', { n: 0 });
      fill('card-tone', empty());
      return fill('card-timeline', empty(), compareForm(state));
    }
    params.interval = intervalFor(dates[0]);
    params.from = dates[0];
  }
  const res = await api('/v1/stats/timeline', { params, signal });
  // Compared: the query's own articles are the first series; the figures are its own.
  const own = res.compare ? { ...res, total: res.compare[0].total, tone: res.compare[0].tone, buckets: res.buckets.map((b) => ({ t: b.t, count: b.split?.[fp.q] ?? 0, tone: b.toneSplit?.[fp.q] ?? null })) } : res;
  $('dash-status').textContent = t('dash.total', { n: own.total });
  // The same figures as a file (/v1/stats/timeline.csv): one row per bar, a column per language (or per search).
  const csv = keyedDownload(h('a', { id: 'timeline-csv', href: apiHref('/v1/stats/timeline.csv', params), download: 'akhbar-timeline.csv' }, t('dash.timelineCsv')), (message) => {
    $('dash-status').textContent = t('results.exportFailed', { message });
  });
  const width = body('card-timeline').clientWidth;
  const chart = res.compare ? compareChart(res, { width }) : timelineChart(res, { seriesLabel: langName, width });
  fill('card-timeline', ...(res.total > 0 ? [chart, h('p', { class: 'export' }, csv)] : [empty()]), compareForm(state));
  const toned = own.buckets.some((b) => typeof b.tone === 'number');
  fill('card-tone', own.total === 0 ? empty() : toned ? toneChart(own, { width: body('card-tone').clientWidth }) : h('p', { class: 'muted' }, t('tone.none')));
}

/**
 * Under the timeline: another search to compare the query with over time (Media Cloud's compare),
 * and a chip for each compared one that stops comparing it. Without a query, a hint.
 */
function compareForm(state) {
  if (!state.q) return h('p', { class: 'muted compare-hint' }, t('dash.compareHint'));
  const others = (state.compare ?? []).filter((c) => c !== state.q);
  const full = others.length >= MAX_COMPARED;
  const input = h('input', { type: 'search', id: 'compare-q', name: 'compare', maxlength: 1000, dir: 'auto', disabled: full, placeholder: t('dash.comparePlaceholder') });
  const add = (e) => {
    e.preventDefault();
    const v = input.value.trim();
    if (!v || v === state.q || others.includes(v)) return;
    void navigate({ compare: [...others, v] });
  };
  const chips = others.map((c) => h('button', { type: 'button', class: 'chip', dataset: { compare: c }, 'aria-label': t('dash.compareRemove', { q: c }), onclick: () => navigate({ compare: others.filter((x) => x !== c) }) },
    h('bdi', {}, c), h('span', { 'aria-hidden': 'true', class: 'x' }, '×')));
  return h('form', { class: 'compare', id: 'compare-form', onsubmit: add },
    h('label', { for: 'compare-q' }, t('dash.compareWith')), input, h('button', { type: 'submit', disabled: full }, t('dash.compareAdd')),
    chips.length > 0 ? h('div', { class: 'compare-chips' }, ...chips) : null,
    full ? h('p', { class: 'muted' }, t('dash.compareFull', { n: MAX_COMPARED })) : null);
}

/** The matching articles in bins of tone (/v1/stats/tone); a bin narrows the filters to its band. */
async function spread(fp, signal) {
  const res = await api('/v1/stats/tone', { params: { ...fp, step: 1, articles: 1 }, signal });
  if (res.toned === 0) return fill('card-tone-spread', res.total === 0 ? empty() : h('p', { class: 'muted' }, t('tone.none')));
  const articleLink = (hit) => h('a', { href: safeHref(hit.url), rel: 'noopener noreferrer', target: '_blank', lang: hit.lang, dir: hit.dir }, hit.title);
  fill('card-tone-spread', toneSpread(res, {
    width: body('card-tone-spread').clientWidth,
    articleLink,
    // toneMax is inclusive: the band shows its bin and any article exactly on its upper edge.
    onPick: (b) => navigate({ toneMin: String(b.from), toneMax: String(b.to), cursor: undefined }),
  }));
}

/**
 * Beside an entity's bar (whose click filters by it): a small link to its page, named for it
 * ("Profile of Baghdad"), so the bar keeps its one action and the page is a real link.
 */
export function pageLink(item) {
  return entityLink(item.key, t('entity.profile'), { class: 'entity-link bar-page', 'aria-label': t('entity.profileOf', { name: item.label }), title: t('entity.profileOf', { name: item.label }) });
}

/** Beside a source's bar: a link to its page, as pageLink is to an entity's. */
function sourcePageLink(item) {
  return sourceLink(item.key, t('entity.profile'), { class: 'source-link bar-page', 'aria-label': t('entity.profileOf', { name: item.label }), title: t('entity.profileOf', { name: item.label }) });
}

/** Beside a byline's bar: a link to the author's page. */
export function authorPageLink(item) {
  return authorLink(item.key, t('entity.profile'), { class: 'author-link bar-page', 'aria-label': t('entity.profileOf', { name: item.label }), title: t('entity.profileOf', { name: item.label }) });
}

async function top(field, card, fp, signal, toItem, filterKey, extra = {}) {
  // The topics card labels its bars from the topic list: wait for it as well.
  const params = { ...fp, field, limit: 10, ...extra };
  const [res] = await Promise.all([api('/v1/stats/top', { params, signal }), knownReady()]);
  if (field !== 'entities') known.facets[field] = res.buckets;
  const items = res.buckets.map(toItem);
  // Many feeds give no byline: say so, rather than that nothing matches.
  const none = field === 'authors' && res.total > 0 ? h('p', { class: 'muted' }, t('dash.noAuthors')) : empty();
  if (items.length === 0) return fill(card, none);
  // The card's figures as a file (/v1/stats/top.csv), named for the card.
  const label = t('dash.csvOf', { title: $(card).querySelector('h3')?.textContent ?? field });
  const csv = keyedDownload(h('a', { class: 'card-csv', href: apiHref('/v1/stats/top.csv', params), download: `akhbar-top-${field}.csv`, 'aria-label': label, title: label }, 'CSV'), (message) => {
    $('dash-status').textContent = t('results.exportFailed', { message });
  });
  fill(card, barList(items, { onPick: (item) => addFilter(filterKey, item.key), pickLabel: (item) => t('dash.filterBy', { label: item.label }), extra: { entities: pageLink, speakers: pageLink, sources: sourcePageLink, authors: authorPageLink }[field] }), h('p', { class: 'export' }, csv));
}

/**
 * "First to report" (/v1/stats/first): of the stories two or more sources carry among what
 * matches, how many each source published first — "first on 3 of 8" — the outlets that break
 * the news, and those that follow. A bar filters by the source; the link beside opens its page.
 */
export async function firstReports(fp, signal, card = 'card-first') {
  const params = { ...fp, limit: 10 };
  const res = await api('/v1/stats/first', { params, signal });
  const items = res.sources.filter((s) => s.first > 0).map((s) => ({
    key: s.key,
    label: s.name || s.domain || s.key,
    count: s.first,
    badge: h('span', { class: 'first-of', dataset: { carried: String(s.carried) } }, t('dash.firstOf', { n: s.carried })),
  }));
  if (items.length === 0) return fill(card, h('p', { class: 'muted' }, t('dash.noFirst')));
  // The card's figures as a file (/v1/stats/first.csv), named for the card.
  const label = t('dash.csvOf', { title: $(card).querySelector('h3')?.textContent ?? '' });
  const csv = keyedDownload(h('a', { class: 'card-csv', href: apiHref('/v1/stats/first.csv', params), download: 'akhbar-first.csv', 'aria-label': label, title: label }, 'CSV'), (message) => {
    $('dash-status').textContent = t('results.exportFailed', { message });
  });
  fill(card, h('p', { class: 'muted card-note' }, t('dash.firstNote', { n: res.stories })),
    barList(items, { onPick: (item) => addFilter('source', item.key), pickLabel: (item) => t('dash.filterBy', { label: item.label }), extra: sourcePageLink }), h('p', { class: 'export' }, csv));
}

/**
 * "Named together": the pairs of people, places and organisations most often named in the same
 * matching articles (/v1/stats/network), each with how many, and the whole network as CSV (for
 * Gephi: its edges).
 */
async function named(fp, signal) {
  const params = { ...fp, field: 'entities', size: 15, names: UI_LANGS.join(',') };
  const res = await api('/v1/stats/network', { params, signal });
  for (const n of res.nodes) learnEntity(n);
  const pairs = res.edges.slice(0, 10).map((e) => ({ key: `${e.source}+${e.target}`, ids: [e.source, e.target], label: t('dash.pair', { a: entityLabel(e.source), b: entityLabel(e.target) }), count: e.count }));
  if (pairs.length === 0) return fill('card-network', h('p', { class: 'muted' }, t(res.total > 0 ? 'dash.networkNone' : 'dash.empty')));
  const label = t('dash.csvOf', { title: t('dash.network') });
  const csv = keyedDownload(h('a', { class: 'card-csv', href: apiHref('/v1/stats/network.csv', { ...params, names: undefined }), download: 'akhbar-network-entities.csv', 'aria-label': label, title: label }, 'CSV'), (message) => {
    $('dash-status').textContent = t('results.exportFailed', { message });
  });
  // A pair narrows the filters to the articles naming both (allEntities=, kept with any already there).
  const pick = (item) => navigate({ allEntities: listString([...new Set([...listValues(fp.allEntities), ...item.ids])]) });
  // The drawing (a name opens its page, a line narrows to the pair) beside the pairs in words.
  const graph = networkGraph(res.nodes, res.edges, {
    width: Math.min(760, body('card-network').clientWidth),
    labelOf: (n) => entityLabel(n.id, n.name),
    href: (n) => entityHref(n.id),
    onFollow: (n) => openEntity(n.id),
    onPair: (e) => pick({ ids: [e.source, e.target] }),
  });
  fill('card-network', h('div', { class: 'network-layout' }, graph, barList(pairs, { onPick: pick, pickLabel: (item) => t('dash.filterBy', { label: item.label }) })), h('p', { class: 'export' }, csv));
}

async function map(fp, signal) {
  // The places are an extra layer: without them (a failed call) the countries still show.
  const placesCall = api('/v1/stats/map', { params: { ...fp, by: 'place', limit: 100, names: UI_LANGS.join(',') }, signal })
    .catch((err) => {
      if (err.name === 'AbortError') throw err;
      return { features: [], error: err };
    });
  const [world, res, places] = await Promise.all([once('/ui/world.json'), api('/v1/stats/top', { params: { ...fp, field: 'countries', limit: 100 }, signal }), placesCall]);
  known.facets.countries = res.buckets;
  for (const f of places.features) learnEntity({ id: f.id, name: f.properties.name, names: f.properties.names });
  const pick = (id) => addFilter('country', id);
  // A place: the articles about it and around it, in the search view.
  const pickPlace = (id) => navigate({ view: 'search', show: 'articles', near: id, radius: DEFAULT_RADIUS, cursor: undefined }, { focus: 'heading' });
  const list = res.buckets.length > 0
    ? h('div', { class: 'map-top' }, h('h4', {}, t('map.list')),
        barList(res.buckets.slice(0, 8).map((b) => ({ key: b.key, label: countryName(b.key), count: b.count })), { onPick: (item) => pick(item.key), pickLabel: (item) => t('dash.filterBy', { label: item.label }) }))
    : null;
  fill('card-map', h('div', { class: 'map-layout' }, worldMap(world, res.buckets, pick, { places: places.features, onPlace: pickPlace }), list),
    places.error ? h('p', { class: 'error' }, t('error.generic', { message: places.error.message })) : null);
}

async function trending(state, fp, signal) {
  // Trending compares a recent window with a background: it takes no from/to.
  const rest = { ...fp };
  delete rest.from;
  delete rest.to;
  const window = WINDOWS.includes(state.trend) ? state.trend : '24h';
  const res = await api('/v1/trending', { params: { ...rest, window, limit: 8 }, signal });
  for (const e of res.entities) learnEntity({ id: e.key, name: e.name });
  const names = res.entities.map((e) => ({ key: e.key, label: entityLabel(e.key, e.name), count: e.count }));
  const terms = [...res.terms, ...res.keywords.filter((k) => !res.terms.some((x) => x.key === k.key))].slice(0, 8).map((x) => ({ key: x.key, label: x.key, count: x.count }));
  if (names.length === 0 && terms.length === 0) return fill('card-trending', h('p', { class: 'muted' }, t('dash.trendEmpty')));
  fill('card-trending',
    names.length > 0 ? h('div', { class: 'trend-part', id: 'trend-entities' }, h('h4', {}, t('dash.trendEntities')), barList(names, { onPick: (item) => addFilter('entity', item.key), pickLabel: (item) => t('dash.filterBy', { label: item.label }), extra: pageLink })) : null,
    terms.length > 0 ? h('div', { class: 'trend-part', id: 'trend-terms' }, h('h4', {}, t('dash.trendTerms')), barList(terms, { onPick: (item) => navigate({ q: item.key }), pickLabel: (item) => t('dash.filterBy', { label: item.label }) })) : null);
}

export async function render(state, { signal, focus } = {}) {
  const fp = filterParams(state);
  const sel = $('trend-window');
  sel.replaceChildren(...WINDOWS.map((w) => h('option', { value: w }, t(`dash.window.${w}`))));
  sel.value = WINDOWS.includes(state.trend) ? state.trend : '24h';
  sel.onchange = () => navigate({ trend: sel.value === '24h' ? undefined : sel.value });
  clear($('dash-status'));
  for (const c of ['card-timeline', 'card-tone', 'card-tone-spread', 'card-map', 'card-entities', 'card-network', 'card-topics', 'card-sources', 'card-first', 'card-authors', 'card-trending']) busy(c);
  if (focus) $('dash-heading').focus();
  const guard = (cards, p) => p.catch((err) => {
    for (const card of [cards].flat()) failed(card, err);
  });
  await Promise.all([
    guard(['card-timeline', 'card-tone'], timeline(state, fp, signal)),
    guard('card-tone-spread', spread(fp, signal)),
    guard('card-map', map(fp, signal)),
    guard('card-entities', top('entities', 'card-entities', fp, signal, (b) => {
      learnEntity({ id: b.key, name: b.name });
      return { key: b.key, label: entityLabel(b.key, b.name), count: b.count };
    }, 'entity')),
    guard('card-network', named(fp, signal)),
    guard('card-topics', top('topics', 'card-topics', fp, signal, (b) => ({ key: b.key, label: topicLabel(b.key), count: b.count }), 'topic')),
    // Each source's average tone over what matches, labelled like a result's; none when null.
    guard('card-sources', top('sources', 'card-sources', fp, signal, (b) => ({
      key: b.key,
      label: b.name || b.domain || b.key,
      count: b.count,
      badge: typeof b.tone === 'number' ? toneBadge(b.tone, t('dash.sourceToneTitle', { min: fmtNumber(-100), max: fmtNumber(100) })) : null,
    }), 'source', { tone: true })),
    // Bylines as their articles write them; a bar filters by that name (author= ignores case).
    guard('card-authors', top('authors', 'card-authors', fp, signal, (b) => ({ key: b.name || b.key, label: b.name || b.key, count: b.count }), 'author')),
    // Who is quoted in what matches (the people and organisations its quotations are attributed
    // to): a bar narrows to the articles quoting them; the link beside opens their page, with what they said.
    guard('card-speakers', top('speakers', 'card-speakers', fp, signal, (b) => {
      learnEntity({ id: b.key, name: b.name });
      return { key: b.key, label: entityLabel(b.key, b.name), count: b.count };
    }, 'speaker')),
    guard('card-first', firstReports(fp, signal)),
    guard('card-trending', trending(state, fp, signal)),
  ]);
  if (signal.aborted) throw new DOMException('aborted', 'AbortError');
}
