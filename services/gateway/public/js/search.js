// The search view: results with highlights, each in its own direction, their story group, and
// cursor paging. Paging keeps the cursor in the URL, so a page is a permalink too. Without a query
// (or when picked) it shows the top stories instead: the stories most sources cover in a recent
// window, under the same filters.
import { api, apiHref, ApiError, credentials, keyedDownload } from './api.js';
import { h, clear, marked, safeHref, setFeedAlternates } from './dom.js';
import { toneBadge } from './charts.js';
import { t, tNodes, fmtDay, fmtHijriDay, fmtDateTime, fmtNumber, fmtTone, langName, countryName, isRtl, uiLang, listSep, UI_LANGS } from './i18n.js';
import { articleLink } from './article.js';
import { storyLink } from './story.js';
import { quoteItem } from './quotes.js';
import { markSeen, renderSaved, saveButton } from './saved.js';
import { navigate, addFilter, filterParams, sourceName, showsTop, urlOf, known, learnEntity, entityLabel, entityLink, topicLabel, reloadKnown, readState, knownReady, followLink, visit, radiusLabel, DEFAULT_RADIUS, QUOTE_KEYS, AGENDA_KEYS } from './app.js';

const LIMIT = 20;
/** Pictures a page of the picture grid shows. */
const PICTURES = 40;
/** Top stories: the windows and rankings offered (/v1/stories takes them as they are), defaults first. */
const WINDOWS = ['24h', '6h', '3d', '7d'];
const RANKS = ['sources', 'articles', 'latest'];
/** Top stories in any language, those that crossed a language border (minLangs=2), or those not yet told in the reader's (without=). */
const TOLD = ['any', 'cross', 'blind'];
/** The feed formats the gateway serves searches and top stories in, with their media types. */
const FEEDS = [['rss', 'RSS', 'application/rss+xml'], ['atom', 'Atom', 'application/atom+xml']];
const $ = (id) => document.getElementById(id);

/** Cursors of the pages before this one ('' = the first page), for "Previous page". */
let pages = [];
export function resetPages() {
  pages = [];
}

export async function render(state, { signal, focus } = {}) {
  const top = showsTop(state);
  showSwitch(state, top);
  $('results-heading').textContent = t(top ? 'top.heading' : 'results.heading');
  $('top-tools').hidden = !top;
  $('quote-tools').hidden = top || state.show !== 'quotes';
  $('agenda-tools').hidden = top || state.show !== 'agenda';
  $('results').hidden = top;
  $('top-stories').hidden = !top;
  $('expanded').hidden = true;
  $('did-you-mean').hidden = true;
  $('export').hidden = true;
  $('follow').hidden = true;
  $('alert-me').hidden = true;
  $('save-search').hidden = true;
  $('agenda-cal').hidden = true;
  if (top) {
    clear($('results'));
    $('pager').hidden = true;
    await Promise.all([renderTop(state, { signal }), renderSaved({ signal })]);
  } else {
    $('saved').hidden = true;
    clear($('top-stories'));
    if (state.show === 'quotes') await renderQuotes(state, { signal });
    else if (state.show === 'agenda') await renderAgenda(state, { signal });
    else await renderArticles(state, { signal });
  }
  if (focus === 'results') {
    $('results-heading').focus();
    window.scrollTo({ top: 0 });
  } else if (focus === 'heading') $('results-heading').focus();
}

/** "Top stories | Articles": links (so each is a permalink), the current one marked. */
function showSwitch(state, top) {
  for (const a of document.querySelectorAll('#show-switch a[data-show]')) {
    const target = { ...state, show: a.dataset.show };
    delete target.cursor;
    // What the quotations' or the agenda's own tools chose means nothing to the other shows.
    if (target.show !== 'quotes') for (const k of QUOTE_KEYS) delete target[k];
    if (target.show !== 'agenda') for (const k of AGENDA_KEYS) delete target[k];
    a.href = urlOf(target);
    const shown = top ? 'top' : ['images', 'quotes', 'agenda'].includes(state.show) ? state.show : 'articles';
    if (a.dataset.show === shown) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
    a.onclick = (e) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      const leaving = [...(a.dataset.show !== 'quotes' ? QUOTE_KEYS : []), ...(a.dataset.show !== 'agenda' ? AGENDA_KEYS : [])];
      void navigate({ show: a.dataset.show, ...Object.fromEntries(leaving.map((k) => [k, undefined])) }, { focus: 'heading' });
    };
  }
}

/**
 * The language an Arabic-script query is read in: Sorani Kurdish when it writes the letters only
 * Sorani has (ە ێ ۆ ڕ ڵ); Urdu for its own (ٹ ڈ ڑ ں ے); Persian for the letters Arabic lacks or
 * writes otherwise (پ چ ژ گ, and ک ی where Arabic has ك ي); else Arabic. None for another script.
 */
function scriptLang(q = '') {
  if (/[\u06D5\u06CE\u06C6\u0695\u06B5]/.test(q)) return ['ckb'];
  if (/[\u0679\u0688\u0691\u06BA\u06D2]/.test(q)) return ['ur'];
  if (/[\u067E\u0686\u0698\u06AF\u06A9\u06CC]/.test(q)) return ['fa'];
  return /\p{Script=Arabic}/u.test(q) ? ['ar'] : [];
}

