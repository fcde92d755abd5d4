// Saved searches, kept in this browser (localStorage, nothing on the server): a search the reader
// comes back to — its words and filters — listed above the top stories with how many articles it
// has gained since it was last opened (the gateway's indexedFrom= from the time of that answer, by
// the gateway's clock). Alerts are the server's way to follow a search; these need no admin token.
import { api } from './api.js';
import { h } from './dom.js';
import { t, listSep } from './i18n.js';
import { askFreshNext } from './search.js';
import { FILTERS, urlOf, visit, followLink, filterLabel, toneLabel, nearLabel, listValues } from './app.js';

const STORE = 'akhbar.saved';
/** At most this many are kept: the oldest saved goes first. */
const MAX = 20;
const $ = (id) => document.getElementById(id);

/** The saved searches, newest saved first: [{ params, savedAt, seenAt, seenCount }]. */
export function savedSearches() {
  try {
    const list = JSON.parse(localStorage.getItem(STORE) ?? '[]');
    return Array.isArray(list) ? list.filter((s) => s && typeof s.params === 'object') : [];
  } catch {
    return [];
  }
}

function keep(list) {
  try {
    localStorage.setItem(STORE, JSON.stringify(list.slice(0, MAX)));
  } catch {
    // Storage full or refused (a private window): the list stays as it was.
  }
}

/** One search's identity: its parameters, sorted, as a query string. */
export function keyOf(params) {
  return new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '').sort(([a], [b]) => a.localeCompare(b))).toString();
}

export function isSaved(params) {
  const key = keyOf(params);
  return savedSearches().some((s) => keyOf(s.params) === key);
}

/**
 * How far before the answer "seen" starts. An article is stamped indexedAt when its bulk is written
 * and becomes searchable a refresh later (a second), so one stamped just before the answer may not
 * have been in it: counting from a little earlier, less the articles the search did find then,
 * misses none and counts none twice.
 */
const SEEN_MARGIN_MS = 5_000;
/**
 * What the search of `params` finds as of `answeredAt` (the gateway's time of its answer): the mark
 * new articles are counted from, and how many it found from there then (those still match later).
 */
async function seenMark(params, answeredAt) {
  const seenAt = new Date(Date.parse(answeredAt) - SEEN_MARGIN_MS).toISOString();
  const res = await api('/v1/search', { params: { ...params, indexedFrom: seenAt, limit: 1, highlight: false }, fresh: true });
  return { seenAt, seenCount: res.total };
}

/** Save the search of `params`, seen as of `answeredAt`. */
export async function save(params, answeredAt) {
  const key = keyOf(params);
  keep([{ params, savedAt: new Date().toISOString() }, ...savedSearches().filter((s) => keyOf(s.params) !== key)]);
  await markSeen(params, answeredAt);
}

export function remove(params) {
  const key = keyOf(params);
  keep(savedSearches().filter((s) => keyOf(s.params) !== key));
}

/** The search of `params` was just shown, as of `answeredAt`: what it finds from now on is new. */
export async function markSeen(params, answeredAt) {
  if (!answeredAt || !savedSearches().some((s) => keyOf(s.params) === keyOf(params))) return;
  let mark;
  try {
    mark = await seenMark(params, answeredAt);
  } catch {
    return; // No answer: the count stays as it was until the search is opened again.
  }
  // Read again: the list may have changed while the gateway answered.
  const list = savedSearches();
  const s = list.find((x) => keyOf(x.params) === keyOf(params));
  if (!s) return;
  Object.assign(s, mark);
  keep(list);
}

/** A saved search in words: its query, then each filter as its chip says it ("Kadhimi · Language: Arabic"). */
export function describe(params) {
  const parts = [];
  if (params.q) parts.push(params.q);
  if (params.in === 'title') parts.push(t('filters.inTitle'));
  for (const k of FILTERS) if (params[k]) parts.push(`${t(`filters.${k}`)}: ${listValues(params[k]).map((v) => filterLabel(k, v)).join(listSep())}`);
  if (params.toneMin || params.toneMax) parts.push(`${t('filters.tone')}: ${toneLabel(params)}`);
  if (params.near) parts.push(`${t('filters.near')}: ${nearLabel(params)}`);
  if (params.bbox) parts.push(t('filters.bbox'));
  return parts.join(' · ');
}

/** The state that opens a saved search: the articles, newest first unless it had its own sort. */
const stateOf = (params) => ({ view: 'search', show: 'articles', ...params });

/**
 * The saved searches above the top stories: each a link to its articles, with "3 new" since it was
 * last opened, and a button to forget it. Hidden when there are none. Each count is its own
 * request: one failing leaves its search without a count.
 */
export async function renderSaved({ signal } = {}) {
  const box = $('saved');
  const list = savedSearches();
  box.hidden = list.length === 0;
  if (list.length === 0) return;
  const items = list.map((s) => {
    const label = describe(s.params);
    const count = h('span', { class: 'saved-count muted' });
    // Opened here, it asks the gateway, not the browser's cache (which may hold it from before what is new).
    const link = h('a', { href: urlOf(stateOf(s.params)), class: 'saved-link', onclick: (e) => followLink(e, () => {
      askFreshNext();
      return visit(stateOf(s.params));
    }) }, h('bdi', {}, label));
    const forget = h('button', { type: 'button', class: 'link saved-remove', 'aria-label': t('saved.removeLabel', { label }), title: t('saved.removeLabel', { label }), onclick: () => {
      remove(s.params);
      void renderSaved();
    } }, '×');
    const li = h('li', { dataset: { key: keyOf(s.params) } }, link, ' ', count, ' ', forget);
    if (s.seenAt) {
      // What it finds from the mark, less what it found there then (those still match): a count, no hits.
      const params = { ...s.params, indexedFrom: s.seenAt, limit: 1, highlight: false };
      api('/v1/search', { params, signal, fresh: true })
        .then((res) => {
          const n = Math.max(0, res.total - (s.seenCount ?? 0));
          count.textContent = n > 0 ? t('saved.new', { n }) : t('saved.nothingNew');
          count.classList.toggle('muted', n === 0);
          count.classList.toggle('has-new', n > 0);
          li.dataset.new = String(n);
        })
        .catch(() => undefined);
    }
    return li;
  });
  $('saved-list').replaceChildren(...items);
}

/** "Save this search" / "Saved — remove it" under a search's results (answered at `answeredAt`, the gateway's Date). */
export function saveButton(params, answeredAt) {
  const p = $('save-search');
  const button = $('save-search-btn');
  // A search with nothing in it is the whole index: nothing to save.
  p.hidden = Object.keys(params).length === 0;
  const show = () => {
    const saved = isSaved(params);
    button.textContent = t(saved ? 'saved.saved' : 'saved.save');
    button.setAttribute('aria-pressed', String(saved));
  };
  button.onclick = async () => {
    if (isSaved(params)) remove(params);
    else {
      button.disabled = true;
      await save(params, answeredAt);
      button.disabled = false;
    }
    show();
  };
  show();
}
