import { Type, type Static } from '@sinclair/typebox';

/**
 * The one Article type. Ingest produces a RawArticle; enrichment adds an `enrichment` object
 * beside it (originals are never overwritten); the indexer turns an EnrichedArticle into an
 * Elasticsearch document (packages/search). Every queue payload carries `v` so a consumer can
 * refuse a payload it does not understand instead of misreading it.
 */

export const SCHEMA_VERSION = 1 as const;

const IsoDate = Type.String({ format: 'date-time', description: 'ISO 8601 timestamp' });

export const SourceSchema = Type.Object(
  {
    id: Type.String({ description: 'Feed id the article came from' }),
    name: Type.String(),
    domain: Type.String({ description: 'Registrable host of the article URL, without www.' }),
    country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2 of the source, when known' })),
    lang: Type.Optional(Type.String({ description: 'Language the feed declares' })),
  },
  { $id: 'Source', additionalProperties: false },
);
export type Source = Static<typeof SourceSchema>;

export const MediaSchema = Type.Object(
  {
    url: Type.String(),
    type: Type.Optional(Type.String()),
    medium: Type.Optional(Type.String()),
    length: Type.Optional(Type.Number()),
  },
  { $id: 'Media', additionalProperties: false },
);

/** Flags record what was done to, or is doubtful about, an article. */
export const ArticleFlag = Type.Union([
  Type.Literal('feed-repaired'),
  Type.Literal('date-missing'),
  Type.Literal('date-unparseable'),
  Type.Literal('date-in-future'),
  Type.Literal('fulltext'),
  Type.Literal('fulltext-failed'),
  Type.Literal('body-truncated'),
  Type.Literal('update'),
]);
export type ArticleFlag = Static<typeof ArticleFlag>;

// No range here: a point out of range is Elasticsearch's to refuse (a coded dead letter, its
// batch-mates indexed); the feed parser keeps only points in range.
export const GeoPointSchema = Type.Object({ lat: Type.Number(), lon: Type.Number() }, { additionalProperties: false });
export type GeoPoint = Static<typeof GeoPointSchema>;

/** The most earlier versions an article keeps: its first and the latest before its current one. */
export const MAX_REVISIONS = 20;

/**
 * The most earlier texts an article keeps (a text runs to 100 000 characters, a headline to a
 * line): on its first two revisions that changed the text — the text as first read and as its
 * first edit left it — and on the latest ones. A revision whose text was let go still says the
 * text changed.
 */
export const MAX_REVISION_TEXTS = 5;

/**
 * An earlier version of an article: what an update replaced, as the index had it. The indexer
 * writes one when an update changes the headline, the summary or the text (a news site's edits:
 * a softened headline, a corrected figure); re-enrichment and migrations carry them over.
 */
export const RevisionSchema = Type.Object(
  {
    seenAt: Type.String({ format: 'date-time', description: 'When the version that replaced this one was fetched: the edit was seen then' }),
    fields: Type.Array(Type.Union([Type.Literal('title'), Type.Literal('summary'), Type.Literal('body')]), { minItems: 1, description: 'What the edit changed' }),
    title: Type.Optional(Type.String({ description: 'The headline before the edit, when it changed' })),
    summary: Type.Optional(Type.String({ description: 'The summary before the edit, when it changed' })),
    body: Type.Optional(Type.String({ description: `The text before the edit, when it changed (kept on at most ${String(MAX_REVISION_TEXTS)} revisions: the first two that changed it and the latest)` })),
  },
  { $id: 'Revision', additionalProperties: false },
);
export type Revision = Static<typeof RevisionSchema>;

