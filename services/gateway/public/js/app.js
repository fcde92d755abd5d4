// The page's shell: state ⇄ URL (every view is a shareable permalink), the query box, filters
// and their chips, the view switch, the UI language, keyboard shortcuts.
import { api, once } from './api.js';
import { listValue, splitList } from './lists.js';
import { h, clear, setFeedAlternates } from './dom.js';
import { t, tNodes, brand, setUiLang, uiLang, translatePage, langName, countryName, fmtNumber, fmtDate, listSep, UI_LANGS, AUTONYMS } from './i18n.js';
import * as searchView from './search.js';
import * as dashboardView from './dashboard.js';
import * as feedsView from './feeds.js';
import * as alertsView from './alerts.js';
import * as entityView from './entity.js';
import * as articleView from './article.js';
import * as sourceView from './source.js';
import * as sourcesView from './sources.js';
import * as similarView from './similar.js';
import * as authorView from './author.js';
import * as storyView from './story.js';

/** Search filters, in the order their chips show. Each is a comma list in the URL and the API. */
export const FILTERS = ['story', 'lang', 'topic', 'source', 'collection', 'author', 'category', 'country', 'entity', 'allEntities', 'speaker', 'office', 'from', 'to'];
/** Tone bounds, one number each, as the API takes them (toneMax=-2: clearly negative coverage). */
export const TONE = ['toneMin', 'toneMax'];
/**
 * Where the articles are about, as the API takes it: near (a place id, a place name or lat,lon)
 * with its radius (50km, 30mi), and bbox (west,south,east,north). Not comma lists of values: each
 * is one chip.
 */
export const GEO = ['near', 'radius', 'bbox'];
/** The radius the API takes when near has none, and the one a map bubble asks for. */
export const DEFAULT_RADIUS = '50km';
/**
 * The period selector's choices: the last hours, days or year, as the API's date math takes them
 * (from=now-7d, no to), each with how it is said.
 */
const PERIODS = { '24h': ['period.hours', 24], '7d': ['period.days', 7], '30d': ['period.days', 30], '1y': ['period.year', 1] };
/** The preset a date value is (now-7d → 7d), if it is one. */
function presetOf(value) {
  const p = /^now-(\w+)$/.exec(value ?? '')?.[1];
  return p && PERIODS[p] ? p : undefined;
}
/** Which period `s` covers: '' (any time), a preset, or 'custom' (dates of its own). */
function periodOf(s) {
  if (!s.from && !s.to) return '';
  return (!s.to && presetOf(s.from)) || 'custom';
}
const periodLabel = (p) => t(PERIODS[p][0], { n: PERIODS[p][1] });
/** The tone selector's choices. */
const TONE_PRESETS = { neg: { toneMax: '-2' }, neutral: { toneMin: '-2', toneMax: '2' }, pos: { toneMin: '2' } };
const VIEWS = { search: searchView, dashboard: dashboardView, alerts: alertsView, feeds: feedsView, entity: entityView, article: articleView, source: sourceView, sources: sourcesView, similar: similarView, author: authorView, story: storyView };
/** Views that manage the server (admin token) rather than look at the news: no query panel. */
const ADMIN_VIEWS = new Set(['alerts', 'feeds']);
/**
 * Views about one thing (an entity's, a source's, an author's or an article's page, `id`): the
 * query box leads to the search view, and the filters, which they do not take, are folded away.
 */
const PAGE_VIEWS = new Set(['entity', 'article', 'source', 'author', 'story']);
/**
 * What the Quotations (show=quotes) ask of the quotations themselves, as /v1/quotes takes it: words
 * inside them (said), in quotation marks or reported (direct=true|false), from unnamed sources or
 * named ones (unnamed=true|false).
 */
export const QUOTE_KEYS = ['said', 'direct', 'unnamed'];
/** The agenda's own choices (show=agenda): its first and last day (YYYY-MM-DD or now+Nd), as /v1/agenda takes them. */
export const AGENDA_KEYS = ['start', 'end'];
/** Parameters that define a result set: changing one starts again from the first page. */
const QUERY_KEYS = new Set(['q', 'in', ...FILTERS, ...TONE, ...GEO, ...QUOTE_KEYS, ...AGENDA_KEYS, 'sort', 'group', 'show', 'window', 'rank', 'told']);
/** What the search view shows: the top stories, or the articles (search results, newest first without a query). */
const SHOWS = ['top', 'articles', 'images', 'quotes', 'agenda'];
const UI_STORE = 'akhbar.ui';

let state = {};
let controller;
/** The view rendered last. */
let shownView;
const $ = (id) => document.getElementById(id);