async function renderArticles(state, { signal }) {
  const status = $('search-status');
  const list = $('results');
  list.setAttribute('aria-busy', 'true');
  status.textContent = t('results.loading');
  feedLinks('/v1/search', filterParams(state), state.q ? t('feed.search', { q: state.q }) : t('feed.latest'));
  // Pictures (GDELT's image collage): the articles with one, a grid of them.
  const pictures = state.show === 'images';
  list.classList.toggle('image-grid', pictures);
  list.classList.remove('quotes', 'agenda');
  const params = { ...filterParams(state), limit: pictures ? PICTURES : LIMIT, facets: 'langs,topics,sources,countries', facetSize: 30, names: UI_LANGS.join(','), ...(pictures ? { hasImage: true } : {}) };
  if (state.sort) params.sort = state.sort;
  // One story's articles are never grouped into one (the story filter shows them all).
  if (state.group !== false && !state.story) {
    params.collapse = 'story';
    // Each story by its article in the reader's language where it has one — the language of an
    // Arabic-script query first (typed in Arabic, read in Arabic), then the interface's.
    params.prefer = [...new Set([...scriptLang(state.q), uiLang()])].join(',');
  }
  if (state.cursor) params.cursor = state.cursor;
  let res;
  let answeredAt;
  const fresh = refreshNext;
  refreshNext = false;
  stopFresh();
  try {
    // Hits name their topics in the UI language: wait for the topic list too (it is small and
    // usually there first), or they would show their ids.
    let answer;
    [answer] = await Promise.all([api('/v1/search', { params, signal, fresh, withStatus: true }), knownReady()]);
    res = answer.data;
    answeredAt = answer.date;
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    return listFailed(list, status, err, state);
  }
  known.facets = res.facets ?? {};
  for (const hit of res.hits) for (const e of hit.entities) learnEntity(e);
  for (const e of res.expandedEntities) learnEntity(e);

  const count = t('results.count', { n: res.total }) + (res.totalRelation === 'gte' ? '+' : '');
  const parts = state.group !== false && !state.story && res.stories !== undefined ? [t('results.stories', { n: res.stories }), count] : [count];
  if (state.cursor && pages.length > 0) parts.push(t('results.page', { n: pages.length + 1 }));
  status.textContent = res.total === 0 ? t('results.none') : parts.join(' · ');
  if (res.timedOut) status.textContent += ` — ${t('results.timedOut')}`;
  expandedLine(res.expandedEntities);
  didYouMean(state, res.didYouMean);
  list.replaceChildren(...(pictures ? res.hits.map(pictureItem).filter(Boolean) : res.hits.map((hit, i) => hitItem(hit, i, state))));
  list.removeAttribute('aria-busy');
  exportLink(state, res.total);
  // Shown even when nothing matches yet: a feed of a search is for what comes later.
  $('follow').hidden = false;
  alertLink(state);
  // A saved search just opened: what it finds from now on is new. The gateway's clock, as for fresh articles.
  const at = answeredAt && !Number.isNaN(Date.parse(answeredAt)) ? answeredAt : undefined;
  if (!state.cursor) await markSeen(filterParams(state), at);
  saveButton(filterParams(state), at);
  pager(state, res.nextCursor);
  watchFresh(state, params, answeredAt, res.hits);
}

/**
 * Quotations (show=quotes): who said what in the matching articles, newest first — the search's
 * words and filters choose the articles, the speaker filter (an entity's page links here, its
 * chip says whose) whose words; paged like the articles.
 */
async function renderQuotes(state, { signal }) {
  const status = $('search-status');
  const list = $('results');
  list.classList.remove('image-grid', 'agenda');
  list.classList.add('quotes');
  list.setAttribute('aria-busy', 'true');
  status.textContent = t('results.loading');
  quoteTools(state);
  const asked = { ...filterParams(state), ...quoteParams(state) };
  // Followed as a feed: what they say from now on, in a feed reader.
  const named = [state.q, state.said ? `“${state.said}”` : ''].filter(Boolean).join(' ');
  feedLinks('/v1/quotes', asked, named ? `${t('feed.quotes')}: ${named}` : t('feed.quotes'));
  const params = { ...asked, limit: LIMIT, names: UI_LANGS.join(',') };
  if (state.cursor) params.cursor = state.cursor;
  let res;
  try {
    [res] = await Promise.all([api('/v1/quotes', { params, signal }), knownReady()]);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    return listFailed(list, status, err, state);
  }
  for (const e of [...res.speakers, ...res.expandedEntities]) learnEntity(e);
  const parts = [res.total === 0 ? t('quotes.none') : t('quotes.count', { n: res.total })];
  if (state.cursor && pages.length > 0) parts.push(t('results.page', { n: pages.length + 1 }));
  status.textContent = parts.join(' · ');
  expandedLine(res.expandedEntities);
  list.replaceChildren(...res.quotes.map((item) => quoteItem(item)));
  list.removeAttribute('aria-busy');
  $('follow').hidden = false;
  alertLink(state);
  pager(state, res.nextCursor);
}

/**
 * The agenda (show=agenda): the days the matching articles name, from today (the reader's, in
 * their time zone) for two weeks — each day with its stories, the sentence saying what happens
 * there with the words naming the day marked, the newest article, how many outlets carry it — and
 * the same as an iCalendar feed to subscribe to. From /v1/agenda.
 */
