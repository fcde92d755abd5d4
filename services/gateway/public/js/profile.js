// What an entity's page and a source's page share. Both show a profile of a set of articles —
// /v1/entities/:id and /v1/sources/:id answer in one shape — in elements named `${prefix}-…`:
// the heading, facts, status, numbers, the two links (its articles, an alert), the output over
// the last 30 days by language, its languages, sources, topics and bylines (each a search of its
// articles), the people, organisations and places in it (each opening its page) and its newest
// articles. Each card fills on its own: a failing call leaves the others standing.
import { api, apiHref, ApiError, keyedDownload } from './api.js';
import { h } from './dom.js';
import { t, brand, fmtNumber, fmtDateTime, langName, UI_LANGS } from './i18n.js';
import { learnEntity, entityLabel, entityHref, authorHref, openEntity, visit, urlOf, topicLabel, followLink, knownReady, listString } from './app.js';
import { timelineChart, barList, toneBadge } from './charts.js';
import { followFeeds, hitItem } from './search.js';
import { timeZone, body, busy, fill, failed, authorPageLink, firstReports } from './dashboard.js';

const $ = (id) => document.getElementById(id);
/** Rows per list, and newest articles shown. */
const LIMIT = 10;
const ARTICLES = 10;
/** The period of the output timeline, and of "in the last 30 days". */
export const DAYS = 30;
/** The list cards a profile can have, each with the bucket list it shows. */
const LISTS = ['langs', 'sources', 'topics', 'authors'];
const NAMED = ['people', 'orgs', 'places'];

const muted = (key) => h('p', { class: 'muted' }, t(key));
const setTitle = (name) => {
  document.title = `${name} · ${brand()}`;
};

/**
 * A profile page: `prefix` its elements' names, `filter` the search parameter that selects its
 * articles (entity, source), `path` its API route, `words` its own texts (`noId`, `notFound`,
 * `noArticles`, `noRecent`, `none`, `noneRelated`, `toneTitle`), `show(res)` what only it shows
 * (its facts), returning its name; `first(id)`, when it has a "first to report" card, the
 * /v1/stats/first parameters of its stories.
 */