/** What the page knows about filter values: counts from the last facets, names of things. */
export const known = {
  facets: {},
  topics: [],
  sources: new Map(),
  /** The feeds' categories (GET /v1/collections), for the collection filter. */
  collections: [],
  countries: [],
  entityNames: new Map(),
  /** Story id → the title of an article of it the page showed (for the story filter's chip). */
  storyTitles: new Map(),
  /** An office id → its names, for its chip (learnt where the page shows an office). */
  officeNames: new Map(),
  /** A near= value that is no entity id (a place's name) → that place's names, for its chip. */
  placeNames: new Map(),
};

export function readState(search = location.search) {
  const p = new URLSearchParams(search);
  const s = { view: VIEWS[p.get('view')] ? p.get('view') : 'search' };
  // The entity a page view is about (view=entity&id=Q1530): it means nothing to the other views.
  if (PAGE_VIEWS.has(s.view) && p.get('id')) s.id = p.get('id');
  // The article a similar search reads (view=similar&url=…): a permalink, and what the bookmarklet opens.
  if (s.view === 'similar' && p.get('url')) s.url = p.get('url');
  for (const k of ['q', 'in', ...FILTERS, ...TONE, ...GEO, 'sort', 'cursor', 'trend', 'window', 'rank', 'told']) {
    const v = p.get(k);
    if (v) s[k] = v;
  }
  if (SHOWS.includes(p.get('show'))) s.show = p.get('show');
  if (p.get('said')?.trim()) s.said = p.get('said').trim();
  for (const k of ['direct', 'unnamed']) if (['true', 'false'].includes(p.get(k))) s[k] = p.get(k);
  for (const k of AGENDA_KEYS) if (/^(\d{4}-\d{2}-\d{2}|now(\+\d{1,3}d)?)$/.test(p.get(k) ?? '')) s[k] = p.get(k);
  // The dashboard's compared searches: a repeated parameter, as the API takes it.
  const compare = p.getAll('compare').map((c) => c.trim()).filter(Boolean);
  if (compare.length > 0) s.compare = compare;
  s.group = p.get('group') !== '0';
  return s;
}

/** The page URL of a state: only what differs from the defaults. */
export function urlOf(s) {
  const p = new URLSearchParams();
  if (s.view && s.view !== 'search') p.set('view', s.view);
  if (PAGE_VIEWS.has(s.view) && s.id) p.set('id', s.id);
  if (s.view === 'similar' && s.url) p.set('url', s.url);
  for (const k of ['q', 'in', ...FILTERS, ...TONE, ...GEO, 'sort', 'show', ...QUOTE_KEYS, ...AGENDA_KEYS, 'window', 'rank', 'told', 'trend', 'cursor']) if (s[k]) p.set(k, s[k]);
  for (const c of s.compare ?? []) p.append('compare', c);
  if (s.group === false) p.set('group', '0');
  const ui = new URLSearchParams(location.search).get('ui');
  if (ui) p.set('ui', uiLang());
  const qs = p.toString();
  return qs ? `/?${qs}` : '/';
}

/**
 * Whether the search view shows the top stories: when the user picked them, else on the landing
 * page (no query yet, and no page of articles asked for).
 */
export function showsTop(s = state) {
  return s.show ? s.show === 'top' : !s.q && !s.cursor;
}

/** The API parameters of the current filters (shared by search, top stories and dashboard). */
export function filterParams(s = state) {
  const out = {};
  if (s.q) out.q = s.q;
  // "In headlines only": where the query's words must be (in=title).
  if (s.q && s.in) out.in = s.in;
  for (const k of [...FILTERS, ...TONE]) if (s[k]) out[k] = s[k];
  // A radius means nothing without near.
  if (s.near) out.near = s.near;
  if (s.near && s.radius) out.radius = s.radius;
  if (s.bbox) out.bbox = s.bbox;
  return out;
}

/**
 * Move to a new state. A change of query, filters, sort or grouping drops the cursor; the
 * browser history gets an entry unless `replace`.
 */
export function navigate(patch, { replace = false, focus } = {}) {
  const next = { ...state, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined || v === '') delete next[k];
  if (!PAGE_VIEWS.has(next.view)) delete next.id;
  if (next.view !== 'similar') delete next.url;
  if (Object.keys(patch).some((k) => QUERY_KEYS.has(k)) && !('cursor' in patch)) {
    delete next.cursor;
    searchView.resetPages();
  }
  return go(next, { replace, focus });
}

/** Move to `next` as it is (nothing kept from the current state), with a history entry unless `replace`. */
function go(next, { replace = false, focus } = {}) {
  const url = urlOf(next);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  state = next;
  return render({ focus });
}

/**
 * Move to a fresh state: `next` alone, without the current query and filters (an entity's page is
 * about the entity, not about the search it was opened from; Back returns to that search).
 */