export const RawArticleSchema = Type.Object(
  {
    id: Type.String({ description: 'Stable hash of the canonical URL' }),
    url: Type.String({ description: 'Canonical URL' }),
    feedId: Type.String(),
    source: SourceSchema,
    title: Type.String(),
    summary: Type.String({ description: 'Plain-text summary as the feed gave it' }),
    body: Type.String({ description: 'Plain-text body (feed content, or extracted full text)' }),
    html: Type.Optional(Type.String({ description: 'Sanitised HTML for display' })),
    author: Type.Optional(Type.String()),
    categories: Type.Array(Type.String()),
    image: Type.Optional(Type.String()),
    media: Type.Optional(Type.Array(MediaSchema)),
    /** The point the feed gave the item (GeoRSS Simple or GML, W3C Basic Geo). */
    geo: Type.Optional(GeoPointSchema),
    publishedAt: IsoDate,
    fetchedAt: IsoDate,
    langHint: Type.Optional(Type.String({ description: 'Language declared by the feed or page' })),
    contentHash: Type.String({ description: 'Hash of title+summary+body; a change means an update' }),
    flags: Type.Array(ArticleFlag),
    revisions: Type.Optional(Type.Array(RevisionSchema, { maxItems: MAX_REVISIONS, description: 'Earlier versions, oldest first (set by the indexer, kept by re-enrichment)' })),
  },
  { $id: 'RawArticle', additionalProperties: false },
);
export type RawArticle = Static<typeof RawArticleSchema>;

export const EntityType = Type.Union([
  Type.Literal('person'),
  Type.Literal('org'),
  Type.Literal('place'),
  Type.Literal('country'),
]);
export type EntityType = Static<typeof EntityType>;

export const EntitySchema = Type.Object(
  {
    id: Type.String({ description: 'Language-independent id: Wikidata QID where known, else a slug' }),
    type: EntityType,
    name: Type.String({ description: 'Display name (English)' }),
    names: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Display name per language' })),
    count: Type.Integer({ minimum: 1, description: 'Mentions in the article' }),
    country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2' })),
    location: Type.Optional(GeoPointSchema),
  },
  { $id: 'Entity', additionalProperties: false },
);
export type Entity = Static<typeof EntitySchema>;

/** A known person or organisation a quotation is attributed to (the gazetteer's id and English name). */
export const QuoteSpeakerSchema = Type.Object(
  {
    id: Type.String({ description: 'Entity id, as in entities' }),
    name: Type.String({ description: 'Display name (English)' }),
    type: Type.Union([Type.Literal('person'), Type.Literal('org')]),
  },
  { $id: 'QuoteSpeaker', additionalProperties: false },
);
export type QuoteSpeaker = Static<typeof QuoteSpeakerSchema>;

/** A quotation (or reported statement) the article attributes to someone ("who said what"). */
export const QuoteSchema = Type.Object(
  {
    text: Type.String({ description: 'What was said: the words inside the quotation marks, or (indirect) what the article reports was said (at most 500 characters)' }),
    by: Type.Optional(Type.String({ description: 'The attribution as written, without its speech verb: "the minister", "بيان لمكتب الكاظمي"; a body named by its head alone ("the ministry", «السفارة») as the article named it in full before («السفارة الأمريكية في بغداد»)' })),
    speaker: Type.Optional(QuoteSpeakerSchema),
    indirect: Type.Optional(Type.Boolean({ description: 'Reported speech, not in quotation marks: «وقال الوزير إن …», "the minister said that …" — text is what was reported' })),
    unnamed: Type.Optional(Type.Boolean({ description: 'Attributed to an unnamed source ("مصادر مقربة من …", "officials who asked not to be named"): by says whom, there is no speaker' })),
  },
  { $id: 'Quote', additionalProperties: false },
);
export type Quote = Static<typeof QuoteSchema>;

/**
 * A day an article names ("يوم الخميس الموافق العشرين من أغسطس", "on August 20", "demain"), as a
 * calendar date read against the article's publication date: what an agenda of coming events, or
 * "what happened on that day", is built from.
 */
export const DateMentionSchema = Type.Object(
  {
    date: Type.String({ format: 'date', description: 'The day named, YYYY-MM-DD (a year left unsaid is the one nearest the publication date)' }),
    text: Type.String({ description: 'The words that name it, as written' }),
    sentence: Type.String({ description: 'The sentence naming it (at most 300 characters)' }),
  },
  { $id: 'DateMention', additionalProperties: false },
);
export type DateMention = Static<typeof DateMentionSchema>;

export const TopicSchema = Type.Object(
  { id: Type.String({ description: 'Taxonomy id (IPTC Media Topics top level)' }), score: Type.Number() },
  { $id: 'Topic', additionalProperties: false },
);
export type Topic = Static<typeof TopicSchema>;