async function renderAgenda(state, { signal }) {
  const status = $('search-status');
  const list = $('results');
  list.classList.remove('image-grid', 'quotes');
  list.classList.add('agenda');
  list.setAttribute('aria-busy', 'true');
  status.textContent = t('results.loading');
  agendaTools(state);
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const params = { ...filterParams(state), ...Object.fromEntries(AGENDA_KEYS.filter((k) => state[k]).map((k) => [k, state[k]])), ...(tz ? { tz } : {}) };
  let res;
  try {
    [res] = await Promise.all([api('/v1/agenda', { params, signal }), knownReady()]);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    return listFailed(list, status, err, state);
  }
  for (const e of res.expandedEntities) learnEntity(e);
  status.textContent = res.days.length === 0 ? t('agenda.none') : `${t('agenda.count', { n: res.days.length })} — ${t('agenda.hint')}`;
  expandedLine(res.expandedEntities);
  list.replaceChildren(...res.days.map(agendaDay));
  list.removeAttribute('aria-busy');
  $('agenda-ics').href = apiHref('/v1/agenda.ics', params, { withKey: true });
  $('agenda-cal').hidden = false;
  alertLink(state);
  pager(state, null);
}

/** Spans the agenda offers from today: its last day, as /v1/agenda's end takes it. The first is the API's default. */
const AGENDA_SPANS = [13, 6, 29, 89];

/** "Days: today and the next 13 days | … | the days chosen" (an article's day opens one day). */
function agendaTools(state) {
  const select = $('agenda-span');
  const chosen = state.start !== undefined || (state.end !== undefined && !AGENDA_SPANS.some((n) => state.end === `now+${n}d`));
  select.replaceChildren(...AGENDA_SPANS.map((n) => h('option', { value: String(n) }, t('agenda.next', { n }))),
    chosen ? h('option', { value: 'chosen' }, state.start && state.start === state.end ? fmtDay(state.start) : t('agenda.chosen')) : null);
  select.value = chosen ? 'chosen' : String(AGENDA_SPANS.find((n) => state.end === `now+${n}d`) ?? AGENDA_SPANS[0]);
  select.onchange = () => {
    const n = Number(select.value);
    void navigate({ start: undefined, end: n === AGENDA_SPANS[0] ? undefined : `now+${n}d` });
  };
}

/**
 * "Days it names: 3 December 2026 · …" for an article's or a story's page (null when none): each
 * day opens that day's agenda (of the story, with `story`); `title` gives a link its title.
 */
export function dayLinks(dates, { story, title = () => undefined } = {}) {
  if (!dates?.length) return null;
  return [h('span', { class: 'label' }, t('article.dates')), ' ', dates.map((d, k) => {
    const day = { view: 'search', show: 'agenda', start: d.date, end: d.date, ...(story ? { story } : {}) };
    return [k > 0 ? listSep() : '', h('a', { href: urlOf(day), class: 'date-link', dataset: { date: d.date }, title: title(d), onclick: (ev) => followLink(ev, () => visit(day)) },
      h('time', { datetime: d.date }, fmtDay(d.date)))];
  })];
}

/**
 * One day of the agenda: the date (weekday and all, in the reader's calendar; in Arabic the Hijri
 * day too, as Gulf copy writes both), its count, its stories.
 */
function agendaDay(day) {
  const when = fmtDay(day.date, 'full');
  const hijri = fmtHijriDay(day.date);
  return h('li', { class: 'agenda-day', dataset: { date: day.date } },
    h('h3', {}, h('time', { datetime: day.date }, when), hijri ? [h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), h('span', { class: 'agenda-hijri' }, hijri)] : null),
    h('p', { class: 'muted' }, [t('agenda.day', { n: day.stories }), t('agenda.outlets', { n: day.sources })].join(' · ')),
    h('ul', { class: 'agenda-items' }, day.items.map(agendaItem)));
}

/** A story on a day: what the article says happens, the day's words marked, then its article and outlets. */
function agendaItem(item) {
  const a = item.article;
  const lang = a.lang && a.lang !== 'und' ? a.lang : undefined;
  const dir = a.dir === 'rtl' || isRtl(a.lang) ? 'rtl' : 'auto';
  const at = item.sentence.indexOf(item.text);
  const said = at < 0 ? item.sentence : [item.sentence.slice(0, at), h('mark', {}, item.text), item.sentence.slice(at + item.text.length)];
  return h('li', { class: 'agenda-item', dataset: { article: a.id, story: item.story.id } },
    h('p', { class: 'agenda-sentence', lang, dir }, said),
    h('p', { class: 'quote-meta' },
      sourceName(a.source), ' · ',
      h('span', { lang, dir }, articleLink(a.id, a.title)),
      item.story.sources > 1 ? [' · ', storyLink(item.story.id, t('agenda.outlets', { n: item.story.sources }))] : null));
}

/** What the quotations' tools chose (said, direct, unnamed), as /v1/quotes and alerts take it. */
function quoteParams(state) {
  return Object.fromEntries(QUOTE_KEYS.filter((k) => state[k]).map((k) => [k, state[k]]));
}