export function visit(next, opts = {}) {
  searchView.resetPages();
  return go({ group: true, ...next }, { focus: 'heading', ...opts });
}

/** The page URL of an entity's page: /?view=entity&id=Q1530 (and the UI language, when the URL has it). */
export function entityHref(id) {
  return urlOf({ view: 'entity', id });
}

/** Open an entity's page. */
export function openEntity(id, opts) {
  return visit({ view: 'entity', id }, opts);
}

/**
 * A click on one of the page's own links: handled in the page (`then`) unless the reader asked the
 * browser for a new tab or window (a modifier key, the middle button), which then opens the href.
 */
export function followLink(e, then) {
  if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
  e.preventDefault();
  void then();
}

/** A link to an entity's page, named `label`: a real link (a new tab opens it too), followed in the page. */
export function entityLink(id, label, attrs = {}) {
  return h('a', { href: entityHref(id), class: 'entity-link', dataset: { entity: id }, ...attrs, onclick: (e) => followLink(e, () => openEntity(id)) }, label);
}

/** The page URL of a source's page: /?view=source&id=… */
export function sourceHref(id) {
  return urlOf({ view: 'source', id });
}

/** Open a source's page. */
export function openSource(id, opts) {
  return visit({ view: 'source', id }, opts);
}

/** A link to a source's page around `label` (its name): a real link, followed in the page. */
export function sourceLink(id, label, attrs = {}) {
  return h('a', { href: sourceHref(id), class: 'source-link', dataset: { source: id }, ...attrs, onclick: (e) => followLink(e, () => openSource(id)) }, label);
}

/** A source's name (`{ id, name, domain }` as hits give it) as a link to its page; `cls` on the name. */
export function sourceName(source, cls = 'source') {
  const name = source.name || source.domain;
  return sourceLink(source.id, h('bdi', { class: cls }, name), { title: t('source.pageOf', { name }) });
}

/** The page URL of an author's page: /?view=author&id=<byline> */
export function authorHref(name) {
  return urlOf({ view: 'author', id: name });
}

/** A link to an author's page around `label`: a real link, followed in the page. */
export function authorLink(name, label, attrs = {}) {
  return h('a', { href: authorHref(name), class: 'author-link', dataset: { author: name }, ...attrs, onclick: (e) => followLink(e, () => visit({ view: 'author', id: name })) }, label);
}

/**
 * A list parameter's values, as the gateway reads them (lists.js: comma-separated, a value holding
 * a comma double-quoted, "" inside it one quote). A malformed one is read as well as it can be.
 */
export function listValues(str) {
  return splitList(str ?? '').items;
}

/** Values → a list parameter; one holding a comma (or starting with a quote) is quoted. */
export function listString(values) {
  return values.map(listValue).join(',');
}

/** Add a value to a list filter (from a dashboard bar, a map country…). */
export function addFilter(key, value, opts) {
  const cur = listValues(state[key]);
  if (cur.includes(value)) return render(opts);
  return navigate({ [key]: listString([...cur, value]) }, opts);
}

function removeFilterValue(key, value) {
  const rest = listValues(state[key]).filter((v) => v !== value);
  return navigate({ [key]: listString(rest) || undefined });
}

