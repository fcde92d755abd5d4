// An article's page (view=article&id=…): its text as Akhbar stored it, to read here — title and
// byline in the article's own language and direction, its picture, source, time, reading time,
// tone, topics and the people, places and organisations it names (each a link to its page) — then
// the same story told by other sources and related articles, each opening here too, and a link to
// the original. From /v1/articles/:id, /v1/stories/:id and /v1/articles/:id/related; the story and
// related cards fail alone, as the dashboard's do.
import { api, ApiError } from './api.js';
import { h, put, safeHref } from './dom.js';
import { t, brand, fmtDateTime, langName, isRtl, listSep, uiLang, UI_LANGS } from './i18n.js';
import { authorLink, learnEntity, entityLabel, entityLink, sourceName, topicLabel, urlOf, visit, followLink, knownReady } from './app.js';
import { toneBadge } from './charts.js';
import { dayLinks, followFeeds } from './search.js';
import { busy, fill, failed } from './dashboard.js';
import { storyLink } from './story.js';

const $ = (id) => document.getElementById(id);
const CARDS = ['article-story', 'article-related'];
/** Other articles of its story, and related articles, shown. */
const STORY_LIMIT = 20;
const RELATED_LIMIT = 6;

/** The page URL of an article's page: /?view=article&id=… */
export function articleHref(id) {
  return urlOf({ view: 'article', id });
}

/** Open an article's page. */
export function openArticle(id, opts) {
  return visit({ view: 'article', id }, opts);
}

/** A link to an article's page: a real link (a new tab opens it too), followed in the page. */
export function articleLink(id, label, attrs = {}) {
  return h('a', { href: articleHref(id), ...attrs, onclick: (e) => followLink(e, () => openArticle(id)) }, label);
}

const sep = () => h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ');
const muted = (key, vars) => h('p', { class: 'muted' }, t(key, vars));
const langOf = (a) => (a.lang && a.lang !== 'und' ? a.lang : undefined);
const dirOf = (a) => (a.dir === 'rtl' || isRtl(a.lang) ? 'rtl' : 'auto');

export async function render(state, { signal, focus } = {}) {
  const id = state.id;
  const heading = $('article-heading');
  heading.replaceChildren(t('article.loading'));
  heading.removeAttribute('lang');
  heading.removeAttribute('dir');
  for (const el of ['article-meta', 'article-text', 'article-named', 'article-quoted', 'article-dates', 'article-note']) $(el).replaceChildren();
  $('article-figure').hidden = true;
  $('article-original').hidden = true;
  if (focus) heading.focus();
  if (!id) return notFound(id, t('article.noId'));
  document.title = `${t('title.article')} · ${brand()}`;
  $('article-status').textContent = t('article.loading');
  $('article-cards').hidden = false;
  for (const c of CARDS) busy(c);
  let article;
  try {
    [article] = await Promise.all([
      api(`/v1/articles/${encodeURIComponent(id)}`, { params: { names: UI_LANGS.join(',') }, signal }),
      knownReady(),
    ]);
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) return notFound(id, t('article.notFoundText', { id }));
    heading.replaceChildren(t('article.failed'));
    $('article-status').textContent = t('error.generic', { message: err.message });
    $('article-cards').hidden = true;
    return undefined;
  }
  show(article);
  const guard = (card, p) => p.catch((err) => {
    if (err?.name === 'AbortError') throw err;
    failed(card, err);
  });
  await Promise.all([guard('article-story', story(article, signal)), guard('article-related', related(article, signal))]);
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  return undefined;
}

/** No such article (removed, never indexed, a mistyped link): say so, in place of the page. */
function notFound(id, text) {
  $('article-heading').replaceChildren(t('article.notFound'));
  $('article-status').textContent = text;
  $('article-cards').hidden = true;
  document.title = `${t('article.notFound')} · ${brand()}`;
}

