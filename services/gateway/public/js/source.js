// A source's page (view=source&id=…, Media Cloud's source page): a news outlet by its name, its
// site, country, collection and feed, and how it covers the news — how many articles, how many in
// the last 30 days, first and last seen, their average tone, its output over the last 30 days, in
// which languages, on which topics, by which authors, the people, organisations and places it
// names (each a link to its page), and its newest articles. From /v1/sources/:id and
// /v1/stats/timeline?source=, each card on its own: a failing call leaves the others standing.
import { api, ApiError } from './api.js';
import { h, put, safeHref } from './dom.js';
import { t, brand, fmtNumber, fmtDateTime, langName, countryName, UI_LANGS } from './i18n.js';
import { learnEntity, entityLabel, entityHref, openEntity, visit, urlOf, topicLabel, followLink, knownReady, known } from './app.js';
import { timelineChart, barList, toneBadge } from './charts.js';
import { hitItem } from './search.js';
import { timeZone, body, busy, fill, failed } from './dashboard.js';

const $ = (id) => document.getElementById(id);
/** Cards filled from the source's own call; the timeline card has a call of its own. */
const CARDS = ['source-langs', 'source-topics', 'source-authors', 'source-people', 'source-orgs', 'source-places', 'source-articles'];
const LIMIT = 10;
const ARTICLES = 10;
/** The period of the output timeline, and of "in the last 30 days". */
const DAYS = 30;

const muted = (key) => h('p', { class: 'muted' }, t(key));
const sep = () => h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ');

function setTitle(name) {
  document.title = `${name} · ${brand()}`;
}

/** The search view's state for this source's articles, narrowed by `extra` (a language, a topic, an author). */
function searchOf(id, extra = {}) {
  return { view: 'search', show: 'articles', source: id, ...extra };
}

/** "Search its articles" and "Alert me about it": real links, followed in the page. */
function actions(id) {
  const search = $('source-search');
  search.href = urlOf(searchOf(id));
  search.onclick = (e) => followLink(e, () => visit(searchOf(id)));
  const alert = $('source-alert');
  alert.href = urlOf({ view: 'alerts', source: id });
  alert.onclick = (e) => followLink(e, () => visit({ view: 'alerts', source: id }, { focus: 'form' }));
}

export async function render(state, { signal, focus } = {}) {
  const id = state.id;
  const heading = $('source-heading');
  heading.replaceChildren(h('bdi', {}, id ? (known.sources.get(id)?.name || id) : t('entity.notFound')));
  $('source-facts').replaceChildren();
  $('source-summary').replaceChildren();
  if (focus) heading.focus();
  if (!id) return notFound(t('source.noId'));
  setTitle(known.sources.get(id)?.name || id);
  $('source-status').textContent = t('entity.loading');
  $('source-actions').hidden = false;
  $('source-cards').hidden = false;
  actions(id);
  $('h-source-timeline').textContent = t('entity.timeline', { n: DAYS });
  for (const c of ['source-timeline', ...CARDS]) busy(c);
  const guard = (cards, p) => p.catch((err) => {
    if (err?.name === 'AbortError') throw err;
    for (const card of [cards].flat()) failed(card, err);
  });
  await Promise.all([
    page(id, signal).catch((err) => {
      if (err?.name === 'AbortError') throw err;
      if (err instanceof ApiError && (err.status === 404 || err.status === 400)) return notFound(t('source.notFoundText', { id }));
      $('source-status').textContent = '';
      $('source-summary').replaceChildren(h('p', { class: 'error' }, t('error.generic', { message: err.message })));
      for (const card of CARDS) failed(card, err);
      return undefined;
    }),
    guard('source-timeline', timeline(id, signal)),
  ]);
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  return undefined;
}

/** No source by this id: say so, in place of the page. */
function notFound(text) {
  $('source-heading').replaceChildren(t('entity.notFound'));
  $('source-status').textContent = text;
  $('source-facts').replaceChildren();
  $('source-summary').replaceChildren();
  $('source-actions').hidden = true;
  $('source-cards').hidden = true;
  setTitle(t('entity.notFound'));
}

