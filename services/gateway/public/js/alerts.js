// The alerts view (admin token, the same one as the feeds view): create an alert from the current
// search (its query and filters prefill the form) or from words typed in, show its signing secret
// the one time the API gives it, and list the alerts with their query, delivery and how their
// deliveries went; send a test, or delete one (two steps).
import { api, ApiError, credentials, wireTokenForm } from './api.js';
import { h, clear } from './dom.js';
import { t, fmtDateTime, listSep } from './i18n.js';
import { FILTERS, TONE, GEO, QUOTE_KEYS, filterLabel, listValues, toneLabel, nearLabel, bboxLabel, urlOf, readState, navigate, learnEntity, entityLabel } from './app.js';

const $ = (id) => document.getElementById(id);
let wired = false;

/** The delivery choices of the form: '' is one POST per article as it is indexed. */
const DIGESTS = ['', '1h', '1d'];
/**
 * What to send: each matching article (''), stories once they are carried by this many sources
 * (minSources), or the edits sites make to matching articles (edit:<what the edit changed>, the
 * query's edited=: an alert on edits).
 */
const SEND = ['', '2', '3', '5', '10', 'edit:title', 'edit:body', 'edit:any'];
const EDIT = 'edit:';
/**
 * The search parameters of an alert the search view can show (and so link to). A function: this
 * module is evaluated before app.js, which imports it, has defined FILTERS.
 */
const shownKeys = () => ['q', 'in', ...FILTERS.filter((k) => k !== 'from' && k !== 'to'), ...TONE, ...GEO, ...QUOTE_KEYS];

/** The query the form was last filled from (a permalink's), so a re-render keeps the user's edits. */
let filledFrom;
/** The filters of the search the form was filled from: [{ key, params, checked }]. */
let formFilters = [];
/** The name the form suggested, replaced when the query changes unless the user wrote another. */
let suggestedName = '';
/** The secret of the alert just created, until the user hides it or leaves the view. */
let secret;

/** Say something in the view's live region; `about` marks what it is about ('token': signing in). */
function message(text, kind = 'info', about = '') {
  const box = $('alerts-message');
  box.className = `message ${kind}`;
  box.dataset.about = about;
  box.textContent = text;
}

function wire() {
  if (wired) return;
  wired = true;
  wireTokenForm($('alerts-token-form'), $('alerts-admin-token'), $('alerts-forget-token'), () => void load());
  $('alert-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void create();
  });
  $('alert-q').addEventListener('input', suggestName);
  $('alert-like-remove').addEventListener('click', () => {
    sessionStorage.removeItem(LIKE_STORE);
    renderLike();
    suggestName();
    $('alert-q').focus();
  });
  for (const id of ['alert-name', 'alert-webhook', 'alert-digest', 'alert-q', 'alert-in-title']) {
    $(id).addEventListener('input', () => $(id).removeAttribute('aria-invalid'));
  }
}

/** The text (or article address) an alert from "Alert me about new coverage like this" is to be like (the similar view puts it here). */
export const LIKE_STORE = 'akhbar.alertLike';
/** A box holding one http(s) address and nothing else is an article's address, not a text: the API's likeUrl. */
export const URL_ONLY = /^https?:\/\/\S+$/i;
const likeText = () => sessionStorage.getItem(LIKE_STORE) ?? '';

/** The form's "Like this text" (or "Like the article at") line: shown while a text or an address waits to be an alert's `like`. */
function renderLike() {
  const like = likeText();
  $('alert-like').hidden = !like;
  $('alert-like-label').textContent = t(URL_ONLY.test(like) ? 'alerts.likeUrl' : 'alerts.like');
  $('alert-like-text').textContent = like.length > 160 ? `${like.slice(0, 159)}…` : like;
}

export async function render(state, { signal, focus } = {}) {
  wire();
  fill(state);
  renderLike();
  renderForm();
  renderSecret();
  await load(signal);
  if (focus === 'form' && credentials.adminToken && !$('alert-form').hidden) {
    // From "Alert me about this search": straight to what is left to fill in.
    ($('alert-name').value ? $('alert-webhook') : $('alert-name')).focus();
  } else if (focus) $('alerts-heading').focus();
}

