// Coverage like a text (view=similar): paste a paragraph, a claim or an article from anywhere (or
// its address: the gateway reads the page) and get the articles most like it, in any language —
// by its words in its own language, and by the people, places and organisations it names. The
// search box and filters above narrow them, as on every view. From POST /v1/similar. An address
// goes in the page URL (url=, a permalink, what the bookmarklet opens); a text is too long for
// one, so the tab keeps it (sessionStorage) for a reload, back and forward, or a change of filter.
import { api } from './api.js';
import { h, clear } from './dom.js';
import { t, tNodes, langName, listSep, uiLang, UI_LANGS } from './i18n.js';
import { entityLink, filterParams, learnEntity, knownReady, navigate, urlOf, visit, followLink } from './app.js';
import { LIKE_STORE, URL_ONLY } from './alerts.js';
import { articleLink } from './article.js';
import { hitItem } from './search.js';

const $ = (id) => document.getElementById(id);
const STORE = 'akhbar.similar';
/** Hits shown: the most alike (the API gives up to 50). */
const LIMIT = 30;
/** The longest text the API reads (SIMILAR_MAX_CHARS). */
const MAX_CHARS = 20_000;

let wired = false;

function wire() {
  if (wired) return;
  wired = true;
  const box = $('similar-text');
  box.maxLength = MAX_CHARS;
  $('similar-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = box.value.trim();
    // Through the page's render, as any change: a newer one aborts this, and the page says when it
    // is done. An address goes in the URL (a permalink to share); a text, too long for one, stays in the tab.
    if (URL_ONLY.test(text)) return void navigate({ url: text });
    if (text) sessionStorage.setItem(STORE, text);
    else sessionStorage.removeItem(STORE);
    void navigate({ url: undefined }, { replace: true });
  });
  // The bookmarklet: from any page, this view with that page's address. Never run here (the
  // page's CSP forbids it); a browser runs it on the page it is clicked on.
  $('similar-bookmarklet').setAttribute('href', `javascript:location.href=${JSON.stringify(`${location.origin}/?view=similar&url=`).replaceAll('"', "'")}+encodeURIComponent(location.href)`);
}

export async function render(state, { signal, focus } = {}) {
  wire();
  const box = $('similar-text');
  if (state.url) box.value = state.url;
  else if (!box.value || URL_ONLY.test(box.value.trim())) box.value = sessionStorage.getItem(STORE) ?? '';
  if (focus) $('similar-heading').focus();
  await run(state, box.value.trim(), signal);
}

async function run(state, text, signal) {
  const status = $('similar-status');
  const list = $('similar-results');
  $('similar-named').hidden = true;
  $('similar-read').hidden = true;
  $('similar-alert').hidden = true;
  if (!text) {
    clear(list);
    status.textContent = t('similar.empty');
    return;
  }
  const grouped = state.group !== false;
  const params = { ...filterParams(state), limit: LIMIT, names: UI_LANGS.join(','), ...(grouped ? { collapse: 'story' } : {}) };
  list.setAttribute('aria-busy', 'true');
  status.textContent = t('results.loading');
  let res;
  try {
    [res] = await Promise.all([api('/v1/similar', { method: 'POST', params, body: URL_ONLY.test(text) ? { url: text } : { text }, signal }), knownReady()]);
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    list.removeAttribute('aria-busy');
    clear(list);
    status.textContent = t('error.generic', { message: err.message });
    return;
  }
  for (const hit of res.hits) for (const e of hit.entities) learnEntity(e);
  for (const e of res.entities) learnEntity(e);
  const count = t('results.count', { n: res.total }) + (res.totalRelation === 'gte' ? '+' : '');
  const parts = grouped && res.stories !== undefined ? [t('results.stories', { n: res.stories }), count] : [count];
  if (res.lang) parts.push(t('similar.lang', { lang: langName(res.lang) }));
  status.textContent = res.total === 0 ? `${t('similar.none')}${res.lang ? ` · ${t('similar.lang', { lang: langName(res.lang) })}` : ''}` : parts.join(' · ');
  if (res.timedOut) status.textContent += ` — ${t('results.timedOut')}`;
  if (res.read) {
    // The article the address led to: read from the index (and left out of the list), or fetched.
    const label = h('bdi', {}, res.read.title || res.read.url);
    const title = res.read.id ? articleLink(res.read.id, label) : h('a', { href: res.read.url, rel: 'noopener noreferrer', target: '_blank' }, label);
    $('similar-read').replaceChildren(...tNodes(res.read.fetched ? 'similar.readPage' : 'similar.readIndexed', { title }));
    $('similar-read').hidden = false;
  }
  if (res.entities.length > 0) {
    const names = res.entities.map((e, i) => [i > 0 ? listSep() : '', entityLink(e.id, h('bdi', {}, e.names?.[uiLang()] ?? e.name))]);
    $('similar-named').replaceChildren(...tNodes('similar.named', { names }));
    $('similar-named').hidden = false;
  }
  list.replaceChildren(...res.hits.map((hit, i) => hitItem(hit, i, state, 'similar')));
  list.removeAttribute('aria-busy');
  // An alert for what comes next like this text or this address's article (its filters too): the
  // alert form sends it as like or likeUrl.
  $('similar-alert').hidden = false;
  const target = { view: 'alerts', ...filterParams(state) };
  const link = $('similar-alert-link');
  link.href = urlOf(target);
  link.onclick = (e) => followLink(e, () => {
    sessionStorage.setItem(LIKE_STORE, text);
    return visit(target, { focus: 'form' });
  });
}
