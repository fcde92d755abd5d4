// An entity's page (view=entity&id=…): a person, organisation, place or country by its name in the
// interface's language, what it is and where, and how the news covers it — how many articles (and
// how many in the last 30 days), first and last seen, their average tone, its coverage over the
// last 30 days, in which languages, by which sources, on which topics, who writes about it, who and
// what is named with it (each a link to its own page), and its newest articles. From
// /v1/entities/:id and /v1/stats/timeline?entity=, laid out as every profile page is (profile.js).
import { h, safeHref } from './dom.js';
import { t, countryName, uiLang } from './i18n.js';
import { learnEntity, entityLabel } from './app.js';
import { profilePage } from './profile.js';

const $ = (id) => document.getElementById(id);
const TYPES = new Set(['person', 'org', 'place', 'country']);

/** The entity's name in the interface's language: its own name there, a country's by its code, else its display name. */
function nameOf(entity) {
  return entity.names?.[uiLang()] ?? (entity.type === 'country' && entity.country ? countryName(entity.country) : entity.name);
}

/** "Person · Iraq · Wikidata": what it is, its country, its Wikidata page. */
function facts(entity) {
  const sep = () => h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ');
  const parts = [h('span', { class: 'entity-type', dataset: { type: entity.type } }, t(TYPES.has(entity.type) ? `entity.type.${entity.type}` : 'entity.type.other'))];
  if (entity.country && entity.type !== 'country') parts.push(sep(), h('span', { class: 'entity-country', dataset: { country: entity.country } }, countryName(entity.country)));
  const wikidata = safeHref(entity.wikidata);
  if (wikidata) parts.push(sep(), h('a', { href: wikidata, class: 'wikidata', rel: 'noopener noreferrer', target: '_blank', lang: 'en' }, 'Wikidata'));
  $('entity-facts').replaceChildren(...parts);
}

const renderPage = profilePage({
  prefix: 'entity',
  filter: 'entity',
  path: '/v1/entities',
  words: { noId: 'entity.noId', notFound: 'entity.notFoundText', noArticles: 'entity.noArticles', noRecent: 'entity.noRecent', none: 'dash.empty', noneRelated: 'entity.noneRelated', toneTitle: 'entity.toneTitle' },
  first: (id) => ({ entity: id }),
  show: (res) => {
    learnEntity(res.entity);
    facts(res.entity);
    return nameOf(res.entity);
  },
});

export function render(state, opts) {
  // Until the page comes: the name the page already knows (from a result it showed), else the id.
  return renderPage(state.id, state.id ? entityLabel(state.id) : '', opts);
}
