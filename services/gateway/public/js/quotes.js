// Who said what: quotations as the pages show them — on an entity's page (what a person or an
// organisation said, or what was said in a place's coverage) and in the search view's
// "Quotations" (show=quotes: the quotations in the matching articles, speaker= for one speaker's).
// From /v1/quotes.
import { h, marked } from './dom.js';
import { t, fmtDateTime, isRtl, listSep } from './i18n.js';
import { articleLink } from './article.js';
import { entityLabel, entityLink, learnEntity, sourceName } from './app.js';

/**
 * One quotation: the words in the article's own language and direction (matches of the search
 * marked), then who said it — the known speaker's page, else the attribution as written — the
 * source, the time, and the article it is from. `speaker: false` leaves the speaker out (a
 * speaker's own page).
 */
export function quoteItem(item, { speaker = true } = {}) {
  const a = item.article;
  const lang = a.lang && a.lang !== 'und' ? a.lang : undefined;
  const dir = a.dir === 'rtl' || isRtl(a.lang) ? 'rtl' : 'auto';
  if (item.speaker) learnEntity(item.speaker);
  const who = item.speaker
    ? entityLink(item.speaker.id, h('bdi', {}, entityLabel(item.speaker.id, item.speaker.name)), { class: 'entity-link quote-speaker' })
    : item.by ? h('bdi', { class: 'quote-by', lang, dir }, item.by) : null;
  // Reported speech (no quotation marks in the article) is shown without them, and says so; an
  // unnamed source says that too, beside how the article describes it.
  const kinds = [item.indirect ? h('span', { class: 'quote-kind', dataset: { kind: 'reported' } }, t('quotes.reported')) : null, item.unnamed ? h('span', { class: 'quote-kind', dataset: { kind: 'unnamed' } }, t('quotes.unnamed')) : null].filter(Boolean);
  return h('li', { class: item.indirect ? 'quote reported' : 'quote', dataset: { article: a.id, ...(item.speaker ? { speaker: item.speaker.id } : {}) } },
    h('blockquote', { lang, dir }, h('p', {}, item.highlight ? marked(item.highlight) : item.text)),
    h('p', { class: 'quote-meta' },
      speaker && who ? [h('span', { 'aria-hidden': 'true' }, '— '), who, ' · '] : null,
      kinds.length > 0 ? [kinds.map((k, i) => [i > 0 ? ' ' : '', k]), ' · '] : null,
      sourceName(a.source), ' · ',
      h('time', { datetime: a.publishedAt }, fmtDateTime(a.publishedAt)), ' · ',
      h('span', { lang, dir }, articleLink(a.id, a.title, { class: 'quote-article' }))),
    // The same words in other outlets' articles (a statement everyone carried): each its article.
    item.alsoIn?.length
      ? h('p', { class: 'quote-also' }, t('quotes.alsoIn'), ' ', item.alsoIn.map((o, k) => [k > 0 ? listSep() : '', articleLink(o.id, h('bdi', {}, o.source.name || o.source.domain), { title: o.title })]))
      : null);
}

/** A list of quotations, or null when there are none. */
export function quoteList(items, opts) {
  return items.length > 0 ? h('ol', { class: 'quotes' }, items.map((item) => quoteItem(item, opts))) : null;
}

/** What the entity page asks /v1/quotes: what a person or organisation said; what was said in a place's or country's coverage. */
export function quotesOf(entity) {
  return entity.type === 'person' || entity.type === 'org' ? { speaker: entity.id } : { entity: entity.id };
}