/** Leaving the view: the secret is not shown again. */
export function leave() {
  secret = undefined;
  renderSecret();
}

// ---- the query of an alert, in words -------------------------------------------------------------

/** A parameter's values in words ("Arabic + English"). */
function valueLabel(key, value) {
  return listValues(value).map((v) => filterLabel(key, v)).join(' + ');
}

function keyLabel(key) {
  const k = `filters.${key}`;
  const label = t(k);
  return label === k ? key : label;
}

/** An alert's query as [label, value] pairs: words, "in headlines only", each filter by name, the tone as one range, near with its radius. */
function queryParts(query) {
  const parts = [];
  if (query.q) parts.push([t('alerts.words'), query.q, 'q']);
  if (query.in === 'title') parts.push([t('filters.inTitle'), '', 'in']);
  else if (query.in) parts.push(['in', query.in, 'in']);
  for (const [key, value] of Object.entries(query)) {
    if (key === 'q' || key === 'in' || TONE.includes(key) || GEO.includes(key) || QUOTE_KEYS.includes(key)) continue;
    parts.push([keyLabel(key), valueLabel(key, value), key]);
  }
  // What was said (an alert made from the Quotations), as their tools name it.
  if (query.said) parts.push([t('quotes.said'), query.said, 'said']);
  if (query.direct) parts.push([t('quotes.kind'), t(query.direct === 'true' ? 'quotes.kind.direct' : 'quotes.kind.reported'), 'direct']);
  if (query.unnamed) parts.push([t('quotes.sources'), t(query.unnamed === 'true' ? 'quotes.sources.unnamed' : 'quotes.sources.named'), 'unnamed']);
  if (query.toneMin || query.toneMax) parts.push([t('filters.tone'), toneLabel(query), 'tone']);
  if (query.near) parts.push([t('filters.near'), nearLabel(query), 'near']);
  if (query.bbox) parts.push([t('filters.bbox'), bboxLabel(query.bbox), 'bbox']);
  return parts;
}

function queryList(query) {
  return h('ul', { class: 'alert-query-list' }, queryParts(query).map(([label, value, key]) =>
    h('li', { dataset: { key } }, value ? [h('span', { class: 'label' }, `${label}: `), h('bdi', {}, value)] : label)));
}

/** The page URL of the search an alert runs, newest first: the search view with its parameters. */
function searchHref(query) {
  // An alert on what was said: the Quotations (newest first already), where its words are matched.
  const s = QUOTE_KEYS.some((k) => query[k]) ? { view: 'search', show: 'quotes' } : { view: 'search', show: 'articles', sort: 'newest' };
  for (const k of shownKeys()) if (query[k]) s[k] = query[k];
  // An alert on edits: the search view writes edited= into its box (edited:title), latest edit first.
  if (query.edited) {
    s.q = [query.q, ...listValues(query.edited).map((v) => `edited:${v}`)].filter(Boolean).join(' ');
    s.sort = 'edited';
  }
  return urlOf(s);
}

// ---- the form ------------------------------------------------------------------------------------

