import { ANALYZED_LANGS, type AnalyzedLang } from './languages.ts';

/**
 * Index settings and mappings for articles.
 *
 * Analysis uses core Elasticsearch filters plus the `akhbar_*` filters of the akhbar-analysis
 * plugin (infra/elasticsearch/akhbar-analysis): the same Lucene classes as Elasticsearch's
 * language analyzers, available on every distribution we run (see that plugin for why), and
 * Akhbar's own Arabic folding and light stemmer (`akhbar_arabic_fold`, `akhbar_arabic_light`).
 *
 * `dynamic: strict`: a document with a field the mapping does not know is rejected, never
 * allowed to grow the mapping.
 *
 * Bump TEMPLATE_VERSION whenever settings or mappings change; `akhbar index status` then shows
 * indices built from an older template and `akhbar index migrate` rebuilds them.
 *
 * v2: Akhbar's Arabic stemmer (stacked proclitics, duals, plurals, hamza seats) replaces light10;
 *     French elision and English possessives in the neutral analyzer; ignore_above on free-text
 *     keyword fields so an over-long value can never make a document fail.
 * v3: the Arabic stemmer also gives a month's Egyptian/Gulf name for its Levantine/Iraqi and
 *     Maghrebi names (حزيران, جويلية → يونيو, يوليو), so documents need re-analysing.
 * v4: `tone` (score, positive, negative). Only fields were added, so the indexer also adds them
 *     to an older write index in place (`addNewFields`) and keeps writing without a migration.
 * v5: `geo`, the point a feed gave the item (GeoRSS); added in place like v4's fields.
 * v6: `mainLocation`, the one place an article is about, which ranks `near=` searches; added in
 *     place like v4's fields (documents indexed before have none until `akhbar reenrich`: a
 *     migration copies documents as they are).
 * v7: Central Kurdish (Sorani, `ckb`) has its analyzer and `i18n.ckb` fields. An analyzer cannot
 *     be added to an open index, so `addNewFields` leaves out fields whose analyzer the index
 *     lacks, and the indexer writes `i18n.<lang>` only where the write index has it: until
 *     `akhbar index migrate`, Sorani articles are searched through the neutral fields as before.
 * v8: Italian, Portuguese, Dutch, Indonesian, Greek and Hindi have their analyzers and i18n
 *     fields (their articles were searched through the neutral fields only), added as v7's were.
 * v9: `authors`, the names a byline gives (co-bylines split); added in place like v4's fields.
 *     Articles indexed before keep matching author filters and pages by their whole byline;
 *     `akhbar reenrich` gives them their names.
 * v10: `quotes` (nested: each quotation's text, attribution and speaker) and `speakers` (the
 *     entity ids quoted), for "who said what"; added in place like v4's fields. Articles indexed
 *     before have no quotes until `akhbar reenrich`.
 * v11: `quotes.i18n.<lang>`, a quotation's words analysed in its article's language beside the
 *     folded text, so said=election finds "elections" in an English article; added in place like
 *     v4's fields (quotations indexed before are found by their folded words until `akhbar reenrich`).
 * v12: Kurmanji (Latin-script Kurdish, `ku`) has its analyzer (Akhbar's light stemmer) and its
 *     i18n and quotation fields, as v7 gave Sorani's (until `akhbar index migrate`, Kurmanji
 *     articles are searched through the neutral fields as before).
 * v13: `revisions` (earlier versions an update replaced: headline, summary, what changed),
 *     `editedAt` and `edited`; added in place like v4's fields.
 * v14: `dates` (the days an article names, read against its publication date) and `dateMentions`
 *     (each with its words and sentence, kept, not searched), for the agenda and `mentions=`;
 *     added in place like v4's fields (articles indexed before name no days until `akhbar reenrich`).
 */
export const TEMPLATE_VERSION = 14;

interface LangAnalysis {
  tokenizer: string;
  filter: string[];
  /** Query-side chain when it differs from the index side. */
  searchFilter?: string[];
}

const AR_BASE = ['lowercase', 'akhbar_decimal_digit', 'akhbar_ar_stop', 'akhbar_arabic_normalization'];

