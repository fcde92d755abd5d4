// The feeds view (admin token): add a feed by its URL or a site's URL (the gateway discovers the
// feeds a page links), see each feed's status, last error and counts, refresh or remove it.
import { api, ApiError, credentials, wireTokenForm } from './api.js';
import { h, clear, safeHref } from './dom.js';
import { t, fmtNumber, fmtDateTime, langName } from './i18n.js';

const $ = (id) => document.getElementById(id);
let wired = false;

function message(text, kind = 'info') {
  const box = $('feeds-message');
  box.className = `message ${kind}`;
  box.textContent = text;
}

function titleOf(feed) {
  if (feed.title) return feed.title;
  try {
    return new URL(feed.url).hostname;
  } catch {
    return feed.url;
  }
}

function wire() {
  if (wired) return;
  wired = true;
  wireTokenForm($('token-form'), $('admin-token'), $('forget-token'), () => void load());
  $('add-feed').addEventListener('submit', (e) => {
    e.preventDefault();
    void addFeed($('feed-url').value.trim());
  });
}

export async function render(_state, { signal, focus } = {}) {
  wire();
  if (focus) $('feeds-heading').focus();
  await load(signal);
}

async function load(signal) {
  const tbody = $('feeds-table').querySelector('tbody');
  const signedIn = Boolean(credentials.adminToken);
  $('add-feed').hidden = !signedIn;
  $('forget-token').hidden = !signedIn;
  $('feeds-table').hidden = !signedIn;
  if (!signedIn) {
    clear(tbody);
    clear($('discovered'));
    message(t('feeds.needToken'));
    return;
  }
  try {
    const res = await api('/v1/feeds', { admin: true, signal });
    tbody.replaceChildren(...(res.feeds.length > 0 ? res.feeds.map(row) : [h('tr', {}, h('td', { colspan: '7', class: 'muted' }, t('feeds.empty')))]));
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    clear(tbody);
    if (err instanceof ApiError && err.status === 401) {
      $('add-feed').hidden = true;
      $('feeds-table').hidden = true;
      message(t('feeds.badToken', { message: err.message }), 'error');
    } else message(t('error.generic', { message: err.message }), 'error');
  }
}

function row(feed) {
  const s = feed.status;
  const title = titleOf(feed);
  const site = safeHref(feed.siteUrl ?? '');
  const remove = h('button', { type: 'button', class: 'danger', 'aria-label': t('feeds.removeOf', { title }) }, t('feeds.remove'));
  remove.addEventListener('click', () => {
    // Two steps instead of a modal confirm(): the same button asks once more.
    if (remove.dataset.confirm !== '1') {
      remove.dataset.confirm = '1';
      remove.textContent = t('feeds.confirm');
      remove.setAttribute('aria-label', t('feeds.confirmOf', { title }));
      return;
    }
    void removeFeed(feed, title, remove.closest('tr'));
  });
  return h('tr', { dataset: { id: feed.id, state: s.state } },
    h('td', { class: 'feed-cell' },
      h('div', { class: 'feed-title', dir: 'auto' }, site ? h('a', { href: site, rel: 'noopener noreferrer', target: '_blank' }, title) : title),
      h('div', { class: 'feed-url', dir: 'ltr' }, feed.url),
      feed.lang ? h('div', { class: 'muted' }, langName(feed.lang)) : null),
    h('td', { 'data-label': t('feeds.col.state') }, h('span', { class: `state state-${s.state}` }, t(`state.${s.state}`)), s.consecutiveFailures > 0 ? h('div', { class: 'muted' }, `× ${fmtNumber(s.consecutiveFailures)}`) : null),
    h('td', { 'data-label': t('feeds.col.lastFetch') }, s.lastFetchAt ? h('time', { datetime: s.lastFetchAt }, fmtDateTime(s.lastFetchAt)) : t('feeds.never'), s.lastHttpStatus ? h('div', { class: 'muted' }, `HTTP ${s.lastHttpStatus}`) : null),
    h('td', { class: 'feed-error', 'data-label': t('feeds.col.error') }, s.lastErrorCode ? h('code', {}, s.lastErrorCode) : null, s.lastError ? h('div', { dir: 'auto' }, s.lastError) : null),
    h('td', { class: 'num', 'data-label': t('feeds.col.seen') }, fmtNumber(feed.counts.seen)),
    h('td', { class: 'num', 'data-label': t('feeds.col.indexed') }, fmtNumber(feed.counts.indexed), feed.counts.latestAt ? h('div', { class: 'muted' }, t('feeds.latest', { date: fmtDateTime(feed.counts.latestAt) })) : null),
    h('td', { 'data-label': t('feeds.col.actions') }, h('div', { class: 'actions' },
      h('button', { type: 'button', 'aria-label': t('feeds.refreshOf', { title }), onclick: () => refreshFeed(feed, title) }, t('feeds.refresh')),
      remove)));
}

async function addFeed(url, title) {
  if (!url) return;
  clear($('discovered'));
  message(t('feeds.adding', { url }));
  try {
    const { status, data } = await api('/v1/feeds', { method: 'POST', body: title ? { url, title: title.slice(0, 300) } : { url }, admin: true, withStatus: true });
    message(t(status === 201 ? 'feeds.added' : 'feeds.known', { title: titleOf(data) }), 'ok');
    $('feed-url').value = '';
    await load();
  } catch (err) {
    if (err instanceof ApiError && err.status === 422 && Array.isArray(err.body?.feeds)) {
      const feeds = err.body.feeds;
      if (feeds.length === 0) return message(t('feeds.noneFound', { url }), 'error');
      message(t('feeds.discovered', { url }));
      $('discovered').replaceChildren(h('ul', { class: 'discovered' }, feeds.map((f) =>
        h('li', {},
          h('span', { dir: 'auto', class: 'feed-title' }, f.title || f.url), ' ',
          h('span', { class: 'feed-url', dir: 'ltr' }, f.url), ' ',
          h('button', { type: 'button', 'aria-label': `${t('feeds.addThis')}: ${f.title || f.url}`, onclick: () => addFeed(f.url, f.title) }, t('feeds.addThis'))))));
      return;
    }
    message(err instanceof ApiError && err.status === 401 ? t('feeds.badToken', { message: err.message }) : t('error.generic', { message: err.message }), 'error');
  }
}

async function refreshFeed(feed, title) {
  try {
    await api(`/v1/feeds/${encodeURIComponent(feed.id)}/refresh`, { method: 'POST', admin: true });
    message(t('feeds.refreshed', { title }), 'ok');
  } catch (err) {
    message(t('error.generic', { message: err.message }), 'error');
  }
}

async function removeFeed(feed, title, tr) {
  try {
    await api(`/v1/feeds/${encodeURIComponent(feed.id)}`, { method: 'DELETE', admin: true });
    // Its row goes at once, so the message and the list never disagree while the list reloads.
    tr?.remove();
    message(t('feeds.removed', { title }), 'ok');
    await load();
  } catch (err) {
    message(t('error.generic', { message: err.message }), 'error');
  }
}
