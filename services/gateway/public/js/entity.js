// An entity's page (view=entity&id=…): a person, organisation, place or country by its name in the
// interface's language, what it is and where, and how the news covers it — how many articles,
// first and last seen, their average tone, its coverage over the last 30 days, in which languages,
// by which sources, on which topics, who and what is named with it (each a link to its own page),
// and its newest articles. From /v1/entities/:id and /v1/stats/timeline?entity=, each card on its
// own, as on the dashboard: a failing call leaves the other cards standing.
import { api, ApiError } from './api.js';
import { h, safeHref } from './dom.js';
import { t, brand, fmtNumber, fmtDateTime, langName, countryName, uiLang, UI_LANGS } from './i18n.js';
import { learnEntity, entityLabel, entityHref, openEntity, visit, urlOf, topicLabel, followLink, knownReady } from './app.js';
import { timelineChart, barList, toneBadge } from './charts.js';
import { hitItem } from './search.js';
import { timeZone, body, busy, fill, failed } from './dashboard.js';

const $ = (id) => document.getElementById(id);
/** Cards filled from the entity's own call; the timeline card has a call of its own. */
const CARDS = ['entity-langs', 'entity-sources', 'entity-topics', 'entity-authors', 'entity-people', 'entity-orgs', 'entity-places', 'entity-articles'];
/** Rows per list, and newest articles shown. */
const LIMIT = 10;
const ARTICLES = 10;
/** The period of the coverage timeline. */
const DAYS = 30;
const TYPES = new Set(['person', 'org', 'place', 'country']);


const muted = (key) => h('p', { class: 'muted' }, t(key));

/** The entity's name in the interface's language: its own name there, a country's by its code, else its display name. */
function nameOf(entity) {
  return entity.names?.[uiLang()] ?? (entity.type === 'country' && entity.country ? countryName(entity.country) : entity.name);
}

function setTitle(name) {
  document.title = `${name} · ${brand()}`;
}

/** The search view's state for this entity's articles, narrowed by `extra` (a language, a source, a topic). */
function searchOf(id, extra = {}) {
  return { view: 'search', show: 'articles', entity: id, ...extra };
}

/** "Search its articles" and "Alert me about it": real links, followed in the page. */
function actions(id) {
  const search = $('entity-search');
  search.href = urlOf(searchOf(id));
  search.onclick = (e) => followLink(e, () => visit(searchOf(id)));
  const alert = $('entity-alert');
  alert.href = urlOf({ view: 'alerts', entity: id });
  alert.onclick = (e) => followLink(e, () => visit({ view: 'alerts', entity: id }, { focus: 'form' }));
}

export async function render(state, { signal, focus } = {}) {
  const id = state.id;
  const heading = $('entity-heading');
  // Until the page comes: the name the page already knows (from a result it showed), else the id.
  heading.replaceChildren(h('bdi', {}, id ? entityLabel(id) : t('entity.notFound')));
  $('entity-facts').replaceChildren();
  $('entity-summary').replaceChildren();
  if (focus) heading.focus();
  if (!id) return notFound(id);
  setTitle(entityLabel(id));
  $('entity-status').textContent = t('entity.loading');
  $('entity-actions').hidden = false;
  $('entity-cards').hidden = false;
  actions(id);
  $('h-entity-timeline').textContent = t('entity.timeline', { n: DAYS });
  for (const c of ['entity-timeline', ...CARDS]) busy(c);
  const guard = (cards, p) => p.catch((err) => {
    if (err?.name === 'AbortError') throw err;
    for (const card of [cards].flat()) failed(card, err);
  });
  await Promise.all([
    page(id, signal).catch((err) => {
      if (err?.name === 'AbortError') throw err;
      if (err instanceof ApiError && err.status === 404) return notFound(id);
      $('entity-status').textContent = '';
      $('entity-summary').replaceChildren(h('p', { class: 'error' }, t('error.generic', { message: err.message })));
      for (const card of CARDS) failed(card, err);
    }),
    guard('entity-timeline', timeline(id, signal)),
  ]);
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
}

/** No entity by this id: say so, in place of the page. */
function notFound(id) {
  $('entity-heading').replaceChildren(t('entity.notFound'));
  $('entity-status').textContent = id ? t('entity.notFoundText', { id }) : t('entity.noId');
  $('entity-facts').replaceChildren();
  $('entity-summary').replaceChildren();
  $('entity-actions').hidden = true;
  $('entity-cards').hidden = true;
  setTitle(t('entity.notFound'));
}