/** The two-way choices of the quotations' tools: their option, the API's value. */
const QUOTE_CHOICES = {
  direct: [['any', undefined], ['direct', 'true'], ['reported', 'false']],
  unnamed: [['any', undefined], ['named', 'false'], ['unnamed', 'true']],
};

/**
 * The quotations' own tools: words inside the quotation (said=, the query language, each
 * language's spelling as search reads it), quoted or reported, named or unnamed sources.
 */
function quoteTools(state) {
  const said = $('quote-said');
  if (document.activeElement !== said) said.value = state.said ?? '';
  $('said-form').onsubmit = (e) => {
    e.preventDefault();
    const v = said.value.trim();
    if (v !== (state.said ?? '')) void navigate({ said: v || undefined });
  };
  for (const [key, id, label] of [['direct', 'quote-kind', 'quotes.kind'], ['unnamed', 'quote-sources', 'quotes.sources']]) {
    const select = $(id);
    const choices = QUOTE_CHOICES[key];
    select.replaceChildren(...choices.map(([name]) => h('option', { value: name }, t(`${label}.${name}`))));
    select.value = (choices.find(([, v]) => v === state[key]) ?? choices[0])[0];
    select.onchange = () => void navigate({ [key]: choices.find(([name]) => name === select.value)?.[1] });
  }
}

/**
 * One picture of the grid: the article's image (an https one, or from this gateway: the page's CSP;
 * sent no referrer), its title in its own language and direction, its source and time; the
 * picture and title open the article's page. None for a picture the page may not load.
 */
function pictureItem(hit) {
  const src = safeHref(hit.image);
  if (!src || !(src.startsWith('https:') || new URL(src).origin === location.origin)) return null;
  const lang = hit.lang && hit.lang !== 'und' ? hit.lang : undefined;
  return h('li', { class: 'picture', dataset: { id: hit.id } },
    h('figure', {},
      articleLink(hit.id, h('img', { src, alt: '', loading: 'lazy', referrerpolicy: 'no-referrer', decoding: 'async' }), { class: 'picture-link', tabindex: '-1', 'aria-hidden': 'true' }),
      h('figcaption', {},
        h('span', { class: 'picture-title', lang, dir: hit.dir === 'rtl' || isRtl(hit.lang) ? 'rtl' : 'auto' }, articleLink(hit.id, hit.title, { class: 'hit-link' })),
        h('span', { class: 'hit-meta' }, sourceName(hit.source), ' · ', h('time', { datetime: hit.publishedAt }, fmtDateTime(hit.publishedAt))))));
}

// ---- new articles since the search --------------------------------------------------------------

/** How often the first page of a search asks whether new articles match it, while the tab is shown. */
const FRESH_EVERY_MS = 60_000;
/** The search being watched: its page URL, API parameters, when it was answered and the ids shown. */
let watched;
/** The next search asks the gateway, not the browser's cache (after "show them", or a saved search opened). */
let refreshNext = false;

/** Have the next search ask the gateway rather than the browser's cache: what it shows is new. */
export function askFreshNext() {
  refreshNext = true;
}

function stopFresh() {
  if (watched) clearInterval(watched.timer);
  watched = undefined;
  $('fresh').hidden = true;
}

/**
 * Watch the first page of a search for articles indexed since it was answered (the gateway's
 * clock, from the answer's Date header, so the browser's own clock does not matter): every minute
 * while the tab is shown, and when it is shown again.
 */
function watchFresh(state, params, answeredAt, hits) {
  const since = answeredAt ? new Date(answeredAt) : null;
  if (state.cursor || !since || Number.isNaN(since.getTime())) return;
  watched = { url: urlOf(state), params, since: since.toISOString(), shown: new Set(hits.map((hit) => hit.id)) };
  watched.timer = setInterval(() => void checkFresh(), FRESH_EVERY_MS);
}

async function checkFresh() {
  const w = watched;
  if (!w || document.visibilityState !== 'visible') return;
  // Another search or view since: nothing to watch.
  if (urlOf(readState()) !== w.url) return stopFresh();
  // The search's filters, each article once (not by story), nothing but ids needed.
  const params = { ...w.params, collapse: undefined, prefer: undefined, facets: undefined, facetSize: undefined, names: undefined, indexedFrom: w.since, limit: 100, highlight: false };
  let res;
  try {
    res = await api('/v1/search', { params, fresh: true });
  } catch {
    return; // A failed check says nothing; the next one asks again.
  }
  if (watched !== w) return;
  // Indexed since, less what the page already shows (the second the answer was given is counted in).
  const n = res.total - res.hits.filter((hit) => w.shown.has(hit.id)).length;
  const box = $('fresh');
  if (n <= 0) return;
  box.replaceChildren(h('button', { type: 'button', onclick: () => {
    refreshNext = true;
    void navigate({}, { replace: true, focus: 'results' });
  } }, t('results.fresh', { n })));
  box.hidden = false;
}

document.addEventListener('visibilitychange', () => void checkFresh());

/**
 * "Also finding articles in every language about: Mustafa al-Kadhimi, Baghdad": the entities the
 * query was expanded to, each a link to its page.
 */
function expandedLine(entities) {
  if (entities.length === 0) return;
  const names = entities.map((e, i) => [i > 0 ? listSep() : '', entityLink(e.id, h('bdi', {}, e.names?.[uiLang()] ?? e.name))]);
  $('expanded').replaceChildren(...tNodes('results.expanded', { names }));
  $('expanded').hidden = false;
}

