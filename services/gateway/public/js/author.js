// An author's page (view=author&id=<byline>, what media-monitoring tools sell as a journalist's
// profile): a byline as feeds and pages give it, matched in any case, and what it signs — the
// outlets it writes for, how many articles, how many in the last 30 days, first and last seen,
// their average tone, its output over the last 30 days, in which languages, on which topics, the
// people, organisations and places it names (each a link to its page), and its newest articles.
// The same consonants in the other script ("Rana Haddad", "رنا حداد") are offered as possibly the
// same author. From /v1/authors/:name and /v1/stats/timeline?author=, laid out as every profile
// page is (profile.js).
import { h, put } from './dom.js';
import { t, tNodes, listSep } from './i18n.js';
import { authorLink, sourceName } from './app.js';
import { profilePage } from './profile.js';

const $ = (id) => document.getElementById(id);

const renderPage = profilePage({
  prefix: 'author',
  filter: 'author',
  path: '/v1/authors',
  words: { noId: 'author.noId', notFound: 'author.notFoundText', noArticles: 'author.noArticles', noRecent: 'author.noRecent', none: 'source.none', noneRelated: 'source.none', toneTitle: 'author.toneTitle' },
  show: (res) => {
    // "Writes for Gulf Wire, Baghdad Today": the outlets of its articles, each opening its page.
    const outlets = res.sources.slice(0, 5).map((b, i) => [i > 0 ? listSep() : '', sourceName({ id: b.key, name: b.name, domain: b.key })]);
    // "Possibly also written رنا حداد (4 articles)": the same consonants in the other script, each its page.
    const others = res.alsoWritten.map((o, i) => [i > 0 ? listSep() : '', authorLink(o.name, h('bdi', {}, o.name)), ` (${t('results.count', { n: o.count })})`]);
    put($('author-facts'),
      outlets.length > 0 ? h('span', { class: 'author-outlets' }, ...tNodes('author.writesFor', { sources: outlets })) : null,
      others.length > 0 ? [outlets.length > 0 ? h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ') : null, h('span', { class: 'author-also' }, ...tNodes('author.alsoWritten', { names: others }))] : null);
    // Named as its newest article writes it (the link may have another case).
    return res.author.name;
  },
});

export function render(state, opts) {
  return renderPage(state.id, state.id ?? '', opts);
}