const LANG_ANALYZERS: Record<AnalyzedLang, LangAnalysis> = {
  // Stop words are matched before normalisation (the list is spelled with hamzas), as in
  // Elasticsearch's arabic analyzer. The index side also emits stems without an ambiguous
  // one-letter proclitic (و ف ب ك ل), the query side keeps the word as typed: see ArabicLight.java.
  ar: {
    tokenizer: 'standard',
    filter: [...AR_BASE, 'akhbar_arabic_light_index', 'akhbar_asciifolding'],
    searchFilter: [...AR_BASE, 'akhbar_arabic_light', 'akhbar_asciifolding'],
  },
  en: { tokenizer: 'standard', filter: ['akhbar_english_possessive', 'lowercase', 'akhbar_en_stop', 'akhbar_english_stem', 'akhbar_asciifolding'] },
  // Light stemming before folding (the stemmer knows accents), so élections, elections, élection meet.
  fr: { tokenizer: 'standard', filter: ['akhbar_french_elision', 'lowercase', 'akhbar_fr_stop', 'akhbar_french_stem', 'akhbar_asciifolding'] },
  es: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_es_stop', 'akhbar_spanish_stem', 'akhbar_asciifolding'] },
  de: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_de_stop', 'akhbar_german_normalization', 'akhbar_german_stem'] },
  tr: { tokenizer: 'standard', filter: ['akhbar_turkish_apostrophe', 'akhbar_turkish_lowercase', 'akhbar_tr_stop', 'akhbar_turkish_stem'] },
  fa: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_decimal_digit', 'akhbar_arabic_normalization', 'akhbar_persian_normalization', 'akhbar_fa_stop', 'akhbar_persian_stem'] },
  ur: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_decimal_digit', 'akhbar_arabic_normalization', 'akhbar_persian_normalization'] },
  ru: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_ru_stop', 'akhbar_russian_stem'] },
  zh: { tokenizer: 'standard', filter: ['akhbar_cjk_width', 'lowercase', 'akhbar_cjk_bigram'] },
  // As Elasticsearch's sorani analyzer: normalised before the stop list (which is spelt normalised).
  // The stemmer takes one suffix off a pass; twice reaches the stem behind the ezafe (مووچەی → مووچە → مووچ).
  ckb: { tokenizer: 'standard', filter: ['akhbar_sorani_normalization', 'lowercase', 'akhbar_decimal_digit', 'akhbar_ckb_stop', 'akhbar_sorani_stem', 'akhbar_sorani_stem'] },
  // As Elasticsearch's language analyzers, each with its light stemmer; accents folded after it
  // in the Latin-script ones (città, citta; eleições, eleicoes), as French.
  it: { tokenizer: 'standard', filter: ['akhbar_italian_elision', 'lowercase', 'akhbar_it_stop', 'akhbar_italian_stem', 'akhbar_asciifolding'] },
  pt: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_pt_stop', 'akhbar_portuguese_stem', 'akhbar_asciifolding'] },
  nl: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_nl_stop', 'akhbar_dutch_stem', 'akhbar_asciifolding'] },
  id: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_id_stop', 'akhbar_indonesian_stem'] },
  // Greek lower-casing drops the tonos and folds final sigma before the stop list, which is spelt so.
  el: { tokenizer: 'standard', filter: ['akhbar_greek_lowercase', 'akhbar_el_stop', 'akhbar_greek_stem'] },
  // As Lucene's HindiAnalyzer: digits, Indic then Hindi normalisation, then the (normalised) stop list.
  hi: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_decimal_digit', 'akhbar_indic_normalization', 'akhbar_hindi_normalization', 'akhbar_hi_stop', 'akhbar_hindi_stem'] },
  // Akhbar's Kurmanji stemmer takes one suffix a pass, as Sorani's: twice reaches the stem of a
  // name ending as a suffix does (Kurdistanê → Kurdistan → Kurdist, as Kurdistan). Stemmed with its
  // letters ê î û, then folded, as French.
  ku: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_ku_stop', 'akhbar_kurmanji_stem', 'akhbar_kurmanji_stem', 'akhbar_asciifolding'] },
};

/**
 * Kurmanji's function words (Lucene has no list): prepositions and circumpositions, conjunctions,
 * pronouns, the copula. Only these: the keyword extractor's longer list (packages/nlp keywords.ts)
 * also drops reporting verbs, which a search must still find.
 */
const KU_STOPWORDS = ['û', 'li', 'ji', 'di', 'de', 'da', 'ku', 'bi', 're', 'bo', 'ser', 'jî', 'ne', 'ev', 'ew', 'ya', 'yê', 'ên', 'yên', 'an', 'wê', 'vê', 'wî', 'wan', 'van', 'min', 'me', 'te', 'we', 'ye', 'e', 'in', 'lê', 'ta', 'heta', 'ber', 'nav', 'gel'];