/** "Did you mean: واشنطن (3 articles)?": the API's correction of a query that found nothing, a link that runs it. */
function didYouMean(state, suggestion) {
  if (!suggestion) return;
  const next = { ...state, q: suggestion.q, cursor: undefined };
  const link = h('a', { href: urlOf(next), dir: 'auto', onclick: (e) => {
    e.preventDefault();
    void navigate({ q: suggestion.q }, { focus: 'heading' });
  } }, h('bdi', {}, suggestion.q));
  $('did-you-mean').replaceChildren(...tNodes('results.didYouMean', { q: link, n: t('results.count', { n: suggestion.total }) }));
  $('did-you-mean').hidden = false;
}

// ---- top stories ------------------------------------------------------------------------------

/** "last 24 hours", "last 3 days": a window in words, its number formatted like the others. */
function windowLabel(w) {
  const [, n, unit] = /^(\d+)([hd])$/.exec(w);
  return t(unit === 'h' ? 'top.hours' : 'top.days', { n: Number(n) });
}

function topTools(state) {
  const win = $('top-window');
  win.replaceChildren(...WINDOWS.map((w) => h('option', { value: w }, windowLabel(w))));
  win.value = WINDOWS.includes(state.window) ? state.window : WINDOWS[0];
  win.onchange = () => navigate({ window: win.value === WINDOWS[0] ? undefined : win.value });
  const rank = $('top-rank');
  rank.replaceChildren(...RANKS.map((r) => h('option', { value: r }, t(`top.rank.${r}`))));
  rank.value = RANKS.includes(state.rank) ? state.rank : RANKS[0];
  rank.onchange = () => navigate({ rank: rank.value === RANKS[0] ? undefined : rank.value });
  const told = $('top-told');
  told.replaceChildren(...TOLD.map((v) => h('option', { value: v }, t(`top.told.${v}`, { lang: langName(uiLang()) }))));
  told.value = TOLD.includes(state.told) ? state.told : TOLD[0];
  told.onchange = () => navigate({ told: told.value === TOLD[0] ? undefined : told.value });
  return { window: win.value, rank: rank.value, told: told.value };
}

/** What /v1/stories (and its feeds) take from the page: the query and filters, not the dates, and the period, ranking and languages. */
function topParams(state, win, rank, told) {
  // Each story shown by its article in the interface's language when it has one (the feeds too).
  const params = { ...filterParams(state), window: win, rank, prefer: uiLang(), ...(told === 'cross' ? { minLangs: 2 } : told === 'blind' ? { without: uiLang() } : {}) };
  delete params.from;
  delete params.to;
  return params;
}

/** The top stories of /v1/stories for the query and filters (a window instead of from/to). */
async function renderTop(state, { signal }) {
  const status = $('search-status');
  const list = $('top-stories');
  const { window: win, rank, told } = topTools(state);
  feedLinks('/v1/stories', topParams(state, win, rank, told), state.q ? t('feed.topQuery', { q: state.q }) : t('feed.top'));
  list.setAttribute('aria-busy', 'true');
  status.textContent = t('top.loading');
  const params = { ...topParams(state, win, rank, told), limit: LIMIT, names: UI_LANGS.join(',') };
  let res;
  try {
    res = await api('/v1/stories', { params, signal });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    list.removeAttribute('aria-busy');
    clear(list);
    showError(status, err, state);
    return;
  }
  // No facets here: the filter lists show no counts rather than those of another result set.
  known.facets = {};
  for (const s of res.stories) for (const e of s.article.entities) learnEntity(e);
  for (const e of res.expandedEntities) learnEntity(e);

  status.textContent = res.stories.length === 0 ? t('top.none') : t('top.count', { n: res.total, window: windowLabel(win) });
  if (state.from || state.to) status.append(' ', t('top.noDates'));
  expandedLine(res.expandedEntities);
  list.replaceChildren(...res.stories.map((story, i) => storyItem(story, i)));
  list.removeAttribute('aria-busy');
  $('follow').hidden = false;
  alertLink(state);
}

/**
 * A top story: its newest article's title (in that article's direction), source and time, how
 * many sources and articles cover it in which languages, its average tone, and a button that
 * opens the same story panel as "+N articles" on a result.
 */
