// An entity's page (view=entity&id=…): a person, organisation, place or country by its name in the
// interface's language, what it is and where, and how the news covers it — how many articles (and
// how many in the last 30 days), first and last seen, their average tone, its coverage over the
// last 30 days, in which languages, by which sources, on which topics, who writes about it, who and
// what is named with it (each a link to its own page), and its newest articles. From
// /v1/entities/:id and /v1/stats/timeline?entity=, laid out as every profile page is (profile.js).
import { api } from './api.js';
import { h, safeHref } from './dom.js';
import { t, countryName, fmtDay, uiLang, UI_LANGS } from './i18n.js';
import { learnEntity, entityLabel, urlOf, visit, followLink, known } from './app.js';
import { profilePage } from './profile.js';
import { busy, fill, failed } from './dashboard.js';
import { quoteList, quotesOf } from './quotes.js';

const $ = (id) => document.getElementById(id);
const TYPES = new Set(['person', 'org', 'place', 'country']);

/** The entity's name in the interface's language: its own name there, a country's by its code, else its display name. */
function nameOf(entity) {
  return entity.names?.[uiLang()] ?? (entity.type === 'country' && entity.country ? countryName(entity.country) : entity.name);
}

/** "Prime Minister of Iraq, 7 May 2020 – 27 October 2022": an office a person held, in the interface's language. */
function officeTerm(o) {
  const office = o.names?.[uiLang()] ?? o.name;
  return o.to ? t('entity.office.term', { office, from: fmtDay(o.from), to: fmtDay(o.to) }) : t('entity.office.since', { office, from: fmtDay(o.from) });
}

/** "Person · Iraq · Prime Minister of Iraq, 2020–2022 · Wikidata": what it is, its country, its offices, its Wikidata page. */
function facts(entity) {
  const sep = () => h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ');
  const parts = [h('span', { class: 'entity-type', dataset: { type: entity.type } }, t(TYPES.has(entity.type) ? `entity.type.${entity.type}` : 'entity.type.other'))];
  if (entity.country && entity.type !== 'country') parts.push(sep(), h('span', { class: 'entity-country', dataset: { country: entity.country } }, countryName(entity.country)));
  for (const o of entity.offices ?? []) {
    // The office across its holders: a search of the articles about whoever held it, each in their term.
    known.officeNames.set(o.office, { ...o.names, en: o.names?.en ?? o.name });
    const across = { view: 'search', show: 'articles', office: o.office };
    parts.push(sep(), h('a', { href: urlOf(across), class: 'entity-office', dataset: { office: o.office }, title: t('entity.office.all'), onclick: (e) => followLink(e, () => visit(across)) }, officeTerm(o)));
  }
  const wikidata = safeHref(entity.wikidata);
  if (wikidata) parts.push(sep(), h('a', { href: wikidata, class: 'wikidata', rel: 'noopener noreferrer', target: '_blank', lang: 'en' }, 'Wikidata'));
  $('entity-facts').replaceChildren(...parts);
}

/** Quotations the page shows; the link under them opens them all. */
const QUOTES = 5;
/** The entity the page's own call answered with, for the quotations card (undefined: none found). */
let answered;

/**
 * "What they said": a person's or an organisation's newest quotations (one an article), or for a
 * place or a country, the quotations in its coverage — once the page knows which it is.
 */
async function quotesCard(entityReady, signal) {
  const card = 'entity-quotes';
  busy(card);
  const entity = await entityReady;
  if (!entity) return fill(card);
  const speaks = entity.type === 'person' || entity.type === 'org';
  $('h-entity-quotes').textContent = t(speaks ? 'entity.quotes' : 'entity.quotesAbout');
  const params = quotesOf(entity);
  const res = await api('/v1/quotes', { params: { ...params, limit: QUOTES, perArticle: 1, names: UI_LANGS.join(',') }, signal });
  const all = { view: 'search', show: 'quotes', ...params };
  const more = res.total > res.quotes.length
    ? h('p', { class: 'card-more' }, h('a', { href: urlOf(all), class: 'quotes-all', onclick: (e) => followLink(e, () => visit(all)) }, t('entity.quotesAll', { n: res.total })))
    : null;
  return fill(card, quoteList(res.quotes, { speaker: !speaks }) ?? h('p', { class: 'muted' }, t(speaks ? 'entity.noQuotes' : 'entity.noQuotesAbout')), more);
}

const renderPage = profilePage({
  prefix: 'entity',
  filter: 'entity',
  path: '/v1/entities',
  words: { noId: 'entity.noId', notFound: 'entity.notFoundText', noArticles: 'entity.noArticles', noRecent: 'entity.noRecent', none: 'dash.empty', noneRelated: 'entity.noneRelated', toneTitle: 'entity.toneTitle' },
  first: (id) => ({ entity: id }),
  show: (res) => {
    answered?.(res.entity);
    learnEntity(res.entity);
    facts(res.entity);
    return nameOf(res.entity);
  },
});

export async function render(state, opts = {}) {
  let resolve;
  const entityReady = new Promise((r) => {
    resolve = r;
  });
  answered = resolve;
  // Until the page comes: the name the page already knows (from a result it showed), else the id.
  // A page not found (or failed) has no quotations card to fill: it resolves with nothing.
  const page = renderPage(state.id, state.id ? entityLabel(state.id) : '', opts).finally(() => resolve(undefined));
  const quotes = quotesCard(entityReady, opts.signal).catch((err) => failed('entity-quotes', err));
  await Promise.all([page, quotes]);
}