const STOP_LISTS: Record<string, string | readonly string[]> = {
  akhbar_ar_stop: '_arabic_',
  akhbar_en_stop: '_english_',
  akhbar_fr_stop: '_french_',
  akhbar_es_stop: '_spanish_',
  akhbar_de_stop: '_german_',
  akhbar_tr_stop: '_turkish_',
  akhbar_fa_stop: '_persian_',
  akhbar_ru_stop: '_russian_',
  akhbar_ckb_stop: '_sorani_',
  akhbar_it_stop: '_italian_',
  akhbar_pt_stop: '_portuguese_',
  akhbar_nl_stop: '_dutch_',
  akhbar_id_stop: '_indonesian_',
  akhbar_el_stop: '_greek_',
  akhbar_hi_stop: '_hindi_',
  akhbar_ku_stop: KU_STOPWORDS,
};

/** Analyzer names of a language's text fields. */
export function langAnalyzers(lang: AnalyzedLang): { index: string; search: string } {
  const index = `akhbar_${lang}`;
  return { index, search: LANG_ANALYZERS[lang].searchFilter ? `${index}_search` : index };
}

export interface IndexOptions {
  /** Primary shards. @default 1 */
  shards?: number;
  /** Replicas per shard. @default 0 (single-node dev); set 1+ in production. */
  replicas?: number;
  /**
   * Refresh interval; bounds fetched→searchable latency. Set explicitly so shards refresh on
   * schedule even when no search has touched them lately (Elasticsearch skips refreshes of
   * "search-idle" shards only when the interval is left unset). @default '1s'
   */
  refreshInterval?: string;
}

/** Keyword values longer than this are kept in `_source` but not indexed (never a rejection). */
export const KEYWORD_IGNORE_ABOVE = 1024;

/**
 * The languages a quotation's words are also analysed in (`quotes.i18n.<lang>`): every analysed
 * one but Arabic, which `quotes.text.ar` already gives every quotation.
 */
export const QUOTE_I18N_LANGS: ReadonlySet<AnalyzedLang> = new Set(ANALYZED_LANGS.filter((l) => l !== 'ar'));

export function analysisSettings(): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const [name, list] of Object.entries(STOP_LISTS)) filter[name] = { type: 'stop', stopwords: typeof list === 'string' ? list : [...list] };
  const analyzer: Record<string, unknown> = {
    // Language-neutral: any script, folded (case, Latin accents, Arabic letter and hamza variants,
    // digits), with French elision and English possessives removed (l'Irak → irak, Iraq's → iraq).
    // No stemming: it serves every language at once and articles whose language is unknown.
    akhbar_neutral: {
      type: 'custom',
      tokenizer: 'standard',
      filter: ['akhbar_french_elision', 'akhbar_english_possessive', 'lowercase', 'akhbar_decimal_digit', 'akhbar_arabic_normalization', 'akhbar_arabic_fold', 'akhbar_asciifolding'],
    },
  };
  for (const lang of ANALYZED_LANGS) {
    const a = LANG_ANALYZERS[lang];
    const names = langAnalyzers(lang);
    analyzer[names.index] = { type: 'custom', tokenizer: a.tokenizer, filter: a.filter };
    if (a.searchFilter) analyzer[names.search] = { type: 'custom', tokenizer: a.tokenizer, filter: a.searchFilter };
  }
  const normalizer = {
    // Normalizers accept only core filters (plugin filters are refused there), hence lowercase only.
    akhbar_keyword_fold: { type: 'custom', filter: ['lowercase'] },
  };
  return { analyzer, filter, normalizer };
}

