import type { Entity, Quote, QuoteSpeaker } from '@akhbar/core';
import { gazetteer } from './gazetteer.ts';
import { surnamesOf } from './names.ts';
import { normalizeText } from './normalize.ts';
import { countWords, tokenize, type Token } from './text.ts';

/**
 * "Who said what": the quotations an article attributes to someone, with the attribution as the
 * article writes it and, where the gazetteer knows them, the person or organisation quoted.
 *
 * Written by hand: quotation extractors are built for English (or one other language) and a
 * trained parser; none reads the wire copy Akhbar carries — Arabic first, where the verb comes
 * before its speaker (وقال الوزير إن "…") and the conjunction is glued to the verb (وأضاف), beside
 * English, French, Spanish, German, Turkish, Persian and Russian, each with its own quotation
 * marks and word order. What a reader relies on is simple and shared: the words in quotation
 * marks, a speech verb right before or after them, and the name beside that verb. So that is all
 * this reads; it does not parse.
 *
 * Most Arabic wire copy reports speech without quotation marks («وقالت السفارة إن …», "the
 * minister said that …"): read too, as statements marked `indirect`, from the same speech verbs
 * (and a few more: كشف, بين, لفت, رأى) followed by their attribution and, a few words on at most,
 * by إن / أن / "that" / que / dass / что / که; what follows, to the end of its sentence, is what was
 * reported. A source that is not named («مصادر مقربة من رئيس الوزراء», "officials who asked not to
 * be named") is marked `unnamed` and has no speaker, whoever it is said to be close to.
 */

// The types are core's (QuoteSchema): the contract enrichment, the index and the gateway share.

/** Longest quotation text kept, in characters ("…" included). */
export const MAX_QUOTE_CHARS = 500;
/** Most quotations kept per text. */
export const MAX_QUOTES = 20;

/** Text read, at most: as the taggers (MAX_ANALYSED_CHARS), a 5 MB body is read from its start. */
const MAX_SCANNED = 100_000;
/** How far before and after its marks a quotation's attribution is looked for. */
const CLAUSE_CHARS = 200;
/** Scare quotes ("terrorist", «الخط الأحمر») are shorter than this; a quotation is not. */
const MIN_WORDS = 4;
const MIN_CHARS = 15;
const MAX_BY_WORDS = 8;
/**
 * A pronoun ("he said", وأضاف with no subject) refers back this many paragraphs at most: wire
 * copy quotes one speaker over consecutive paragraphs, and further back the "he" is a guess.
 */
const INHERIT_PARAGRAPHS = 2;
/**
 * After a quotation, a verb among the first few words, or a short clause, is that quotation's
 * attribution (`"…," the minister said`); further into a long clause the verb starts a new
 * statement (`"…" and the ministry later said it would appeal`).
 */
const AFTER_VERB_WITHIN = 4;
const SHORT_CLAUSE_WORDS = 12;
/** What reported speech reports has at least this many words ("that it would" is no statement). */
const MIN_REPORTED_WORDS = 5;
/**
 * Words at most between a speech verb with its attribution and the complementizer: "on Tuesday",
 * "told reporters in Baghdad", «في بيان صدر عن الوزارة، الأربعاء،». Further on, the "that" is some
 * other clause's, or the words are the verb's object and more («وأعلن الوزير استئناف الحوار مع
 * أنقرة بشأن …»). A long adjunct («خلال مؤتمر صحفي مشترك مع نظيره التركي في أنقرة») is missed.
 */
const GAP_WORDS = 8;
/**
 * Words after an Arabic verb before an adjunct or the complementizer: more is the verb's object
 * and more («وأعلن الوزير استئناف الحوار مع أنقرة بشأن حصص المياه …»), not who spoke.
 */
const MAX_ATTRIBUTION_TOKENS = 10;