/** The article itself: heading, byline, picture, text, what it names, the link to the original. */
function show(a) {
  for (const e of a.entities) learnEntity(e);
  const lang = langOf(a);
  const dir = dirOf(a);
  const heading = $('article-heading');
  heading.replaceChildren(a.title);
  if (lang) heading.setAttribute('lang', lang);
  heading.setAttribute('dir', dir);
  document.title = `${a.title} · ${brand()}`;
  $('article-status').textContent = '';

  const minutes = a.readingTimeSec ? Math.max(1, Math.round(a.readingTimeSec / 60)) : undefined;
  put($('article-meta'),
    sourceName(a.source),
    // The byline: each name it gives opens that author's page.
    a.author ? [sep(), (a.authors ?? [a.author]).map((name, k) => [k > 0 ? listSep() : '', authorLink(name, h('bdi', { class: 'author' }, name), { title: t('entity.profileOf', { name }) })])] : null,
    sep(), h('time', { datetime: a.publishedAt }, fmtDateTime(a.publishedAt)),
    lang ? [sep(), h('span', { class: 'lang-badge' }, langName(lang))] : null,
    minutes ? [sep(), h('span', { class: 'reading-time', dataset: { minutes: String(minutes) } }, t('article.minutes', { n: minutes }))] : null,
    typeof a.tone === 'number' ? [sep(), toneBadge(a.tone)] : null,
    a.topics.length > 0 ? [sep(), h('span', { class: 'topics' }, a.topics.map(topicLabel).join(listSep()))] : null,
  );

  // The picture its feed or page gave, from its own site: https (the page's CSP) or this gateway's
  // origin, sent no referrer.
  const src = safeHref(a.image);
  const figure = $('article-figure');
  if (src && (src.startsWith('https:') || new URL(src).origin === location.origin)) {
    figure.replaceChildren(h('img', { src, alt: '', loading: 'lazy', referrerpolicy: 'no-referrer', decoding: 'async' }));
    figure.hidden = false;
  }

  // The text as stored: plain text, a blank line between paragraphs (never the feed's HTML).
  const text = $('article-text');
  if (lang) text.setAttribute('lang', lang);
  else text.removeAttribute('lang');
  text.setAttribute('dir', dir);
  const paragraphs = (a.body || a.summary || '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  text.replaceChildren(...paragraphs.map((p) => h('p', {}, p)));
  // Only a summary (a feed that gives no more, a page not fetched): the rest is at its source.
  const note = $('article-note');
  note.textContent = a.body?.trim() ? '' : t(paragraphs.length > 0 ? 'article.summaryOnly' : 'article.noText');
  note.hidden = !note.textContent;

  put($('article-named'), a.entities.length > 0
    ? [h('span', { class: 'label' }, t('article.named')), ' ', a.entities.map((e, k) => [k > 0 ? listSep() : '', entityLink(e.id, h('bdi', {}, entityLabel(e.id, e.names?.[uiLang()])))])]
    : null);

  // Who it quotes, once each: each opens what else they said (the Quotations of the search view).
  const quoted = new Map();
  for (const q of a.quotes ?? []) if (q.speaker && !quoted.has(q.speaker.id)) quoted.set(q.speaker.id, q.speaker);
  put($('article-quoted'), quoted.size > 0
    ? [h('span', { class: 'label' }, t('article.quoted')), ' ', [...quoted.values()].map((e, k) => {
      const said = { view: 'search', show: 'quotes', speaker: e.id };
      const name = entityLabel(e.id, e.names?.[uiLang()] ?? e.name);
      return [k > 0 ? listSep() : '', h('a', { href: urlOf(said), class: 'quoted-link', dataset: { speaker: e.id }, title: t('article.quotedTitle', { name }), onclick: (ev) => followLink(ev, () => visit(said)) }, h('bdi', {}, name))];
    })]
    : null);

  // The days it names, each opening the agenda of that day (what else the news says of it); the
  // sentence naming it as the link's title.
  put($('article-dates'), dayLinks(a.dates, { title: (d) => d.sentence }));

  // What its site changed after Akhbar first read it: each edit, latest first, with the headline
  // and summary as they were before it, and what it changed word by word on demand.
  const edits = $('article-edits');
  const revisions = (a.revisions ?? []).map((r, k) => ({ ...r, n: k + 1 })).reverse();
  edits.hidden = revisions.length === 0;
  $('article-edits-heading').textContent = t('article.edits');
  $('article-edits-list').replaceChildren(...revisions.map((r) => h('li', { class: 'edit' },
    h('time', { datetime: r.seenAt }, fmtDateTime(r.seenAt)), ': ', t('article.editChanged', { what: r.fields.map((f) => t(`edit.${f}`)).join(listSep()) }),
    r.title !== undefined ? h('span', { class: 'edit-was' }, ' ', t('article.wasTitle'), ' ', h('q', { lang: lang ?? '', dir }, r.title)) : null,
    r.summary !== undefined ? h('span', { class: 'edit-was' }, ' ', t('article.wasSummary'), ' ', h('q', { lang: lang ?? '', dir }, r.summary)) : null,
    editChanges(a, r.n, lang, dir))));

  const href = safeHref(a.url);
  const original = $('article-original');
  if (href) {
    original.href = href;
    original.textContent = t('article.original', { source: a.source.name || a.source.domain });
    original.hidden = false;
  }
}

/** Words of unchanged text shown either side of a change in the text; the rest is an ellipsis. */
const CONTEXT_WORDS = 12;

/** An unchanged run of the text, cut to its first and last CONTEXT_WORDS words (none before the first change, none after the last). */
function context(text, { head, tail }) {
  const words = text.split(/(\s+)/u);
  const keep = 2 * CONTEXT_WORDS;
  if (words.length <= 2 * keep + 1) return text;
  const start = head ? words.slice(0, keep).join('') : '';
  const end = tail ? words.slice(-keep).join('') : '';
  return [start, h('span', { class: 'edit-gap', title: t('article.unchanged') }, ' … '), end];
}

/**
 * "What changed": a disclosure that, opened, reads /v1/articles/:id/revisions/:n and shows each
 * field the edit changed word by word — taken out struck through, put in underlined — in the
 * article's own language and direction; the text's long unchanged stretches cut to their edges.
 */
function editChanges(a, n, lang, dir) {
  const box = h('div', { class: 'edit-changes-body' });
  const details = h('details', { class: 'edit-changes', dataset: { n: String(n) } }, h('summary', {}, t('article.showChanges')), box);
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    box.replaceChildren(h('p', { class: 'muted' }, t('article.loading')));
    try {
      const rev = await api(`/v1/articles/${encodeURIComponent(a.id)}/revisions/${n}`);
      box.replaceChildren(...rev.fields.map((f) => {
        const runs = rev.changes[f];
        // The label in the page's language, the words in the article's own language and direction.
        const label = h('span', { class: 'label' }, t('article.changesIn', { what: t(`edit.${f}`) }), ' ');
        if (!runs) return h('p', {}, label, h('span', { class: 'muted' }, t(rev.before[f] === undefined || rev.after[f] === undefined ? 'article.textNotKept' : 'article.tooDifferent')));
        return h('div', { class: `edit-diff edit-${f}` }, label, h('p', { class: 'edit-runs', lang: lang ?? '', dir }, runs.map((c, k) => {
          // The spaces at a change's edges stay outside its mark: a struck-through space reads as nothing.
          if (c.op !== 'same') {
            const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/u.exec(c.text);
            return [lead, core ? h(c.op === 'removed' ? 'del' : 'ins', {}, core) : null, trail];
          }
          return f === 'body' ? context(c.text, { head: k > 0, tail: k < runs.length - 1 }) : c.text;
        })));
      }));
    } catch (err) {
      loaded = false;
      box.replaceChildren(h('p', { class: 'error' }, t('error.generic', { message: err.message })));
    }
  });
  return details;
}