/** The source's own call: who it is, its numbers, its lists and its newest articles. */
async function page(id, signal) {
  const [res] = await Promise.all([
    api(`/v1/sources/${encodeURIComponent(id)}`, { params: { limit: LIMIT, articles: ARTICLES, names: UI_LANGS.join(',') }, signal }),
    knownReady(),
  ]);
  const { source } = res;
  for (const a of res.articles) for (const e of a.entities) learnEntity(e);
  setTitle(source.name);
  $('source-heading').replaceChildren(h('bdi', {}, source.name));
  $('source-status').textContent = res.total === 0 ? t('source.noArticles') : '';
  facts(source);
  summary(res);

  const toSearch = (extra) => ({ href: (item) => urlOf(searchOf(id, extra(item))), onFollow: (item) => visit(searchOf(id, extra(item))) });
  const list = (card, buckets, toItem, opts) => fill(card, buckets.length > 0 ? barList(buckets.map(toItem), opts) : muted('source.none'));
  const its = (item) => t('entity.itsArticles', { label: item.label });
  list('source-langs', res.langs, (b) => ({ key: b.key, label: langName(b.key), count: b.count }), { ...toSearch((item) => ({ lang: item.key })), pickLabel: its });
  list('source-topics', res.topics, (b) => ({ key: b.key, label: topicLabel(b.key), count: b.count }), { ...toSearch((item) => ({ topic: item.key })), pickLabel: its });
  list('source-authors', res.authors, (b) => ({ key: b.name ?? b.key, label: b.name ?? b.key, count: b.count }), { ...toSearch((item) => ({ author: item.key })), pickLabel: its });
  // Named in its articles: each opens its own page.
  const named = (b) => {
    learnEntity({ id: b.key, name: b.name, ...(b.names ? { names: b.names } : {}) });
    return { key: b.key, label: entityLabel(b.key, b.name), count: b.count };
  };
  const rel = { href: (item) => entityHref(item.key), onFollow: (item) => openEntity(item.key), pickLabel: (item) => t('entity.profileOf', { name: item.label }) };
  for (const [card, key] of [['source-people', 'people'], ['source-orgs', 'orgs'], ['source-places', 'places']]) {
    fill(card, res.related[key].length > 0 ? barList(res.related[key].map(named), rel) : muted('source.none'));
  }
  fill('source-articles', res.articles.length > 0
    ? h('ol', { class: 'results' }, res.articles.map((hit, i) => hitItem(hit, i, {}, 'source-hit')))
    : muted('source.noArticles'));
}

/** "example.com · Iraq · Collection: Iraq · Its feed": its site, country, collection and feed. */
function facts(source) {
  const site = safeHref(`https://${source.domain}/`);
  const feed = safeHref(source.feedUrl);
  const collection = source.collection ? { view: 'search', show: 'articles', collection: source.collection } : undefined;
  put($('source-facts'),
    site && source.domain ? h('a', { href: site, class: 'source-site', rel: 'noopener noreferrer', target: '_blank', dir: 'ltr' }, source.domain) : null,
    source.country ? [sep(), h('span', { class: 'source-country', dataset: { country: source.country } }, countryName(source.country))] : null,
    collection ? [sep(), h('a', { href: urlOf(collection), class: 'source-collection', onclick: (e) => followLink(e, () => visit(collection)) }, t('source.collection', { name: source.collection }))] : null,
    feed ? [sep(), h('a', { href: feed, class: 'source-feed', rel: 'noopener noreferrer', target: '_blank' }, t('source.feed'))] : null);
}

/** Its numbers: articles, in the last 30 days (and a day on average), first and last seen, average tone. */
function summary(res) {
  const item = (stat, label, value) => h('div', { dataset: { stat } }, h('dt', {}, label), h('dd', {}, value));
  const when = (iso) => h('time', { datetime: iso }, fmtDateTime(iso));
  $('source-summary').replaceChildren(h('dl', { class: 'entity-stats' },
    item('total', t('entity.articles'), h('span', { dataset: { count: String(res.total) } }, t('results.count', { n: res.total }))),
    item('last30', t('source.last30', { n: DAYS }), h('span', { dataset: { count: String(res.last30Days) } },
      t('results.count', { n: res.last30Days }), res.last30Days > 0 ? ` (${t('source.perDay', { n: fmtNumber(Math.round((res.last30Days / DAYS) * 10) / 10) })})` : '')),
    res.firstSeen ? item('first', t('entity.firstSeen'), when(res.firstSeen)) : null,
    res.lastSeen ? item('last', t('entity.lastSeen'), when(res.lastSeen)) : null,
    typeof res.tone === 'number' ? item('tone', t('entity.tone'), toneBadge(res.tone, t('source.toneTitle', { min: fmtNumber(-100), max: fmtNumber(100) }))) : null));
}

/** Its output over the last 30 days, a bar a day by language: the dashboard's timeline. */
async function timeline(id, signal) {
  const res = await api('/v1/stats/timeline', { params: { source: id, from: `now-${DAYS}d`, interval: 'day', split: 'lang', splitSize: 6, tz: timeZone() }, signal });
  fill('source-timeline', res.total > 0 ? timelineChart(res, { seriesLabel: langName, width: body('source-timeline').clientWidth }) : muted('source.noRecent'));
}