/** A filter value in words: a language, country, topic or source by its name, a date in the UI's format. */
export function filterLabel(key, value) {
  switch (key) {
    case 'lang':
      return langName(value);
    // An alert on edits: what an edit must change ("the headline"); any edit at all.
    case 'edited':
      return value === 'any' ? t('edit.any') : t(`edit.${value}`);
    case 'country':
      return countryName(value);
    case 'topic':
      return topicLabel(value);
    case 'source':
      return known.sources.get(value)?.name || value;
    case 'entity':
    case 'allEntities':
    case 'speaker':
      return known.entityNames.get(value)?.[uiLang()] ?? known.entityNames.get(value)?.name ?? value;
    case 'office':
      return known.officeNames.get(value)?.[uiLang()] ?? known.officeNames.get(value)?.en ?? value;
    case 'story': {
      // A permalink opened afresh knows no title: the id stands in, as for an unknown source.
      const title = known.storyTitles.get(value);
      return title ? (title.length > 60 ? `${title.slice(0, 59)}…` : title) : value;
    }
    case 'from':
    case 'to': {
      const preset = presetOf(value);
      if (preset) return periodLabel(preset);
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? fmtDate(`${value}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' }) : value;
    }
    default:
      return value;
  }
}

/** A near= value in words: a place the page knows by its name in the UI language, else as it is. */
function placeLabel(value) {
  const n = known.entityNames.get(value) ?? known.placeNames.get(value);
  return n?.[uiLang()] ?? n?.name ?? value;
}

/** A radius in words of the UI language: "50 km", "30 mi" (the API's default when none is given). */
export function radiusLabel(radius = DEFAULT_RADIUS) {
  const m = /^(\d+(?:\.\d+)?)\s*(km|mi)?$/i.exec(String(radius).trim());
  if (!m) return radius;
  return t(m[2]?.toLowerCase() === 'mi' ? 'geo.mi' : 'geo.km', { v: fmtNumber(Number(m[1])) });
}

/** Where the articles are about, in words: "Baghdad (50 km)". */
export function nearLabel(s) {
  return t('geo.near', { place: placeLabel(s.near), radius: radiusLabel(s.radius) });
}

/** A bbox in words: its four edges as given, in the UI's number format ("40, 29, 48, 38"). */
export function bboxLabel(bbox) {
  const parts = String(bbox).split(',');
  return parts.every((p) => p.trim() !== '' && Number.isFinite(Number(p))) ? parts.map((p) => fmtNumber(Number(p))).join(listSep()) : bbox;
}

/** Which tone choice `s` is: '' (any), a preset's name, or 'custom' (other bounds from a permalink). */
function tonePreset(s) {
  if (!s.toneMin && !s.toneMax) return '';
  const same = (a, b) => (a === undefined ? b === undefined : b !== undefined && Number(a) === Number(b));
  return Object.keys(TONE_PRESETS).find((k) => TONE.every((b) => same(TONE_PRESETS[k][b], s[b]))) ?? 'custom';
}

/** A tone range in words: "Negative (≤ -2)", or "at least 3" for bounds that are no preset. */
export function toneLabel(s) {
  const num = (v) => fmtNumber(Number(v));
  const preset = tonePreset(s);
  if (preset === 'neg') return t('tone.neg', { v: num(s.toneMax) });
  if (preset === 'pos') return t('tone.pos', { v: num(s.toneMin) });
  if (preset === 'neutral') return t('tone.neutral', { min: num(s.toneMin), max: num(s.toneMax) });
  if (s.toneMin && s.toneMax) return t('tone.between', { min: num(s.toneMin), max: num(s.toneMax) });
  return s.toneMin ? t('tone.atLeast', { v: num(s.toneMin) }) : t('tone.atMost', { v: num(s.toneMax) });
}

export function topicLabel(id) {
  const topic = known.topics.find((x) => x.id === id);
  return topic?.labels[uiLang()] ?? topic?.labels.en ?? id;
}

/** Remember entity names (per language) seen in hits and buckets, for chips and lists. */
export function learnEntity(e) {
  if (!e?.id) return;
  const cur = known.entityNames.get(e.id) ?? {};
  known.entityNames.set(e.id, { ...cur, name: e.name ?? cur.name, ...(e.names ?? {}) });
}

export function entityLabel(id, fallback) {
  const n = known.entityNames.get(id);
  return n?.[uiLang()] ?? fallback ?? n?.name ?? id;
}

// ---- the filter panel -------------------------------------------------------------------------

function countOf(facet, key) {
  return known.facets[facet]?.find((b) => b.key === key)?.count;
}

function fillSelect(select, key, options) {
  const value = state[key] ?? '';
  const opts = [h('option', { value: '' }, t('filters.any'))];
  const seen = new Set();
  for (const o of options) {
    if (seen.has(o.value)) continue;
    seen.add(o.value);
    opts.push(h('option', { value: o.value }, o.count !== undefined ? `${o.label} (${fmtNumber(o.count)})` : o.label));
  }
  // A list from a permalink (lang=ar,en) has no option of its own: show it as one.
  if (value && !seen.has(value)) opts.push(h('option', { value }, listValues(value).map((v) => filterLabel(key, v)).join(' + ')));
  select.replaceChildren(...opts);
  select.value = value;
}

const byLabel = (a, b) => a.label.localeCompare(b.label, uiLang());

function syncControls() {
  $('q').value = state.q ?? '';
  const langs = new Set(['ar', 'en', 'fr', ...(known.facets.langs ?? []).map((b) => b.key)]);
  for (const s of known.sources.values()) for (const l of s.langs ?? []) langs.add(l);
  fillSelect($('f-lang'), 'lang', [...langs].map((l) => ({ value: l, label: langName(l), count: countOf('langs', l) })).sort(byLabel));
  fillSelect($('f-topic'), 'topic', known.topics.map((x) => ({ value: x.id, label: topicLabel(x.id), count: countOf('topics', x.id) })));
  const sources = [...known.sources.values()].map((s) => ({ value: s.id, label: s.name || s.domain || s.id, count: countOf('sources', s.id) }));
  for (const b of known.facets.sources ?? []) sources.push({ value: b.key, label: b.name || b.domain || b.key, count: b.count });
  fillSelect($('f-source'), 'source', sources.sort(byLabel));
  // Collections are the feeds' categories: the field shows once some feed has one.
  fillSelect($('f-collection'), 'collection', known.collections.map((c) => ({ value: listString([c.name]), label: `${c.name} (${t('filters.collectionSources', { n: c.sources.length })})` })));
  $('f-collection').closest('.field').hidden = known.collections.length === 0 && !state.collection;
  const countries = new Set([...known.countries, ...(known.facets.countries ?? []).map((b) => b.key)]);
  const countryOpts = [...countries].map((c) => ({ value: c, label: countryName(c), count: countOf('countries', c) }));
  // Countries the current results mention come first, then every other country by name.
  countryOpts.sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || byLabel(a, b));
  fillSelect($('f-country'), 'country', countryOpts);
  const sort = $('f-sort');
  sort.replaceChildren(...['relevance', 'newest', 'oldest', 'negative', 'positive', 'edited'].map((m) => h('option', { value: m }, t(`sort.${m}`))));
  // The API's default: relevance with a query or a place (near= ranks what is about it first).
  sort.value = state.sort ?? (state.q || state.near ? 'relevance' : 'newest');
  const tone = $('f-tone');
  const preset = tonePreset(state);
  tone.replaceChildren(h('option', { value: '' }, t('tone.any')),
    ...Object.entries(TONE_PRESETS).map(([k, bounds]) => h('option', { value: k }, toneLabel(bounds))),
    preset === 'custom' ? h('option', { value: 'custom' }, toneLabel(state)) : null);
  tone.value = preset;
  const period = $('f-period');
  const p = periodOf(state);
  period.replaceChildren(h('option', { value: '' }, t('period.any')),
    ...Object.keys(PERIODS).map((k) => h('option', { value: k }, periodLabel(k))),
    p === 'custom' ? h('option', { value: 'custom' }, t('period.custom')) : null);
  period.value = p;
  for (const k of ['from', 'to']) {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(state[k] ?? '') ? state[k] : '';
    $(`f-${k}`).value = day;
    // The date picker is the browser's, in the Gregorian calendar; a Persian reader sees the day
    // chosen in the Solar Hijri calendar too, as their press dates it.
    const alt = $(`f-${k}-alt`);
    alt.textContent = day && uiLang() === 'fa' ? new Intl.DateTimeFormat('fa-IR', { calendar: 'persian', dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)) : '';
    alt.hidden = alt.textContent === '';
  }
  $('f-group').checked = state.group !== false;
  $('f-in-title').checked = state.in === 'title';
  // Controls for one part of the page only: the articles list (sort, grouping, dates), the
  // quotations (dates; always newest first, one item a quotation), top stories, a view.
  const part = state.view === 'search' ? (showsTop(state) ? 'top' : state.show === 'quotes' || state.show === 'agenda' ? state.show : 'articles') : state.view;
  for (const el of document.querySelectorAll('[data-only]')) el.hidden = !el.dataset.only.split(' ').includes(part);
  renderChips();
}

/** Stories whose title is being fetched for their chip (a permalink opened afresh). */
const storyLookups = new Set();

/** Learn the title of a story named in the URL, then label its chip with it. */
function learnStoryTitle(id) {
  if (known.storyTitles.has(id) || storyLookups.has(id)) return;
  storyLookups.add(id);
  api(`/v1/stories/${encodeURIComponent(id)}`, { params: { limit: 1 } })
    .then((story) => {
      const title = story.articles[0]?.title;
      if (!title) return;
      known.storyTitles.set(id, title);
      renderChips();
    })
    // No such story, or no answer: the chip keeps the id.
    .catch(() => undefined);
}

/** office= values whose names are being fetched for their chip. */
const officeLookups = new Set();

/**
 * Learn the name of an office an office= value names (a permalink opened afresh: an id, or a title
 * as a user typed it), then label its chip with it. One office only: a title several share keeps
 * its words.
 */
function learnOfficeName(value) {
  if (known.officeNames.has(value) || officeLookups.has(value)) return;
  officeLookups.add(value);
  api('/v1/offices', { params: { name: value } })
    .then((res) => {
      const [o] = res.offices;
      if (!o || res.offices.length > 1) return;
      known.officeNames.set(value, { ...o.names, en: o.names?.en ?? o.name });
      renderChips();
    })
    // No such office, or no answer: the chip keeps the value as it is.
    .catch(() => undefined);
}

/** near= values whose place names are being fetched for their chip. */
const placeLookups = new Set();

/**
 * Learn the names of the place a near= names (a permalink opened afresh, a place no result named
 * yet), then label its chip with them: /v1/entities?name= resolves an id or a name in any language
 * as near= does. A point (lat,lon) has no name to learn.
 */
function learnPlaceName(value) {
  if (known.entityNames.get(value)?.[uiLang()] || known.placeNames.has(value) || placeLookups.has(value)) return;
  if (/^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$/.test(value)) return;
  placeLookups.add(value);
  api('/v1/entities', { params: { name: value } })
    .then((res) => {
      const e = res.entities.find((x) => x.location) ?? res.entities[0];
      if (!e) return;
      if (e.id === value) learnEntity(e);
      else known.placeNames.set(value, { name: e.name, ...(e.names ?? {}) });
      renderChips();
    })
    // Not a place the gateway knows, or no answer: the chip keeps the value as it is.
    .catch(() => undefined);
}

/** A removable chip: `label` in words, `dataset` saying which filter it is, `remove` on click. */
function chip(label, dataset, remove, attrs = {}) {
  return h('button', { type: 'button', class: 'chip', 'aria-label': t('filters.remove', { label }), dataset, onclick: remove, ...attrs },
    h('span', {}, label), h('span', { 'aria-hidden': 'true', class: 'x' }, '×'));
}

/** q → how the gateway read it (GET /v1/query), for the chips of the filters written into it; null while asked. */
const queryReadings = new Map();

/**
 * How the gateway read `q`: its filters (lang:ar, -domain:…, tone<-2), the text left and how its
 * operators group, or null until known. The gateway's own reader answers, so the page never parses
 * the query language itself; a q with no ':', no tone bound and no OR has nothing to show and is
 * not asked about.
 */
function queryReading(q) {
  if (!q || !/:|tone\s*[<>]|\bOR\b|\|/i.test(q)) return null;
  if (!queryReadings.has(q)) {
    queryReadings.set(q, null);
    api('/v1/query', { params: { q } })
      .then((reading) => {
        queryReadings.set(q, reading);
        if (state.q === q) renderChips();
      })
      // A q that cannot be read: the search says why; no chips.
      .catch(() => undefined);
  }
  return queryReadings.get(q);
}

/** A filter written into q in words, as its chip shows it: "Language: Arabic", "Not from: example.com". */
function queryFilterLabel({ param, value }) {
  switch (param) {
    case 'toneMin':
    case 'toneMax':
      return `${t('filters.tone')}: ${toneLabel({ [param]: value })}`;
    case 'excludeSource':
      return `${t('filters.notFrom')}: ${filterLabel('source', value)}`;
    case 'excludeDomain':
      return `${t('filters.notFrom')}: ${value}`;
    case 'domain':
      return `${t('filters.domain')}: ${value}`;
    case 'in':
      return `${t('filters.in')}: ${t(`filters.in.${value}`)}`;
    case 'edited':
      return value === 'any' ? t('filters.edited') : `${t('filters.edited')}: ${t(`edit.${value}`)}`;
    case 'sourceCountry':
      return `${t('filters.sourceCountry')}: ${countryName(value)}`;
    default:
      return `${t(`filters.${param}`)}: ${filterLabel(param, value)}`;
  }
}

/** q with the filters written into it but `drop` left out: the text, then the other filters as written. */
function queryWithout(reading, drop) {
  return [reading.text, ...reading.filters.filter((f) => !drop.includes(f)).map((f) => f.written)].filter(Boolean).join(' ');
}

function renderChips() {
  const box = clear($('chips'));
  const chips = [];
  // The filters written into the search box, each removable from it like any other chip.
  const reading = queryReading(state.q);
  // OR mixed with other words groups left to right ("a OR b c" is "(a OR b) AND c"): say how it
  // was read, so nobody wonders why an article with only "a" is missing.
  if (reading?.reading && reading.reading.includes(' OR ') && reading.reading.includes('(')) {
    box.append(h('p', { class: 'q-reading', id: 'q-reading' }, ...tNodes('query.readAs', { reading: h('code', { dir: 'auto' }, reading.reading) })));
  }
  for (const f of reading?.filters ?? []) {
    const label = queryFilterLabel(f);
    chips.push(chip(label, { filter: f.param, value: f.value, written: f.written }, () => navigate({ q: queryWithout(reading, [f]) || undefined }), {
      class: 'chip in-query', title: t('filters.inQuery'), 'aria-label': t('filters.removeFromQuery', { label }),
    }));
  }
  for (const id of (state.story ?? '').split(',').filter(Boolean)) learnStoryTitle(id);
  if (state.near) learnPlaceName(state.near);
  for (const v of listValues(state.office)) learnOfficeName(v);
  const p = periodOf(state);
  for (const k of FILTERS) {
    // A preset period is one chip, said as the selector says it ("Period: Last 7 days").
    if (k === 'from' && p && p !== 'custom') {
      chips.push(chip(`${t('filters.period')}: ${periodLabel(p)}`, { filter: 'period', value: p }, () => navigate({ from: undefined })));
      continue;
    }
    for (const v of listValues(state[k])) {
      chips.push(chip(`${t(`filters.${k}`)}: ${filterLabel(k, v)}`, { filter: k, value: v }, () => removeFilterValue(k, v)));
    }
  }
  if (state.toneMin || state.toneMax) chips.push(chip(`${t('filters.tone')}: ${toneLabel(state)}`, { filter: 'tone' }, () => navigate({ toneMin: undefined, toneMax: undefined })));
  if (state.near) chips.push(chip(`${t('filters.near')}: ${nearLabel(state)}`, { filter: 'near', value: state.near }, () => navigate({ near: undefined, radius: undefined })));
  if (state.bbox) chips.push(chip(`${t('filters.bbox')}: ${bboxLabel(state.bbox)}`, { filter: 'bbox', value: state.bbox }, () => navigate({ bbox: undefined })));
  if (chips.length > 0) {
    const clearAll = {};
    for (const k of [...FILTERS, ...TONE, ...GEO]) clearAll[k] = undefined;
    if (reading?.filters.length) clearAll.q = reading.text ?? undefined;
    chips.push(h('button', { type: 'button', class: 'link', onclick: () => navigate(clearAll) }, t('filters.clear')));
  }
  box.append(...chips);
}

// ---- rendering --------------------------------------------------------------------------------

function setTitle() {
  const base = state.view === 'search' && showsTop(state) ? t('top.heading') : t(`title.${state.view}`);
  document.title = `${state.q && !ADMIN_VIEWS.has(state.view) ? `${state.q} — ` : ''}${base} · ${brand()}`;
}

async function render({ focus } = {}) {
  controller?.abort();
  controller = new AbortController();
  const signal = controller.signal;
  // body[data-ready] tells scripts and tests the view has finished loading.
  document.body.dataset.ready = '0';
  for (const [name] of Object.entries(VIEWS)) $(`view-${name}`).hidden = name !== state.view;
  $('query-panel').hidden = ADMIN_VIEWS.has(state.view);
  $('filters').hidden = PAGE_VIEWS.has(state.view);
  $('chips').hidden = PAGE_VIEWS.has(state.view);
  // A view left behind forgets what it showed only once (the secret of a new alert).
  if (shownView && shownView !== state.view) VIEWS[shownView].leave?.();
  shownView = state.view;
  for (const a of document.querySelectorAll('nav a[data-nav]')) {
    if (a.dataset.nav === state.view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
    // Links keep the query and filters, so switching views keeps what is being looked at.
    const target = { ...state, view: a.dataset.nav };
    delete target.cursor;
    a.href = urlOf(target);
  }
  setTitle();
  // The search view puts the feeds of what it shows in the head; the other views have none.
  if (state.view !== 'search') setFeedAlternates([]);
  syncControls();
  try {
    await VIEWS[state.view].render(state, { signal, focus });
  } catch (err) {
    if (err?.name !== 'AbortError') console.error(err);
  }
  await knownLoaded;
  if (!signal.aborted) {
    syncControls();
    document.body.dataset.ready = '1';
  }
}

export function rerenderControls() {
  syncControls();
}

function applyUiLang(lang) {
  setUiLang(lang);
  translatePage();
  // One button per other UI language, named in its own language (a reader who cannot read the
  // current one still finds theirs); that name is also its accessible name, the group says what
  // the buttons are, and the title says it in the current language.
  $('ui-switch').replaceChildren(...UI_LANGS.filter((l) => l !== lang).map((l) =>
    h('button', { type: 'button', lang: l, dataset: { ui: l }, title: t('ui.switchTo', { name: langName(l) }) }, AUTONYMS[l])));
}

function initialUiLang() {
  const fromUrl = new URLSearchParams(location.search).get('ui');
  if (fromUrl && UI_LANGS.includes(fromUrl)) {
    localStorage.setItem(UI_STORE, fromUrl);
    return fromUrl;
  }
  const stored = localStorage.getItem(UI_STORE);
  if (stored && UI_LANGS.includes(stored)) return stored;
  // The browser's first preferred language the UI speaks, else English.
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = String(l).split('-')[0].toLowerCase();
    if (UI_LANGS.includes(base)) return base;
  }
  return 'en';
}

/**
 * Completions under the query box from /v1/suggest (names of people, places and organisations in
 * any of their languages, and titles), as the browser's own list for the input: native keyboard
 * and screen-reader support, nothing to build. Asked 150 ms after the last keystroke; an older
 * answer never replaces a newer one.
 */
function wireSuggestions() {
  const input = $('q');
  const list = $('q-suggestions');
  let timer;
  let pending;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    pending?.abort();
    const prefix = input.value.trim();
    if (prefix.length < 2 || prefix.length > 100) return void list.replaceChildren();
    timer = setTimeout(async () => {
      pending = new AbortController();
      try {
        const { suggestions } = await api('/v1/suggest', { params: { prefix, limit: 8 }, signal: pending.signal });
        list.replaceChildren(...[...new Set(suggestions.map((s) => s.text))].map((text) => h('option', { value: text })));
      } catch {
        // An aborted or failed completion leaves the box as it is; the search itself still works.
      }
    }, 150);
  });
}

function wire() {
  wireSuggestions();
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = $('q').value.trim();
    const patch = { q: q || undefined };
    if (ADMIN_VIEWS.has(state.view) || PAGE_VIEWS.has(state.view)) patch.view = 'search';
    // A new query falls back to the default order for it unless the user chose one.
    if (!q && state.sort === 'relevance') patch.sort = undefined;
    void navigate(patch, { focus: 'results' });
  });
  for (const el of document.querySelectorAll('#filters [data-filter]')) {
    el.addEventListener('change', () => {
      const key = el.dataset.filter;
      if (key === 'group') return void navigate({ group: el.checked });
      if (key === 'in') return void navigate({ in: el.checked ? 'title' : undefined });
      if (key === 'period') {
        if (el.value === 'custom') return;
        return void navigate({ from: el.value ? `now-${el.value}` : undefined, to: undefined });
      }
      if (key === 'tone') {
        if (el.value === 'custom') return;
        const bounds = TONE_PRESETS[el.value] ?? {};
        return void navigate({ toneMin: bounds.toneMin, toneMax: bounds.toneMax });
      }
      return void navigate({ [key]: el.value || undefined });
    });
  }
  for (const a of document.querySelectorAll('a[data-nav]')) {
    a.addEventListener('click', (e) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      const patch = { view: a.dataset.nav, cursor: undefined };
      if (a.classList.contains('brand')) for (const k of [...QUERY_KEYS, 'trend']) patch[k] = undefined;
      void navigate(patch, { focus: 'heading' });
    });
  }
  $('ui-switch').addEventListener('click', (e) => {
    const next = e.target.closest('button[data-ui]')?.dataset.ui;
    if (!next || next === uiLang()) return;
    localStorage.setItem(UI_STORE, next);
    applyUiLang(next);
    history.replaceState(null, '', urlOf(state));
    void render();
  });
  window.addEventListener('popstate', () => {
    state = readState();
    searchView.resetPages();
    void render();
  });
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const tag = e.target?.localName;
    const typing = tag === 'input' || tag === 'textarea' || tag === 'select' || e.target?.isContentEditable;
    if (e.key === '/' && !typing) {
      e.preventDefault();
      $('q').focus();
      $('q').select();
    } else if ((e.key === 'j' || e.key === 'k') && !typing && state.view === 'search') {
      e.preventDefault();
      searchView.moveFocus(e.key === 'j' ? 1 : -1);
    }
  });
  // Filters take the whole width on a phone: start them folded there.
  const narrow = window.matchMedia('(max-width: 40rem)');
  $('filters').open = !narrow.matches;
}

async function loadKnown() {
  const [topics, sources, world, collections] = await Promise.allSettled([once('/ui/topics.json'), once('/v1/sources', { limit: 1000 }), once('/ui/world.json'), once('/v1/collections')]);
  if (topics.status === 'fulfilled') known.topics = topics.value.topics;
  if (collections.status === 'fulfilled') known.collections = collections.value.collections;
  if (sources.status === 'fulfilled') for (const s of sources.value.sources) known.sources.set(s.id, s);
  if (world.status === 'fulfilled') known.countries = [...world.value.shapes.map((s) => s.id), ...world.value.points.map((p) => p.id)];
}

/** Settles when topics, sources and the country list have loaded (or failed to). */
let knownLoaded = Promise.resolve();

/** Settles when the topics, sources and countries have loaded (or failed to): for a view that names them. */
export function knownReady() {
  return knownLoaded;
}

/** Load the filter lists again (after the user gave an API key). */
export function reloadKnown() {
  knownLoaded = loadKnown();
  return knownLoaded;
}

async function main() {
  applyUiLang(initialUiLang());
  state = readState();
  wire();
  // The view does not wait for the filter lists; they fill in when they arrive.
  void reloadKnown();
  await render();
}

void main();
