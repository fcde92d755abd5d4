// A story's page (view=story&id=…): how one story spread — who reported it first and when, the
// sources that followed in order (each with its country and language, and whether it only
// republished an earlier article's text), how it grew hour by hour
// in each language, its languages with their tone, where its sources are, and every article,
// oldest first. From /v1/stories/:id and /v1/stats/timeline?story=; the timeline fails alone, as
// the dashboard's cards do.
import { api, apiHref, ApiError, keyedDownload } from './api.js';
import { h, put } from './dom.js';
import { t, brand, fmtDateTime, fmtNumber, langName, countryName, isRtl, listSep, uiLang, UI_LANGS } from './i18n.js';
import { learnEntity, sourceName, urlOf, visit, followLink, knownReady } from './app.js';
import { timelineChart, barList, toneBadge } from './charts.js';
import { dayLinks, followFeeds, hitItem } from './search.js';
import { body, busy, fill, failed, timeZone } from './dashboard.js';
import { quoteList } from './quotes.js';

const $ = (id) => document.getElementById(id);
/** Articles the page lists (the API gives at most 100). */
const LIMIT = 100;
const CARDS = ['story-timeline', 'story-order', 'story-langs', 'story-countries', 'story-quotes', 'story-articles'];
/** Quotations the page shows (two an article at most); a link opens them all. */
const QUOTES = 10;

/** The page URL of a story's page: /?view=story&id=… */
export function storyHref(id) {
  return urlOf({ view: 'story', id });
}

/** A link to a story's page: a real link, followed in the page. */
export function storyLink(id, label, attrs = {}) {
  return h('a', { href: storyHref(id), class: 'story-page-link', dataset: { story: id }, ...attrs, onclick: (e) => followLink(e, () => visit({ view: 'story', id })) }, label);
}

const muted = (key, vars) => h('p', { class: 'muted' }, t(key, vars));
const langOf = (a) => (a.lang && a.lang !== 'und' ? a.lang : undefined);

export async function render(state, { signal, focus } = {}) {
  const id = state.id;
  const heading = $('story-heading');
  heading.replaceChildren(t('story.pageLoading'));
  heading.removeAttribute('lang');
  heading.removeAttribute('dir');
  for (const el of ['story-facts', 'story-dates', 'story-summary', 'story-follow']) $(el).replaceChildren();
  if (focus) heading.focus();
  if (!id) return notFound(t('story.noId'));
  document.title = `${t('story.pageTitle')} · ${brand()}`;
  $('story-status').textContent = t('story.pageLoading');
  $('story-actions').hidden = false;
  $('story-cards').hidden = false;
  for (const c of CARDS) busy(c);
  let story;
  try {
    [story] = await Promise.all([api(`/v1/stories/${encodeURIComponent(id)}`, { params: { limit: LIMIT, names: UI_LANGS.join(',') }, signal }), knownReady()]);
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) return notFound(t('story.notFoundText', { id }));
    heading.replaceChildren(t('story.pageFailed'));
    $('story-status').textContent = t('error.generic', { message: err.message });
    $('story-cards').hidden = true;
    return undefined;
  }
  show(id, story);
  const guard = (card, p) => p.catch((err) => {
    if (err?.name === 'AbortError') throw err;
    failed(card, err);
  });
  await Promise.all([guard('story-timeline', timeline(id, story, signal)), guard('story-quotes', quotes(id, signal))]);
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  return undefined;
}

/** No such story (its articles removed, a mistyped link): say so, in place of the page. */
function notFound(text) {
  $('story-heading').replaceChildren(t('story.notFound'));
  $('story-status').textContent = text;
  $('story-actions').hidden = true;
  $('story-cards').hidden = true;
  document.title = `${t('story.notFound')} · ${brand()}`;
}

/**
 * The story itself: headed by its first article in the interface's language (else its first),
 * who reported it first, its numbers, the order its sources came in, its languages and countries,
 * and its articles.
 */