/** Fill the form from the search in the page's state, when that search is not the one it was filled from. */
function fill(state) {
  const query = {};
  if (state.q) query.q = state.q;
  if (state.q && state.in) query.in = state.in;
  for (const k of [...FILTERS, ...TONE, ...GEO]) if (state[k] && k !== 'from' && k !== 'to') query[k] = state[k];
  // From the Quotations: what was said, as their tools chose it.
  if (state.show === 'quotes') for (const k of QUOTE_KEYS) if (state[k]) query[k] = state[k];
  if (!query.near) delete query.radius;
  const key = JSON.stringify(query);
  $('alert-dates').hidden = !(state.from || state.to);
  if (key === filledFrom) return;
  filledFrom = key;
  $('alert-q').value = query.q ?? '';
  $('alert-in-title').checked = query.in === 'title';
  formFilters = [];
  if (query.in && query.in !== 'title') formFilters.push({ key: 'in', params: { in: query.in }, checked: true });
  for (const k of FILTERS) if (query[k]) formFilters.push({ key: k, params: { [k]: query[k] }, checked: true });
  if (query.toneMin || query.toneMax) formFilters.push({ key: 'tone', params: { toneMin: query.toneMin, toneMax: query.toneMax }, checked: true });
  if (query.near) formFilters.push({ key: 'near', params: { near: query.near, radius: query.radius }, checked: true });
  if (query.bbox) formFilters.push({ key: 'bbox', params: { bbox: query.bbox }, checked: true });
  for (const k of QUOTE_KEYS) if (query[k]) formFilters.push({ key: k, params: { [k]: query[k] }, checked: true });
  suggestName();
}

/** The alert's query as the form has it now. */
function formQuery() {
  const query = {};
  const q = $('alert-q').value.trim();
  if (q) query.q = q;
  if (q && $('alert-in-title').checked) query.in = 'title';
  for (const f of formFilters) {
    if (!f.checked) continue;
    for (const [k, v] of Object.entries(f.params)) if (v) query[k] = v;
  }
  return query;
}

/** A name for the alert from its query ("Kadhimi · Arabic"), unless the user wrote one. */
function suggestName() {
  const name = $('alert-name');
  const like = likeText();
  const parts = queryParts(formQuery()).filter(([, , key]) => key !== 'in').map(([label, value]) => value || label);
  // Like a text: its first words name it; like an article at an address: where it is.
  if (like) parts.unshift(URL_ONLY.test(like) ? likeUrlName(like) : like.split(/\s+/).slice(0, 8).join(' '));
  const next = parts.join(' · ').slice(0, 200);
  if (!name.value.trim() || name.value === suggestedName) name.value = next;
  suggestedName = next;
}

/** An address as an alert's name: its site and path, without the scheme and query. */
function likeUrlName(address) {
  try {
    const u = new URL(address);
    return `${u.hostname.replace(/^www\./, '')}${u.pathname === '/' ? '' : u.pathname}`.slice(0, 80);
  } catch {
    return address.slice(0, 80);
  }
}

function renderForm() {
  const current = $('alert-digest').value;
  $('alert-digest').replaceChildren(...DIGESTS.map((d) => h('option', { value: d }, deliveryLabel(d))));
  $('alert-digest').value = current || '';
  const sources = $('alert-min-sources').value;
  $('alert-min-sources').replaceChildren(...SEND.map((n) => h('option', { value: n }, n.startsWith(EDIT) ? t(`alerts.sendEdits.${n.slice(EDIT.length)}`) : sendLabel(n ? Number(n) : undefined))));
  $('alert-min-sources').value = sources || '';
  const list = $('alert-filters');
  list.replaceChildren(...formFilters.map((f, i) => {
    const id = `alert-filter-${i}`;
    const [[label, value]] = queryParts(f.params);
    return h('li', {},
      h('input', { id, type: 'checkbox', checked: f.checked, dataset: { key: f.key }, onchange: (e) => {
        f.checked = e.currentTarget.checked;
        suggestName();
      } }),
      h('label', { for: id }, value ? [`${label}: `, h('bdi', {}, value)] : label));
  }));
  list.hidden = formFilters.length === 0;
  $('alert-filters-label').textContent = t(formFilters.length > 0 ? 'alerts.filtersFrom' : 'alerts.noFilters');
}

/** "Each article as it comes", "A digest every hour", "A digest every 15 minutes". */
function deliveryLabel(digest) {
  const m = /^(\d+)([mhd])$/.exec(digest ?? '');
  if (!m) return t('alerts.every');
  return t({ m: 'alerts.digestMinutes', h: 'alerts.digestHours', d: 'alerts.digestDays' }[m[2]], { n: Number(m[1]) });
}

