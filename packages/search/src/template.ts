import { ANALYZED_LANGS, type AnalyzedLang } from './languages.ts';

/**
 * Index settings and mappings for articles.
 *
 * Analysis uses core Elasticsearch filters plus the `akhbar_*` filters of the akhbar-analysis
 * plugin (infra/elasticsearch/akhbar-analysis): the same Lucene classes as Elasticsearch's
 * language analyzers, available on every distribution we run (see that plugin for why).
 *
 * `dynamic: strict`: a document with a field the mapping does not know is rejected, never
 * allowed to grow the mapping.
 */

export const TEMPLATE_VERSION = 1;

const LANG_ANALYZERS: Record<AnalyzedLang, { tokenizer: string; filter: string[] }> = {
  // Order follows Elasticsearch's built-in arabic analyzer: stop words are matched before
  // normalisation, the light stemmer strips clitics (و ب ل ال…) and plural/dual suffixes.
  ar: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_decimal_digit', 'akhbar_ar_stop', 'akhbar_arabic_normalization', 'akhbar_arabic_stem'] },
  en: { tokenizer: 'standard', filter: ['akhbar_english_possessive', 'lowercase', 'akhbar_en_stop', 'akhbar_english_stem', 'akhbar_asciifolding'] },
  fr: { tokenizer: 'standard', filter: ['akhbar_french_elision', 'lowercase', 'akhbar_fr_stop', 'akhbar_french_stem', 'akhbar_asciifolding'] },
  es: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_es_stop', 'akhbar_spanish_stem', 'akhbar_asciifolding'] },
  de: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_de_stop', 'akhbar_german_normalization', 'akhbar_german_stem'] },
  tr: { tokenizer: 'standard', filter: ['akhbar_turkish_apostrophe', 'akhbar_turkish_lowercase', 'akhbar_tr_stop', 'akhbar_turkish_stem'] },
  fa: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_decimal_digit', 'akhbar_arabic_normalization', 'akhbar_persian_normalization', 'akhbar_fa_stop', 'akhbar_persian_stem'] },
  ur: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_decimal_digit', 'akhbar_arabic_normalization', 'akhbar_persian_normalization'] },
  ru: { tokenizer: 'standard', filter: ['lowercase', 'akhbar_ru_stop', 'akhbar_russian_stem'] },
  zh: { tokenizer: 'standard', filter: ['akhbar_cjk_width', 'lowercase', 'akhbar_cjk_bigram'] },
};

const STOP_LISTS: Record<string, string> = {
  akhbar_ar_stop: '_arabic_',
  akhbar_en_stop: '_english_',
  akhbar_fr_stop: '_french_',
  akhbar_es_stop: '_spanish_',
  akhbar_de_stop: '_german_',
  akhbar_tr_stop: '_turkish_',
  akhbar_fa_stop: '_persian_',
  akhbar_ru_stop: '_russian_',
};

export interface IndexOptions {
  /** Primary shards. @default 1 */
  shards?: number;
  /** Replicas per shard. @default 0 (single-node dev); set 1+ in production. */
  replicas?: number;
  /** Refresh interval; bounds fetched→searchable latency. @default '1s' */
  refreshInterval?: string;
}

export function analysisSettings(): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const [name, list] of Object.entries(STOP_LISTS)) filter[name] = { type: 'stop', stopwords: list };
  const analyzer: Record<string, unknown> = {
    // Language-neutral: any script, folded (case, Latin accents, Arabic letter variants, digits).
    akhbar_neutral: {
      type: 'custom',
      tokenizer: 'standard',
      filter: ['lowercase', 'akhbar_decimal_digit', 'akhbar_arabic_normalization', 'akhbar_asciifolding'],
    },
  };
  for (const lang of ANALYZED_LANGS) analyzer[`akhbar_${lang}`] = { type: 'custom', ...LANG_ANALYZERS[lang] };
  const normalizer = {
    // Normalizers accept only core filters (plugin filters are refused there), hence lowercase only.
    akhbar_keyword_fold: { type: 'custom', filter: ['lowercase'] },
  };
  return { analyzer, filter, normalizer };
}

export function articleMappings(): Record<string, unknown> {
  const text = (analyzer: string) => ({ type: 'text', analyzer, term_vector: 'with_positions_offsets' });
  const i18n: Record<string, unknown> = {};
  for (const lang of ANALYZED_LANGS) {
    i18n[lang] = {
      properties: { title: text(`akhbar_${lang}`), body: text(`akhbar_${lang}`) },
    };
  }
  const keyword = { type: 'keyword' };
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
          name: { type: 'keyword', fields: { text: { type: 'text', analyzer: 'akhbar_neutral' } } },
          domain: keyword,
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
      author: { type: 'keyword', normalizer: 'akhbar_keyword_fold' },
      categories: { type: 'keyword', normalizer: 'akhbar_keyword_fold' },
      image: { type: 'keyword', index: false },
      publishedAt: { type: 'date' },
      fetchedAt: { type: 'date' },
      enrichedAt: { type: 'date' },
      indexedAt: { type: 'date' },
      topics: keyword,
      topicScores: { type: 'object', enabled: false },
      entityIds: keyword,
      people: keyword,
      orgs: keyword,
      places: keyword,
      entities: { type: 'object', enabled: false },
      countries: keyword,
      locations: { type: 'geo_point' },
      keywords: keyword,
      wordCount: { type: 'integer' },
      readingTimeSec: { type: 'integer' },
      storyId: keyword,
      simhash: { type: 'keyword', index: false },
      flags: keyword,
      contentHash: keyword,
      langHint: keyword,
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
      // Guards against a document carrying thousands of keys: strict mapping rejects unknown
      // keys outright; these caps keep the mapping itself bounded.
      'mapping.total_fields.limit': 400,
      'mapping.depth.limit': 6,
      analysis: analysisSettings(),
    },
    mappings: articleMappings(),
  };
}