function storyItem(story, i) {
  const hit = story.article;
  const rtl = hit.dir === 'rtl' || isRtl(hit.lang);
  const href = safeHref(hit.url);
  const id = `top-${i}`;
  const lang = hit.lang && hit.lang !== 'und' ? hit.lang : undefined;
  const panelId = `top-story-${i}`;
  const sep = () => h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ');
  return h('li', { class: 'hit top-story', dataset: { story: story.id, id: hit.id, lang: hit.lang } },
    h('article', { class: 'hit-body', lang, dir: rtl ? 'rtl' : 'auto', 'aria-labelledby': id },
      h('h3', { id, class: 'hit-title' }, href ? h('a', { href, class: 'hit-link', rel: 'noopener noreferrer', target: '_blank' }, hit.title) : hit.title),
      hit.summary ? h('p', { class: 'snippet' }, hit.summary) : null),
    h('p', { class: 'hit-meta' },
      sourceName(hit.source),
      sep(),
      h('time', { datetime: hit.publishedAt }, fmtDateTime(hit.publishedAt)),
      typeof story.tone === 'number' ? [sep(), toneBadge(story.tone, t('top.toneTitle', { min: fmtNumber(-100), max: fmtNumber(100) }))] : null,
      readLink(hit)),
    h('p', { class: 'story-stats' },
      h('span', { class: 'story-sources', dataset: { count: String(story.sources) } }, t('top.sources', { n: story.sources })),
      sep(),
      h('span', { class: 'story-articles', dataset: { count: String(story.articles) } }, t('results.count', { n: story.articles })),
      story.langs.length > 0 ? [sep(), h('span', { class: 'story-langs', dataset: { langs: story.langs.join(',') } }, story.langs.map(langName).join(listSep()))] : null),
    // A story of one article has no other coverage to show.
    hit.story.size > 1
      ? [
          h('button', { type: 'button', class: 'story-btn', 'aria-expanded': 'false', 'aria-controls': panelId, 'aria-describedby': id, dataset: { story: story.id }, onclick: (e) => toggleStory(e.currentTarget, hit, panelId) }, t('top.coverage')),
          // How it spread: who reported it first, the sources that followed, by hour and language.
          ' ',
          storyLink(story.id, t('story.page'), { 'aria-describedby': id }),
          h('div', { id: panelId, class: 'story', hidden: true }),
        ]
      : null,
  );
}

/**
 * The same search as a file: /v1/search.csv with the query, filters and sort of the page, as many
 * articles as the gateway exports by default (1,000, or its AKHBAR_EXPORT_MAX when lower).
 */
function exportLink(state, total) {
  const a = $('export-csv');
  const params = filterParams(state);
  if (state.sort) params.sort = state.sort;
  a.href = apiHref('/v1/search.csv', params);
  // The same with each article's text in a last column (text=true), for reading or text analysis.
  const withText = $('export-text');
  withText.href = apiHref('/v1/search.csv', { ...params, text: true });
  $('export').hidden = total === 0;
  for (const link of [a, withText]) {
    keyedDownload(link, (message) => {
      $('search-status').textContent = t('results.exportFailed', { message });
    });
  }
}

/**
 * "Follow as a feed: RSS · Atom" for what the page shows, and the same two feeds in the document
 * head for browser extensions and feed readers: `route`.rss / .atom with `params` (the feeds take
 * every parameter of their JSON route; a feed is the newest matching articles, so no page, sort,
 * grouping, facets or highlights). Absolute, so a copied link works as it is, and with the API
 * key as `api_key` when the user gave one, since a feed reader cannot send it as a header.
 */
function feedLinks(route, params, title) {
  const feeds = FEEDS.map(([format, name, type]) => ({ format, type, title: `${title} (${name})`, href: apiHref(`${route}.${format}`, params, { withKey: true }) }));
  for (const f of feeds) $(`feed-${f.format}`).href = f.href;
  setFeedAlternates(feeds);
}

/**
 * "Follow as a feed: RSS · Atom" for a page's articles (an entity's, a source's, a story's):
 * /v1/search.rss / .atom with `params`, newest first, as absolute links (with the API key when the
 * gateway requires one), and the same two in the head for feed readers and browser extensions.
 */
export function followFeeds(params, title) {
  const feeds = FEEDS.map(([format, name, type]) => ({ format, name, type, title: `${title} (${name})`, href: apiHref(`/v1/search.${format}`, params, { withKey: true }) }));
  setFeedAlternates(feeds);
  return h('p', { class: 'follow page-follow' }, h('span', {}, t('feed.follow')), ' ',
    feeds.map((f, i) => [i > 0 ? h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ') : null,
      h('a', { href: f.href, type: f.type, class: `feed-${f.format}`, title: t('feed.hint') }, f.name)]));
}

/**
 * "Alert me about this search": the alerts view with this query and these filters in its form,
 * for a search an alert can take (a query or a filter other than the dates: an alert without one
 * would fire for every article).
 */
function alertLink(state) {
  // From the Quotations, what was said chooses too (an alert takes said=, direct=, unnamed=).
  const params = { ...filterParams(state), ...(state.show === 'quotes' ? quoteParams(state) : {}) };
  const a = $('alert-me-link');
  const target = { ...state, view: 'alerts' };
  delete target.cursor;
  a.href = urlOf(target);
  a.onclick = (e) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    void navigate({ view: 'alerts', cursor: undefined }, { focus: 'form' });
  };
  $('alert-me').hidden = !Object.keys(params).some((k) => !['from', 'to', 'in'].includes(k));
}

/** A list's call failed: the list emptied, why said (or the API key asked for), no pager. */
function listFailed(list, status, err, state) {
  list.removeAttribute('aria-busy');
  clear(list);
  showError(status, err, state);
  pager(state, null);
}

function showError(status, err, state) {
  if (err instanceof ApiError && err.status === 401) {
    status.textContent = t('error.apiKey');
    const input = h('input', { id: 'api-key', type: 'password', autocomplete: 'off' });
    status.append(
      h('form', { class: 'inline-form', onsubmit: (e) => {
        e.preventDefault();
        credentials.apiKey = input.value.trim();
        void reloadKnown();
        void navigate({}, { replace: true });
      } }, h('label', { for: 'api-key' }, t('error.apiKeyLabel')), input, h('button', { type: 'submit' }, t('error.apiKeySave'))),
    );
    return;
  }
  status.textContent = err instanceof ApiError && err.status === 0 ? t('error.network') : t('error.generic', { message: err.message });
  if (state.cursor) status.append(' ', h('button', { type: 'button', class: 'link', onclick: () => navigate({ cursor: undefined }) }, t('pager.first')));
}