/** "Each matching article", or "Stories carried by 3 or more sources". */
function sendLabel(minSources) {
  return minSources ? t('alerts.sendStories', { n: minSources }) : t('alerts.sendArticles');
}

/** Fields of the form by the API's `param` (query.lang: the lang filter's box). */
function fieldOf(param) {
  if (param === 'name') return [$('alert-name'), t('alerts.name')];
  if (param === 'webhook') return [$('alert-webhook'), t('alerts.webhook')];
  if (param === 'digest') return [$('alert-digest'), t('alerts.delivery')];
  if (param === 'format') return [$('alert-format'), t('alerts.format')];
  if (param === 'minSources' || param === 'query.edited') return [$('alert-min-sources'), t('alerts.sendWhat')];
  if (param === 'query' || param === 'query.q') return [$('alert-q'), param === 'query' ? t('alerts.query') : t('alerts.words')];
  if (param === 'query.in') return [$('alert-in-title'), t('filters.inTitle')];
  if (param?.startsWith('query.')) {
    const key = param.slice(6);
    const filter = TONE.includes(key) ? 'tone' : key === 'radius' ? 'near' : key;
    const box = document.querySelector(`#alert-filters input[data-key="${CSS.escape(filter)}"]`);
    return [box ?? $('alert-q'), `${t('alerts.query')} — ${keyLabel(filter)}`];
  }
  return [undefined, param];
}

async function create() {
  for (const el of $('alert-form').querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const digest = $('alert-digest').value;
  const format = $('alert-format').value;
  const target = $('alert-webhook').value.trim();
  // An email address as typed is a mailto: webhook, as the API takes it.
  const webhook = /^[^\s:/@]+@[^\s:/@]+$/.test(target) ? `mailto:${target}` : target;
  const like = likeText();
  const liked = !like ? {} : URL_ONLY.test(like) ? { likeUrl: like } : { like };
  const send = $('alert-min-sources').value;
  const minSources = Number(send) || undefined;
  const query = formQuery();
  if (send.startsWith(EDIT)) query.edited = send.slice(EDIT.length);
  const body = { name: $('alert-name').value.trim(), webhook, query, ...liked, ...(digest ? { digest } : {}), ...(format !== 'akhbar' ? { format } : {}), ...(minSources ? { minSources } : {}) };
  message(t('alerts.creating'));
  // The secret of an alert made before goes now: it must not stay up beside the message about this
  // one (this one's, if it has one, is shown once the list is loaded).
  secret = undefined;
  renderSecret();
  try {
    const made = await api('/v1/alerts', { method: 'POST', body, admin: true });
    // An email is not signed: an email alert's secret has nothing to check, so it is not shown.
    const email = made.webhook.startsWith('mailto:') ? made.webhook.slice('mailto:'.length) : undefined;
    secret = email ? undefined : { name: made.name, value: made.secret };
    $('alert-name').value = '';
    $('alert-webhook').value = '';
    sessionStorage.removeItem(LIKE_STORE);
    renderLike();
    suggestedName = '';
    suggestName();
    message(email ? t('alerts.createdEmail', { name: made.name, address: email }) : t('alerts.created', { name: made.name }), 'ok');
    await load();
    renderSecret();
    $('alert-secret-value')?.focus();
    $('alert-secret-value')?.select();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return void message(t('feeds.badToken', { message: err.message }), 'error');
    const param = err instanceof ApiError ? err.body?.error?.param : undefined;
    if (!param) return void message(t('error.generic', { message: err.message }), 'error');
    const [field, label] = fieldOf(param);
    message(t('alerts.fieldError', { field: label, message: err.message }), 'error');
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    }
  }
}