export const ToneSchema = Type.Object(
  {
    score: Type.Number({ minimum: -100, maximum: 100, description: 'Tone: positive minus negative, in % of the words scored (GDELT\'s definition); below 0 is negative' }),
    positive: Type.Number({ minimum: 0, maximum: 100, description: '% of the words scored that carry a positive connotation' }),
    negative: Type.Number({ minimum: 0, maximum: 100, description: '% of the words scored that carry a negative connotation' }),
  },
  { $id: 'Tone', additionalProperties: false },
);
export type Tone = Static<typeof ToneSchema>;

export const ProvenanceSchema = Type.Object(
  {
    tagger: Type.String(),
    version: Type.String(),
    failed: Type.Optional(Type.String({ description: 'Error code when the tagger failed' })),
  },
  { additionalProperties: false },
);
export type Provenance = Static<typeof ProvenanceSchema>;

export const EnrichmentSchema = Type.Object(
  {
    lang: Type.String({ description: 'ISO 639-1 code (ckb for Central Kurdish, which has none), or "und"' }),
    langConfidence: Type.Number({ minimum: 0, maximum: 1 }),
    dir: Type.Union([Type.Literal('rtl'), Type.Literal('ltr')]),
    normalized: Type.Object(
      { title: Type.String(), body: Type.String() },
      { additionalProperties: false, description: 'Normalised forms beside the originals' },
    ),
    entities: Type.Array(EntitySchema),
    countries: Type.Array(Type.String({ description: 'ISO 3166-1 alpha-2' })),
    topics: Type.Array(TopicSchema),
    keywords: Type.Array(Type.String()),
    tone: Type.Optional(ToneSchema),
    quotes: Type.Optional(Type.Array(QuoteSchema, { description: 'Quotations attributed to someone, in text order (at most 20)' })),
    dates: Type.Optional(Type.Array(DateMentionSchema, { maxItems: 20, description: 'The days the article names, each once, in text order (at most 20)' })),
    extract: Type.String({ description: 'Short extractive summary' }),
    wordCount: Type.Integer({ minimum: 0 }),
    readingTimeSec: Type.Integer({ minimum: 0 }),
    storyId: Type.String({ description: 'Near-duplicate cluster id' }),
    simhash: Type.Optional(Type.String()),
    provenance: Type.Record(Type.String(), ProvenanceSchema),
    enrichedAt: IsoDate,
  },
  { $id: 'Enrichment', additionalProperties: false },
);
export type Enrichment = Static<typeof EnrichmentSchema>;

export const EnrichedArticleSchema = Type.Composite(
  [RawArticleSchema, Type.Object({ enrichment: EnrichmentSchema })],
  { $id: 'EnrichedArticle', additionalProperties: false },
);
export type EnrichedArticle = Static<typeof EnrichedArticleSchema>;

/** Text direction of a language code; Arabic-script and Hebrew languages are right-to-left. */
export function dirOf(lang: string): 'rtl' | 'ltr' {
  return RTL_LANGS.has(lang) ? 'rtl' : 'ltr';
}
const RTL_LANGS = new Set(['ar', 'fa', 'ur', 'he', 'ps', 'ckb', 'sd', 'ug', 'yi', 'dv']);

/**
 * Words that open a byline line ("By Rana Haddad", "بقلم: …", "propos recueillis par …"); the full-text
 * extractor drops such lines from a page's text and `bylineNames` drops the word.
 */
export const BYLINE_PREFIXES = [
  'interview by', 'reporting by', 'written by', 'propos recueillis par', 'by', 'par', 'por', 'door', 'from',
  'بقلم', 'كتب', 'كتبت', 'بواسطة', 'إعداد', 'اعداد', 'تحرير', 'نویسنده', 'گزارش', 'автор', 'yazan',
] as const;

