// The sources directory (view=sources, Media Cloud's source directory): every outlet in the index
// with its articles matching the query and filters above — its site, country, languages, how many
// articles and the latest — most articles first or the one that published last first (rank=latest).
// Each name opens the source's page. From /v1/sources, which takes every search filter.
import { api, apiHref, keyedDownload } from './api.js';
import { h, clear } from './dom.js';
import { t, fmtNumber, fmtDateTime, langName, countryName, listSep } from './i18n.js';
import { filterParams, navigate, sourceName } from './app.js';

const $ = (id) => document.getElementById(id);
const RANKS = ['articles', 'latest'];
/** Rows listed: /v1/sources answers up to 1,000. */
const LIMIT = 500;

export async function render(state, { signal, focus } = {}) {
  const rank = RANKS.includes(state.rank) ? state.rank : 'articles';
  const select = $('sources-rank');
  select.replaceChildren(...RANKS.map((r) => h('option', { value: r }, t(`sources.rank.${r}`))));
  select.value = rank;
  select.onchange = () => void navigate({ rank: select.value === 'articles' ? undefined : select.value });
  if (focus) $('sources-heading').focus();
  const status = $('sources-status');
  const body = $('sources-rows');
  $('sources-table').setAttribute('aria-busy', 'true');
  status.textContent = t('dash.loading');
  const params = { ...filterParams(state), limit: LIMIT, sort: rank };
  // The same list as a file: a plain link, fetched with the API key when the gateway wants one.
  keyedDownload(Object.assign($('sources-csv'), { href: apiHref('/v1/sources.csv', params) }), (message) => {
    status.textContent = t('results.exportFailed', { message });
  });
  let res;
  try {
    res = await api('/v1/sources', { params, signal });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    clear(body);
    $('sources-table').hidden = true;
    status.textContent = t('error.generic', { message: err.message });
    return;
  } finally {
    $('sources-table').removeAttribute('aria-busy');
  }
  status.textContent = res.sources.length === 0 ? t('sources.none') : t('sources.count', { n: res.sources.length });
  $('sources-table').hidden = res.sources.length === 0;
  body.replaceChildren(...res.sources.map((s) => h('tr', { dataset: { id: s.id, count: String(s.articles) } },
    h('th', { scope: 'row' }, sourceName(s)),
    h('td', { dir: 'ltr', class: 'domain' }, s.domain),
    h('td', {}, s.country ? countryName(s.country) : ''),
    h('td', {}, s.langs.map(langName).join(listSep())),
    h('td', { class: 'num' }, fmtNumber(s.articles)),
    h('td', {}, s.latestAt ? h('time', { datetime: s.latestAt }, fmtDateTime(s.latestAt)) : ''))));
}