/** The secret of the alert just made, with what it is for: the API shows it this once. */
function renderSecret() {
  const box = $('alert-secret');
  if (!secret) {
    clear(box);
    box.hidden = true;
    return;
  }
  const input = h('input', { id: 'alert-secret-value', type: 'text', dir: 'ltr', readonly: true, spellcheck: 'false', autocomplete: 'off', value: secret.value, 'aria-describedby': 'alert-secret-note' });
  input.value = secret.value;
  const copy = h('button', { type: 'button', onclick: async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(secret.value);
      message(t('alerts.copied'), 'ok');
    } catch {
      message(t('alerts.copyFailed'));
    }
  } }, t('alerts.copy'));
  const hide = h('button', { type: 'button', onclick: () => {
    secret = undefined;
    renderSecret();
    $('alert-name').focus();
  } }, t('alerts.hideSecret'));
  box.replaceChildren(
    h('h3', { id: 'alert-secret-heading' }, t('alerts.secretHeading', { name: secret.name })),
    h('p', { id: 'alert-secret-note' }, t('alerts.secretNote')),
    h('div', { class: 'inline-form' }, h('label', { for: 'alert-secret-value' }, t('alerts.secret')), input, copy, hide));
  box.hidden = false;
}

// ---- the list ------------------------------------------------------------------------------------

async function load(signal) {
  const tbody = $('alerts-table').querySelector('tbody');
  const signedIn = Boolean(credentials.adminToken);
  $('alert-form').hidden = !signedIn;
  $('alerts-forget-token').hidden = !signedIn;
  $('alerts-table').hidden = !signedIn;
  if (!signedIn) {
    clear(tbody);
    message(t('alerts.needToken'), 'info', 'token');
    return;
  }
  try {
    const res = await api('/v1/alerts', { admin: true, signal });
    for (const a of res.alerts) for (const e of a.expandedEntities) learnEntity(e);
    // Newest first: the one just made comes right under the form.
    const alerts = [...res.alerts].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    tbody.replaceChildren(...(alerts.length > 0 ? alerts.map(row) : [h('tr', {}, h('td', { colspan: '5', class: 'muted' }, t('alerts.empty')))]));
    // Signed in now: what was said about the token is over.
    if ($('alerts-message').dataset.about === 'token') message('');
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    clear(tbody);
    if (err instanceof ApiError && err.status === 401) {
      $('alert-form').hidden = true;
      $('alerts-table').hidden = true;
      message(t('feeds.badToken', { message: err.message }), 'error', 'token');
    } else message(t('error.generic', { message: err.message }), 'error');
  }
}