function show(id, story) {
  const articles = story.articles;
  for (const a of articles) for (const e of a.entities) learnEntity(e);
  const first = articles[0];
  const lead = articles.find((a) => a.lang === uiLang()) ?? first;
  const heading = $('story-heading');
  heading.replaceChildren(lead.title);
  if (langOf(lead)) heading.setAttribute('lang', lead.lang);
  heading.setAttribute('dir', lead.dir === 'rtl' || isRtl(lead.lang) ? 'rtl' : 'auto');
  document.title = `${lead.title} · ${brand()}`;
  $('story-status').textContent = '';

  // "First reported by Baghdad Today, Nov 29, 9:02 AM · 4 sources in 3 languages over 5 hours"
  const hours = Math.max(1, Math.round((Date.parse(story.lastSeen) - Date.parse(story.firstSeen)) / 3_600_000));
  $('story-facts').replaceChildren(
    h('span', { class: 'story-first' }, t('story.firstBy'), ' ', sourceName(first.source), ', ', h('time', { datetime: first.publishedAt }, fmtDateTime(first.publishedAt))),
    h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '),
    h('span', { class: 'story-span' }, t('story.span', { sources: t('top.sources', { n: story.sources.length }), langs: t('story.langCount', { n: story.langs.length }), hours: t('story.hourCount', { n: hours }) })),
  );

  // The days its articles name (the meeting every report dates), each opening what they say of it.
  put($('story-dates'), dayLinks(story.dates, { story: id, title: (d) => t('results.count', { n: d.articles }) }));

  const item = (stat, label, value) => h('div', { dataset: { stat } }, h('dt', {}, label), h('dd', {}, value));
  $('story-summary').replaceChildren(h('dl', { class: 'entity-stats' },
    item('articles', t('entity.articles'), h('span', { dataset: { count: String(story.size) } }, t('results.count', { n: story.size }))),
    item('sources', t('story.sources'), h('span', { dataset: { count: String(story.sources.length) } }, t('top.sources', { n: story.sources.length }))),
    item('first', t('entity.firstSeen'), h('time', { datetime: story.firstSeen }, fmtDateTime(story.firstSeen))),
    item('last', t('entity.lastSeen'), h('time', { datetime: story.lastSeen }, fmtDateTime(story.lastSeen))),
    typeof story.tone === 'number' ? item('tone', t('entity.tone'), toneBadge(story.tone, t('top.toneTitle', { min: fmtNumber(-100), max: fmtNumber(100) }))) : null,
    // How much of it is one text republished (of the articles listed).
    item('copies', t('story.copies'), h('span', { dataset: { count: String(articles.filter((a) => a.copyOf).length) } }, t('results.count', { n: articles.filter((a) => a.copyOf).length })))));

  const whole = { view: 'search', show: 'articles', story: id, sort: 'oldest' };
  const search = $('story-search');
  search.href = urlOf(whole);
  search.onclick = (e) => followLink(e, () => visit(whole));
  const alert = $('story-alert');
  alert.href = urlOf({ view: 'alerts', story: id });
  alert.onclick = (e) => followLink(e, () => visit({ view: 'alerts', story: id }, { focus: 'form' }));
  // Its articles as they come, in a feed reader, and as they are, as a file.
  const csv = keyedDownload(h('a', { href: apiHref('/v1/search.csv', { story: id, sort: 'oldest' }), download: `akhbar-story-${id}.csv`, class: 'profile-csv' }, t('profile.csv')), (message) => {
    $('story-status').textContent = t('results.exportFailed', { message });
  });
  $('story-follow').replaceChildren(followFeeds({ story: id }, t('feed.story', { title: lead.title })), h('p', { class: 'export' }, csv));

  order(articles, story);
  fill('story-langs', barList(story.langs.map((l) => ({ key: l.key, label: langName(l.key), count: l.count })), {
    extra: (it) => {
      const tone = story.langs.find((l) => l.key === it.key)?.tone;
      return typeof tone === 'number' ? toneBadge(tone) : null;
    },
  }));
  const countries = new Map();
  for (const s of story.sources) if (s.country) countries.set(s.country, (countries.get(s.country) ?? 0) + 1);
  fill('story-countries', countries.size > 0
    ? barList([...countries].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c, n]) => ({ key: c, label: countryName(c), count: n })))
    : muted('story.noCountries'));
  fill('story-articles', h('ol', { class: 'results' }, articles.map((hit, i) => hitItem(hit, i, { story: id }, 'story-hit'))),
    story.size > articles.length ? h('p', {}, h('a', { href: urlOf(whole), onclick: (e) => followLink(e, () => visit(whole)) }, t('article.storyAll', { n: story.size }))) : null);
}

