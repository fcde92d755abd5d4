import { ANALYZED_LANGS } from './languages.ts';

/**
 * Field paths of the article document: the contract between the indexer (which writes them)
 * and the gateway's query builders (which read them). Change a name here, not in a query.
 */
export const F = {
  id: 'id',
  url: 'url',
  feedId: 'feedId',
  sourceId: 'source.id',
  sourceName: 'source.name',
  /** Source name as analysed text (neutral analyzer), for matching a source by name. */
  sourceNameText: 'source.name.text',
  domain: 'source.domain',
  sourceCountry: 'source.country',
  lang: 'lang',
  dir: 'dir',
  /** Language-neutral text (folding analyzer): every article, any language. */
  title: 'title',
  /** Exact title (keyword, titles up to 512 characters), for exact matching or sorting. */
  titleRaw: 'title.raw',
  summary: 'summary',
  body: 'body',
  extract: 'extract',
  /** Per-language text: only the article's own language is filled (`i18n.ar.title`…). */
  i18nTitle: (lang: string) => `i18n.${lang}.title`,
  i18nBody: (lang: string) => `i18n.${lang}.body`,
  author: 'author',
  /** The names in the byline (bylineNames): what author facets, filters and pages count. */
  authors: 'authors',
  categories: 'categories',
  /** The article's picture (its feed's or page's), a URL: kept, not searched; `exists` reads its doc values. */
  image: 'image',
  publishedAt: 'publishedAt',
  fetchedAt: 'fetchedAt',
  /** When the indexer's bulk request wrote the document (fetched → searchable latency is indexedAt − fetchedAt + refresh). */
  indexedAt: 'indexedAt',
  enrichedAt: 'enrichedAt',
  topics: 'topics',
  entityIds: 'entityIds',
  people: 'people',
  orgs: 'orgs',
  places: 'places',
  countries: 'countries',
  locations: 'locations',
  geo: 'geo',
  /** The one place the article is about (document.ts mainLocationOf): ranks near= searches. */
  mainLocation: 'mainLocation',
  keywords: 'keywords',
  /** Quotations (nested: quotes.text, quotes.by, quotes.speaker.id). */
  quotes: 'quotes',
  quoteText: 'quotes.text',
  /** The quotation's text under the Arabic analyzer. */
  quoteTextAr: 'quotes.text.ar',
  /** A quotation's words in its article's language's analysis (template v11; not Arabic: quoteTextAr). */
  quoteI18n: (lang: string) => `quotes.i18n.${lang}`,
  quoteSpeaker: 'quotes.speaker.id',
  /** Reported speech (no quotation marks), and attributed to an unnamed source. */
  quoteIndirect: 'quotes.indirect',
  quoteUnnamed: 'quotes.unnamed',
  /** The entity ids the article quotes (each once), flat for facets and filters. */
  speakers: 'speakers',
  /** Tone score (−100…100, positive − negative % of words; enrichment's tone tagger). */
  tone: 'tone.score',
  storyId: 'storyId',
  /** The near-duplicate fingerprint (SimHash, 16 hex digits), kept, not searched. */
  simhash: 'simhash',
  flags: 'flags',
  contentHash: 'contentHash',
  /** Earlier versions an update replaced (core's Revision), oldest first: kept, not searched. */
  revisions: 'revisions',
  /** When the latest edit was seen (its revision's seenAt): `edited=` filters and `sort=edited` read it. */
  editedAt: 'editedAt',
  /** What the edits changed, each once (title, summary, body). */
  edited: 'edited',
  /** The days the article names (enrichment's date mentions), YYYY-MM-DD: the agenda and `mentions=` read them. */
  dates: 'dates',
  /** Each day named with its words and sentence (core's DateMention): kept, not searched. */
  dateMentions: 'dateMentions',
  wordCount: 'wordCount',
  readingTimeSec: 'readingTimeSec',
  langHint: 'langHint',
  suggest: 'suggest',
} as const;

/**
 * Parts of the document only the index and the pipeline read: the per-language copies of the
 * text, enrichment's normalised forms and provenance, the suggester's input. A reader of one
 * article never gets them, so the gateway leaves them in Elasticsearch (~7 of a typical ~16 KB).
 */
export const INTERNAL_SOURCE_FIELDS: readonly string[] = ['i18n', `${F.quotes}.i18n`, 'normalized', 'provenance', F.suggest];

/** Every per-language title/body field, for queries that must reach all languages. */
export const ALL_I18N_TITLE_FIELDS = ANALYZED_LANGS.map((l) => F.i18nTitle(l));
export const ALL_I18N_BODY_FIELDS = ANALYZED_LANGS.map((l) => F.i18nBody(l));
