// A source's page (view=source&id=…, Media Cloud's source page): a news outlet by its name, its
// site, country, collection and feed, and how it covers the news — how many articles, how many in
// the last 30 days, first and last seen, their average tone, its output over the last 30 days, in
// which languages, on which topics, by which authors, the people, organisations and places it
// names (each a link to its page), and its newest articles. From /v1/sources/:id and
// /v1/stats/timeline?source=, laid out as every profile page is (profile.js).
import { h, put, safeHref } from './dom.js';
import { t, countryName } from './i18n.js';
import { urlOf, visit, followLink, known } from './app.js';
import { profilePage } from './profile.js';

const $ = (id) => document.getElementById(id);
const sep = () => h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ');

/** "example.com · Iraq · Collection: Iraq · Its feed": its site, country, collection and feed. */
function facts(source) {
  const site = safeHref(`https://${source.domain}/`);
  const feed = safeHref(source.feedUrl);
  const collection = source.collection ? { view: 'search', show: 'articles', collection: source.collection } : undefined;
  put($('source-facts'),
    site && source.domain ? h('a', { href: site, class: 'source-site', rel: 'noopener noreferrer', target: '_blank', dir: 'ltr' }, source.domain) : null,
    source.country ? [sep(), h('span', { class: 'source-country', dataset: { country: source.country } }, countryName(source.country))] : null,
    collection ? [sep(), h('a', { href: urlOf(collection), class: 'source-collection', onclick: (e) => followLink(e, () => visit(collection)) }, t('source.collection', { name: source.collection }))] : null,
    feed ? [sep(), h('a', { href: feed, class: 'source-feed', rel: 'noopener noreferrer', target: '_blank' }, t('source.feed'))] : null);
}

const renderPage = profilePage({
  prefix: 'source',
  filter: 'source',
  path: '/v1/sources',
  words: { noId: 'source.noId', notFound: 'source.notFoundText', noArticles: 'source.noArticles', noRecent: 'source.noRecent', none: 'source.none', noneRelated: 'source.none', toneTitle: 'source.toneTitle' },
  // Does it break its stories, or follow? Every outlet's articles of the stories it carried.
  first: (id) => ({ carriedBy: id }),
  show: (res) => {
    facts(res.source);
    return res.source.name;
  },
});

export function render(state, opts) {
  // Until the page comes: the name the page already knows (from the sources list), else the id.
  return renderPage(state.id, state.id ? known.sources.get(state.id)?.name || state.id : '', opts);
}