function pager(state, nextCursor) {
  const prev = $('prev');
  const next = $('next');
  prev.disabled = !state.cursor;
  prev.textContent = state.cursor && pages.length === 0 ? t('pager.first') : t('pager.prev');
  // Without a query the first page would be the top stories: paging stays on the articles.
  const stay = !state.show && !state.q ? { show: 'articles' } : {};
  prev.onclick = () => {
    const c = pages.pop();
    void navigate({ ...stay, cursor: c || undefined }, { focus: 'results' });
  };
  next.disabled = !nextCursor;
  next.onclick = () => {
    pages.push(state.cursor ?? '');
    void navigate({ ...stay, cursor: nextCursor }, { focus: 'results' });
  };
  $('pager').hidden = prev.disabled && next.disabled;
}

function fragmentNodes(fragments) {
  const out = [];
  fragments.forEach((f, i) => {
    if (i > 0) out.push(' … ');
    out.push(marked(f));
  });
  return out;
}

/**
 * A search result: its title (a link to the article), highlights or summary in the article's own
 * direction, source, time, language, tone, topics, the entities it names (each a link to its
 * page) and its story button. `prefix` keeps the ids of another list of results (an entity's
 * newest articles) apart from the search view's.
 */
/** How far "News nearby" looks around the point a feed gave its item. */
const NEARBY_RADIUS = '25km';

/**
 * The search for what happened near a hit: around the point its feed gave it (25 km), else
 * around the place it names most (a hit lists its entities most-named first; a city, not a
 * country), by the place's id so the chip names it (the default 50 km). The same filters, no
 * query, no story; the API ranks the articles about that place first. A permalink and, clicked,
 * a navigation inside the page. None for a hit that names no place.
 */
function nearbyLink(hit) {
  const place = hit.geo ? undefined : hit.entities.find((e) => e.type === 'place');
  if (!hit.geo && !place) return null;
  const near = hit.geo ? `${String(hit.geo.lat)},${String(hit.geo.lon)}` : place.id;
  const radius = hit.geo ? NEARBY_RADIUS : DEFAULT_RADIUS;
  const title = hit.geo
    ? t('hit.nearbyTitle', { radius: radiusLabel(radius) })
    : t('hit.nearbyPlaceTitle', { radius: radiusLabel(radius), place: entityLabel(place.id, place.names?.[uiLang()] ?? place.name) });
  const patch = { view: 'search', show: 'articles', q: undefined, story: undefined, cursor: undefined, sort: undefined, near, radius };
  return [h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '),
    h('a', { href: urlOf({ ...readState(), ...patch }), class: 'nearby-link', title, onclick: (e) => followLink(e, () => navigate(patch, { focus: 'heading' })) }, t('hit.nearby'))];
}

/** "Read here": the article's text on its own page of this site, with the rest of its story. */
function readLink(hit) {
  return [h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '),
    articleLink(hit.id, t('hit.read'), { class: 'read-link', title: t('hit.readTitle'), dataset: { article: hit.id } })];
}

export function hitItem(hit, i, state = {}, prefix = 'hit') {
  const rtl = hit.dir === 'rtl' || isRtl(hit.lang);
  const href = safeHref(hit.url);
  const id = `${prefix}-${i}`;
  const title = hit.highlight.title ? marked(hit.highlight.title) : hit.title;
  const body = hit.highlight.body?.length ? fragmentNodes(hit.highlight.body) : hit.summary;
  const lang = hit.lang && hit.lang !== 'und' ? hit.lang : undefined;
  const storyId = prefix === 'hit' ? `story-${i}` : `${prefix}-story-${i}`;
  // Listing one story already: no button to open the same story again under each article.
  const others = (state.story ?? '').split(',').includes(hit.story.id) ? 0 : hit.story.size - 1;
  return h('li', { class: 'hit', dataset: { id: hit.id, lang: hit.lang } },
    h('article', { class: 'hit-body', lang, dir: rtl ? 'rtl' : 'auto', 'aria-labelledby': id },
      h('h3', { id, class: 'hit-title' }, href ? h('a', { href, class: 'hit-link', rel: 'noopener noreferrer', target: '_blank' }, title) : title),
      body ? h('p', { class: 'snippet' }, body) : null),
    h('p', { class: 'hit-meta' },
      sourceName(hit.source),
      // The byline, when the feed or page gave one: each name its articles (author=) at a click.
      hit.author ? [h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), (hit.authors ?? [hit.author]).map((name, k) => [k > 0 ? listSep() : '', h('button', { type: 'button', class: 'link author', title: t('hit.byAuthor', { name }), dataset: { author: name }, onclick: () => addFilter('author', name) }, h('bdi', {}, name))])] : null,
      h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '),
      h('time', { datetime: hit.publishedAt }, fmtDateTime(hit.publishedAt)),
      lang ? [h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), h('span', { class: 'lang-badge', title: t('hit.lang', { lang: langName(lang) }) }, langName(lang))] : null,
      typeof hit.tone === 'number' ? [h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), toneBadge(hit.tone)] : null,
      // Its site edited it after Akhbar first read it: when and what; its page lists the earlier versions.
      hit.edited ? [h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), h('span', { class: 'edited-badge', title: t('hit.editedTitle', { when: fmtDateTime(hit.edited.at), what: hit.edited.fields.map((f) => t(`edit.${f}`)).join(listSep()) }) }, t('hit.edited'))] : null,
      hit.topics.length > 0 ? [h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), h('span', { class: 'topics' }, hit.topics.map(topicLabel).join(listSep()))] : null,
      hit.entities.length > 0 ? [h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), h('span', { class: 'entities' }, hit.entities.slice(0, 4).map((e, k) => [k > 0 ? listSep() : '', entityLink(e.id, h('bdi', {}, entityLabel(e.id, e.names?.[uiLang()])))]))] : null,
      nearbyLink(hit),
      readLink(hit)),
    others > 0
      ? [
          h('button', { type: 'button', class: 'story-btn', 'aria-expanded': 'false', 'aria-controls': storyId, dataset: { story: hit.story.id }, onclick: (e) => toggleStory(e.currentTarget, hit, storyId) }, t('story.more', { n: others })),
          h('div', { id: storyId, class: 'story', hidden: true }),
        ]
      : null,
  );
}