const BYLINE_PREFIX_RE = new RegExp(`^(?:${BYLINE_PREFIXES.join('|')})\\s*[:：]?\\s+`, 'iu');
// Between two names: a list separator, or "and" as its own word in the languages Akhbar reads. An
// Arabic "و" joined to the next name ("رنا حداد وسامي يوسف") is not split: too many names begin
// with the letter (وليد، وائل، وفاء). A plain "/" is not one either: "24/7 Staff".
const BYLINE_SPLIT_RE = /\s*[,،;؛|]\s*|\s+(?:\/|&|and|et|y|e|und|en|ve|و|и|i|oraz|ja)\s+/iu;
const BYLINE_TRIM_RE = /^[\s\-–—:·•*"'“”«»]+|[\s\-–—:·•*"'“”«»]+$/gu;
const MAX_BYLINE_NAMES = 10;
/** Words a byline uses for no one in particular: "Staff and agencies" is one credit, not two people. */
const CREDIT_WORDS = new Set(['staff', 'agencies', 'agency', 'wires', 'wire', 'reporters', 'correspondents', 'editors', 'newsroom', 'desk', 'وكالات', 'مراسلون', 'rédaction', 'agences']);

/** Accounts a publishing system writes as the author when no one signed the piece (WordPress's "admin"). */
const SITE_ACCOUNTS = new Set(['admin', 'administrator', 'webmaster', 'site admin', 'root', 'مدير الموقع', 'اداره الموقع', 'الاداره', 'مدير الموقع الالكتروني']);

/** A name folded for comparing: case, Latin accents, Arabic harakat, hamza seats, ta marbuta, alef maqsura, tatweel, punctuation. */
function foldName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // accents; harakat; the hamza of أ إ آ ؤ ئ (NFKD splits it off its seat)
    .toLowerCase()
    .replace(/ٱ/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The folded names by which a byline would only be naming its outlet: the source's name, the part
 * of it before a section or tagline ("Gulf Wire — Middle East", «بغداد اليوم - أخبار العراق»), and
 * its domain's name ("baghdadtoday" of baghdadtoday.news or baghdad-today.news, compared without spaces).
 */
function outletNames(outlet: { name?: string | undefined; domain?: string | undefined }): Set<string> {
  const out = new Set<string>();
  if (outlet.name) {
    out.add(foldName(outlet.name));
    const first = outlet.name.split(/\s+[-–—|:]\s+|\s*\|\s*/u)[0];
    if (first) out.add(foldName(first));
  }
  if (outlet.domain && !/^[\d.:]+$/.test(outlet.domain)) {
    const labels = outlet.domain.toLowerCase().split('.').slice(0, -1);
    for (const l of labels) if (l.length >= 3 && l !== 'www' && l !== 'com') out.add(l.replace(/[^\p{L}\p{N}]/gu, ''));
  }
  out.delete('');
  return out;
}

/**
 * The people (or agencies) a byline names: "By Rana Haddad and Sami Youssef" → both names,
 * "رنا حداد، سامي يوسف" → both, "Rana Haddad / AFP" → both. The byline itself stays the article's
 * `author` as its feed or page wrote it; these are what author facets, filters and pages count,
 * so a co-written article counts for each of its writers. Written by hand: no library splits
 * bylines, and the rule is small. A surname-first byline ("Haddad, Rana") reads as two names.
 *
 * With `outlet` (the article's source), a name that is only the outlet's own ("Rafidain News" as
 * the author of a Rafidain News article: many sites credit themselves in JSON-LD or `dc:creator`)
 * or a publishing system's account ("admin") is not a writer, and is left out.
 */
export function bylineNames(byline: string | undefined, outlet?: { name?: string | undefined; domain?: string | undefined }): string[] {
  if (!byline) return [];
  const notWriters = outlet ? outletNames(outlet) : undefined;
  const isWriter = (name: string): boolean => {
    if (!notWriters) return true;
    const f = foldName(name);
    return !SITE_ACCOUNTS.has(f) && !notWriters.has(f) && !notWriters.has(f.replace(/ /g, ''));
  };
  const whole = byline.replace(/\s+/gu, ' ').trim().replace(BYLINE_PREFIX_RE, '');
  const out: string[] = [];
  const seen = new Set<string>();
  const parts = whole.split(BYLINE_SPLIT_RE);
  if (parts.length > 1 && parts.every((p) => CREDIT_WORDS.has(p.replace(BYLINE_TRIM_RE, '').toLowerCase()))) return [whole];
  for (const part of parts) {
    const name = part.replace(BYLINE_PREFIX_RE, '').replace(BYLINE_TRIM_RE, '');
    if (!name || /^\S+@\S+$/u.test(name) || !/\p{L}/u.test(name) || !isWriter(name)) continue;
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
    if (out.length === MAX_BYLINE_NAMES) break;
  }
  return out;
}