/** Opening marks and the marks that close them; straight quotes pair left to right. */
const CLOSERS: ReadonlyMap<string, string> = new Map([
  ['«', '»'],
  ['“', '”'],
  ['„', '“”'], // German „…“, Polish and Romanian „…”
  ['‹', '›'],
  ['「', '」'],
  ['"', '"'],
]);
const QUOTE_MARKS = /["«»“”„‹›「」]/g;
const OPENERS = new RegExp(`[${[...CLOSERS.keys()].join('')}]`, 'u');
/** Between two words of an attribution: where it ends ("Rana Haddad, a spokeswoman"). */
const BREAK = /[,،:;؛：，、()–—]/;
/**
 * The tokenizer's sentence ends (text.ts), without line breaks (paragraphs are split already):
 * . ! ? … before a space or a closing mark and not after an initial ("U.S."), and ؟ ۔ 。！？.
 */
const SENTENCE_END = /(?<!(?:^|[^\p{L}])\p{Lu})[.!?\u2026]+(?=[\s"'»”)\]]|$)|[\u061F\u06D4\u3002\uFF01\uFF1F]+/gu;

/**
 * Where a language puts the speaker: after the verb (Arabic: وقال الوزير), before it but after
 * when nothing is there ("the minister said", "said Rana Haddad", « … », a déclaré le ministre),
 * or, in Turkish, before the quotation itself with the verb after it (Fidan, "…" dedi).
 */
type Order = 'verb-first' | 'subject-first' | 'subject-before-quote';

interface SpeechRules {
  order: Order;
  /** Speech verbs as written (folded when compiled): "قال", "said", "déclaré". */
  verbs: string[];
  /** Attributions whose source follows them whatever the order: "according to", "selon", "بحسب". */
  sources: string[];
  /** Sources the preposition ل follows, glued to the source's first word: "وفقا لبيان", "وفقا للمتحدث". */
  lamSources?: string[];
  /** Words dropped at either end of an attribution ("and", the French auxiliary "a", و). */
  connectives: string[];
  /** Words that end an attribution and start what was said: "that", "que", إن, أن. */
  complementizers: string[];
  /** Words that start an adjunct after a speaker: "in a statement", في بيان, خلال. */
  adjuncts: string[];
  /** Words that name no one by themselves: an attribution of these alone refers back. */
  pronouns: string[];
  /** Reported speech without quotation marks; absent: not read in this language (Turkish has no "that"). */
  reported?: ReportedRules;
  /** Attributions to a source that is not named. */
  unnamed?: UnnamedRules;
}

/** How a language reports speech without quotation marks: «وقال الوزير إن …», "X said on Tuesday that …". */
interface ReportedRules {
  /** The complementizers that open what was reported: إن أن بأن أنه, "that", que/qu', dass, что, که. */
  that: string[];
  /** Speech verbs read for reported speech only (كشف, بين, لفت, رأى). */
  verbs?: string[];
  /** Speech verbs not read for it: "asked that" is a request. */
  notVerbs?: string[];
  /** Verbs whose object may stand before "that": "told reporters that". */
  objectVerbs?: string[];
  /** Words that open an adjunct between the verb (with its attribution) and "that": on, في, lundi. */
  gap: string[];
  /** Words after which "that" is no complementizer: "so that", بعد أن, "alors que", من المتوقع أن. */
  blockers: string[];
  /** Words right before a verb (auxiliaries aside) that make it no report: "to say", "did not say", "s'est assuré", "est indiqué". */
  notBefore: string[];
  /** Relative pronouns: "the ministry, which said that …", «التي قال ناشطون إنها …» report nothing of their own. */
  relatives: string[];
  /** Arabic: words after which a verb still opens its clause (قد, كما, فيما, بدوره); else the verb must follow a comma, a conjunction glued to it or nothing. */
  openers?: string[];
  /** Arabic: participles that report for the clause's subject (مؤكدا أن): a verb with one before the "that" is not that statement's. */
  participles?: string[];
}

/** An attribution to someone not named: its head (مصادر, "officials", des proches). */
interface UnnamedRules {
  /** Heads, one or two words ("person familiar"): in Arabic the first word of the attribution (ال aside), elsewhere any word before the first of `relations`. */
  heads: string[];
  /** Words after which a name is whom the source is close to, not the source: من, "close", "of", du. */
  relations: string[];
}

/**
 * Per language. "a déclaré", "a-t-il ajouté" are found by the participle alone (the auxiliary is
 * a connective), so the inverted French forms need no entry of their own. Arabic verbs are
 * matched with the conjunction و/ف glued to them too (وقال, فأضاف), alef and hamza folded.
 */
const SPEECH: Readonly<Record<string, SpeechRules>> = {
  ar: {
    order: 'verb-first',
    verbs: [
      'قال', 'قالت', 'كتب', 'كتبت', 'غرد', 'غردت', 'أكد', 'أكدت', 'أضاف', 'أضافت', 'صرح', 'صرحت', 'ذكر', 'ذكرت', 'أوضح', 'أوضحت', 'أشار', 'أشارت', 'تابع', 'تابعت',
      'اعتبر', 'اعتبرت', 'شدد', 'شددت', 'أعلن', 'أعلنت', 'أفاد', 'أفادت', 'أردف', 'أردفت', 'يقول', 'تقول',
    ],
    sources: ['بحسب', 'حسب'],
    lamSources: ['وفق', 'وفقا', 'طبقا'],
    // "بحسب ما قال الوزير": ما before a verb.
    connectives: ['و', 'ف', 'ل', 'ما', 'أيضا', 'كذلك'],
    complementizers: ['إن', 'أن', 'بأن', 'فإن', 'أنه', 'أنها', 'قائلا', 'قائلة'],
    // Also "told reporters, the agency, a channel…": وقال الكاظمي للصحفيين, لوكالة الأنباء.
    adjuncts: ['في', 'خلال', 'إلى', 'لدى', 'عبر', 'أمام', 'للصحفيين', 'للصحافيين', 'لوسائل', 'لوكالة', 'لقناة', 'لصحيفة'],
    // وقال بدوره, وقالت من جهتها, وأضاف من جانبه: "he, in turn", "for her part".
    pronouns: ['هو', 'هي', 'بدوره', 'بدورها', 'من', 'جانبه', 'جانبها', 'جهته', 'جهتها'],
    reported: {
      that: ['إن', 'أن', 'بأن', 'فإن', 'أنه', 'أنها', 'أنهم', 'إنه', 'إنها', 'إنهم', 'بأنه', 'بأنها', 'بأنهم'],
      // كشف "revealed", بين "made clear" (also the preposition "between": see verbAt's callers), لفت إلى "pointed out", رأى "was of the view".
      // The present يرى («ويرى مراقبون أن …») is not read: it frames the writer's analysis, not what someone said.
      verbs: ['كشف', 'كشفت', 'بين', 'بينت', 'رأى', 'رأت', 'لفت', 'لفتت'],
      gap: [
        'في', 'خلال', 'إلى', 'على', 'عن', 'لدى', 'عبر', 'أمام', 'بعد', 'قبل', 'عقب', 'إثر', 'أثناء', 'حول', 'بشأن', 'ردا', 'تعليقا', 'مع', 'ضمن', 'بمناسبة', 'بحضور',
        'للصحفيين', 'للصحافيين', 'لوسائل', 'لوكالة', 'لقناة', 'لصحيفة', 'لموقع', 'لشبكة', 'لإذاعة', 'لتلفزيون',
        'اليوم', 'أمس', 'الأحد', 'الاثنين', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'مساء', 'صباح', 'ظهر', 'فجر', 'ليلة', 'غدا', 'مؤخرا', 'مجددا', 'حاليا',
      ],
      blockers: [
        'بعد', 'قبل', 'منذ', 'إلا', 'غير', 'رغم', 'برغم', 'بالرغم', 'سيما', 'لاسيما', 'كما', 'حيث', 'إذ', 'لو', 'حتى', 'دون', 'بدون', 'بدل', 'بدلا', 'عوضا', 'من',
        'يجب', 'يمكن', 'ينبغي', 'بد', 'لابد', 'يتعين', 'يفترض', 'يتوقع', 'يرجح', 'يريد', 'تريد', 'قرر', 'قررت', 'تقرر', 'أراد', 'أرادت', 'حاول', 'حاولت',
        'المتوقع', 'المقرر', 'المفترض', 'المنتظر', 'المرجح', 'الممكن', 'المحتمل', 'الضروري', 'ضرورة', 'شأن', 'شأنه', 'شأنها', 'أجل', 'لأجل', 'مجرد', 'لمجرد', 'محاولة', 'رغبة',
      ],
      notBefore: ['لم', 'لن', 'لا', 'أن', 'إن'],
      relatives: ['الذي', 'التي', 'الذين', 'اللذان', 'اللتان', 'اللذين', 'اللتين', 'اللواتي', 'اللاتي', 'اللائي'],
      openers: [
        'قد', 'وقد', 'فقد', 'لقد', 'كما', 'وكما', 'فيما', 'وفيما', 'بينما', 'وبينما', 'حين', 'وحين', 'عندما', 'وعندما', 'حيث', 'وحيث', 'ثم', 'إذ', 'وإذ', 'كذلك', 'أيضا', 'بل',
        'بدوره', 'بدورها', 'وبدوره', 'وبدورها', 'جهته', 'جهتها', 'جانبه', 'جانبها', 'المقابل', 'ذلك', 'لكن', 'ولكن', 'لكنه', 'لكنها', 'ولكنه', 'ولكنها',
      ],
      participles: [
        'مؤكدا', 'مؤكدة', 'مشيرا', 'مشيرة', 'مضيفا', 'مضيفة', 'موضحا', 'موضحة', 'معتبرا', 'معتبرة', 'لافتا', 'لافتة', 'قائلا', 'قائلة', 'منوها', 'منوهة',
        'مبينا', 'مبينة', 'كاشفا', 'كاشفة', 'محذرا', 'محذرة', 'مشددا', 'مشددة', 'متابعا', 'متابعة',
      ],
    },
    unnamed: {
      heads: [
        'مصدر', 'مصادر', 'مصدرا', 'مصدران', 'مصدرين', 'مسؤول', 'مسؤولة', 'مسؤولا', 'مسؤولان', 'مسؤولين', 'مسؤولون', 'مسؤولو', 'مسئول', 'مسئولون', 'مسئولين',
        'مقرب', 'مقربون', 'مقربين', 'مقربو', 'مطلعون', 'مطلعين', 'أوساط', 'دبلوماسي', 'دبلوماسيون', 'دبلوماسيين',
      ],
      relations: ['من', 'في', 'لدى', 'عن', 'داخل', 'مع'],
    },
  },
  en: {
    order: 'subject-first',
    verbs: ['said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'stated', 'asked', 'declared', 'warned', 'insisted', 'explained', 'announced', 'wrote', 'writes', 'tweeted', 'posted', 'noted', 'continued'],
    sources: ['according to'],
    connectives: ['and', 'but', 'also', 'then', 'has', 'had', 'have', 'was', 'further', 'later', 'however', 'as'],
    complementizers: ['that'],
    adjuncts: ['in', 'on', 'at', 'during', 'while', 'when', 'after', 'before'],
    pronouns: ['he', 'she', 'they', 'it', 'we', 'i', 'you', 'who'],
    reported: {
      that: ['that'],
      notVerbs: ['asked'],
      objectVerbs: ['told', 'tells'],
      gap: [
        'on', 'in', 'at', 'during', 'to', 'after', 'before', 'late', 'earlier', 'yesterday', 'today', 'tonight', 'last', 'this', 'again', 'repeatedly', 'publicly', 'separately', 'previously', 'recently',
        'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
      ],
      blockers: ['so', 'such', 'now', 'given', 'provided', 'except', 'assuming', 'supposing', 'considering', 'seeing', 'not', 'in'],
      notBefore: ['to', 'would', 'could', 'can', 'cannot', 'will', 'may', 'might', 'should', 'must', 'shall', 'not', 'never', 'did', 'does', 'do', 'didn', 'doesn', 'don', 'won', 't', 'be', 'being', 'been', 'is', 'are'],
      relatives: ['who', 'which', 'whom', 'whose'],
    },
    unnamed: {
      heads: [
        'source', 'sources', 'official', 'officials', 'insider', 'insiders', 'aide', 'aides', 'diplomat', 'diplomats',
        'person familiar', 'people familiar', 'person close', 'people close', 'someone close', 'person with', 'people with', 'person briefed', 'people briefed',
      ],
      relations: ['of', 'to', 'close', 'familiar', 'in', 'at', 'from', 'with', 'for', 'inside', 'within', 'near', 'around', 'who', 'on', 'briefed'],
    },
  },
  fr: {
    order: 'subject-first',
    verbs: ['déclaré', 'dit', 'affirmé', 'écrit', 'ajouté', 'expliqué', 'estimé', 'souligné', 'indiqué', 'précisé', 'assuré', 'déclare', 'affirme', 'ajoute', 'estime'],
    sources: ['selon'],
    connectives: ['a', 't', 'et', 'aussi', 'également', 'encore', 'avait', 'ont'],
    complementizers: ['que', 'qu'],
    adjuncts: ['lors', 'dans', 'devant'],
    pronouns: ['il', 'elle', 'ils', 'elles', 'on'],
    reported: {
      that: ['que', 'qu'],
      gap: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'hier', 'aujourd', 'lors', 'dans', 'devant', 'à', 'au', 'aux', 'en', 'ce', 'cette', 'encore', 'également', 'auprès', 'sur'],
      blockers: ['alors', 'parce', 'bien', 'ainsi', 'avant', 'après', 'pour', 'afin', 'tandis', 'sans', 'dès', 'depuis', 'pendant', 'même', 'moins', 'peur', 'sorte', 'façon', 'manière', 'tel', 'telle', 'plutôt', 'faut', 'ce', 'plus', 'autre'],
      notBefore: ['est', 'été', 'sont', 'soit', 'être', 'étant', 'pas', 'jamais', 'plus', 'rien', 'peut', 'doit', 'pourrait', 'va', 'veut'],
      relatives: ['qui', 'lequel', 'laquelle', 'lesquels', 'lesquelles', 'dont'],
    },
    unnamed: {
      heads: ['source', 'sources', 'responsable', 'responsables', 'proche', 'proches', 'entourage', 'diplomate', 'diplomates', 'fonctionnaire', 'fonctionnaires'],
      relations: ['de', 'du', 'd', 'au', 'aux', 'à', 'dans', 'auprès', 'chez', 'qui', 'sous'],
    },
  },
  es: {
    order: 'subject-first',
    verbs: ['dijo', 'afirmó', 'declaró', 'añadió', 'explicó', 'aseguró', 'señaló'],
    sources: ['según'],
    connectives: ['y', 'ha', 'había', 'también'],
    complementizers: ['que'],
    adjuncts: ['en', 'durante'],
    pronouns: ['él', 'ella', 'ellos', 'ellas'],
    reported: {
      that: ['que'],
      // Plural: "fuentes cercanas al Gobierno dijeron que".
      verbs: ['dijeron', 'afirmaron', 'declararon', 'añadieron', 'explicaron', 'aseguraron', 'señalaron'],
      gap: ['el', 'este', 'esta', 'en', 'durante', 'ayer', 'hoy', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo', 'a', 'al', 'ante', 'tras'],
      blockers: ['para', 'aunque', 'ya', 'así', 'antes', 'después', 'hasta', 'mientras', 'sin', 'lo', 'más', 'tal', 'hay'],
      notBefore: ['no', 'nunca', 'se', 'fue', 'es', 'sido'],
      relatives: ['quien', 'quienes', 'cual', 'cuales'],
    },
    unnamed: {
      heads: ['fuente', 'fuentes', 'funcionario', 'funcionarios', 'allegado', 'allegados', 'responsable', 'responsables', 'diplomático', 'diplomáticos'],
      relations: ['de', 'del', 'cercano', 'cercana', 'cercanos', 'cercanas', 'próximas', 'próximos', 'en', 'a', 'al', 'que'],
    },
  },
  de: {
    order: 'subject-first',
    verbs: ['sagte', 'sagt', 'erklärte', 'erklärt', 'betonte', 'betont'],
    sources: ['laut'],
    connectives: ['und', 'hat', 'habe', 'auch'],
    complementizers: ['dass'],
    adjuncts: ['bei', 'am'],
    pronouns: ['er', 'sie', 'es'],
    reported: {
      that: ['dass'],
      verbs: ['sagten', 'erklärten', 'betonten'],
      gap: ['am', 'bei', 'in', 'im', 'gegenüber', 'gestern', 'heute', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag', 'vor', 'nach', 'auf'],
      blockers: ['so', 'ohne', 'anstatt', 'statt', 'außer', 'als'],
      notBefore: ['nicht', 'nie', 'niemals', 'kein'],
      relatives: ['der', 'die', 'das', 'welcher', 'welche', 'welches'],
    },
    unnamed: {
      heads: ['quelle', 'quellen', 'insider', 'beamter', 'beamte', 'kreise', 'regierungskreise', 'diplomat', 'diplomaten', 'vertraute', 'vertrauter'],
      relations: ['aus', 'von', 'vom', 'in', 'im', 'nahe', 'bei', 'der', 'des'],
    },
  },
  tr: {
    order: 'subject-before-quote',
    verbs: ['dedi', 'söyledi', 'açıkladı'],
    sources: [],
    // "Fidan şunları söyledi:" — "said the following".
    connectives: ['ve', 'şunları', 'şöyle', 'da', 'de', 'ise'],
    complementizers: [],
    adjuncts: [],
    pronouns: ['o'],
    unnamed: {
      heads: ['kaynak', 'kaynaklar', 'kaynaklara', 'yetkili', 'yetkililer', 'yetkilisi', 'diplomat'],
      relations: ['yakın'],
    },
  },
  fa: {
    order: 'subject-first',
    verbs: ['گفت', 'افزود', 'اظهار کرد', 'اظهار داشت'],
    sources: ['به گفته'],
    connectives: ['و', 'نیز', 'همچنین'],
    complementizers: ['که'],
    adjuncts: ['در'],
    pronouns: ['او', 'وی', 'ایشان'],
    reported: {
      that: ['که'],
      verbs: ['گفتند', 'افزودند'],
      gap: ['در', 'روز', 'امروز', 'دیروز', 'به', 'با'],
      blockers: ['چرا', 'طوری', 'حالی', 'آنجا', 'این', 'آن'],
      notBefore: ['نه'],
      relatives: [],
    },
    unnamed: {
      heads: ['منبع', 'منابع', 'مقام', 'مقامات'],
      relations: ['نزدیک', 'در', 'از', 'به'],
    },
  },
  ru: {
    order: 'subject-first',
    verbs: ['сказал', 'сказала', 'заявил', 'заявила', 'отметил', 'отметила'],
    sources: ['по словам'],
    connectives: ['и', 'а', 'также'],
    complementizers: ['что'],
    adjuncts: ['в', 'на'],
    pronouns: ['он', 'она', 'они'],
    reported: {
      that: ['что'],
      verbs: ['сказали', 'заявили', 'отметили'],
      gap: ['в', 'во', 'на', 'о', 'об', 'накануне', 'вчера', 'сегодня', 'журналистам', 'изданию', 'агентству'],
      blockers: ['то', 'потому', 'так', 'после', 'несмотря', 'вместо', 'кроме', 'прежде', 'тем', 'чем'],
      notBefore: ['не', 'никогда'],
      relatives: ['который', 'которая', 'которое', 'которые', 'кто'],
    },
    unnamed: {
      heads: ['источник', 'источники', 'источника', 'источников', 'собеседник', 'собеседники', 'чиновник', 'чиновники', 'дипломат'],
      relations: ['в', 'из', 'близкий', 'близкие', 'близкого', 'к', 'у'],
    },
  },
};

/**
 * Arabic speech whose speaker stands before the verb: "ونقلت الوكالة عن الكاظمي قوله إن …" ("quoted
 * Kadhimi as saying"), the speaker before the verbal noun, after عن; and, for reported speech
 * only, a plural verb after its subject («غير أن مسؤولين في الوزارة قالوا إن …»; the verb before
 * its subject is singular, so a plural one follows it) or with none («وأضافوا أن …», "they added").
 */
const ALSO: Readonly<Record<string, readonly SpeechRules[]>> = {
  ar: [
    {
      ...SPEECH.ar!, order: 'subject-first', verbs: ['قوله', 'قولها', 'قولهم'], sources: [], lamSources: [], complementizers: [...SPEECH.ar!.complementizers, 'عن'],
      reported: { ...SPEECH.ar!.reported!, verbs: [] },
    },
    {
      ...SPEECH.ar!, order: 'subject-first', verbs: [], sources: [], lamSources: [],
      reported: {
        ...SPEECH.ar!.reported!,
        verbs: ['قالوا', 'أكدوا', 'أضافوا', 'أوضحوا', 'أشاروا', 'ذكروا', 'اعتبروا', 'شددوا', 'أعلنوا', 'كشفوا', 'أفادوا', 'رأوا', 'لفتوا', 'بينوا', 'تابعوا', 'صرحوا', 'يقولون'],
      },
    },
  ],
};

/** A speech verb or source phrase, folded, and the rules of its language. */
interface SpeechPhrase {
  words: string[];
  rules: CompiledRules;
  /** The source follows the phrase ("according to", بحسب), whatever the language's order. */
  source: boolean;
  /** The source is written with ل glued to it (وفقا لبيان): dropped from the attribution. */
  lam: boolean;
}
interface CompiledRules {
  order: Order;
  connectives: ReadonlySet<string>;
  complementizers: ReadonlySet<string>;
  adjuncts: ReadonlySet<string>;
  pronouns: ReadonlySet<string>;
  reported?: CompiledReported;
  unnamed?: { heads: ReadonlyArray<readonly string[]>; relations: ReadonlySet<string> };
  /** Arabic script: the attribution follows rules of its own (its head is its first word, ال aside). */
  arabic: boolean;
}
interface CompiledReported {
  that: ReadonlySet<string>;
  notVerbs: ReadonlySet<string>;
  objectVerbs: ReadonlySet<string>;
  gap: ReadonlySet<string>;
  blockers: ReadonlySet<string>;
  notBefore: ReadonlySet<string>;
  relatives: ReadonlySet<string>;
  openers: ReadonlySet<string>;
  participles: ReadonlySet<string>;
}
/** Phrases by their first folded word. */
type SpeechTable = ReadonlyMap<string, SpeechPhrase[]>;

const fold = (words: readonly string[]): Set<string> => new Set(words.flatMap((w) => tokenize(w).map((t) => t.norm)));

function compileRules(r: SpeechRules): CompiledRules {
  const out: CompiledRules = {
    order: r.order, connectives: fold(r.connectives), complementizers: fold(r.complementizers), adjuncts: fold(r.adjuncts), pronouns: fold(r.pronouns),
    arabic: [...r.verbs, ...(r.reported?.verbs ?? [])].some((v) => tokenize(v)[0]?.arabic === true),
  };
  const p = r.reported;
  if (p) {
    out.reported = {
      that: fold(p.that), notVerbs: fold(p.notVerbs ?? []), objectVerbs: fold(p.objectVerbs ?? []), gap: fold(p.gap), blockers: fold(p.blockers),
      notBefore: fold(p.notBefore), relatives: fold(p.relatives), openers: fold(p.openers ?? []), participles: fold(p.participles ?? []),
    };
  }
  if (r.unnamed) out.unnamed = { heads: r.unnamed.heads.map((h) => tokenize(h).map((t) => t.norm)), relations: fold(r.unnamed.relations) };
  return out;
}

/**
 * Phrases of a language into a table. `reported`: the table reported speech is read with — the
 * reported-only verbs in (كشف), the verbs not read for it out ("asked"), and no sources but
 * Arabic's ("بحسب مصدر أمني فإن …"; "according to X, …" has no "that" to read).
 */
function addPhrases(table: Map<string, SpeechPhrase[]>, r: SpeechRules, rules: CompiledRules, reported = false): void {
  let verbs = r.verbs;
  let sources = r.sources;
  let lamSources = r.lamSources ?? [];
  if (reported) {
    const not = new Set(r.reported?.notVerbs ?? []);
    verbs = [...r.verbs, ...(r.reported?.verbs ?? [])].filter((v) => !not.has(v));
    if (!rules.arabic) [sources, lamSources] = [[], []];
  }
  for (const [list, source, lam] of [[verbs, false, false], [sources, true, false], [lamSources, true, true]] as const) {
    for (const phrase of list) {
      const words = tokenize(phrase).map((t) => t.norm);
      const first = words[0];
      if (first === undefined) continue;
      const known = table.get(first) ?? [];
      if (!known.some((p) => p.words.join(' ') === words.join(' '))) known.push({ words, rules, source, lam });
      table.set(first, known);
    }
  }
}

const tables = new Map<string, SpeechTable>();

/**
 * The speech phrases of a language; for a language without its own list, every list's.
 * `reported`: those reported speech is read with (see addPhrases); only languages with rules for it.
 */
function speechTable(lang: string, reported = false): SpeechTable {
  const base = Object.hasOwn(SPEECH, lang) ? lang : '*';
  const key = `${base}${reported ? ':reported' : ''}`;
  let table = tables.get(key);
  if (!table) {
    const built = new Map<string, SpeechPhrase[]>();
    for (const [l, r] of Object.entries(SPEECH)) {
      if (base !== '*' && base !== l) continue;
      for (const rules of [r, ...(ALSO[l] ?? [])]) if (!reported || rules.reported) addPhrases(built, rules, compileRules(rules), reported);
    }
    tables.set(key, (table = built));
  }
  return table;
}

/** A speech phrase found in a clause's tokens: [start, end). */
interface VerbAt {
  phrase: SpeechPhrase;
  start: number;
  end: number;
}

function verbAt(tokens: readonly Token[], i: number, table: SpeechTable): VerbAt | undefined {
  const t = tokens[i]!;
  // The conjunction is written joined to an Arabic verb: وقال, فأكد, وبحسب (the word as a whole first: وفق).
  const forms = t.arabic && t.norm.length >= 4 && (t.norm[0] === 'و' || t.norm[0] === 'ف') ? [t.norm, t.norm.slice(1)] : [t.norm];
  for (const form of forms) {
    // "لافتات كتب عليها": written on them (banners, walls), not someone writing.
    if (WRITTEN_ON.has(form) && WRITTEN_ON_NEXT.has(tokens[i + 1]?.norm ?? '')) continue;
    for (const phrase of table.get(form) ?? []) {
      if (phrase.words.every((w, k) => k === 0 || tokens[i + k]?.norm === w)) return { phrase, start: i, end: i + phrase.words.length };
    }
  }
  return undefined;
}
const WRITTEN_ON = new Set(['كتب', 'كتبت'].map((w) => tokenize(w)[0]!.norm));
const WRITTEN_ON_NEXT = new Set(['عليها', 'عليه', 'عليهم', 'عليهما'].map((w) => tokenize(w)[0]!.norm));

/** Matching marks within one paragraph, left to right, not nested; an opening mark with no closing one is ignored. */
function quoteSpans(para: string): Array<{ open: number; close: number }> {
  const spans: Array<{ open: number; close: number }> = [];
  // The next position of each closing mark, -1 when there is none left: remembered, since every
  // search starts further on, so an unbalanced text is still read in one pass.
  const next = new Map<string, number>();
  const find = (mark: string, from: number): number => {
    const known = next.get(mark);
    if (known !== undefined && (known === -1 || known >= from)) return known;
    const at = para.indexOf(mark, from);
    next.set(mark, at);
    return at;
  };
  // From opening mark to opening mark (a regex jumps there; most paragraphs hold none).
  const opener = new RegExp(OPENERS.source, 'g');
  for (let m = opener.exec(para); m !== null; m = opener.exec(para)) {
    const i = m.index;
    let close = -1;
    for (const mark of CLOSERS.get(m[0])!) {
      const at = find(mark, i + 1);
      if (at !== -1 && (close === -1 || at < close)) close = at;
    }
    if (close === -1) continue;
    spans.push({ open: i, close });
    opener.lastIndex = close + 1;
  }
  return spans;
}

/** What is between the marks, as a quotation's text; undefined for a scare quote or a fragment. */
function quotationText(inner: string): string | undefined {
  // A comma before the closing mark is English punctuation ("…," he said), not the speaker's.
  const text = inner.replace(/\s+/g, ' ').trim().replace(/[,،]+$/, '');
  if (text.length < MIN_CHARS || countWords(text) < MIN_WORDS) return undefined;
  return clip(text);
}

/** At most MAX_QUOTE_CHARS, cut at a word and ending in "…". */
function clip(text: string): string {
  if (text.length <= MAX_QUOTE_CHARS) return text;
  const room = MAX_QUOTE_CHARS - 1;
  const atWord = /\s/.test(text[room]!) ? room : text.lastIndexOf(' ', room - 1);
  let cut = text.slice(0, atWord > 0 ? atWord : room);
  // One word longer than the limit: cut inside it, not inside a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.replace(/[\s,،;؛:.]+$/, '')}…`;
}

/** Sentence ends found in para[from, to): [index, end] of each. */
function sentenceEnds(para: string, from: number, to: number): Array<[number, number]> {
  // Two characters of context, as the initial test looks back two ("U.S.").
  const lead = Math.min(from, 2);
  const piece = para.slice(from - lead, to);
  const out: Array<[number, number]> = [];
  SENTENCE_END.lastIndex = lead;
  for (let m = SENTENCE_END.exec(piece); m !== null; m = SENTENCE_END.exec(piece)) out.push([m.index + from - lead, m.index + m[0].length + from - lead]);
  return out;
}

/** The clause before an opening mark: from the last sentence end, the previous quotation or the paragraph start, ~200 characters at most. */
function clauseBefore(para: string, open: number, floor: number): string {
  const from = Math.max(floor, open - CLAUSE_CHARS);
  let start = sentenceEnds(para, from, open).at(-1)?.[1] ?? from;
  if (start === from && from > floor) {
    // Cut at the window's edge: start at the next whole word.
    const space = para.slice(from, open).search(/\s/);
    start = space === -1 ? open : from + space + 1;
  }
  return para.slice(start, open);
}

/** The clause after a closing mark: up to the next sentence end or quotation, ~200 characters at most. */
function clauseAfter(para: string, close: number, ceiling: number): string {
  const to = Math.min(ceiling, close + 1 + CLAUSE_CHARS);
  const end = sentenceEnds(para, close + 1, to)[0]?.[0] ?? to;
  return para.slice(close + 1, end);
}

/** Whether the words at k-1 and k are apart by a comma, a colon or the like. */
function breakBefore(clause: string, tokens: readonly Token[], k: number): boolean {
  const prev = tokens[k - 1];
  if (!prev) return false;
  return BREAK.test(clause.slice(prev.start + prev.raw.length, tokens[k]!.start));
}

/** Connectives dropped from both ends. */
function trimConnectives(words: Token[], rules: CompiledRules): Token[] {
  let a = 0;
  let b = words.length;
  while (a < b && rules.connectives.has(words[a]!.norm)) a++;
  while (b > a && rules.connectives.has(words[b - 1]!.norm)) b--;
  return words.slice(a, b);
}

/** The speaker after the verb ("said Rana Haddad, a spokeswoman", وقال المتحدث باسم الوزارة إن): up to a comma, colon, "that" or an adjunct. */
function sourceAfter(clause: string, tokens: readonly Token[], end: number, rules: CompiledRules, table: SpeechTable): Token[] {
  const words: Token[] = [];
  for (let k = end; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (breakBefore(clause, tokens, k) || rules.complementizers.has(t.norm) || (words.length > 0 && rules.adjuncts.has(t.norm))) break;
    if (words.length === 0 && rules.connectives.has(t.norm)) continue;
    // "according to what the minister said", بحسب ما قال الوزير: the speaker follows a second verb.
    const v = words.length === 0 ? verbAt(tokens, k, table) : undefined;
    if (v) {
      k = v.end - 1;
      continue;
    }
    words.push(t);
  }
  return trimConnectives(words, rules);
}

/**
 * The speaker before the verb: the words right before it ("In Baghdad, the minister said"), or
 * before an apposition set off by commas ("Rana Haddad, a spokeswoman, said"), after any "that"
 * or earlier verb ("He said that the minister told…").
 */
function subjectBefore(clause: string, tokens: readonly Token[], verb: number, rules: CompiledRules, table: SpeechTable): Token[] {
  const segments: Token[][] = [[]];
  for (let k = 0; k < verb; k++) {
    if (breakBefore(clause, tokens, k)) segments.push([]);
    const t = tokens[k]!;
    const v = rules.complementizers.has(t.norm) ? undefined : verbAt(tokens, k, table);
    if (rules.complementizers.has(t.norm) || v) {
      segments[segments.length - 1] = [];
      if (v) k = v.end - 1;
      continue;
    }
    segments[segments.length - 1]!.push(t);
  }
  let appositive = verb > 0 && breakBefore(clause, tokens, verb);
  // An auxiliary alone after the comma ("…, Fouad Hussein, a affirmé") is no subject: the
  // segments before it are, as if the verb followed the comma.
  const tail = segments[segments.length - 1]!;
  if (!appositive && segments.length > 1 && tail.length > 0 && trimConnectives(tail, rules).length === 0) {
    segments.pop();
    appositive = true;
  }
  const chosen = appositive && segments.length >= 2 ? segments[segments.length - 2]! : segments[segments.length - 1]!;
  return trimConnectives(chosen, rules);
}

/** At most MAX_BY_WORDS words (a word is what spaces set apart: "al-Kadhimi" is one). */
function capWords(clause: string, words: Token[]): Token[] {
  let count = 0;
  for (let k = 0; k < words.length; k++) {
    const prev = words[k - 1];
    if (!prev || /\s/.test(clause.slice(prev.start + prev.raw.length, words[k]!.start))) count++;
    if (count > MAX_BY_WORDS) return words.slice(0, k);
  }
  return words;
}

/** The attribution as written between its first and last word; the ل of "وفقا لبيان" dropped. */
function written(clause: string, words: Token[], lam: boolean): string {
  const first = words[0]!;
  const last = words[words.length - 1]!;
  let skip = 0;
  let prefix = '';
  // "وفقا للمتحدث": ل + ال is written لل; the reader's attribution is "المتحدث".
  if (lam && first.arabic && first.raw.startsWith('لل')) [skip, prefix] = [2, 'ال'];
  else if (lam && first.arabic && first.raw.startsWith('ل') && first.raw.length > 3) skip = 1;
  // "والوزير قال": the conjunction before the article.
  else if (first.arabic && /^[وف]ال/.test(first.raw)) skip = 1;
  return (prefix + clause.slice(first.start + skip, last.start + last.raw.length)).replace(QUOTE_MARKS, '').replace(/\s+/g, ' ').trim();
}

/** The first person, else the first organisation, the gazetteer finds in these words. */
function speakerIn(words: readonly Token[], lang: string): QuoteSpeaker | undefined {
  if (words.length === 0) return undefined;
  const found = gazetteer().findInTokens(words, lang);
  for (const type of ['person', 'org'] as const) {
    const e = found.find((x) => x.type === type);
    if (e) return { id: e.id, name: e.name, type };
  }
  return undefined;
}

/**
 * The people an article names, by the last word of each of their names ("السوداني", "sudani"):
 * after its first mention a report calls a person by surname alone ("وقال السوداني", "Sudani
 * said"), which the gazetteer cannot take for the person on its own (السوداني is also "the
 * Sudanese"), but the article has already said who. A surname two of its people share names
 * neither.
 */
function surnameIndex(known: readonly Entity[]): Map<string, QuoteSpeaker | null> {
  const out = new Map<string, QuoteSpeaker | null>();
  for (const e of known) {
    if (e.type !== 'person') continue;
    for (const last of surnamesOf(e)) out.set(last, out.has(last) ? null : { id: e.id, name: e.name, type: 'person' });
  }
  return out;
}

/** The article's person an attribution calls by surname alone, if exactly one. */
function bySurname(by: string, surnames: ReadonlyMap<string, QuoteSpeaker | null>): QuoteSpeaker | undefined {
  let found: QuoteSpeaker | undefined;
  for (const t of tokenize(by)) {
    const s = surnames.get(t.norm);
    if (s === null || (s && found && found.id !== s.id)) return undefined;
    if (s) found = s;
  }
  return found;
}

/**
 * Phrases that say a source is not named, wherever they stand in the attribution ("a farmer, who
 * asked not to be named, said"; «مصدر، فضل عدم الكشف عن اسمه،»): matched folded, as substrings.
 */
const ANONYMITY = [
  'not to be named', 'not to be identified', 'declined to be named', 'declined to be identified', 'condition of anonymity', 'requested anonymity', 'speaking anonymously',
  'anonymat', 'anonimato', 'anonym bleiben', 'nicht namentlich', 'ismini vermek', 'adının açıklanmaması', 'نامش', 'неназванн', 'анонимност',
  'عدم الكشف عن اسم', 'عدم الكشف عن هوي', 'عدم ذكر اسم', 'عدم نشر اسم', 'رفض الكشف عن', 'رفضت الكشف عن',
].map((p) => normalizeText(p));
/** Arabic-script words before a source's head: أحد المسؤولين, بعض المصادر, كبار المسؤولين; Persian یک منبع, یکی از مقامات. */
const QUANTIFIERS = fold(['أحد', 'إحدى', 'بعض', 'عدد', 'كبار', 'من', 'یک', 'یکی', 'از']);

/** A token's form with the Arabic article off (المصادر → مصادر), for comparing heads. */
function bare(t: Token): string {
  return t.arabic && t.norm.startsWith('ال') && t.norm.length >= 5 ? t.norm.slice(2) : t.norm;
}

/** Two Latin words with a capital in a row: a name ("an official, Ahmed Moussa,"). */
function namesSomeone(tokens: readonly Token[]): boolean {
  for (let k = 1; k < tokens.length; k++) if (/^\p{Lu}/u.test(tokens[k - 1]!.raw) && /^\p{Lu}/u.test(tokens[k]!.raw) && !tokens[k]!.arabic) return true;
  return false;
}

/**
 * Whether an attribution is to a source that is not named: its head is a source, an official, the
 * people close to someone («مصادر مقربة من رئيس الوزراء مصطفى الكاظمي», "a senior official",
 * des proches du ministre), or it says the source asked not to be named — and no person is named
 * at its head or in an apposition after it ("an official, Ahmed Moussa,"; the prime minister the
 * sources are close to is not the source). `words`: the attribution; `after`: what follows it up
 * to the verb or the complementizer (its apposition); `region`: the text of both.
 */
function unnamedSource(words: readonly Token[], after: readonly Token[], region: string, rules: CompiledRules, lang: string): boolean {
  if (words.length === 0) return false;
  const folded = normalizeText(region);
  if (ANONYMITY.some((p) => folded.includes(p))) return true;
  const u = rules.unnamed;
  if (!u) return false;
  // The head: what comes before the first relation word ("sources close to …", «مصادر مقربة من …»).
  let end = 0;
  while (end < words.length && (end === 0 || !u.relations.has(words[end]!.norm))) end++;
  const head = words.slice(0, end);
  let at = -1;
  if (rules.arabic) {
    let k = 0;
    while (k < head.length - 1 && QUANTIFIERS.has(head[k]!.norm)) k++;
    if (head[k] && u.heads.some((h) => h.length === 1 && h[0] === bare(head[k]!))) at = k;
  } else {
    for (let k = 0; k < head.length && at < 0; k++) {
      const w = head[k]!.norm;
      const next = words[k + 1];
      for (const h of u.heads) {
        if (h[0] !== w || (h.length > 1 && next?.norm !== h[1])) continue;
        // "official" before a noun is an adjective: "the official Iraqi News Agency".
        if (lang === 'en' && h.length === 1 && next && !u.relations.has(next.norm)) continue;
        at = k;
        break;
      }
    }
  }
  if (at < 0) return false;
  // A person the gazetteer knows anywhere at the head; after the head word or in the apposition, also
  // two words with a capital (not in German, whose nouns all have one; not before the head: "Two Iraqi officials").
  const person = (ws: readonly Token[]) => speakerIn(ws, lang)?.type === 'person';
  const named = (ws: readonly Token[]) => person(ws) || (!rules.arabic && lang !== 'de' && namesSomeone(ws));
  return !person(head) && !named(head.slice(at + 1)) && !named(after);
}

/** What a clause says about who spoke: undefined when it holds no speech verb. */
interface Reading {
  by?: string;
  speaker?: QuoteSpeaker;
  /** The attribution is to a source not named (then there is no speaker). */
  unnamed?: boolean;
  /**
   * A verb alone after the quotation in a language that names the speaker before it (Fidan,
   * "…" dedi): that language's rules, to read the speaker there.
   */
  bare?: CompiledRules;
}

function readClause(clause: string, side: 'before' | 'after', table: SpeechTable, lang: string): Reading | undefined {
  const tokens = tokenize(clause);
  const verbs: VerbAt[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const v = verbAt(tokens, i, table);
    if (v) {
      verbs.push(v);
      i = v.end - 1;
    }
  }
  if (verbs.length === 0) return undefined;
  // Before the quotation: in Arabic the first verb, which opens its clause (وقال الكاظمي خلال …
  // إن "…"); elsewhere the last, nearest the quotation ("The minister, who …, said:").
  // After it: the first.
  let v = verbs[0]!;
  if (side === 'after') {
    if (v.start > AFTER_VERB_WITHIN && tokens.length > SHORT_CLAUSE_WORDS) return undefined;
  } else if (v.phrase.rules.order !== 'verb-first') v = verbs[verbs.length - 1]!;
  const rules = v.phrase.rules;
  let words: Token[];
  let span: Token[];
  if (v.phrase.source || rules.order === 'verb-first') {
    words = sourceAfter(clause, tokens, v.end, rules, table);
    span = tokens.slice(v.end);
  } else {
    words = subjectBefore(clause, tokens, v.start, rules, table);
    span = words.length > 0 ? tokens.slice(tokens.indexOf(words[0]!), v.start) : [];
    if (words.length === 0) {
      words = sourceAfter(clause, tokens, v.end, rules, table);
      span = tokens.slice(v.end);
    }
  }
  words = capWords(clause, words);
  if (words.length === 0 || words.every((t) => rules.pronouns.has(t.norm))) {
    return side === 'after' && rules.order === 'subject-before-quote' && tokens.length === v.end - v.start ? { bare: rules } : {};
  }
  // The speaker is looked for in the attribution, then in what follows it up to "that" or an
  // adjunct (its apposition: "Rana Haddad, a spokeswoman for the Central Bank of Iraq").
  const from = span.indexOf(words[0]!);
  let to = from;
  while (to < span.length && !rules.complementizers.has(span[to]!.norm) && (to === from || !rules.adjuncts.has(span[to]!.norm))) to++;
  // A person named there comes before an organisation in the attribution: "the UN envoy Jeanine
  // Hennis-Plasschaert" (her title, cut at eight words, names the UN) is her.
  const inBy = speakerIn(words, lang);
  const inSpan = inBy?.type === 'person' ? undefined : speakerIn(span.slice(Math.max(from, 0), to), lang);
  const speaker = inSpan?.type === 'person' ? inSpan : (inBy ?? inSpan);
  const by = written(clause, words, v.phrase.lam);
  if (by === '') return {};
  const out: Reading = { by };
  const last = span.indexOf(words[words.length - 1]!);
  const apposition = last < 0 ? [] : span.slice(last + 1, Math.max(to, last + 1));
  if (unnamedSource(words, apposition, clause, rules, lang)) out.unnamed = true;
  else if (speaker) out.speaker = speaker;
  return out;
}

/** The first words of a clause, up to a comma: the Turkish speaker before the quotation ("Bakan Fidan, "). */
function leadingSubject(clause: string, lang: string, rules: CompiledRules): Reading | undefined {
  const tokens = tokenize(clause);
  let end = 0;
  while (end < tokens.length && (end === 0 || !breakBefore(clause, tokens, end))) end++;
  const words = capWords(clause, trimConnectives(tokens.slice(0, end), rules));
  if (words.length === 0 || words.every((t) => rules.pronouns.has(t.norm))) return undefined;
  const by = written(clause, words, false);
  if (by === '') return undefined;
  const out: Reading = { by };
  const speaker = speakerIn(words, lang);
  if (unnamedSource(words, [], clause.slice(0, words[words.length - 1]!.start + words[words.length - 1]!.raw.length), rules, lang)) out.unnamed = true;
  else if (speaker) out.speaker = speaker;
  return out;
}

/**
 * The attribution of one quotation: the clause after it when that clause is short and holds a
 * verb (`"…," the minister said`), unless it names no one and the clause before does (`Kadhimi
 * said: "…" He added…`); else the clause before. Undefined: not attributed speech.
 */
function attribute(before: string, after: string, table: SpeechTable, lang: string): Reading | undefined {
  const a = after.trim() === '' ? undefined : readClause(after, 'after', table, lang);
  const b = readClause(before, 'before', table, lang);
  const chosen = a && (a.by !== undefined || !b || b.by === undefined) ? a : b;
  if (chosen === a && a?.bare) return leadingSubject(before, lang, a.bare) ?? a;
  return chosen;
}

/** A pair of quotation marks in a paragraph: the offsets of the opening and the closing mark. */
interface Span {
  open: number;
  close: number;
}

/** A statement found in a paragraph, direct or reported: where its text starts, for text order. */
interface Statement {
  at: number;
  text: string;
  heard: Reading;
  indirect: boolean;
  /** A quotation's marks. */
  span?: Span;
}

/** Reported speech read from a verb, before its content is cut to size. */
interface Report {
  /** Where its clause starts (the subject, or the Arabic verb), and whether it starts a clause of its own there ("…, and officials said that"), not inside another's content ("he said that officials told him that"). */
  clauseAt: number;
  newClause: boolean;
  /** Where what was reported starts: the first word after the complementizer. */
  contentAt: number;
  heard: Reading;
}

/** Arabic-script and Latin words that join a new clause to the one before: "…, and officials said that". */
const COORDINATORS = fold(['و', 'ف', 'ثم', 'and', 'but', 'while', 'whereas', 'et', 'mais', 'tandis', 'y', 'pero', 'mientras', 'und', 'aber', 'während', 'и', 'а', 'но']);
/** Any opening quotation mark. */
const OPENING_MARK = /["«“„‹「]/;
/** Tokens at most before a verb that its subject is looked for in (a sentence can be a megabyte long). */
const SUBJECT_WINDOW = 40;

/**
 * A paragraph's pairs of quotation marks, in text order (they do not nest, so their closing marks
 * are in order too), looked up by bisection: a long paragraph has thousands.
 */
class Marks {
  readonly spans: readonly Span[];

  constructor(spans: readonly Span[]) {
    this.spans = spans;
  }

  /** The index of the last pair opening before `pos` (-1: none). */
  private openedBefore(pos: number): number {
    let lo = 0;
    let hi = this.spans.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.spans[mid]!.open < pos) [found, lo] = [mid, mid + 1];
      else hi = mid - 1;
    }
    return found;
  }

  /** Whether `pos` lies between a pair's marks; `marks`: or on one of them. */
  inside(pos: number, marks = false): boolean {
    const s = this.spans[this.openedBefore(marks ? pos + 1 : pos)];
    return s !== undefined && (marks ? pos <= s.close : pos < s.close);
  }

  /** The offset of the first opening mark at or after `pos`, if any. */
  openingFrom(pos: number): number | undefined {
    return this.spans[this.openedBefore(pos) + 1]?.open;
  }

  /** The offset of the last closing mark before `pos` (-1: none). */
  closedBefore(pos: number): number {
    let lo = 0;
    let hi = this.spans.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.spans[mid]!.close < pos) [found, lo] = [this.spans[mid]!.close, mid + 1];
      else hi = mid - 1;
    }
    return found;
  }
}

/**
 * Reported speech in a paragraph (its tokens): each speech verb (outside quotation marks) read
 * with its attribution and the complementizer after it, in text order. `spans`: every pair of
 * quotation marks; `direct`: those that are attributed quotations (no statement reads across one).
 */
function reportsIn(para: string, tokens: readonly Token[], spans: Marks, direct: Marks, table: SpeechTable, lang: string): Report[] {
  const out: Report[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (spans.inside(tokens[i]!.start)) continue;
    const v = verbAt(tokens, i, table);
    if (!v) continue;
    const r = readReport(para, tokens, v, spans, direct, table, lang);
    if (r) out.push(r);
    i = v.end - 1;
  }
  return out;
}

/**
 * One verb as reported speech: its attribution (after it in Arabic — «وقال وزير الخارجية فؤاد حسين»
 * — before it elsewhere — "Fuad Hussein said"), then, a few words on at most and through adjuncts
 * only ("on Tuesday", «في بيان»), a complementizer in its sentence with words after it that do not
 * open a quotation. Undefined when the verb reports nothing so.
 */
function readReport(para: string, tokens: readonly Token[], v: VerbAt, spans: Marks, direct: Marks, table: SpeechTable, lang: string): Report | undefined {
  const rules = v.phrase.rules;
  const rep = rules.reported;
  if (!rep) return undefined;
  const verb = tokens[v.start]!;
  const sentence = verb.sentence;
  const same = (k: number) => k >= 0 && k < tokens.length && tokens[k]!.sentence === sentence;
  const inDirect = (pos: number) => direct.inside(pos, true);
  const verbFirst = v.phrase.source || rules.order === 'verb-first';
  let words: Token[];
  let after: Token[] = [];
  let k: number;
  let clauseAt: number;
  let newClause: boolean;
  if (verbFirst) {
    // The Arabic verb opens its clause: the paragraph's or sentence's first word, after a comma
    // or a dash, with و/ف glued to it, or after قد, كما, فيما…; not after a noun («والوزير قال»,
    // read as nothing), a relative («التي قال ناشطون إنها …») or a negation.
    const prev = same(v.start - 1) ? tokens[v.start - 1]! : undefined;
    const glued = verb.norm !== v.phrase.words[0];
    const gap = prev ? para.slice(prev.start + prev.raw.length, verb.start) : '';
    if (prev && !glued && !/[^\s]/.test(gap) && !rep.openers.has(prev.norm)) return undefined;
    // The attribution: up to a comma, an adjunct or the complementizer.
    words = [];
    k = v.end;
    while (same(k)) {
      const t = tokens[k]!;
      if (k > v.end && breakBefore(para, tokens, k)) break;
      if (rep.that.has(t.norm) || isGapWord(t, rep) || rules.adjuncts.has(t.norm)) break;
      if (inDirect(t.start)) return undefined;
      // "بحسب ما قال الوزير": the speaker follows a second verb (once).
      const again = words.length === 0 && v.phrase.source && k <= v.end + 1 ? verbAt(tokens, k, table) : undefined;
      if (again) {
        k = again.end;
        continue;
      }
      if (!(words.length === 0 && rules.connectives.has(t.norm))) words.push(t);
      if (words.length > MAX_ATTRIBUTION_TOKENS) return undefined;
      k++;
    }
    // بين is also "between": «وبين بغداد وأربيل اتفاق على أن …» pairs two names with و.
    if (v.phrase.words[0] === BAYN && words.some((t) => t.arabic && t.norm.length >= 3 && t.norm.startsWith('و'))) return undefined;
    words = trimConnectives(words, rules);
    clauseAt = verb.start;
    newClause = true;
  } else {
    // The subject before the verb, in its sentence and after any quotation before it.
    const floor = spans.closedBefore(verb.start);
    let s0 = v.start;
    while (same(s0 - 1) && tokens[s0 - 1]!.start > floor && v.start - s0 < SUBJECT_WINDOW) s0--;
    let p = v.start - 1;
    while (p >= s0 && rules.connectives.has(tokens[p]!.norm)) p--;
    if (p >= s0 && (rep.notBefore.has(tokens[p]!.norm) || isRelative(tokens[p]!, rep))) return undefined;
    const clause = tokens.slice(s0, v.end);
    words = subjectBefore(para, clause, v.start - s0, rules, table);
    // "…, while analysts warned that": the conjunction is no part of who spoke.
    while (words.length > 0 && COORDINATORS.has(words[0]!.norm)) words = words.slice(1);
    if (words.length > 0 && isRelative(words[0]!, rep)) return undefined;
    const glued = verb.arabic && verb.norm !== v.phrase.words[0];
    // Arabic: the subject right before its verb («مسؤولون في الوزارة قالوا إن», «عن الكاظمي قوله»);
    // a verb with و glued to it opens a clause of its own, whose subject is "they" («وأضافوا أن …»)
    // when it opens its sentence — after a comma it is the subject of a clause before, not read.
    if (rules.arabic && words.length > 0 && (glued || breakBefore(para, tokens, v.start))) return undefined;
    const they = rules.arabic && words.length === 0 && p < s0;
    if (words.length === 0 && !they) return undefined;
    const first = words.length > 0 ? s0 + clause.indexOf(words[0]!) : v.start;
    const last = words.length > 0 ? s0 + clause.indexOf(words[words.length - 1]!) : v.start - 1;
    after = tokens.slice(last + 1, v.start).filter((t) => !rules.connectives.has(t.norm));
    clauseAt = tokens[first]!.start;
    const before = same(first - 1) ? tokens[first - 1] : undefined;
    newClause = !before || breakBefore(para, tokens, first) || COORDINATORS.has(before.norm) || they || spans.closedBefore(tokens[first]!.start) > before.start;
    k = v.end;
  }
  // Up to the complementizer: no other speech verb, participle or quotation on the way.
  let j = k;
  while (same(j) && j - k < GAP_WORDS && !rep.that.has(tokens[j]!.norm)) {
    const t = tokens[j]!;
    if (inDirect(t.start) || verbAt(tokens, j, table) || rep.participles.has(t.norm)) return undefined;
    j++;
  }
  if (!same(j) || !rep.that.has(tokens[j]!.norm)) return undefined;
  if (j > k) {
    // What stands between is an adjunct (it opens with one, or with a comma), or the object of "told".
    const g = tokens[k]!;
    const object = rep.objectVerbs.has(v.phrase.words.join(' ')) && j - k <= 8;
    if (!breakBefore(para, tokens, k) && !isGapWord(g, rep) && !object) return undefined;
    if (verbFirst && breakBefore(para, tokens, k)) {
      // «وقال المتحدث باسم الحكومة، باسم العوادي، إن»: the apposition, to the next comma.
      let e = k + 1;
      while (e < j && !breakBefore(para, tokens, e)) e++;
      after = tokens.slice(k, e);
    }
  }
  // بحسب, وفقا ل: «وبحسب مصدر أمني، فإن …» and nothing else.
  if (v.phrase.source && (j !== k || tokens[j]!.norm !== FA_INNA)) return undefined;
  if (j > v.start && rep.blockers.has(tokens[j - 1]!.norm) && j - 1 >= v.end) return undefined;
  if (!same(j + 1)) return undefined;
  const that = tokens[j]!;
  // `وقال حسين إن "…"`: a quotation in marks, read as such.
  if (OPENING_MARK.test(para.slice(that.start + that.raw.length, tokens[j + 1]!.start))) return undefined;
  let heard: Reading = {};
  if (words.length > 0 && !words.every((t) => rules.pronouns.has(t.norm))) {
    const by = written(para, capWords(para, words), v.phrase.lam);
    if (by !== '') {
      heard = { by };
      const inBy = speakerIn(words, lang);
      const inAfter = inBy?.type === 'person' ? undefined : speakerIn(after, lang);
      const speaker = inAfter?.type === 'person' ? inAfter : (inBy ?? inAfter);
      if (unnamedSource(words, after, para.slice(Math.min(clauseAt, words[0]!.start), that.start), rules, lang)) heard.unnamed = true;
      else if (speaker) heard.speaker = speaker;
    }
  }
  return { clauseAt, newClause, contentAt: tokens[j + 1]!.start, heard };
}
const BAYN = tokenize('بين')[0]!.norm;
const FA_INNA = tokenize('فإن')[0]!.norm;
const ALA = tokenize('على')[0]!.norm;

/**
 * A relative pronoun, و glued to it or not («والتي يقولون إنها …»); not with a capital, which
 * opens a sentence ("Der Minister sagte", not "…, der sagte").
 */
function isRelative(t: Token, rep: CompiledReported): boolean {
  if (/^\p{Lu}/u.test(t.raw)) return false;
  return rep.relatives.has(t.norm) || (t.arabic && /^[وف]/.test(t.norm) && rep.relatives.has(t.norm.slice(1)));
}

/** Whether a word opens an adjunct; على only as written so (folded it is also the name علي). */
function isGapWord(t: Token, rep: CompiledReported): boolean {
  return rep.gap.has(t.norm) && (t.norm !== ALA || t.raw.endsWith('ى'));
}

/**
 * The reported statements of a paragraph: each report's content, to the end of its sentence or to
 * the next report that opens a clause of its own («…، وأضاف أن …»); a report inside another's
 * content ("he said that officials told him that …") is part of it. Content that runs into an
 * attributed quotation stops at the comma before it, or is dropped; fewer than MIN_REPORTED_WORDS
 * words is no statement.
 */
function reportedIn(para: string, spans: readonly Span[], direct: readonly Span[], table: SpeechTable, lang: string): Statement[] {
  const tokens = tokenize(para);
  const marks = new Marks(spans);
  const quoted = new Marks(direct);
  const reports = reportsIn(para, tokens, marks, quoted, table, lang);
  if (reports.length === 0) return [];
  // Sentence ends outside quotation marks, in order, found once.
  const ends = sentenceEnds(para, 0, para.length).map(([at]) => at).filter((at) => !marks.inside(at));
  const out: Statement[] = [];
  let taken = -1;
  let e = 0;
  let t0 = 0;
  for (let a = 0; a < reports.length; a++) {
    const r = reports[a]!;
    if (r.clauseAt < taken) continue;
    while (e < ends.length && ends[e]! < r.contentAt) e++;
    let end = ends[e] ?? para.length;
    for (let b = a + 1; b < reports.length && reports[b]!.clauseAt < end; b++) {
      const next = reports[b]!;
      if (next.clauseAt >= r.contentAt && next.newClause) {
        end = next.clauseAt;
        break;
      }
    }
    // «…، فيما طالبت المفوضية …», "…, while the World Bank estimated …": the writer's narration goes on.
    while (t0 < tokens.length && tokens[t0]!.start <= r.contentAt) t0++;
    for (let k = t0; k < tokens.length && tokens[k]!.start < end; k++) {
      if (!marks.inside(tokens[k]!.start) && breakBefore(para, tokens, k) && isContentStop(tokens, k)) {
        end = tokens[k]!.start;
        break;
      }
    }
    const into = quoted.openingFrom(r.contentAt);
    if (into !== undefined && into < end) {
      const before = para.slice(r.contentAt, into);
      const cut = Math.max(...[',', '،', ';', '؛'].map((c) => before.lastIndexOf(c)));
      if (cut <= 0) continue;
      end = r.contentAt + cut;
    }
    const text = reportedText(para.slice(r.contentAt, end));
    if (text === undefined) continue;
    out.push({ at: r.contentAt, text, heard: r.heard, indirect: true });
    taken = end;
  }
  return out;
}

/**
 * Words that, after a comma, go on with something else than what was reported: «فيما», «بينما»,
 * «في حين», «وسط», "while", "whereas", «tandis que», «alors que», «mientras».
 */
const CONTENT_STOPS = fold(['فيما', 'وفيما', 'بينما', 'وبينما', 'وسط', 'while', 'whereas', 'tandis', 'alors', 'mientras', 'während', 'тогда']);
const HIN = tokenize('حين')[0]!.norm;
const FI = fold(['في', 'وفي']);

function isContentStop(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k]!;
  return CONTENT_STOPS.has(t.norm) || (FI.has(t.norm) && tokens[k + 1]?.norm === HIN);
}

/** A conjunction or opener left at the end of content cut before the next clause («…، فيما», "…, and"). */
const TRAILING = /(?:^|\s)(?:و|ف|ثم|فيما|وفيما|بينما|وبينما|كما|وكما|حين|في حين|وفي حين|قد|وقد|and|but|while|whereas|as|et|mais|tandis|y|pero|mientras|und|aber|während|и|а|но)$/iu;

/** What was reported, as a statement's text: trimmed of the punctuation and conjunction before the next clause; undefined under MIN_REPORTED_WORDS words. */
function reportedText(raw: string): string | undefined {
  let text = raw.replace(/\s+/g, ' ').trim();
  for (;;) {
    const trimmed = text.replace(/[\s,،;؛:\-–—]+$/u, '').replace(TRAILING, '').trim();
    if (trimmed === text) break;
    text = trimmed;
  }
  if (countWords(text) < MIN_REPORTED_WORDS) return undefined;
  return clip(text);
}

/** The lower-cased primary subtag: "ar-IQ" → "ar". */
function baseLang(lang: string): string {
  return (typeof lang === 'string' ? lang : '').toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * Quotations the text attributes to someone, in text order: the words in quotation marks (« »,
 * “ ”, „ “, ‹ ›, 「 」, " ") beside a speech verb in the clause before or after them (قال, أكد,
 * وأضاف, بحسب; said, according to; a déclaré, selon; dijo; sagte; dedi; گفت; заявил), with the
 * attribution as written and the known person or organisation it names. Scare quotes (fewer
 * than 4 words or 15 characters) and quotations nobody is said to have said are left out. A
 * quotation attributed to a pronoun alone ("he said", وأضاف:) takes the speaker of the previous
 * attributed quotation (itself perhaps inherited) when that one is at most two paragraphs back;
 * otherwise it is kept with no `by` (it is still attributed speech). A comma the English style
 * puts before the closing mark is not part of the text. Languages other than ar, en, fr, es, de, tr, fa and
 * ru are read with all their verbs. At most MAX_QUOTES, each text once, from the first 100 000
 * characters; never throws. `known`: the entities the article names (enrichment's), so an
 * attribution by surname alone ("وقال السوداني") is the person the article named in full.
 *
 * Reported speech comes too, `indirect: true`, in text order among the quotations: a speech verb
 * opening its clause with its attribution (after the verb in Arabic, before it elsewhere), then —
 * through an adjunct of at most GAP_WORDS words ("on Tuesday", «في بيان», "told reporters") — إن,
 * أن, بأن, أنه…, "that", que/qu', dass, что or که, and at least five words to the end of the
 * sentence, or to the next such clause («…، وأضاف أن …») or «، فيما» / ", while". Its text is
 * those words (after أنه, what follows it). Not read: what opens with a quotation mark (a
 * quotation: `وقال حسين إن "…"`), "that" after other verbs («من المتوقع أن», «تقرر أن», "it is
 * expected that", "il faut que") or after بعد, "so", "alors"…, a relative clause («التي قال
 * ناشطون إنها», "which said that"), a negated, modal or questioned verb, a request ("asked that"),
 * and the present يرى («ويرى مراقبون أن …»: the writer's analysis). Turkish: none. An attribution
 * to a source not named — its head مصدر, مصادر, مسؤول(ون), مقربون, أوساط, "source(s)",
 * "official(s)", "a person familiar with", une source, un responsable, des proches, fuentes,
 * Quelle, источник, منبع, kaynak… with no person named at its head or in apposition, or "who
 * asked not to be named", «فضل عدم الكشف عن اسمه» — is `unnamed: true`, with no speaker (the
 * prime minister "sources close to" names is not the source); a spokesman is a role on record,
 * not unnamed. A pronoun inherits `unnamed` with the rest.
 */
export function extractQuotes(text: string, lang: string, known: readonly Entity[] = []): Quote[] {
  if (typeof text !== 'string' || text === '') return [];
  const surnames = surnameIndex(known);
  const language = baseLang(lang);
  const table = speechTable(language);
  const reportedTable = speechTable(language, true);
  const out: Quote[] = [];
  const seen = new Set<string>();
  let last: { by: string; speaker: QuoteSpeaker | undefined; unnamed: boolean; paragraph: number } | undefined;
  let paragraph = -1;
  for (const para of text.slice(0, MAX_SCANNED).split(/\r\n?|[\n\u2028\u2029]/)) {
    if (para.trim() === '') continue;
    paragraph++;
    const spans = quoteSpans(para);
    const quotations = spans.flatMap((s) => {
      const q = quotationText(para.slice(s.open + 1, s.close));
      return q === undefined ? [] : [{ ...s, text: q }];
    });
    const statements: Statement[] = [];
    for (let k = 0; k < quotations.length; k++) {
      const q = quotations[k]!;
      const next = quotations[k + 1];
      const before = clauseBefore(para, q.open, k > 0 ? quotations[k - 1]!.close + 1 : 0);
      let after = clauseAfter(para, q.close, next ? next.open : para.length);
      // "…," he said, adding: "…": a clause ending in a colon at the next quotation introduces that one.
      if (next && q.close + 1 + after.length === next.open && /[:：]\s*$/.test(after)) after = '';
      const heard = attribute(before, after, table, language);
      if (heard) statements.push({ at: q.open, text: q.text, heard, indirect: false, span: { open: q.open, close: q.close } });
    }
    const direct = statements.flatMap((s) => (s.span ? [s.span] : []));
    if (reportedTable.size > 0) statements.push(...reportedIn(para, spans, direct, reportedTable, language));
    statements.sort((a, b) => a.at - b.at);
    for (const s of statements) {
      let { by, speaker } = s.heard;
      let unnamed = s.heard.unnamed === true;
      if (!speaker && !unnamed && by !== undefined && surnames.size > 0) speaker = bySurname(by, surnames);
      if (by === undefined && last && paragraph - last.paragraph <= INHERIT_PARAGRAPHS) ({ by, speaker, unnamed } = last);
      if (by !== undefined) last = { by, speaker, unnamed, paragraph };
      if (seen.has(s.text)) continue;
      seen.add(s.text);
      const quote: Quote = { text: s.text };
      if (by !== undefined) quote.by = by;
      if (speaker) quote.speaker = speaker;
      if (s.indirect) quote.indirect = true;
      if (unnamed) quote.unnamed = true;
      out.push(quote);
      if (out.length >= MAX_QUOTES) return out;
    }
  }
  return out;
}