export function profilePage({ prefix, filter, path, words, show, first: firstOf }) {
  const cards = [...LISTS, ...NAMED, 'articles'].map((c) => `${prefix}-${c}`).filter((c) => $(c));
  /** Its filter: the id as a list parameter's one value (a byline may hold a comma). */
  const only = (id) => ({ [filter]: listString([id]) });
  /** The search view's state for its articles, narrowed by `extra` (a language, a topic, an author). */
  const searchOf = (id, extra = {}) => ({ view: 'search', show: 'articles', ...only(id), ...extra });

  function notFound(text) {
    $(`${prefix}-heading`).replaceChildren(t('entity.notFound'));
    $(`${prefix}-status`).textContent = text;
    $(`${prefix}-facts`).replaceChildren();
    $(`${prefix}-summary`).replaceChildren();
    $(`${prefix}-follow`).replaceChildren();
    $(`${prefix}-actions`).hidden = true;
    $(`${prefix}-cards`).hidden = true;
    setTitle(t('entity.notFound'));
  }

  /** "Search its articles" and "Alert me about it": real links, followed in the page. */
  function actions(id) {
    const search = $(`${prefix}-search`);
    search.href = urlOf(searchOf(id));
    search.onclick = (e) => followLink(e, () => visit(searchOf(id)));
    const alert = $(`${prefix}-alert`);
    alert.href = urlOf({ view: 'alerts', ...only(id) });
    alert.onclick = (e) => followLink(e, () => visit({ view: 'alerts', ...only(id) }, { focus: 'form' }));
  }

  /** Its numbers: articles, in the last 30 days (and a day on average), first and last seen, average tone. */
  function summary(res) {
    const item = (stat, label, value) => h('div', { dataset: { stat } }, h('dt', {}, label), h('dd', {}, value));
    const when = (iso) => h('time', { datetime: iso }, fmtDateTime(iso));
    const perDay = res.last30Days > 0 ? ` (${t('source.perDay', { n: Math.round((res.last30Days / DAYS) * 10) / 10 })})` : '';
    $(`${prefix}-summary`).replaceChildren(h('dl', { class: 'entity-stats' },
      item('total', t('entity.articles'), h('span', { dataset: { count: String(res.total) } }, t('results.count', { n: res.total }))),
      item('last30', t('source.last30', { n: DAYS }), h('span', { dataset: { count: String(res.last30Days) } }, t('results.count', { n: res.last30Days }), perDay)),
      res.firstSeen ? item('first', t('entity.firstSeen'), when(res.firstSeen)) : null,
      res.lastSeen ? item('last', t('entity.lastSeen'), when(res.lastSeen)) : null,
      typeof res.tone === 'number' ? item('tone', t('entity.tone'), toneBadge(res.tone, t(words.toneTitle, { min: fmtNumber(-100), max: fmtNumber(100) }))) : null,
      // Of its articles, those their site edited after publishing (and whose headline changed).
      res.edited?.articles > 0 ? item('edited', t('source.edited'), h('span', { dataset: { count: String(res.edited.articles) } }, t('results.count', { n: res.edited.articles }),
        res.edited.title > 0 ? ` (${t('source.headlinesChanged', { n: res.edited.title })})` : '')) : null));
  }

  /** Its lists: languages, sources, topics and bylines narrow a search of its articles; the names open their pages. */
  function lists(id, res) {
    const toSearch = (extra) => ({ href: (item) => urlOf(searchOf(id, extra(item))), onFollow: (item) => visit(searchOf(id, extra(item))), pickLabel: (item) => t('entity.itsArticles', { label: item.label }) });
    const list = (card, buckets, toItem, opts) => $(card) && fill(card, buckets.length > 0 ? barList(buckets.map(toItem), opts) : muted(words.none));
    list(`${prefix}-langs`, res.langs, (b) => ({ key: b.key, label: langName(b.key), count: b.count }), toSearch((item) => ({ lang: item.key })));
    list(`${prefix}-sources`, res.sources, (b) => ({ key: b.key, label: b.name || b.domain || b.key, count: b.count }), toSearch((item) => ({ source: item.key })));
    list(`${prefix}-topics`, res.topics, (b) => ({ key: b.key, label: topicLabel(b.key), count: b.count }), toSearch((item) => ({ topic: item.key })));
    // Names in bylines as written (counted in any case); many feeds give none. On an author's page
    // they are who the author writes with, each opening their own page.
    const coauthors = { href: (item) => authorHref(item.key), onFollow: (item) => visit({ view: 'author', id: item.key }), pickLabel: (item) => t('entity.profileOf', { name: item.label }) };
    list(`${prefix}-authors`, res.authors, (b) => ({ key: b.name ?? b.key, label: b.name ?? b.key, count: b.count }), filter === 'author' ? coauthors : { ...toSearch((item) => ({ author: listString([item.key]) })), extra: authorPageLink });
    const named = (b) => {
      learnEntity({ id: b.key, name: b.name, ...(b.names ? { names: b.names } : {}) });
      return { key: b.key, label: entityLabel(b.key, b.name), count: b.count };
    };
    const rel = { href: (item) => entityHref(item.key), onFollow: (item) => openEntity(item.key), pickLabel: (item) => t('entity.profileOf', { name: item.label }) };
    for (const key of NAMED) fill(`${prefix}-${key}`, res.related[key].length > 0 ? barList(res.related[key].map(named), rel) : muted(words.noneRelated));
    fill(`${prefix}-articles`, res.articles.length > 0
      ? h('ol', { class: 'results' }, res.articles.map((hit, i) => hitItem(hit, i, {}, `${prefix}-hit`)))
      : muted(words.noArticles));
  }

  /** Its own call: who it is (show), its numbers, its lists and its newest articles. */
  async function page(id, signal) {
    // Topics by their names in the UI language: the page waits for their list as well.
    const [res] = await Promise.all([
      api(`${path}/${encodeURIComponent(id)}`, { params: { limit: LIMIT, articles: ARTICLES, names: UI_LANGS.join(',') }, signal }),
      knownReady(),
    ]);
    for (const a of res.articles) for (const e of a.entities) learnEntity(e);
    const name = show(res);
    setTitle(name);
    $(`${prefix}-heading`).replaceChildren(h('bdi', {}, name));
    // Its articles as they come, in a feed reader, and as they are, as a file.
    const csv = keyedDownload(h('a', { href: apiHref('/v1/search.csv', only(id)), download: `akhbar-${filter}-${id.replace(/[^\p{L}\p{N}_-]+/gu, '-')}.csv`, class: 'profile-csv' }, t('profile.csv')), (message) => {
      $(`${prefix}-status`).textContent = t('results.exportFailed', { message });
    });
    $(`${prefix}-follow`).replaceChildren(followFeeds(only(id), t('feed.page', { name })), h('p', { class: 'export' }, csv));
    $(`${prefix}-status`).textContent = res.total === 0 ? t(words.noArticles) : '';
    summary(res);
    lists(id, res);
  }

  /** Its output over the last 30 days, a bar a day by language: the dashboard's timeline. */
  async function timeline(id, signal) {
    const res = await api('/v1/stats/timeline', { params: { ...only(id), from: `now-${DAYS}d`, interval: 'day', split: 'lang', splitSize: 6, tz: timeZone() }, signal });
    fill(`${prefix}-timeline`, res.total > 0 ? timelineChart(res, { seriesLabel: langName, width: body(`${prefix}-timeline`).clientWidth }) : muted(words.noRecent));
  }

  /** Who breaks the news about it (or its stories), over the last 30 days: pages with `first`, the parameters of /v1/stats/first. */
  async function first(id, signal) {
    if (!firstOf || !$(`${prefix}-first`)) return;
    await firstReports({ ...firstOf(id), from: `now-${DAYS}d` }, signal, `${prefix}-first`);
  }

  /** Render the page of `id`, headed `label` (what the page already calls it) until its call answers. */
  return async function render(id, label, { signal, focus } = {}) {
    const heading = $(`${prefix}-heading`);
    heading.replaceChildren(h('bdi', {}, id ? label : t('entity.notFound')));
    $(`${prefix}-facts`).replaceChildren();
    $(`${prefix}-summary`).replaceChildren();
    $(`${prefix}-follow`).replaceChildren();
    if (focus) heading.focus();
    if (!id) return notFound(t(words.noId));
    setTitle(label);
    $(`${prefix}-status`).textContent = t('entity.loading');
    $(`${prefix}-actions`).hidden = false;
    $(`${prefix}-cards`).hidden = false;
    actions(id);
    $(`h-${prefix}-timeline`).textContent = t('entity.timeline', { n: DAYS });
    for (const c of [`${prefix}-timeline`, ...cards, `${prefix}-first`].filter((c) => $(c))) busy(c);
    const guard = (card, p) => p.catch((err) => {
      if (err?.name === 'AbortError') throw err;
      failed(card, err);
    });
    await Promise.all([
      page(id, signal).catch((err) => {
        if (err?.name === 'AbortError') throw err;
        if (err instanceof ApiError && (err.status === 404 || err.status === 400)) return notFound(t(words.notFound, { id }));
        $(`${prefix}-status`).textContent = '';
        $(`${prefix}-summary`).replaceChildren(h('p', { class: 'error' }, t('error.generic', { message: err.message })));
        for (const card of cards) failed(card, err);
        return undefined;
      }),
      guard(`${prefix}-timeline`, timeline(id, signal)),
      guard(`${prefix}-first`, first(id, signal)),
    ]);
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return undefined;
  };
}