/** An article in a list of this page: its title opens its own page; source, time, language. */
function item(a) {
  const lang = langOf(a);
  return h('li', { dataset: { id: a.id, lang: a.lang } },
    h('span', { lang, dir: dirOf(a), class: 'story-title' }, articleLink(a.id, a.title)),
    h('span', { class: 'hit-meta' }, ' — ', sourceName(a.source, undefined), ' · ', h('time', { datetime: a.publishedAt }, fmtDateTime(a.publishedAt)),
      lang ? [' · ', langName(lang)] : null,
      typeof a.tone === 'number' ? [' · ', toneBadge(a.tone)] : null));
}

/** The same story told by the other articles of its cluster, oldest first, and the whole story as a search. */
async function story(a, signal) {
  if (a.story.size <= 1) return fill('article-story', muted('article.noStory'));
  const res = await api(`/v1/stories/${encodeURIComponent(a.story.id)}`, { params: { limit: STORY_LIMIT + 1, names: UI_LANGS.join(',') }, signal });
  const others = res.articles.filter((x) => x.id !== a.id).slice(0, STORY_LIMIT);
  const whole = { view: 'search', show: 'articles', story: a.story.id, sort: 'oldest' };
  return fill('article-story',
    others.length > 0 ? h('ul', { class: 'article-list' }, others.map(item)) : muted('article.noStory'),
    h('p', {}, h('a', { href: urlOf(whole), class: 'story-all', onclick: (e) => followLink(e, () => visit(whole)) }, t('article.storyAll', { n: a.story.size })), ' · ', storyLink(a.story.id, t('story.page'))),
    // The story as it grows, in a feed reader.
    followFeeds({ story: a.story.id }, t('feed.story', { title: a.title })));
}

/** Articles like this one (more-like-this and shared names), in any language, its own story left out. */
async function related(a, signal) {
  const res = await api(`/v1/articles/${encodeURIComponent(a.id)}/related`, { params: { limit: RELATED_LIMIT, excludeStory: true, names: UI_LANGS.join(',') }, signal });
  for (const x of res.hits) for (const e of x.entities) learnEntity(e);
  fill('article-related', res.hits.length > 0 ? h('ul', { class: 'article-list' }, res.hits.map(item)) : muted('article.noRelated'));
}