function row(alert) {
  const s = alert.status;
  const name = alert.name;
  const remove = h('button', { type: 'button', class: 'danger', 'aria-label': t('alerts.deleteOf', { name }) }, t('alerts.delete'));
  remove.addEventListener('click', () => {
    // Two steps instead of a modal confirm(), as the feeds' remove: the same button asks once more.
    if (remove.dataset.confirm !== '1') {
      remove.dataset.confirm = '1';
      remove.textContent = t('alerts.confirm');
      remove.setAttribute('aria-label', t('alerts.confirmOf', { name }));
      return;
    }
    void removeAlert(alert, remove.closest('tr'));
  });
  const href = searchHref(alert.query);
  const hidden = Object.keys(alert.query).filter((k) => !shownKeys().includes(k));
  const names = alert.expandedEntities.map((e) => entityLabel(e.id, e.name));
  const sep = () => h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ');
  return h('tr', { dataset: { id: alert.id } },
    h('td', { class: 'alert-cell' },
      h('div', { class: 'alert-name', dir: 'auto' }, name),
      // An alert like a text: the text (its start), which POST /v1/similar matches; no search says
      // the same. Made from an address: the article it was read from, a link.
      alert.likeUrl !== undefined
        ? h('div', { class: 'alert-like' }, h('span', { class: 'label' }, `${t('alerts.likeUrl')}: `), h('a', { href: alert.likeUrl, rel: 'noopener noreferrer', target: '_blank', dir: 'ltr', class: 'like-url' }, alert.likeUrl))
        : alert.like !== undefined ? h('div', { class: 'alert-like' }, h('span', { class: 'label' }, `${t('alerts.like')}: `), h('bdi', { dir: 'auto' }, alert.like.length > 160 ? `${alert.like.slice(0, 159)}…` : alert.like)) : null,
      queryList(alert.query),
      names.length > 0 ? h('div', { class: 'muted alert-expanded' }, t('alerts.alsoAbout', { names: names.join(listSep()) })) : null,
      alert.like !== undefined ? null : h('div', {},
        h('a', { class: 'see-matches', href, 'aria-label': t('alerts.seeMatchesOf', { name }), onclick: (e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          const patch = { cursor: undefined, trend: undefined, window: undefined, rank: undefined };
          for (const k of [...shownKeys(), 'from', 'to']) patch[k] = undefined;
          void navigate({ ...patch, ...readState(new URL(href, location.origin).search) }, { focus: 'results' });
        } }, t('alerts.seeMatches')),
        hidden.length > 0 ? [' ', h('span', { class: 'muted' }, t('alerts.linkWithout', { keys: hidden.join(listSep()) }))] : null),
      h('div', { class: 'muted' }, t('alerts.createdAt', { date: fmtDateTime(alert.createdAt) }))),
    h('td', { class: 'alert-webhook', 'data-label': t('alerts.col.webhook') }, h('span', { class: 'feed-url', dir: 'ltr' }, alert.webhook)),
    h('td', { class: 'alert-delivery', 'data-label': t('alerts.col.delivery') }, deliveryLabel(alert.digest), alert.minSources ? h('div', { class: 'alert-min-sources' }, sendLabel(alert.minSources)) : null, alert.format ? h('div', { class: 'muted' }, t(`alerts.format.${alert.format}`)) : null),
    h('td', { class: 'alert-status', 'data-label': t('alerts.col.status') },
      s.delivered === 0 && s.failed === 0
        ? h('span', { class: 'muted' }, t('alerts.nothingSent'))
        : h('div', {}, h('span', { class: 'delivered' }, t('alerts.delivered', { n: s.delivered })), sep(), h('span', { class: s.failed > 0 ? 'failures failed' : 'failures muted' }, t('alerts.failed', { n: s.failed }))),
      s.lastDeliveredAt ? h('div', { class: 'muted last-sent' }, `${t('alerts.lastSent')} `, h('time', { datetime: s.lastDeliveredAt }, fmtDateTime(s.lastDeliveredAt))) : null,
      s.lastFailedAt || s.lastError
        ? h('div', { class: 'last-failure' },
            h('span', { class: 'muted' }, `${t('alerts.lastFailed')} `),
            s.lastFailedAt ? h('time', { datetime: s.lastFailedAt }, fmtDateTime(s.lastFailedAt)) : null,
            s.lastError ? h('div', { class: 'last-error', dir: 'auto' }, s.lastError) : null)
        : null),
    h('td', { 'data-label': t('feeds.col.actions') }, h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'test', 'aria-label': t('alerts.testOf', { name }), onclick: () => testAlert(alert) }, t('alerts.test')),
      remove)));
}

async function testAlert(alert) {
  message(t('alerts.testing', { name: alert.name }));
  try {
    const res = await api(`/v1/alerts/${encodeURIComponent(alert.id)}/test`, { method: 'POST', admin: true });
    message(t('alerts.testQueued', { name: alert.name, title: res.article.title, date: fmtDateTime(res.article.publishedAt) }), 'ok');
  } catch (err) {
    if (err instanceof ApiError && err.code === 'AKHBAR_ALERT_NO_MATCH') return void message(t('alerts.testNoMatch', { name: alert.name }), 'error');
    message(t('error.generic', { message: err.message }), 'error');
  }
}

async function removeAlert(alert, tr) {
  try {
    await api(`/v1/alerts/${encodeURIComponent(alert.id)}`, { method: 'DELETE', admin: true });
    // Its row goes at once, so the message and the list never disagree while the list reloads.
    tr?.remove();
    message(t('alerts.deleted', { name: alert.name }), 'ok');
    await load();
  } catch (err) {
    message(t('error.generic', { message: err.message }), 'error');
  }
}