/**
 * Who reported it, in order: each source at its first article of the story — when, in which
 * language, from where — and how many articles it gave in all (of those the page lists).
 */
function order(articles, story) {
  const firsts = new Map();
  for (const a of articles) {
    const seen = firsts.get(a.source.id);
    if (seen) seen.n++;
    else firsts.set(a.source.id, { a, n: 1 });
  }
  const country = new Map(story.sources.map((s) => [s.id, s.country]));
  const byId = new Map(articles.map((a) => [a.id, a]));
  const t0 = Date.parse(articles[0].publishedAt);
  fill('story-order', h('ol', { class: 'story-order' }, [...firsts.values()].map(({ a, n }, i) => {
    const after = Math.round((Date.parse(a.publishedAt) - t0) / 60_000);
    const from = country.get(a.source.id);
    return h('li', { dataset: { source: a.source.id, at: a.publishedAt } },
      sourceName(a.source),
      ' ',
      h('span', { class: 'hit-meta' },
        h('time', { datetime: a.publishedAt }, fmtDateTime(a.publishedAt)),
        i > 0 ? [' (', later(after), ')'] : null,
        langOf(a) ? [listSep(), langName(a.lang)] : null,
        from ? [listSep(), countryName(from)] : null,
        n > 1 ? [listSep(), t('results.count', { n })] : null,
        // Its article repeats an earlier one's text: a wire copy, republished.
        a.copyOf && byId.has(a.copyOf) ? [listSep(), h('span', { class: 'story-copy', dataset: { copyOf: a.copyOf } }, t('story.copyOf', { source: byId.get(a.copyOf).source.name || byId.get(a.copyOf).source.domain }))] : null));
  })));
}

/** "25 min later", "2 h later", "2 h 5 min later". */
function later(minutes) {
  const hours = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (hours === 0) return t('story.afterMin', { m: fmtNumber(m) });
  return m === 0 ? t('story.afterHours', { h: fmtNumber(hours) }) : t('story.after', { h: fmtNumber(hours), m: fmtNumber(m) });
}

/** How it grew: its articles by hour (by day when it ran for over four days), by language. */
async function timeline(id, story, signal) {
  const long = Date.parse(story.lastSeen) - Date.parse(story.firstSeen) > 4 * 86_400_000;
  const res = await api('/v1/stats/timeline', {
    params: { story: id, from: story.firstSeen, to: story.lastSeen, interval: long ? 'day' : 'hour', split: 'lang', splitSize: 6, tz: timeZone() },
    signal,
  });
  fill('story-timeline', timelineChart(res, { seriesLabel: langName, width: body('story-timeline').clientWidth }));
}

/** What was said in it: the quotations its articles attribute to someone, newest first, in every language. */
async function quotes(id, signal) {
  const res = await api('/v1/quotes', { params: { story: id, limit: QUOTES, perArticle: 2, names: UI_LANGS.join(',') }, signal });
  const all = { view: 'search', show: 'quotes', story: id };
  const more = res.nextCursor
    ? h('p', { class: 'card-more' }, h('a', { href: urlOf(all), class: 'quotes-all', onclick: (e) => followLink(e, () => visit(all)) }, t('entity.quotesAll', { n: res.total })))
    : null;
  fill('story-quotes', quoteList(res.quotes) ?? muted('story.noQuotes'), more);
}