export function articleMappings(): Record<string, unknown> {
  const text = (analyzer: string, searchAnalyzer = analyzer) => ({
    type: 'text',
    analyzer,
    ...(searchAnalyzer !== analyzer ? { search_analyzer: searchAnalyzer } : {}),
    term_vector: 'with_positions_offsets',
  });
  const i18n: Record<string, unknown> = {};
  const quoteI18n: Record<string, unknown> = {};
  for (const lang of ANALYZED_LANGS) {
    const a = langAnalyzers(lang);
    i18n[lang] = { properties: { title: text(a.index, a.search), body: text(a.index, a.search) } };
    if (QUOTE_I18N_LANGS.has(lang)) quoteI18n[lang] = { type: 'text', analyzer: a.index, ...(a.search !== a.index ? { search_analyzer: a.search } : {}) };
  }
  const keyword = { type: 'keyword' };
  // Free text from feeds lands in these: bounded so one absurd value cannot fail a document.
  const freeKeyword = { type: 'keyword', ignore_above: KEYWORD_IGNORE_ABOVE };
  const foldedKeyword = { type: 'keyword', normalizer: 'akhbar_keyword_fold', ignore_above: KEYWORD_IGNORE_ABOVE };
  return {
    dynamic: 'strict',
    _meta: { templateVersion: TEMPLATE_VERSION },
    properties: {
      id: keyword,
      url: { type: 'keyword', index: false },
      feedId: keyword,
      source: {
        properties: {
          id: keyword,
          name: { ...freeKeyword, fields: { text: { type: 'text', analyzer: 'akhbar_neutral' } } },
          domain: freeKeyword,
          country: keyword,
          lang: keyword,
        },
      },
      lang: keyword,
      langConfidence: { type: 'float', index: false },
      dir: keyword,
      title: { ...text('akhbar_neutral'), fields: { raw: { type: 'keyword', ignore_above: 512 } } },
      summary: text('akhbar_neutral'),
      body: text('akhbar_neutral'),
      extract: { type: 'text', analyzer: 'akhbar_neutral' },
      i18n: { properties: i18n },
      html: { type: 'text', index: false },
      author: foldedKeyword,
      authors: foldedKeyword,
      categories: foldedKeyword,
      image: { type: 'keyword', index: false },
      publishedAt: { type: 'date' },
      fetchedAt: { type: 'date' },
      enrichedAt: { type: 'date' },
      indexedAt: { type: 'date' },
      topics: keyword,
      topicScores: { type: 'object', enabled: false },
      entityIds: freeKeyword,
      people: freeKeyword,
      orgs: freeKeyword,
      places: freeKeyword,
      entities: { type: 'object', enabled: false },
      countries: keyword,
      locations: { type: 'geo_point' },
      geo: { type: 'geo_point' },
      mainLocation: { type: 'geo_point' },
      keywords: freeKeyword,
      // Nested, so a quotation's words and its speaker are matched together (not one quotation's
      // words and another's speaker); inner_hits return the quotations that matched.
      quotes: {
        type: 'nested',
        properties: {
          // Folded for every language, and the Arabic analysis beside it (clitics, plurals, hamza
          // seats), so said=أموال finds «فالأموال»: Arabic is what most quotations are in.
          text: { type: 'text', analyzer: 'akhbar_neutral', fields: { ar: { type: 'text', analyzer: langAnalyzers('ar').index, search_analyzer: langAnalyzers('ar').search } } },
          // The same words again in the article's own language's analysis (stems, elision, stop
          // words), only in that language's field: toDocument writes it, the gateway's said= reads
          // the fields of the query's script.
          i18n: { properties: quoteI18n },
          by: freeKeyword,
          speaker: { properties: { id: keyword, name: { type: 'keyword', index: false }, type: keyword } },
          indirect: { type: 'boolean' },
          unnamed: { type: 'boolean' },
        },
      },
      speakers: freeKeyword,
      tone: { properties: { score: { type: 'float' }, positive: { type: 'float' }, negative: { type: 'float' } } },
      wordCount: { type: 'integer' },
      readingTimeSec: { type: 'integer' },
      storyId: keyword,
      simhash: { type: 'keyword', index: false },
      flags: keyword,
      contentHash: keyword,
      revisions: { type: 'object', enabled: false },
      editedAt: { type: 'date' },
      edited: keyword,
      // Calendar days (no time, no zone): a day named is the same day wherever it is read.
      dates: { type: 'date', format: 'strict_date' },
      dateMentions: { type: 'object', enabled: false },
      langHint: freeKeyword,
      media: { type: 'object', enabled: false },
      normalized: { type: 'object', enabled: false },
      provenance: { type: 'object', enabled: false },
      suggest: { type: 'completion', analyzer: 'akhbar_neutral', max_input_length: 100 },
    },
  };
}

export function articleIndexBody(opts: IndexOptions = {}): Record<string, unknown> {
  return {
    settings: {
      number_of_shards: opts.shards ?? 1,
      number_of_replicas: opts.replicas ?? 0,
      refresh_interval: opts.refreshInterval ?? '1s',
      // Strict mapping rejects unknown keys outright; these caps keep the mapping itself bounded
      // even if a future template change loosened that.
      'mapping.total_fields.limit': 400,
      'mapping.depth.limit': 6,
      analysis: analysisSettings(),
    },
    mappings: articleMappings(),
  };
}