async function toggleStory(button, hit, panelId) {
  const panel = $(panelId);
  const open = button.getAttribute('aria-expanded') === 'true';
  button.setAttribute('aria-expanded', String(!open));
  panel.hidden = open;
  if (open || panel.dataset.loaded) return;
  panel.textContent = t('story.loading');
  try {
    const story = await api(`/v1/stories/${encodeURIComponent(hit.story.id)}`, { params: { limit: 50, names: UI_LANGS.join(',') } });
    const items = story.articles.filter((a) => a.id !== hit.id).map((a) => {
      const href = safeHref(a.url);
      const lang = a.lang && a.lang !== 'und' ? a.lang : undefined;
      return h('li', {},
        h('span', { lang, dir: a.dir === 'rtl' || isRtl(a.lang) ? 'rtl' : 'auto', class: 'story-title' }, href ? h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, a.title) : a.title),
        h('span', { class: 'hit-meta' }, ' — ', sourceName(a.source, undefined), ' · ', h('time', { datetime: a.publishedAt }, fmtDateTime(a.publishedAt)),
          typeof a.tone === 'number' ? [' · ', toneBadge(a.tone)] : null, readLink(a)));
    });
    // How each language covered the story: its articles' average tone, where they have one.
    const toned = story.langs.filter((l) => typeof l.tone === 'number');
    const byLang = toned.length > 0
      ? h('p', { class: 'story-tone' }, t('story.toneByLang'), ' ', toned.map((l, i) => [i > 0 ? listSep() : '', h('span', { dataset: { lang: l.key, tone: String(l.tone) } }, `${langName(l.key)} ${fmtTone(l.tone)}`)]))
      : null;
    // Where the coverage comes from: its sources' countries, the most sources first (GDELT's source
    // country, for one story: is it told from Baghdad, or only from abroad?).
    const byCountry = new Map();
    for (const s of story.sources) if (s.country) byCountry.set(s.country, (byCountry.get(s.country) ?? 0) + 1);
    const from = byCountry.size > 0
      ? h('p', { class: 'story-from' }, t('story.from'), ' ', [...byCountry].sort((a, b) => b[1] - a[1] || countryName(a[0]).localeCompare(countryName(b[0]), uiLang()))
        .map(([c, n], i) => [i > 0 ? listSep() : '', h('span', { dataset: { country: c, sources: String(n) } }, `${countryName(c)} (${t('top.sources', { n })})`)]))
      : null;
    known.storyTitles.set(hit.story.id, hit.title);
    // The whole story as a result list, oldest first: every article (the panel shows 50), its
    // facets, its feed and CSV, and a chip to leave it.
    const all = h('a', { href: urlOf({ ...readState(), view: 'search', show: 'articles', story: hit.story.id, q: undefined, in: undefined, cursor: undefined, sort: 'oldest' }), class: 'story-all', onclick: (e) => {
      e.preventDefault();
      void navigate({ view: 'search', show: 'articles', story: hit.story.id, q: undefined, in: undefined, sort: 'oldest' }, { focus: 'heading' });
    } }, t('story.all'));
    panel.replaceChildren(h('h4', {}, t('story.title')), byLang, from, h('ul', {}, items), h('p', {}, all, ' · ', storyLink(hit.story.id, t('story.page'))));
    panel.dataset.loaded = '1';
  } catch (err) {
    panel.textContent = t('error.generic', { message: err.message });
  }
}

/** j / k: focus the next / previous result's (or top story's) link. */
export function moveFocus(delta) {
  const links = [...document.querySelectorAll('#results .hit-link, #top-stories .hit-link')];
  if (links.length === 0) return;
  const current = links.findIndex((a) => a === document.activeElement || a.closest('.hit')?.contains(document.activeElement));
  const next = current < 0 ? (delta > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, current + delta));
  links[next].focus();
  links[next].scrollIntoView({ block: 'nearest' });
}