/** The entity's own call: who it is, its numbers, its lists and its newest articles. */
async function page(id, signal) {
  // The topics by their names in the UI language: the page waits for their list as well.
  const [res] = await Promise.all([
    api(`/v1/entities/${encodeURIComponent(id)}`, { params: { limit: LIMIT, articles: ARTICLES, names: UI_LANGS.join(',') }, signal }),
    knownReady(),
  ]);
  const { entity } = res;
  learnEntity(entity);
  for (const a of res.articles) for (const e of a.entities) learnEntity(e);
  const name = nameOf(entity);
  setTitle(name);
  $('entity-heading').replaceChildren(h('bdi', {}, name));
  $('entity-status').textContent = res.total === 0 ? t('entity.noArticles') : '';
  facts(entity);
  summary(res);

  const toSearch = (extra) => ({ href: (item) => urlOf(searchOf(id, extra(item))), onFollow: (item) => visit(searchOf(id, extra(item))) });
  const list = (card, buckets, toItem, opts) => fill(card, buckets.length > 0 ? barList(buckets.map(toItem), opts) : muted('dash.empty'));
  list('entity-langs', res.langs, (b) => ({ key: b.key, label: langName(b.key), count: b.count }),
    { ...toSearch((item) => ({ lang: item.key })), pickLabel: (item) => t('entity.itsArticles', { label: item.label }) });
  list('entity-sources', res.sources, (b) => ({ key: b.key, label: b.name || b.domain || b.key, count: b.count }),
    { ...toSearch((item) => ({ source: item.key })), pickLabel: (item) => t('entity.itsArticles', { label: item.label }) });
  list('entity-topics', res.topics, (b) => ({ key: b.key, label: topicLabel(b.key), count: b.count }),
    { ...toSearch((item) => ({ topic: item.key })), pickLabel: (item) => t('entity.itsArticles', { label: item.label }) });
  // Bylines as written (counted in any case); many feeds give none.
  list('entity-authors', res.authors, (b) => ({ key: b.name ?? b.key, label: b.name ?? b.key, count: b.count }),
    { ...toSearch((item) => ({ author: item.key })), pickLabel: (item) => t('entity.itsArticles', { label: item.label }) });
  // Named with it: each opens its own page.
  const related = (b) => {
    learnEntity({ id: b.key, name: b.name, ...(b.names ? { names: b.names } : {}) });
    return { key: b.key, label: entityLabel(b.key, b.name), count: b.count };
  };
  const rel = { href: (item) => entityHref(item.key), onFollow: (item) => openEntity(item.key), pickLabel: (item) => t('entity.profileOf', { name: item.label }) };
  for (const [card, key] of [['entity-people', 'people'], ['entity-orgs', 'orgs'], ['entity-places', 'places']]) {
    fill(card, res.related[key].length > 0 ? barList(res.related[key].map(related), rel) : muted('entity.noneRelated'));
  }
  fill('entity-articles', res.articles.length > 0
    ? h('ol', { class: 'results' }, res.articles.map((hit, i) => hitItem(hit, i, {}, 'entity-hit')))
    : muted('entity.noArticles'));
}

/** "Person · Iraq · Wikidata": what it is, its country, its Wikidata page. */
function facts(entity) {
  const sep = () => h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ');
  const parts = [h('span', { class: 'entity-type', dataset: { type: entity.type } }, t(TYPES.has(entity.type) ? `entity.type.${entity.type}` : 'entity.type.other'))];
  if (entity.country && entity.type !== 'country') parts.push(sep(), h('span', { class: 'entity-country', dataset: { country: entity.country } }, countryName(entity.country)));
  const wikidata = safeHref(entity.wikidata);
  if (wikidata) parts.push(sep(), h('a', { href: wikidata, class: 'wikidata', rel: 'noopener noreferrer', target: '_blank', lang: 'en' }, 'Wikidata'));
  $('entity-facts').replaceChildren(...parts);
}

/** Its numbers: articles, first and last seen, average tone. */
function summary(res) {
  const item = (stat, label, value) => h('div', { dataset: { stat } }, h('dt', {}, label), h('dd', {}, value));
  const when = (iso) => h('time', { datetime: iso }, fmtDateTime(iso));
  $('entity-summary').replaceChildren(h('dl', { class: 'entity-stats' },
    item('total', t('entity.articles'), h('span', { dataset: { count: String(res.total) } }, t('results.count', { n: res.total }))),
    item('last30', t('source.last30', { n: DAYS }), h('span', { dataset: { count: String(res.last30Days) } }, t('results.count', { n: res.last30Days }))),
    res.firstSeen ? item('first', t('entity.firstSeen'), when(res.firstSeen)) : null,
    res.lastSeen ? item('last', t('entity.lastSeen'), when(res.lastSeen)) : null,
    typeof res.tone === 'number' ? item('tone', t('entity.tone'), toneBadge(res.tone, t('entity.toneTitle', { min: fmtNumber(-100), max: fmtNumber(100) }))) : null));
}

/** Its coverage over the last 30 days, a bar a day by language: the dashboard's timeline. */
async function timeline(id, signal) {
  const res = await api('/v1/stats/timeline', { params: { entity: id, from: `now-${DAYS}d`, interval: 'day', split: 'lang', splitSize: 6, tz: timeZone() }, signal });
  fill('entity-timeline', res.total > 0 ? timelineChart(res, { seriesLabel: langName, width: body('entity-timeline').clientWidth }) : muted('entity.noRecent'));
}
