import type { Entity, Quote, QuoteSpeaker } from '@akhbar/core';
import { gazetteer, type TextSetting } from './gazetteer.ts';
import { surnamesOf } from './names.ts';
import { normalizeText } from './normalize.ts';
import { cliticVariants, countWords, tokenize, type Token } from './text.ts';

/**
 * "Who said what": the quotations an article attributes to someone, with the attribution as the
 * article writes it and, where the gazetteer knows them, the person or organisation quoted.
 *
 * Written by hand: quotation extractors are built for English (or one other language) and a
 * trained parser; none reads the wire copy Akhbar carries — Arabic first, where the verb comes
 * before its speaker (وقال الوزير إن "…") and the conjunction is glued to the verb (وأضاف), beside
 * English, French, Spanish, German, Turkish, Persian, Russian and Iraq's Kurdish — Sorani in Arabic
 * script, Kurmanji in Latin, both with the verb last («مەسرور بارزانی لە هەولێر گوتی», "Barzanî ji
 * Rûdawê re got") — each with its own quotation marks and word order. What a reader relies on is simple and shared: the words in quotation
 * marks, a speech verb right before or after them, and the name beside that verb. So that is all
 * this reads; it does not parse.
 *
 * Most Arabic wire copy reports speech without quotation marks («وقالت السفارة إن …», "the
 * minister said that …"): read too, as statements marked `indirect`, from the same speech verbs
 * (and a few more: كشف, بين, لفت, رأى) followed by their attribution and, a few words on at most,
 * by إن / أن / "that" / que / dass / что / که / کە / ku; what follows, to the end of its sentence, is what was
 * reported. English wire copy mostly drops the "that" ("Officials said at least 12 people were
 * killed"): read when a clause plainly begins after the verb — a subject and an auxiliary — and
 * nothing else ("said a prayer", "said goodbye" are not). A source phrase reports too, with no
 * complementizer: «وبحسب وزارة الصحة، فقد …», "According to the ministry, …", and after what it
 * reports, "…, according to police." — when it names someone: «حسب الحاجة», "according to the
 * constitution" name no one. The commonest wire form puts the attribution last, after a comma: "At
 * least 12 people were killed, police said.", «…، قال مصدر أمني.», «…, a indiqué un responsable.»; or
 * in the middle of what it reports: "The talks, officials said, will resume on Sunday." Both are
 * read, the statement being the clause around the attribution. A source that is not named («مصادر مقربة من رئيس الوزراء», "officials
 * who asked not to be named") is marked `unnamed` and has no speaker, whoever it is said to be close to.
 * An attribution that is a body's head alone («وقالت الوزارة», "the embassy said") is the body the
 * article named in full before it («وزارة الصحة العراقية»), when it named one such body: a reader of a
 * list of quotations sees `by` and nothing around it.
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
/** …and this many when it runs to its sentence's full stop: "his lawyer said he would appeal." is whole. */
const MIN_WHOLE_REPORTED_WORDS = 3;
/**
 * Words at most between a speech verb with its attribution and the complementizer: "on Tuesday",
 * "told reporters in Baghdad", «في بيان صدر عن الوزارة، الأربعاء،». Further on, the "that" is some
 * other clause's, or the words are the verb's object and more («وأعلن الوزير استئناف الحوار مع
 * أنقرة بشأن …»): raising this for every adjunct reads those (the unit tests' object before أن),
 * so only an adjunct naming the statement's occasion goes further (EVENT_GAP_WORDS). Ten, not
 * eight: an agency's source, its ministry and the agency told run to nine («وصرح مصدر أمني في وزارة
 * الداخلية لوكالة الأنباء الكويتية (كونا) اليوم الأحد بأن …», the eighth blind batch); no other
 * reading of the labelled or held-out sets changed.
 */
const GAP_WORDS = 10;
/**
 * Words at most through an adjunct that opens with the occasion of the statement («خلال مؤتمر صحفي
 * مشترك مع نظيره التركي في أنقرة يوم الثلاثاء», «في تصريح لوكالة الأنباء العراقية على هامش …»): such
 * an adjunct is no object of the verb, so a longer one is still read (the eval's long ones are 11
 * and 12 words).
 */
const EVENT_GAP_WORDS = 16;
/** Tokens at most between a source phrase ("according to", بحسب) and the comma or sentence end after its source. */
const SOURCE_TOKENS = 12;
/** Tokens at most in the adjunct of a source with no comma before it («بحسب مصدر في الشرطة.»): a longer one is what was reported. */
const INLINE_SOURCE_ADJUNCT = 3;
/** Tokens at most in what a source after it reports ("At least 40 people were wounded …, according to …"): a sentence is not longer. */
const SOURCE_CONTENT_TOKENS = 80;
/** Tokens at most in the subject of a clause reported without "that" ("investigations into the corruption scandal were"). */
const BARE_SUBJECT_TOKENS = 10;
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
/** The same marks, for a test (QUOTE_MARKS is global: `test` on it would carry its lastIndex over). */
const ANY_QUOTE_MARK = new RegExp(QUOTE_MARKS.source, 'u');
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
  /**
   * A language whose verb comes last (Sorani, Kurmanji): the words that open what stands between a subject and its verb —
   * where or to whom it was said («لە کۆنفرانسێکدا», «بە ڕووداوی», "di civînê de", "ji Rûdawê re"), a time («ئەمڕۆ», "îro").
   * The subject ends before the first of them; one that opens the clause is no subject, and the verb has none ("he", "they").
   * A comma before such a verb does not set it apart from its subject.
   */
  preverbal?: string[];
  /** Postpositions that close a preverbal adjunct ("ji Rûdawê re", "di civînê de"): so closed, "ji" is not a source's relation ("berpirsek ji PDKê"). */
  postpositions?: string[];
  /** The attribution may stand inside the marks, between commas (French: « Nous tiendrons, a-t-il assuré, nos engagements »): see insideIncise. */
  incise?: boolean;
  /**
   * Words that, opening a sentence, give whose view a quotation is (« Pour le chef de l'État, « … » »): read only with a
   * comma right before the marks and a source the gazetteer knows, an unnamed one, or a capitalised name (viewOf), since
   * « Pour la première fois, « … » » and « Pour sa part, » are no one's.
   */
  views?: string[];
  /**
   * Verbs whose object can be a quotation of the subject's words (« a salué « une première étape essentielle » », 'described
   * the deal as "a major breakthrough"'): no speech verbs, since « a salué le travail des secouristes » says nothing; read
   * only right before a quotation that is no scare quote, for a subject who is someone (appraised).
   */
  appraisals?: string[];
  /** The word that ends an appraisal's object right before the quotation ("described the road … as "…"", « qualifié … de »): then the object may be long. */
  appraisalLinks?: string[];
  /**
   * Where the speaker follows the verb (French inversion), the prepositions that open where it was said, before the speaker
   * (« a déclaré à Genève le directeur général », « a estimé en tête du cortège le secrétaire général ») or after its name
   * (« Rafael Grossi à son retour de Kiev »), and the articles a speaker opens with.
   */
  inverted?: { adjuncts: string[]; articles: string[] };
  /** Reported speech without quotation marks; absent: not read in this language (Turkish has no "that"). */
  reported?: ReportedRules;
  /** Attributions to a source that is not named. */
  unnamed?: UnnamedRules;
  /**
   * Heads of a body's name that an article, having named the body in full («وزارة الصحة العراقية», "the US embassy in
   * Baghdad"), then calls it by alone («وقالت الوزارة», "the embassy said"): such an attribution is the body named before.
   */
  bodies?: string[];
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
  /** Phrases that set a speaker against another between the verb and "that": « de son côté », "for its part". */
  asides?: string[];
  /** Words after which "that" is no complementizer: "so that", بعد أن, "alors que", من المتوقع أن. */
  blockers: string[];
  /** Words right before a verb (auxiliaries aside) that make it no report: "to say", "did not say", "s'est assuré", "est indiqué". */
  notBefore: string[];
  /** Relative pronouns: "the ministry, which said that …", «التي قال ناشطون إنها …» report nothing of their own. */
  relatives: string[];
  /** Arabic: words after which a verb still opens its clause (قد, كما, فيما, بدوره); else the verb must follow a comma, a conjunction glued to it or nothing. */
  openers?: string[];
  /**
   * Participles that report for their clause's subject («مؤكدا أن», "adding that", « ajoutant que »): a verb with one
   * before the "that" is not that statement's; set off by a comma, one reports what follows its "that" for the speaker of
   * the statement before it in its sentence («وقال حسين إن «…»، مضيفا أن …», "…," he said, adding that …).
   */
  participles?: string[];
  /** Arabic: nouns that make an adjunct the statement's occasion («خلال مؤتمر», «في تصريح», «لدى استقباله»): read through up to EVENT_GAP_WORDS words. */
  events?: string[];
  /**
   * What a source phrase ("according to", بحسب, selon) names that is not someone speaking: "according to the constitution",
   * «وفقا للقانون», «selon le calendrier». Matched against the Arabic attribution's first word (ال and ل aside), elsewhere any of its words.
   */
  notSources?: string[];
  /**
   * Where a source phrase is also "depending on", "in accordance with" («حسب توفر السيولة», «selon les régions», "according to distance"):
   * the nouns that make its source someone — a ministry, the police, a statement, witnesses; a source is read when one of these (the
   * Arabic first word, ال and ل aside; elsewhere any word), a name with a capital, a known entity or an unnamed source's head is in it, or
   * it is said by a verb («بحسب ما أفاد …»). Absent: the phrase is only ever a source (laut, по словам, به گفته).
   */
  sourceHeads?: string[];
  /** Words dropped between a source's comma and what it reports: «وبحسب الوزارة، فقد ارتفعت …». */
  sourceLead?: string[];
  /** German: the finite verbs that end the source and open what it reports, with no comma ("Laut dem Ministerium wurden …"). */
  sourceFinite?: string[];
  /** English: reported speech without "that" ("the minister said the talks would resume"). */
  bare?: BareRules;
  /**
   * The speech verbs read after what they report, set off by a comma: "…, police said.", «…، قال مصدر أمني.», «…, a indiqué un
   * responsable.», "…, dijo el ministro."; absent: none is.
   */
  trailing?: string[];
  /**
   * Trailing verbs that also take an object (Sorani bare ڕاگەیاند, گوت, whose agent clitic sits on the word before them; Kurmanji
   * "ragihand"): after what they report, read only with something between their subject and them («سەرچاوەیەک بە ڕووداوی
   * ڕاگەیاند.», "çavkaniyekê ji Rûdawê re ragihand."); with nothing there, what stands before them may be their object and their subject's.
   */
  trailingObject?: string[];
  /** A colon right after the verb opens what was reported, with no quotation marks (Sorani «ڕایگەیاند: …»). */
  colon?: boolean;
  /** Arabic: the verbs that take على before أن (شدد على أن); after any other «على أن» is "provided that" («وأعلن … افتتاح المعرض على أن يستمر …»). */
  ala?: string[];
  /** Arabic: the verbs that take من before أن («وحذر الوزير من أن …», "warned that"); elsewhere من blocks. */
  min?: string[];
  /**
   * Arabic: verbs that relay another's words («ونقلت وكالة الأنباء العراقية عن مصدر … أن …»): who spoke is who follows
   * عن, not the verb's subject; with no عن after the subject (moved, carried) they report nothing.
   */
  relays?: string[];
  /** Endings of participles ("adding", «ajoutant», «añadiendo»): after a parenthetical attribution one is the speaker's, not what was said. */
  participleEnds?: string[];
}

/**
 * Reported speech without a complementizer, as wire copy writes it in English: "Officials said at least
 * 12 people were killed", "Sudani said on Tuesday the government would …", "He told reporters in
 * Baghdad the ministry had …". Read only when the words after the verb (through an adjunct these rules
 * know, and for "told" an object they know) open a clause: a subject — a pronoun, a determiner, a
 * number, a name or a noun — and, within BARE_SUBJECT_TOKENS, a finite auxiliary. A verb in -ed after
 * a noun is not read ("said a prayer for the injured"): too often it is no verb.
 */
interface BareRules {
  /** The speech verbs read so: said, says, told, added. */
  verbs: string[];
  /** What "told" takes before the clause, as phrases: reporters, "a news conference"; or a name ("told Reuters"). */
  objects: string[];
  /** Adjuncts of one word (today, earlier, a weekday), or after last/this/on/late: "last week", "on Tuesday", "late Monday". */
  time: string[];
  /** Words that open a two-word time adjunct with a time word or these: week, month, night. */
  timeLeads: string[];
  timeNouns: string[];
  /** Prepositions of an adjunct that ends on an event or a name: "in a statement", "at a news conference", "in Baghdad", "with Reuters". */
  prepositions: string[];
  events: string[];
  /** Pronouns that can only be a subject: after them a clause has begun ("said he would"). */
  subjects: string[];
  /** Subjects that need a finite verb right after them ("said it would", "said there was"). */
  expletives: string[];
  /** Words that open a noun phrase: the, a, its, several, no; and "at least", "more than" before a number. */
  determiners: string[];
  quantities: string[];
  /** Auxiliaries and a few finite verbs that are nothing else: would, had, was, remains. */
  finite: string[];
  /** Adverbs between a subject and its verb: "the agenda also included" (then a verb in -ed is read). */
  adverbs: string[];
  /** Words no subject holds: that, which, when, as, so (a relative or another clause has begun). */
  stops: string[];
  /** Words no subject opens besides: prepositions ("said to be", "said of the plan"), "goodbye", "nothing", "not". */
  notFirst: string[];
  /** Words before the verb that make it an adjective or part of a clause of manner: "the said agreement", "as he said". */
  notAfter: string[];
}

/** An attribution to someone not named: its head (مصادر, "officials", des proches). */
interface UnnamedRules {
  /** Heads, one or two words ("person familiar"): in Arabic the first word of the attribution (ال aside), elsewhere any word before the first of `relations`. */
  heads: string[];
  /** Words after which a name is whom the source is close to, not the source: من, "close", "of", du. */
  relations: string[];
}

/**
 * The forms of Sorani nouns a table lists: the ezafe -ی, the indefinite -ێک (after a vowel -یەک), the definite -ەکە and plural
 * -ەکان (after a vowel -کە, -کان), the plural -ان, each with the ezafe after it (وەزارەتی, سەرچاوەیەکی, ڕاپۆرتەکەی, زانیارییەکانی).
 */
function soraniNouns(stems: readonly string[]): string[] {
  return stems.flatMap((s) => {
    const endings = /ی$/.test(s)
      ? ['', 'ی', 'یەک', 'یەکی', 'یەکە', 'یەکەی', 'یەکان', 'یەکانی']
      : /[اەۆێ]$/.test(s)
        ? ['', 'ی', 'یەک', 'یەکی', 'کە', 'کەی', 'کان', 'کانی']
        : ['', 'ی', 'ێک', 'ێکی', 'ەکە', 'ەکەی', 'ەکان', 'ەکانی', 'ان', 'انی'];
    return endings.map((e) => s + e);
  });
}

/** The forms of Kurmanji nouns a table lists: the oblique and ezafe -ê, -a, -î, the plural -ên, -an, the indefinite -ek (-yek after a vowel). */
function kurmanjiNouns(stems: readonly string[]): string[] {
  return stems.flatMap((s) => {
    const vowel = /[aeêiîouû]$/.test(s);
    const base = vowel ? `${s.replace(/î$/, 'i').replace(/û$/, 'u')}y` : s;
    return [s, ...['ê', 'a', 'î', 'ên', 'an', 'ek', 'ekê', 'eke', 'ekî'].map((e) => base + e)];
  });
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
    // حسبما, بحسبما: «…، حسبما ذكرت مصادر مطلعة».
    sources: ['بحسب', 'حسب', 'حسبما', 'بحسبما'],
    lamSources: ['وفق', 'وفقا', 'طبقا'],
    // "بحسب ما قال الوزير": ما before a verb.
    connectives: ['و', 'ف', 'ل', 'ما', 'أيضا', 'كذلك'],
    complementizers: ['إن', 'أن', 'بأن', 'فإن', 'أنه', 'أنها', 'قائلا', 'قائلة'],
    // Also "told reporters, the agency, a channel…": وقال الكاظمي للصحفيين, لوكالة الأنباء.
    // «لـ» written apart, with a tatweel: to whom («وقال شهود عيان لـ«رويترز» إن …»).
    // When: «وقال الرئيس بعد استقباله رئيس الحكومة المكلف:» is the president's, not the guest's.
    // A circumstance: «قال أحد التجار وهو يقف أمام محله» ("while he stood").
    adjuncts: ['في', 'خلال', 'إلى', 'لدى', 'عبر', 'أمام', 'لـ', 'للصحفيين', 'للصحافيين', 'لوسائل', 'لوكالة', 'لقناة', 'لصحيفة', 'بعد', 'قبل', 'عقب', 'إثر', 'أثناء', 'وهو', 'وهي', 'وهم'],
    // وقال بدوره, وقالت من جهتها, وأضاف من جانبه: "he, in turn", "for her part".
    pronouns: [
      'هو', 'هي', 'بدوره', 'بدورها', 'من', 'جانبه', 'جانبها', 'جهته', 'جهتها',
      // Honorifics that stand for a person named before, as agency copy writes them («وأوضح سموه أن», «وأكد جلالته»).
      'سموه', 'سموها', 'جلالته', 'جلالتها', 'فخامته', 'معاليه', 'معاليها', 'سعادته', 'سعادتها', 'دولته', 'سيادته', 'سماحته', 'غبطته', 'نيافته',
    ],
    reported: {
      that: ['إن', 'أن', 'بأن', 'فإن', 'أنه', 'أنها', 'أنهم', 'إنه', 'إنها', 'إنهم', 'بأنه', 'بأنها', 'بأنهم'],
      // كشف "revealed", بين "made clear" (also the preposition "between": see verbAt's callers), لفت إلى "pointed out", رأى "was of the view".
      // The present يرى («ويرى مراقبون أن …») is not read: it frames the writer's analysis, not what someone said.
      // زعم, ادعى "claimed"; أقر, اعترف "acknowledged" (بأن); توقع, رجح "expected", "thought likely"; نوه "pointed out".
      verbs: [
        'كشف', 'كشفت', 'بين', 'بينت', 'رأى', 'رأت', 'لفت', 'لفتت', 'حذر', 'حذرت', 'حذروا', 'نوه', 'نوهت', 'زعم', 'زعمت', 'ادعى', 'ادعت', 'أقر', 'أقرت', 'اعترف', 'اعترفت',
        'توقع', 'توقعت', 'توقعوا', 'رجح', 'رجحت', 'رجحوا', 'أبلغ', 'أبلغت', 'نقل', 'نقلت',
        // تعهد "pledged" (بأن): «وتعهد عون في خطاب القسم بأن تحتكر الدولة …».
        'تعهد', 'تعهدت', 'تعهدوا',
        // أعرب عن أمله في أن "expressed the hope that": what follows أن (with none — «أعرب عن قلقه إزاء …» — nothing is read).
        'أعرب', 'أعربت', 'أعربوا',
      ],
      relays: ['نقل', 'نقلت'],
      // أبلغ "told": its object after its subject («وأبلغ مسؤول عراقي وكالة فرانس برس أن …»).
      objectVerbs: ['أبلغ', 'أبلغت'],
      gap: [
        'في', 'خلال', 'إلى', 'على', 'عن', 'لدى', 'عبر', 'أمام', 'لـ', 'بعد', 'قبل', 'عقب', 'إثر', 'أثناء', 'حول', 'بشأن', 'ردا', 'تعليقا', 'مع', 'ضمن', 'بمناسبة', 'بحضور',
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
        // What a speaker expects or reckons likely («…، مرجحا أن يستمر الضغط»), reported as the rest.
        'مرجحا', 'مرجحة', 'متوقعا', 'متوقعة', 'معربا', 'معربة',
      ],
      events: [
        'مؤتمر', 'بيان', 'تصريح', 'تصريحات', 'حديث', 'حديثه', 'كلمة', 'كلمته', 'لقاء', 'لقائه', 'لقائها', 'اجتماع', 'اجتماعه', 'استقباله', 'استقبالها', 'زيارة', 'زيارته',
        'جولة', 'جلسة', 'ندوة', 'مقابلة', 'تغريدة', 'منشور', 'رسالة', 'خطاب', 'اتصال', 'هامش', 'افتتاح', 'افتتاحه', 'ترؤسه', 'رعايته',
      ],
      // Both with ال and without: the attribution's first word is compared as written (ل aside) and with ال off.
      notSources: [
        'دستور', 'الدستور', 'قانون', 'القانون', 'اتفاق', 'الاتفاق', 'اتفاقية', 'الاتفاقية', 'خطة', 'الخطة', 'جدول', 'الجدول', 'مادة', 'المادة', 'قرار', 'القرار',
        'آلية', 'الآلية', 'ضوابط', 'الضوابط', 'تعليمات', 'التعليمات', 'نظام', 'النظام', 'أنظمة', 'الأنظمة', 'شروط', 'الشروط', 'موازنة', 'الموازنة', 'أصول', 'الأصول',
        'إجراءات', 'الإجراءات', 'برنامج', 'البرنامج', 'معايير', 'المعايير', 'سياقات', 'السياقات', 'حاجة', 'الحاجة', 'ظروف', 'الظروف', 'أولوية', 'الأولوية', 'أولويات', 'الأولويات',
        'توقيت', 'التوقيت', 'نص', 'النص', 'مسودة', 'المسودة', 'عقد', 'العقد', 'عرف', 'العرف', 'أعراف', 'الأعراف', 'تقاليد', 'التقاليد', 'موعد', 'الموعد', 'مواعيد', 'المواعيد',
        'ترتيب', 'الترتيب', 'استحقاق', 'الاستحقاق', 'إمكانيات', 'الإمكانيات', 'إمكانات', 'الإمكانات', 'أهمية', 'الأهمية', 'نوع', 'النوع', 'حجم', 'الحجم',
      ],
      // Without ال (compared with it off): وزارة, الوزارة, للوزارة.
      sourceHeads: [
        'وزارة', 'وزير', 'مكتب', 'شرطة', 'جيش', 'قيادة', 'خلية', 'مديرية', 'دائرة', 'هيئة', 'مفوضية', 'حكومة', 'رئاسة', 'سفارة', 'بعثة', 'منظمة', 'مرصد', 'مركز',
        'مجلس', 'محكمة', 'نيابة', 'متحدث', 'ناطق', 'بيان', 'بلاغ', 'تقرير', 'وكالة', 'صحيفة', 'قناة', 'موقع', 'شبكة', 'إذاعة', 'تلفزيون', 'وسائل', 'مراسل', 'مراسلنا', 'شهود',
        'سكان', 'أهالي', 'ناشطون', 'ناشطين', 'تجار', 'أطباء', 'مسعفون', 'مسعفين', 'محللون', 'محللين', 'خبراء', 'مراقبون', 'مراقبين', 'إحصائيات', 'إحصاءات', 'أرقام',
        'تقديرات', 'معلومات', 'بيانات', 'نتائج', 'وثيقة', 'وثائق', 'رسالة', 'محافظ', 'محافظة', 'رئيس', 'مدير', 'قائد', 'نائب', 'عضو', 'أعضاء', 'مستشار', 'سفير', 'أمين',
        'عائلة', 'ذوي', 'أقارب', 'محامي', 'نقابة', 'اتحاد', 'شركة', 'بنك', 'مصرف', 'قائممقام', 'مسؤولي', 'مسؤولين', 'عضوة',
      ],
      sourceLead: ['فقد', 'فإن', 'فإنه', 'فإنها', 'فإنهم'],
      // Not أعلن, كتب, اعتبر, شدد: after a comma they take an object («، أعلن رئيس البرلمان رفع الجلسة»).
      trailing: ['قال', 'قالت', 'أفاد', 'أفادت', 'ذكر', 'ذكرت', 'أضاف', 'أضافت', 'أوضح', 'أوضحت', 'صرح', 'صرحت', 'أكد', 'أكدت'],
      ala: ['أكد', 'أكدت', 'شدد', 'شددت', 'أكدوا', 'شددوا', 'مؤكدا', 'مؤكدة', 'مشددا', 'مشددة'],
      min: ['حذر', 'حذرت', 'حذروا', 'محذرا', 'محذرة'],
    },
    unnamed: {
      heads: [
        'مصدر', 'مصادر', 'مصدرا', 'مصدران', 'مصدرين', 'مسؤول', 'مسؤولة', 'مسؤولا', 'مسؤولان', 'مسؤولين', 'مسؤولون', 'مسؤولو', 'مسئول', 'مسئولون', 'مسئولين',
        'مقرب', 'مقربون', 'مقربين', 'مقربو', 'مطلعون', 'مطلعين', 'أوساط', 'دبلوماسي', 'دبلوماسيون', 'دبلوماسيين',
      ],
      relations: ['من', 'في', 'لدى', 'عن', 'داخل', 'مع'],
    },
    bodies: [
      'وزارة', 'سفارة', 'قنصلية', 'شركة', 'جيش', 'شرطة', 'مكتب', 'هيئة', 'مفوضية', 'مديرية', 'قيادة', 'خلية', 'منظمة', 'بعثة', 'محكمة', 'مصرف', 'بنك',
      'نقابة', 'دائرة', 'وكالة', 'مؤسسة', 'لجنة',
      // Office-holders too: «وأوضح الوزير» after «وزير الكهرباء العراقي».
      'وزير', 'محافظ', 'سفير', 'أمير',
    ],
  },
  en: {
    order: 'subject-first',
    verbs: [
      'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'stated', 'asked', 'declared', 'warned', 'insisted', 'explained', 'announced', 'wrote', 'writes', 'tweeted', 'posted', 'noted', 'continued',
      'stressed', 'argued', 'acknowledged', 'confirmed', 'claimed', 'conceded', 'maintained', 'predicted', 'revealed', 'disclosed', 'reiterated', 'asserted',
      'cautioned', 'cautions', 'emphasised', 'emphasized', 'underlined', 'admitted', 'remarked', 'replied', 'countered', 'complained', 'pointed out', 'recalled',
      'warns', 'insists', 'argues', 'explains', 'reaffirmed',
    ],
    sources: ['according to'],
    appraisals: ['described', 'called', 'hailed', 'praised', 'welcomed', 'denounced', 'condemned', 'branded', 'dubbed', 'labelled', 'labeled', 'termed', 'promised', 'vowed', 'urged'],
    appraisalLinks: ['as', 'to'],
    connectives: ['and', 'but', 'also', 'then', 'has', 'had', 'have', 'was', 'further', 'later', 'however', 'as', 'though', 'although'],
    complementizers: ['that'],
    adjuncts: ['in', 'on', 'at', 'during', 'while', 'when', 'after', 'before'],
    // "according to him": the object forms too.
    pronouns: ['he', 'she', 'they', 'it', 'we', 'i', 'you', 'who', 'him', 'her', 'them', 'us', 'me'],
    reported: {
      that: ['that'],
      notVerbs: ['asked'],
      objectVerbs: ['told', 'tells'],
      notSources: [
        'constitution', 'law', 'laws', 'plan', 'plans', 'schedule', 'timetable', 'agreement', 'deal', 'accord', 'treaty', 'rules', 'regulations', 'tradition', 'custom',
        'legend', 'protocol', 'procedure', 'procedures', 'criteria', 'article', 'clause', 'terms', 'decree', 'decision', 'resolution', 'calendar', 'draft', 'text', 'contract',
        'formula', 'roadmap', 'principle', 'principles', 'standards', 'guidelines', 'instructions', 'forecast', 'bible', 'quran', 'koran', 'scripture', 'need', 'needs',
      ],
      sourceHeads: [
        'ministry', 'ministries', 'minister', 'department', 'office', 'police', 'army', 'military', 'government', 'authorities', 'authority', 'spokesman', 'spokeswoman',
        'spokesperson', 'statement', 'statements', 'report', 'reports', 'agency', 'media', 'television', 'tv', 'radio', 'newspaper', 'broadcaster', 'witnesses', 'witness',
        'residents', 'doctors', 'medics', 'hospital', 'rescuers', 'activists', 'analysts', 'experts', 'economists', 'observers', 'monitor', 'monitors', 'group', 'organisation',
        'organization', 'commission', 'council', 'committee', 'court', 'prosecutors', 'prosecutor', 'investigators', 'survey', 'poll', 'polls', 'figures', 'data', 'estimates',
        'count', 'tally', 'census', 'results', 'documents', 'document', 'people', 'person', 'president', 'governor', 'mayor', 'chief', 'head', 'director', 'commander',
        'company', 'firm', 'bank', 'union', 'association', 'observatory', 'embassy', 'mission', 'family', 'relatives', 'lawyer', 'lawyers', 'lawmakers', 'ngo', 'charity',
        'groups', 'organisations', 'organizations', 'agencies', 'companies', 'banks', 'unions', 'governments', 'ngos', 'charities', 'workers', 'farmers', 'traders',
      ],
      bare: {
        verbs: ['said', 'says', 'say', 'told', 'tells', 'added', 'adds'],
        objects: [
          'reporters', 'journalists', 'the media', 'lawmakers', 'parliament', 'the parliament', 'the cabinet', 'the council', 'a news conference', 'a press conference',
          'a news briefing', 'a briefing', 'state television', 'state tv', 'state media', 'the newspaper', 'the agency', 'the channel',
        ],
        time: [
          'today', 'yesterday', 'tonight', 'earlier', 'later', 'again', 'also', 'separately', 'publicly', 'privately', 'repeatedly', 'previously', 'recently', 'overnight',
          'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
        ],
        timeLeads: ['last', 'this', 'next', 'on', 'late', 'early', 'earlier', 'later'],
        timeNouns: [
          'week', 'month', 'year', 'night', 'weekend', 'morning', 'afternoon', 'evening', 'day',
          'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
          'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
        ],
        prepositions: ['in', 'at', 'on', 'during', 'after', 'from', 'with', 'via', 'through', 'to'],
        events: [
          'statement', 'interview', 'speech', 'address', 'post', 'tweet', 'message', 'briefing', 'conference', 'letter', 'remarks', 'comments', 'video', 'broadcast', 'report',
          'meeting', 'session', 'summit', 'hearing', 'call', 'visit', 'trip', 'tour', 'ceremony', 'rally', 'forum', 'website', 'account', 'page', 'channel', 'television', 'tv',
          'radio', 'media', 'x', 'twitter', 'facebook', 'telegram',
        ],
        subjects: ['he', 'she', 'they', 'we', 'i'],
        expletives: ['it', 'there'],
        determiners: [
          'the', 'a', 'an', 'this', 'these', 'those', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'some', 'many', 'most', 'all', 'no', 'several', 'both', 'each',
          'every', 'any', 'another', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'dozens', 'hundreds', 'thousands', 'millions',
        ],
        quantities: ['at least', 'at most', 'more than', 'less than', 'fewer than', 'up to', 'nearly', 'about', 'around', 'almost', 'over', 'roughly', 'some'],
        finite: [
          'is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'may', 'might', 'must', 'should', 'shall', 'did', 'does', 'do', 'cannot',
          'isn', 'aren', 'wasn', 'weren', 'hasn', 'haven', 'hadn', 'won', 'wouldn', 'couldn', 'shouldn', 'didn', 'doesn', 'don',
          'remains', 'remained', 'seems', 'seemed', 'appears', 'appeared',
          // Irregular pasts (a regular one in -ed after a noun is too often no verb): "Witnesses said the attackers fled".
          'fled', 'rose', 'fell', 'came', 'went', 'took', 'began', 'won', 'lost', 'broke', 'met', 'fought', 'caught', 'brought', 'kept', 'ran', 'gave',
          'grew', 'threw', 'flew', 'knew', 'became', 'spoke', 'chose', 'stole', 'sank', 'swept', 'overran', 'withdrew',
        ],
        adverbs: ['also', 'still', 'already', 'now', 'never', 'only', 'just', 'soon', 'not', 'further', 'recently', 'previously', 'repeatedly', 'largely', 'mostly'],
        stops: [
          'that', 'which', 'who', 'whom', 'whose', 'where', 'when', 'while', 'whereas', 'as', 'because', 'if', 'whether', 'before', 'after', 'until', 'since', 'unless',
          'although', 'though', 'once', 'than', 'so', 'what', 'how', 'why', 'but', 'or',
        ],
        notFirst: [
          'goodbye', 'farewell', 'hello', 'sorry', 'yes', 'thanks', 'thank', 'nothing', 'something', 'anything', 'little', 'much', 'enough', 'not', 'never', 'and',
          'to', 'of', 'for', 'by', 'into', 'against', 'without', 'like', 'despite', 'under', 'between', 'among', 'within', 'towards', 'toward', 'upon', 'across',
          'behind', 'beyond', 'amid', 'near', 'about', 'over', 'up', 'out', 'off', 'down', 'back', 'away', 'instead', 'rather', 'then', 'too', 'very', 'even', 'please',
          'ahead', 'following', 'pending', 'per',
        ],
        notAfter: ['the', 'a', 'an', 'this', 'that', 'as', 'than', 'what', 'how', 'so'],
      },
      trailing: [
        'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'stated', 'wrote', 'tweeted', 'posted', 'noted', 'explained', 'warned', 'insisted', 'declared', 'announced', 'continued',
        'cautioned', 'stressed', 'argued', 'acknowledged', 'conceded', 'admitted', 'emphasised', 'emphasized', 'warns', 'insists',
      ],
      participleEnds: ['ing'],
      participles: ['adding', 'saying', 'noting', 'warning', 'stressing', 'insisting', 'arguing', 'explaining', 'claiming', 'acknowledging', 'asserting', 'emphasising', 'emphasizing'],
      gap: [
        'on', 'in', 'at', 'during', 'to', 'after', 'before', 'late', 'earlier', 'yesterday', 'today', 'tonight', 'last', 'this', 'again', 'repeatedly', 'publicly', 'separately', 'previously', 'recently',
        'later', 'afterwards', 'subsequently',
        'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
      ],
      asides: ['for its part', 'for his part', 'for her part', 'for their part', 'in turn', 'in return'],
      blockers: ['so', 'such', 'now', 'given', 'provided', 'except', 'assuming', 'supposing', 'considering', 'seeing', 'not', 'in'],
      notBefore: ['to', 'would', 'could', 'can', 'cannot', 'will', 'may', 'might', 'should', 'must', 'shall', 'not', 'never', 'did', 'does', 'do', 'didn', 'doesn', 'don', 'won', 't', 'be', 'being', 'been', 'is', 'are'],
      relatives: ['who', 'which', 'whom', 'whose'],
    },
    unnamed: {
      heads: [
        'source', 'sources', 'official', 'officials', 'insider', 'insiders', 'aide', 'aides', 'diplomat', 'diplomats', 'member', 'members', 'delegate', 'delegates',
        'person familiar', 'people familiar', 'person close', 'people close', 'someone close', 'person with', 'people with', 'person briefed', 'people briefed',
      ],
      relations: ['of', 'to', 'close', 'familiar', 'in', 'at', 'from', 'with', 'for', 'inside', 'within', 'near', 'around', 'who', 'on', 'briefed'],
    },
    bodies: [
      'ministry', 'embassy', 'consulate', 'company', 'army', 'police', 'office', 'commission', 'authority', 'agency', 'organisation', 'organization', 'mission', 'court',
      'bank', 'union', 'department', 'directorate', 'committee', 'firm', 'minister', 'governor', 'ambassador',
    ],
  },
  fr: {
    order: 'subject-first',
    verbs: [
      'déclaré', 'dit', 'affirmé', 'écrit', 'ajouté', 'expliqué', 'estimé', 'souligné', 'indiqué', 'précisé', 'assuré', 'déclare', 'affirme', 'ajoute', 'estime',
      'averti', 'annoncé', 'confirmé', 'reconnu', 'rappelé', 'martelé', 'prévenu', 'jugé', 'répété', 'révélé', 'lancé', 'fait savoir', 'réaffirmé', 'réitéré',
      'alerté', 'déploré', 'regretté', 'réagi', 'plaidé', 'insisté', 'fait valoir', 'commenté', 'noté', 'observé', 'conclu', 'tweeté', 'lâché', 'promis',
      // The present of the story told as it happens, after a quotation: « … », confie une source.
      'confie', 'confié', 'souligne', 'explique', 'précise', 'indique', 'assure', 'poursuit', 'raconte', 'raconté', 'insiste', 'résume', 'tranche',
      'prévient', 'avertit', 'tempère', 'nuance', 'martèle', 'rappelle', 'reconnaît', 'regrette', 'déplore', 'conclut', 'témoigne', 'relève', 'commente', 'plaide',
      'soutient', 'glisse', 'dénonce', "s'inquiète", 'tempéré', 'nuancé', 'témoigné', 'relevé', 'soutenu', 'glissé', 'dénoncé',
      // The narrative infinitive: « Et d'ajouter : « … » », « Et de conclure : … ».
      "d'ajouter", 'de conclure', 'de poursuivre', 'de souligner', 'de préciser', "d'expliquer", "d'insister",
      // Reflexive: « …, s'est félicité Patrick Pouyanné ».
      "s'est félicité", "s'est félicitée", 'se félicite', "s'est réjoui", "s'est réjouie", 'se réjouit', "s'est indigné", "s'est indignée", "s'est inquiété",
      "s'est inquiétée", "s'est exclamé", "s'est exclamée", "s'est emporté", "s'est emportée", "s'est dit", "s'est dite", 'se dit',
      'répondu', 'rétorqué', 'répliqué', 'répond', 'rétorque', 'réplique',
      // The imperfect of a story told: « …, confiait un père de famille ».
      'confiait', 'expliquait', 'racontait', 'lançait', 'soulignait', 'déclarait', 'affirmait', 'ajoutait', 'résumait', 'résumé',
      // The present, plural: « Des proches … indiquent qu'il devrait … ».
      'indiquent', 'affirment', 'estiment', 'assurent', 'soulignent', 'expliquent', 'précisent', 'confient', 'déclarent', 'ajoutent', 'racontent',
    ],
    sources: ['selon', "d'après"],
    views: ['pour'],
    // « a exhorté les pays riches à « mettre enfin l'argent sur la table » »: what they were urged to do, in the urger's words.
    // (« a dénoncé », « a déploré », « a promis » are speech verbs already.)
    appraisals: ['salué', 'qualifié', 'fustigé', 'décrit', 'condamné', 'évoqué', 'exhorté', 'appelé', 'invité'],
    appraisalLinks: ['de', 'comme', 'à'],
    // « aurait-il répondu »: the conditional of hearsay, as « a-t-il ».
    connectives: ['a', 't', 'et', 'aussi', 'également', 'encore', 'avait', 'ont', 'aurait', 'auraient', 'aussitôt', 'déjà', 'immédiatement', 'ensuite', 'enfin', 'toutefois', 'cependant', 'néanmoins', 'notamment'],
    complementizers: ['que', 'qu'],
    // « a écrit l'attaquant français sur les réseaux sociaux »: where, after the speaker.
    adjuncts: ['lors', 'dans', 'devant', 'sur', 'pendant', 'depuis', 'en'],
    incise: true,
    inverted: { adjuncts: ['à', 'au', 'aux', 'en', 'dans', 'devant', 'depuis', 'sur', 'lors', 'pendant', 'après'], articles: ['le', 'la', 'l', 'les', 'un', 'une'] },
    // "selon lui", "selon eux". Not the impersonal « on » (« Au cabinet de la ministre, on soutient que … »): it refers to no
    // one named before, so it is its statement's attribution as written, with no speaker.
    pronouns: ['il', 'elle', 'ils', 'elles', 'lui', 'eux'],
    reported: {
      that: ['que', 'qu'],
      gap: [
        'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'hier', 'aujourd', 'lors', 'dans', 'devant', 'à', 'au', 'aux', 'en', 'ce', 'cette', 'encore', 'également', 'auprès', 'sur',
        // « a précisé ensuite que », « estime toutefois que ».
        'ensuite', 'aussi', 'toutefois', 'cependant', 'pourtant', 'néanmoins',
      ],
      asides: ['de son côté', 'de leur côté', 'pour sa part', 'pour leur part', 'quant à lui', 'quant à elle', 'à son tour', 'à leur tour', 'par ailleurs', 'en outre'],
      blockers: ['alors', 'parce', 'bien', 'ainsi', 'avant', 'après', 'pour', 'afin', 'tandis', 'sans', 'dès', 'depuis', 'pendant', 'même', 'moins', 'peur', 'sorte', 'façon', 'manière', 'tel', 'telle', 'plutôt', 'faut', 'ce', 'plus', 'autre'],
      notBefore: ['est', 'été', 'sont', 'soit', 'être', 'étant', 'pas', 'jamais', 'plus', 'rien', 'peut', 'doit', 'pourrait', 'va', 'veut'],
      trailing: [
        'déclaré', 'dit', 'affirmé', 'écrit', 'ajouté', 'expliqué', 'estimé', 'souligné', 'indiqué', 'précisé', 'assuré', 'déclare', 'affirme', 'ajoute', 'estime',
        'confie', 'confié', 'souligne', 'explique', 'précise', 'indique', 'assure',
        'annoncé', 'annonce', 'confirmé', 'confirme',
        // « …, a averti jeudi la directrice générale du FMI ».
        'averti', 'prévenu', 'alerté', 'martelé', 'insisté', 'répété', 'rappelé', 'reconnu', 'déploré', 'regretté',
      ],
      // « …, a annoncé mercredi l'Unesco »: « annoncer » takes an object as often (« X, a annoncé l'interdiction de … »), so
      // only a speaker after it that is known, a source not named or a body is read so; likewise « a rappelé », « a reconnu »,
      // « a déploré », « a regretté » (« a rappelé l'ambassadeur », « a regretté la décision »).
      trailingObject: ['annoncé', 'annonce', 'confirmé', 'confirme', 'rappelé', 'reconnu', 'déploré', 'regretté'],
      participleEnds: ['ant'],
      participles: [
        'ajoutant', 'estimant', 'soulignant', 'affirmant', 'précisant', 'expliquant', 'assurant', 'indiquant', 'rappelant', 'jugeant', 'considérant', 'déclarant',
        'avertissant', 'prévenant', 'martelant', 'réaffirmant', 'reconnaissant', 'arguant', 'annonçant', 'promettant', 'jurant',
        // « …, a lancé Emmanuel Macron …, avant d'assurer que … »: the infinitive that goes on for the same speaker.
        "avant d'assurer", "avant d'affirmer", "avant d'ajouter", "avant d'annoncer", "avant d'estimer", "avant d'indiquer", "avant d'expliquer",
        'avant de souligner', 'avant de préciser', 'avant de promettre', 'avant de rappeler', 'avant de déclarer', 'avant de reconnaître', 'avant de prévenir',
        'avant de marteler', 'avant de juger',
      ],
      relatives: ['qui', 'lequel', 'laquelle', 'lesquels', 'lesquelles', 'dont'],
      notSources: [
        'constitution', 'loi', 'lois', 'plan', 'calendrier', 'accord', 'traité', 'règles', 'règlement', 'tradition', 'coutume', 'article', 'décret', 'décision',
        'résolution', 'programme', 'contrat', 'principe', 'normes', 'texte', 'besoins', 'cas', 'modalités', 'critères', 'termes', 'prévisions',
      ],
      sourceHeads: [
        'ministère', 'ministre', 'gouvernement', 'police', 'armée', 'autorités', 'porte', 'parole', 'communiqué', 'rapport', 'agence', 'médias', 'télévision', 'témoins',
        'habitants', 'médecins', 'secouristes', 'militants', 'analystes', 'experts', 'observateurs', 'ong', 'organisation', 'commission', 'conseil', 'comité', 'tribunal',
        'parquet', 'enquêteurs', 'sondage', 'chiffres', 'données', 'estimations', 'décompte', 'bilan', 'résultats', 'documents', 'président', 'gouverneur', 'maire', 'chef',
        'directeur', 'commandant', 'entreprise', 'banque', 'syndicat', 'ambassade', 'famille', 'avocat', 'avocats', 'services', 'journal', 'presse',
        'défense', 'protection', 'pompiers', 'sapeurs', 'secours',
        'organisations', 'ong', 'associations', 'agences', 'rapports', 'communiqués', 'syndicats', 'autorité', 'ministères', 'entreprises', 'agriculteurs', 'commerçants',
      ],
    },
    unnamed: {
      heads: ['source', 'sources', 'responsable', 'responsables', 'proche', 'proches', 'entourage', 'diplomate', 'diplomates', 'fonctionnaire', 'fonctionnaires', 'membre', 'membres', 'délégué', 'délégués'],
      relations: ['de', 'du', 'd', 'au', 'aux', 'à', 'dans', 'auprès', 'chez', 'qui', 'sous'],
    },
    bodies: ['ministère', 'ambassade', 'consulat', 'entreprise', 'société', 'compagnie', 'armée', 'police', 'bureau', 'commission', 'organisation', 'mission', 'tribunal', 'banque', 'syndicat', 'direction', 'agence', 'comité', 'ministre', 'gouverneur', 'ambassadeur'],
  },
  es: {
    order: 'subject-first',
    verbs: [
      'dijo', 'afirmó', 'declaró', 'añadió', 'explicó', 'aseguró', 'señaló',
      'indicó', 'advirtió', 'reconoció', 'confirmó', 'anunció', 'subrayó', 'destacó', 'sostuvo', 'precisó', 'reiteró', 'admitió', 'informó',
    ],
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
      trailing: ['dijo', 'afirmó', 'declaró', 'añadió', 'explicó', 'aseguró', 'señaló', 'dijeron', 'afirmaron', 'declararon', 'añadieron', 'explicaron', 'aseguraron', 'señalaron'],
      participleEnds: ['ando', 'iendo'],
      relatives: ['quien', 'quienes', 'cual', 'cuales'],
      notSources: [
        'constitución', 'ley', 'leyes', 'plan', 'calendario', 'acuerdo', 'tratado', 'reglas', 'reglamento', 'tradición', 'costumbre', 'artículo', 'decreto', 'decisión',
        'resolución', 'programa', 'contrato', 'principio', 'normas', 'texto', 'caso', 'casos', 'necesidades', 'previsiones',
      ],
      sourceHeads: [
        'ministerio', 'ministro', 'gobierno', 'policía', 'ejército', 'autoridades', 'portavoz', 'comunicado', 'informe', 'agencia', 'medios', 'televisión', 'testigos',
        'vecinos', 'residentes', 'médicos', 'activistas', 'analistas', 'expertos', 'observatorio', 'organización', 'comisión', 'consejo', 'comité', 'tribunal', 'fiscalía',
        'encuesta', 'cifras', 'datos', 'estimaciones', 'recuento', 'balance', 'resultados', 'documentos', 'presidente', 'gobernador', 'alcalde', 'jefe', 'director',
        'empresa', 'banco', 'sindicato', 'embajada', 'familia', 'abogado', 'servicios', 'diario', 'prensa',
        'organizaciones', 'ong', 'informes', 'agencias', 'sindicatos', 'autoridad', 'ministerios', 'empresas', 'agricultores', 'comerciantes',
      ],
    },
    unnamed: {
      heads: ['fuente', 'fuentes', 'funcionario', 'funcionarios', 'allegado', 'allegados', 'responsable', 'responsables', 'diplomático', 'diplomáticos'],
      relations: ['de', 'del', 'cercano', 'cercana', 'cercanos', 'cercanas', 'próximas', 'próximos', 'en', 'a', 'al', 'que'],
    },
    bodies: ['ministerio', 'embajada', 'consulado', 'empresa', 'compañía', 'ejército', 'policía', 'oficina', 'comisión', 'organización', 'misión', 'tribunal', 'banco', 'sindicato', 'agencia', 'comité', 'ministro', 'gobernador', 'embajador'],
  },
  de: {
    order: 'subject-first',
    // With a separable verb its particle stands before the comma ("räumte ein, dass"): the particles are gap words below.
    verbs: ['sagte', 'sagt', 'erklärte', 'erklärt', 'betonte', 'betont', 'warnte', 'bestätigte', 'unterstrich', 'versicherte', 'berichtete', 'räumte', 'teilte', 'kündigte', 'fügte', 'hob'],
    sources: ['laut'],
    connectives: ['und', 'hat', 'habe', 'auch'],
    complementizers: ['dass'],
    adjuncts: ['bei', 'am'],
    pronouns: ['er', 'sie', 'es'],
    reported: {
      that: ['dass'],
      verbs: ['sagten', 'erklärten', 'betonten'],
      gap: ['am', 'bei', 'in', 'im', 'gegenüber', 'gestern', 'heute', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag', 'vor', 'nach', 'auf', 'ein', 'mit', 'an', 'hinzu', 'hervor'],
      blockers: ['so', 'ohne', 'anstatt', 'statt', 'außer', 'als'],
      notBefore: ['nicht', 'nie', 'niemals', 'kein'],
      relatives: ['der', 'die', 'das', 'welcher', 'welche', 'welches'],
      notSources: ['verfassung', 'gesetz', 'plan', 'zeitplan', 'vertrag', 'abkommen', 'vereinbarung', 'regeln', 'tradition', 'artikel', 'beschluss', 'programm', 'prognose'],
      // "Laut dem Ministerium wurden …": the verb second, after the source.
      sourceFinite: ['wurden', 'wurde', 'sind', 'ist', 'war', 'waren', 'hat', 'haben', 'hatte', 'hatten', 'soll', 'sollen', 'sollte', 'sollten', 'werden', 'wird', 'seien', 'sei', 'gibt', 'gab'],
      trailing: ['sagte', 'sagt', 'erklärte', 'erklärt', 'betonte', 'betont', 'sagten', 'erklärten', 'betonten'],
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
    // Persian: the verb last, its subject first and what it was said in, on or to between («وزیر امور خارجه روز دوشنبه در
    // نشست خبری در تهران گفت: …»); most verbs of saying are compounds with کرد, داد, شد («اعلام کرد», «تأکید کرد», «هشدار داد»).
    order: 'subject-first',
    verbs: [
      'گفت', 'افزود', 'اظهار کرد', 'اظهار داشت', 'اعلام کرد', 'تأکید کرد', 'تاکید کرد', 'خاطرنشان کرد', 'خاطر نشان کرد', 'تصریح کرد', 'عنوان کرد',
      'بیان کرد', 'یادآور شد', 'یادآوری کرد', 'هشدار داد', 'ادامه داد', 'نوشت', 'گفته است', 'افزوده است', 'اعلام کرده است', 'تأکید کرده است',
    ],
    sources: ['به گفته'],
    connectives: ['و', 'نیز', 'همچنین'],
    complementizers: ['که'],
    adjuncts: ['در'],
    pronouns: ['او', 'وی', 'ایشان'],
    // Where the subject ends: at «در», «به», «با» opening what it was said in or to, or at the day («روز دوشنبه»).
    preverbal: ['در', 'به', 'با', 'روز', 'امروز', 'دیروز', 'هنگام'],
    reported: {
      that: ['که'],
      verbs: ['گفتند', 'افزودند', 'اعلام کردند', 'تأکید کردند', 'تاکید کردند', 'هشدار دادند'],
      gap: ['در', 'روز', 'امروز', 'دیروز', 'به', 'با'],
      blockers: ['چرا', 'طوری', 'حالی', 'آنجا', 'این', 'آن'],
      notBefore: ['نه'],
      relatives: [],
      trailing: ['گفت', 'افزود', 'گفتند', 'افزودند'],
      // «اعلام کرد: صادرات …»: what follows the colon, with no quotation marks.
      colon: true,
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
      trailing: ['сказал', 'сказала', 'заявил', 'заявила', 'отметил', 'отметила', 'сказали', 'заявили', 'отметили'],
    },
    unnamed: {
      heads: ['источник', 'источники', 'источника', 'источников', 'собеседник', 'собеседники', 'чиновник', 'чиновники', 'дипломат'],
      relations: ['в', 'из', 'близкий', 'близкие', 'близкого', 'к', 'у'],
    },
  },
  ckb: {
    // Central Kurdish (Sorani): the verb last, its subject before it with what it was said in or to between («مەسرور بارزانی لە
    // کۆنفرانسێکی ڕۆژنامەوانیدا گوتی», «سەرچاوەیەک بە ڕووداوی ڕاگەیاند کە …»); past verbs carry their agent as a clitic (گوتی "he
    // said", گوتیشی "he also said", ڕایانگەیاند "they announced"), so the forms are listed, and a verb alone is "he" or "they". The
    // clitic moves to the addressee before the verb («بە ڕووداوی ڕاگەیاند», "told Rudaw"; «وای گوت», "said so"): the bare verb too.
    order: 'subject-first',
    verbs: [
      'گوتی', 'گوتیشی', 'گوتیان', 'وتی', 'وتیشی', 'وتیان', 'ووتی', 'ووتیشی', 'گوتوویەتی', 'وتوویەتی', 'دەڵێت', 'دەڵێ', 'دەڵێن', 'نووسی', 'نووسیویەتی',
      'ڕایگەیاند', 'ڕاشیگەیاند', 'ڕایانگەیاند', 'ڕایگەیاندووە', 'ڕاشیگەیاندووە', 'ڕایانگەیاندووە',
      'ئاشکرای کرد', 'ئاشکراشی کرد', 'ئاشکرایان کرد', 'ئاماژەی بەوە کرد', 'ئاماژەشی بەوە کرد', 'ئاماژەی بەوەدا', 'ئاماژەشی بەوەدا',
      'جەختی کردەوە', 'جەختیشی کردەوە', 'جەختیان کردەوە', 'جەختی لەوە کردەوە', 'جەختیشی لەوە کردەوە', 'باسی لەوە کرد', 'باسیشی لەوە کرد',
      'ڕوونی کردەوە', 'ڕوونیشی کردەوە', 'گوت', 'وت', 'ڕاگەیاند', 'ئاشکرا کرد', 'جەخت کردەوە',
    ],
    sources: ['بەپێی', 'بە پێی', 'بە گوتەی', 'بە وتەی', 'بەگوێرەی', 'بە گوێرەی'],
    connectives: ['و', 'هەروەها', 'هەر', 'زیاتر', 'ئەمڕۆ', 'دوێنێ', 'دواتر', 'وای', 'وا'],
    complementizers: ['کە'],
    adjuncts: ['لە', 'بە', 'بۆ', 'لەگەڵ'],
    // ناوبراو "the said (person)": the press's "he".
    pronouns: ['ئەو', 'ئەوان', 'ناوبراو', 'ناوبراوە', 'ئەویش'],
    preverbal: ['لە', 'بە', 'بۆ', 'لەگەڵ', 'لەبارەی', 'سەبارەت', 'دوای', 'پاش', 'پێش', 'ئەمڕۆ', 'دوێنێ', 'دواتر'],
    reported: {
      that: ['کە'],
      gap: [],
      blockers: ['بۆ', 'پێش', 'دوای', 'پاش', 'تا', 'وەک'],
      notBefore: [],
      // ئەوەی "what": «ئەوەی وەزیر گوتی، …» reports nothing of its own.
      relatives: ['کە', 'ئەوەی', 'ئەوانەی'],
      openers: ['هەروەها', 'بەڵام', 'هەر'],
      // «…، بەرپرسێک گوتی.», «…، سەرچاوەیەک بە ڕووداوی ڕاگەیاند.»: the forms with the agent clitic take no object before them.
      trailing: ['گوتی', 'گوتیشی', 'گوتیان', 'وتی', 'وتیشی', 'وتیان', 'ووتی', 'ووتیشی', 'ڕایگەیاند', 'ڕاشیگەیاند', 'ڕایانگەیاند', 'دەڵێت', 'دەڵێن', 'گوت', 'وت', 'ڕاگەیاند'],
      trailingObject: ['گوت', 'وت', 'ڕاگەیاند'],
      colon: true,
      // «بەپێی یاسا», «بەپێی بڕیارەکە»: "in accordance with"; a source names someone.
      sourceHeads: soraniNouns([
        'وەزارەت', 'وەزیر', 'حکومەت', 'سەرۆکایەتی', 'بەڕێوەبەرایەتی', 'فەرمانگە', 'نووسینگە', 'پۆلیس', 'ئاسایش', 'سوپا', 'هێز', 'دادگا', 'ئەنجومەن', 'لیژنە',
        'کۆمسیۆن', 'دەستە', 'ڕاپۆرت', 'ئامار', 'زانیاری', 'ڕاگەیەندراو', 'بەیاننامە', 'گوتەبێژ', 'وتەبێژ', 'ئاژانس', 'کەناڵ', 'ماڵپەڕ', 'تۆڕ', 'میدیا',
        'ڕێکخراو', 'شایەتحاڵ', 'هاووڵاتی', 'پزیشک', 'شارەزا', 'چاودێر', 'پارێزگار', 'پارێزگا', 'سەرۆک', 'بەڕێوەبەر', 'فەرماندە', 'کۆمپانیا', 'بانک',
        'سەندیکا', 'باڵیۆزخانە', 'باڵیۆز', 'نوێنەر', 'ئەندام', 'ڕاوێژکار', 'خێزان', 'پارێزەر',
      ]),
    },
    unnamed: {
      // The indefinite and the plural: «بەرپرسی …» with the ezafe is the head of something, a role on record.
      heads: [
        ...soraniNouns(['سەرچاوە']), 'بەرپرسێک', 'بەرپرسێکی', 'بەرپرسان', 'بەرپرسانی', 'بەرپرسەکان', 'کاربەدەستێک', 'کاربەدەستێکی', 'کاربەدەستان', 'کاربەدەستانی',
        'دیپلۆماتکارێک', 'دیپلۆماتکارێکی', 'دیپلۆماتێک', 'دیپلۆماتێکی',
      ],
      relations: ['لە', 'نزیک', 'لەناو'],
    },
    // Stems: «وەزارەتی دارایی حکومەتی هەرێمی کوردستان» in full, then «وەزارەتەکە», «وەزارەتی ناوبراو» (kurdishForms).
    bodies: [
      'وەزارەت', 'باڵیۆزخانە', 'کونسوڵخانە', 'کۆمپانیا', 'سوپا', 'پۆلیس', 'نووسینگە', 'بەڕێوەبەرایەتی', 'فەرمانگە', 'دەستە', 'کۆمسیۆن', 'ڕێکخراو', 'دادگا',
      'بانک', 'سەندیکا', 'ئاژانس', 'لیژنە',
    ],
  },
  ku: {
    // Northern Kurdish (Kurmanji): the verb last, as in Sorani; what it was said in or to before it closes with a postposition
    // ("di civînê de", "ji Rûdawê re"), which tells it from a source's "ji" ("berpirsek ji PDKê").
    order: 'subject-first',
    verbs: [
      'got', 'gotiye', 'dibêje', 'dibêjin', 'nivîsî', 'ragihand', 'ragihandiye', 'diyar kir', 'diyar kiriye', 'da zanîn', 'daye zanîn', 'destnîşan kir',
      'destnîşan kiriye', 'anî ziman', 'aniye ziman', 'bal kişand', 'bal kişandiye', 'eşkere kir', 'tekez kir',
    ],
    sources: ['li gorî', 'li gor', 'bi gotina'],
    connectives: ['û', 'jî', 'herwiha', 'her', 'wiha', 'îro', 'duh', 'doh', 'dîsa'],
    complementizers: ['ku'],
    adjuncts: ['di', 'li', 'ji', 'bi', 'bo'],
    pronouns: ['wî', 'wê', 'ew', 'wan'],
    preverbal: ['di', 'li', 'ji', 'bi', 'bo', 'ligel', 'digel', 'derbarê', 'piştî', 'berî', 'îro', 'duh', 'doh'],
    postpositions: ['re', 'de', 've', 'da'],
    reported: {
      that: ['ku'],
      // "bal kişand ser wê yekê ku …": drew attention to (this one) that.
      gap: ['ser', 'wê', 'vê', 'yekê', 'jî'],
      blockers: ['da', 'bo', 'berî', 'piştî', 'heta', 'wek', 'mîna', 'dema', 'gava'],
      notBefore: [],
      relatives: ['ku'],
      openers: ['lê', 'herwiha', 'her', 'wiha', 'jî'],
      // "…, berpirsekî got.", "…, çavkaniyekê ji Rûdawê re got."
      trailing: ['got', 'gotiye', 'dibêje', 'dibêjin', 'ragihand', 'ragihandiye'],
      trailingObject: ['ragihand', 'ragihandiye'],
      notSources: kurmanjiNouns(['yasa', 'destûr', 'qanûn', 'biryar', 'bername', 'plan', 'peyman', 'rêkeftin', 'rêkeftinname', 'pîvan', 'rêwerz', 'pêwîstî']),
      sourceHeads: kurmanjiNouns([
        'wezaret', 'wezîr', 'hikûmet', 'serokatî', 'rêveberî', 'midûriyet', 'nivîsgeh', 'polîs', 'asayîş', 'artêş', 'hêz', 'dadgeh', 'encumen', 'komîsyon', 'komîte',
        'lijne', 'rapor', 'amar', 'agahî', 'daxuyanî', 'berdevk', 'ajans', 'kanal', 'malper', 'medya', 'rêxistin', 'şahid', 'niştecih', 'welatî', 'bijîşk',
        'pispor', 'çavdêr', 'parêzgar', 'parêzgeh', 'serok', 'rêveber', 'fermandar', 'şirket', 'pargîdanî', 'bank', 'sendîka', 'balyozxane', 'balyoz', 'nûner',
        'endam', 'şêwirmend', 'malbat', 'parêzer',
      ]),
    },
    unnamed: {
      heads: [
        ...kurmanjiNouns(['çavkanî']), 'berpirsek', 'berpirsekî', 'berpirseke', 'berpirsên', 'berpirsan', 'rayedarek', 'rayedarekî', 'rayedareke', 'rayedarên',
        'rayedaran', 'karbidestek', 'karbidestekî', 'karbidestên', 'karbidestan', 'dîplomatek', 'dîplomatekî', 'dîplomatên', 'dîplomatan',
      ],
      relations: ['ji', 'nêzîkî', 'nêzî', 'li', 'di'],
    },
    // Stems: "Wezareta Darayî ya Herêma Kurdistanê" in full, then "wezaret", "wezareta navborî" (kurdishForms).
    bodies: [
      'wezaret', 'balyozxane', 'konsolxane', 'şirket', 'pargîdanî', 'artêş', 'polîs', 'nivîsgeh', 'rêveberî', 'midûriyet', 'komîsyon', 'rêxistin', 'dadgeh',
      'bank', 'sendîka', 'ajans', 'komîte', 'lijne',
    ],
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
  /** A participle that reports for its clause's subject («، مضيفا أن», ", adding that"): see ReportedRules.participles. */
  participle?: boolean;
  /** The source follows the phrase ("according to", بحسب), whatever the language's order. */
  source: boolean;
  /** The source is written with ل glued to it (وفقا لبيان): dropped from the attribution. */
  lam: boolean;
  /**
   * Per word, the spellings it must have when every list gives it with a diacritic: folded, « jugé » is « juge » (a
   * judge), « noté » « note », « lancé » « lance », so the accent tells the verb. Undefined: any spelling.
   */
  spelled: Array<Set<string> | undefined>;
}
interface CompiledRules {
  order: Order;
  connectives: ReadonlySet<string>;
  complementizers: ReadonlySet<string>;
  adjuncts: ReadonlySet<string>;
  pronouns: ReadonlySet<string>;
  preverbal: ReadonlySet<string>;
  postpositions: ReadonlySet<string>;
  incise: boolean;
  views: ReadonlySet<string>;
  inverted?: { adjuncts: ReadonlySet<string>; articles: ReadonlySet<string> };
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
  asides: ReadonlyArray<readonly string[]>;
  blockers: ReadonlySet<string>;
  notBefore: ReadonlySet<string>;
  relatives: ReadonlySet<string>;
  openers: ReadonlySet<string>;
  /** The one-word participles (a phrase, « avant d'assurer », is found through the speech table: its words are no participles alone). */
  participles: ReadonlySet<string>;
  events: ReadonlySet<string>;
  notSources: ReadonlySet<string>;
  sourceHeads: ReadonlySet<string>;
  sourceLead: ReadonlySet<string>;
  sourceFinite: ReadonlySet<string>;
  trailing: ReadonlySet<string>;
  trailingObject: ReadonlySet<string>;
  colon: boolean;
  ala: ReadonlySet<string>;
  min: ReadonlySet<string>;
  relays: ReadonlySet<string>;
  participleEnds: readonly string[];
  bare?: CompiledBare;
}
type CompiledBare = { readonly [K in Exclude<keyof BareRules, 'objects' | 'quantities'>]: ReadonlySet<string> } & {
  objects: ReadonlyArray<readonly string[]>;
  quantities: ReadonlyArray<readonly string[]>;
};
/** Phrases by their first folded word. */
type SpeechTable = ReadonlyMap<string, SpeechPhrase[]>;

const fold = (words: readonly string[]): Set<string> => new Set(words.flatMap((w) => tokenize(w).map((t) => t.norm)));

function compileRules(r: SpeechRules): CompiledRules {
  const out: CompiledRules = {
    order: r.order, connectives: fold(r.connectives), complementizers: fold(r.complementizers), adjuncts: fold(r.adjuncts), pronouns: fold(r.pronouns),
    preverbal: fold(r.preverbal ?? []), postpositions: fold(r.postpositions ?? []), incise: r.incise === true, views: fold(r.views ?? []),
    arabic: [...r.verbs, ...(r.reported?.verbs ?? [])].some((v) => tokenize(v)[0]?.arabic === true),
  };
  if (r.inverted) out.inverted = { adjuncts: fold(r.inverted.adjuncts), articles: fold(r.inverted.articles) };
  const p = r.reported;
  if (p) {
    out.reported = {
      that: fold(p.that), notVerbs: fold(p.notVerbs ?? []), objectVerbs: fold(p.objectVerbs ?? []), gap: fold(p.gap),
      asides: (p.asides ?? []).map((a) => tokenize(a).map((t) => t.norm)), blockers: fold(p.blockers),
      notBefore: fold(p.notBefore), relatives: fold(p.relatives), openers: fold(p.openers ?? []), participles: fold((p.participles ?? []).filter((w) => tokenize(w).length === 1)),
      events: fold(p.events ?? []), notSources: fold(p.notSources ?? []), sourceHeads: fold(p.sourceHeads ?? []), sourceLead: fold(p.sourceLead ?? []), sourceFinite: fold(p.sourceFinite ?? []),
      trailing: fold(p.trailing ?? []), trailingObject: fold(p.trailingObject ?? []), colon: p.colon === true, ala: fold(p.ala ?? []), min: fold(p.min ?? []), relays: fold(p.relays ?? []), participleEnds: p.participleEnds ?? [],
    };
    const b = p.bare;
    if (b) {
      const phrases = (list: readonly string[]) => list.map((x) => tokenize(x).map((t) => t.norm));
      out.reported.bare = {
        verbs: fold(b.verbs), objects: phrases(b.objects), time: fold(b.time), timeLeads: fold(b.timeLeads), timeNouns: fold(b.timeNouns),
        prepositions: fold(b.prepositions), events: fold(b.events), subjects: fold(b.subjects), expletives: fold(b.expletives), determiners: fold(b.determiners),
        quantities: phrases(b.quantities), finite: fold(b.finite), adverbs: fold(b.adverbs), stops: fold(b.stops), notFirst: fold(b.notFirst),
        notAfter: fold(b.notAfter),
      };
    }
  }
  if (r.unnamed) out.unnamed = { heads: r.unnamed.heads.map((h) => tokenize(h).map((t) => t.norm)), relations: fold(r.unnamed.relations) };
  return out;
}

/**
 * Phrases of a language into a table. `reported`: the table reported speech is read with — the
 * reported-only verbs in (كشف), the verbs not read for it out ("asked"); the sources too ("بحسب
 * مصدر أمني، فإن …", "According to the ministry, …", "…, according to police").
 */
function addPhrases(table: Map<string, SpeechPhrase[]>, r: SpeechRules, rules: CompiledRules, reported = false): void {
  let verbs = r.verbs;
  const sources = r.sources;
  const lamSources = r.lamSources ?? [];
  if (reported) {
    const not = new Set(r.reported?.notVerbs ?? []);
    verbs = [...r.verbs, ...(r.reported?.verbs ?? [])].filter((v) => !not.has(v));
  }
  const participles = r.reported?.participles ?? [];
  for (const [list, source, lam, participle] of [[verbs, false, false, false], [sources, true, false, false], [lamSources, true, true, false], [participles, false, false, true]] as const) {
    for (const phrase of list) {
      const toks = tokenize(phrase);
      const words = toks.map((t) => t.norm);
      const first = words[0];
      if (first === undefined) continue;
      // A Latin word written with a diacritic must be read with it; its plain spelling listed too lifts that.
      const spelled = toks.map((t) => (DIACRITIC.test(t.raw) ? new Set([t.raw.toLowerCase()]) : undefined));
      const known = table.get(first) ?? [];
      const same = known.find((p) => p.words.join(' ') === words.join(' '));
      if (!same) known.push({ words, rules, source, lam, spelled, ...(participle ? { participle } : {}) });
      else same.spelled = same.spelled.map((set, k) => (set && spelled[k] ? new Set([...set, ...spelled[k]]) : undefined));
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

/** A Latin letter with a diacritic (é, è, ç, ü, ı …): a verb listed so is read only so spelled (SpeechPhrase.spelled). */
const DIACRITIC = /[\u00C0-\u024F]/u;

function verbAt(tokens: readonly Token[], i: number, table: SpeechTable): VerbAt | undefined {
  const t = tokens[i]!;
  // A word alone in brackets is a name's initials, «(آفاد)» (Turkey's AFAD, folded like أفاد "reported"), not a verb.
  if (t.before === '(' && t.after === ')') return undefined;
  // The conjunction is written joined to an Arabic verb: وقال, فأكد, وبحسب (the word as a whole first: وفق).
  const forms = t.arabic && t.norm.length >= 4 && (t.norm[0] === 'و' || t.norm[0] === 'ف') ? [t.norm, t.norm.slice(1)] : [t.norm];
  for (const form of forms) {
    // "لافتات كتب عليها": written on them (banners, walls), not someone writing.
    if (WRITTEN_ON.has(form) && WRITTEN_ON_NEXT.has(tokens[i + 1]?.norm ?? '')) continue;
    for (const phrase of table.get(form) ?? []) {
      if (!phrase.words.every((w, k) => k === 0 || tokens[i + k]?.norm === w)) continue;
      // « le juge des référés a estimé »: « juge » is no « jugé ».
      if (phrase.spelled.some((set, k) => set !== undefined && !set.has(tokens[i + k]!.raw.toLowerCase()))) continue;
      return { phrase, start: i, end: i + phrase.words.length };
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
  const text = innerText(inner);
  if (text.length < MIN_CHARS || countWords(text) < MIN_WORDS) return undefined;
  return clip(text);
}

// A comma before the closing mark is English punctuation ("…," he said), not the speaker's.
const innerText = (inner: string) => inner.replace(/\s+/g, ' ').trim().replace(/[,،]+$/, '');

/**
 * A quotation too short to tell from a scare quote by its length («On reviendra», "All is well!"),
 * read as a statement only where a scare quote does not stand: set off as an utterance of its own
 * — ending in its own ! or ?, introduced by a colon ("wrote on Twitter: “…”"), or opening its
 * sentence with the attribution after a comma («« On reviendra », a écrit Kylian Mbappé»).
 * Its attribution must still be found; none carries a statement on from the one before.
 */
function shortQuotation(inner: string, before: string, after: string): string | undefined {
  const text = innerText(inner);
  if (text === '' || countWords(text) >= MIN_WORDS) return undefined;
  // An exclamation or a question (a period is also American punctuation after a scare quote: 'called it "a betrayal."').
  const own = /[!?\u061F]$/u.test(text);
  const introduced = /[:：]\s*$/u.test(before);
  // Opening its sentence before its attribution's comma, outside the marks or inside them ('"Never again war," he told').
  const opening = before.trim() === '' && (/^\s*[,،]/u.test(after) || /[,،]\s*$/u.test(inner));
  return own || introduced || opening ? text : undefined;
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

/** Whether all that stands between the words at j-1 and j is brackets and space: "(كونا)" is no break of its clause. */
function bracketsOnly(para: string, tokens: readonly Token[], j: number): boolean {
  const prev = tokens[j - 1];
  return prev !== undefined && /^[\s()]+$/u.test(para.slice(prev.start + prev.raw.length, tokens[j]!.start));
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
function sourceAfter(clause: string, tokens: readonly Token[], end: number, rules: CompiledRules, table: SpeechTable, source = false): Token[] {
  const words: Token[] = [];
  for (let k = end; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (breakBefore(clause, tokens, k) || rules.complementizers.has(t.norm) || (words.length > 0 && rules.adjuncts.has(t.norm) && !complemented(words, t) && !inTitle(tokens, k))) break;
    // « …, a raconté à l'AFP Jean-Marc Ferri », « a confié au Monde un conseiller »: whom it was told to, then who told it.
    const told = words.length === 0 ? recipientAt(clause, tokens, k) : 0;
    if (told > 0) {
      k += told - 1;
      continue;
    }
    // « a déclaré à Genève le directeur général de l'OMS »: where it was said, then the speaker at its article; « Rafael Grossi
    // à son retour de Kiev »: after a name, where ends it.
    const inv = rules.inverted;
    if (inv?.adjuncts.has(t.norm) && (t.norm !== 'a' || t.raw.toLowerCase() === 'à')) {
      if (words.length > 0 && isCapitalized(words[words.length - 1]!)) break;
      if (words.length === 0) {
        let a = k + 1;
        while (a < tokens.length && a - k <= MAX_ATTRIBUTION_TOKENS && !breakBefore(clause, tokens, a) && !(inv.articles.has(tokens[a]!.norm) && !inv.adjuncts.has(tokens[a - 1]!.norm) && !INSIDE_ADJUNCT.has(tokens[a - 1]!.norm))) a++;
        if (a < tokens.length && inv.articles.has(tokens[a]!.norm) && !breakBefore(clause, tokens, a)) {
          k = a - 1;
          continue;
        }
      }
    }
    if (words.length === 0 && rules.connectives.has(t.norm)) continue;
    // « a souligné de son côté le secrétaire général », "said for its part the ministry": the aside is no part of who spoke.
    const aside = words.length === 0 ? rules.reported?.asides.find((a) => a.every((norm, i) => tokens[k + i]?.norm === norm && (i === 0 || !breakBefore(clause, tokens, k + i)))) : undefined;
    if (aside) {
      k += aside.length - 1;
      continue;
    }
    // « selon lui la place du Royaume … »: a pronoun is the whole source; what follows is what it says. (After a verb,
    // Spanish "dijo el ministro": «el» is the article, folded like «él».)
    if (source && words.length === 0 && rules.pronouns.has(t.norm)) return [t];
    // « …, a déclaré jeudi soir le ministre », "…, said on Thursday the agency": when it was said is not who said it.
    if (words.length === 0 && (SPOKEN_WHEN.has(t.norm) || (SPOKEN_WHEN_LEADS.has(t.norm) && SPOKEN_WHEN.has(tokens[k + 1]?.norm ?? '')))) continue;
    // « a assuré Nawaf Salam samedi soir »: after the speaker, when it was said ends it ("the Sunday Times" is a name).
    if (words.length > 0 && SPOKEN_WHEN.has(t.norm) && !DEFINITE.has(words[words.length - 1]!.norm)) break;
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
 * How many words whom a French verb told takes at k before the speaker after it: « à l'AFP », « à la presse », « au Monde »,
 * « aux journalistes » — a preposition, an article, one word; then the speaker, or the end of the sentence (all its words are
 * whom it was told to). 0: none, or a comma after them (an apposition's).
 */
function recipientAt(clause: string, tokens: readonly Token[], k: number): number {
  const t = tokens[k]!.norm;
  const n = t === 'à' || t === 'a' ? (RECIPIENT_ARTICLES.has(tokens[k + 1]?.norm ?? '') ? 3 : 0) : t === 'au' || t === 'aux' ? 2 : 0;
  // « à » itself, not the auxiliary « a » of the next verb: written with its accent.
  if (n === 0 || (t === 'a' && tokens[k]!.raw !== 'à' && tokens[k]!.raw !== 'À')) return 0;
  // Nothing after it in its sentence (« », a déclaré à la presse.»): whom it was told to, and no speaker named.
  const next = tokens[k + n];
  if (!next || next.sentence !== tokens[k]!.sentence) return tokens.length - k;
  return breakBefore(clause, tokens, k + n) ? 0 : n;
}
const RECIPIENT_ARTICLES = fold(['l', 'la', 'le', 'les']);
/** « de », « du »: an article after them is inside the adjunct where it was said (« en tête du cortège »), not the speaker's. */
const INSIDE_ADJUNCT = fold(['de', 'du', 'des', 'd']);

/** Words of when, between a verb and the speaker after it: days, parts of the day, yesterday and today (en, fr, es, de). */
const SPOKEN_WHEN = fold([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today', 'tonight', 'morning', 'evening', 'afternoon', 'night',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'hier', "aujourd'hui", 'soir', 'matin', 'midi',
  'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo', 'ayer', 'hoy',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag', 'gestern', 'heute',
]);
/** "on Thursday", "late on Monday", « dans la soirée » is not read: only a lead right before a word of SPOKEN_WHEN. */
const SPOKEN_WHEN_LEADS = fold(['on', 'late', 'early', 'last', 'this', 'el', 'am']);

/**
 * The speaker before the verb: the words right before it ("In Baghdad, the minister said"), or
 * before an apposition set off by commas ("Rana Haddad, a spokeswoman, said"), after any "that"
 * or earlier verb ("He said that the minister told…"). `from`: where it may start (after an adjunct
 * that opens a verb-final clause: subjectEnd).
 */
function subjectBefore(clause: string, tokens: readonly Token[], verb: number, rules: CompiledRules, table: SpeechTable, from = 0): Token[] {
  const segments: Token[][] = [[]];
  // A speech verb earlier in the clause, while no "that" has come since, and the segments before it: "X declared a holiday
  // and said …" is X's (read only when the verb is such a second predicate, below).
  let earlier: { at: number; parts: Token[][] } | undefined;
  for (let k = from; k < verb; k++) {
    if (breakBefore(clause, tokens, k)) segments.push([]);
    const t = tokens[k]!;
    const v = rules.complementizers.has(t.norm) ? undefined : verbAt(tokens, k, table);
    if (rules.complementizers.has(t.norm) || v) {
      earlier = v ? { at: k, parts: [...segments] } : undefined;
      segments[segments.length - 1] = [];
      if (v) k = v.end - 1;
      continue;
    }
    segments[segments.length - 1]!.push(t);
  }
  // "Sudani declared a public holiday and said the trophy belonged …": the second predicate's subject is the first's, not
  // "a public holiday" (a coordinator right before the verb, in its segment).
  const own = segments[segments.length - 1]!.filter((t) => !rules.connectives.has(t.norm) || isCoordinator(t));
  if (earlier && own.length > 1 && isCoordinator(own[own.length - 1]!)) {
    // Its subject: the segment naming someone the gazetteer knows ("Sudani, who watched from the stands, declared …"), else
    // the one subjectOf chooses for it.
    const { at, parts } = earlier;
    const subject = parts.find((g) => gazetteer().nameSpans(g).some((m) => m.type === 'person' || m.type === 'org')) ?? subjectOf(clause, tokens, at, parts, rules);
    if (subject.length > 0) return trimConnectives([...subject], rules);
  }
  return subjectOf(clause, tokens, verb, segments, rules);
}

/** subjectBefore's choice among the segments before the verb at `verb` (commas and earlier verbs split them). */
function subjectOf(clause: string, tokens: readonly Token[], verb: number, parts: readonly Token[][], rules: CompiledRules): Token[] {
  const segments = parts.map((g) => [...g]);
  let appositive = verb > 0 && breakBefore(clause, tokens, verb);
  // An auxiliary alone after the comma ("…, Fouad Hussein, a affirmé") is no subject: the
  // segments before it are, as if the verb followed the comma.
  const tail = segments[segments.length - 1]!;
  // "…, and has said that", « …, et a affirmé que »: a second predicate of the first one's subject.
  const coordinated = tail.some((t) => isCoordinator(t));
  if (!appositive && segments.length > 1 && tail.length > 0 && trimConnectives(tail, rules).length === 0) {
    segments.pop();
    appositive = true;
  }
  let chosen = appositive && segments.length >= 2 ? segments[segments.length - 2]! : segments[segments.length - 1]!;
  if (coordinated) {
    // That subject ends where its own predicate's auxiliary starts (« Tebboune | a tendu la main au Hirak, et a affirmé que »).
    const aux = chosen.findIndex((t, i) => i > 0 && rules.connectives.has(t.norm) && !isCoordinator(t));
    if (aux > 0) chosen = chosen.slice(0, aux);
  }
  return trimConnectives(chosen, rules);
}

/**
 * Where the subject before a verb ends in a verb-final language (rules.preverbal): at the first word of the verb's stretch (after
 * the last comma, complementizer or other verb) that opens an adjunct — «مەسرور بارزانی لە کۆنفرانسێکدا گوتی», "Barzanî ji Rûdawê re
 * got" — but not at the relation after an unnamed source's head («سەرچاوەیەکی نزیک لە سەرۆک وەزیران», "çavkaniyek ji PDKê"), once,
 * unless a postposition closes it ("berpirsek ji Rûdawê re got"). An adjunct opening the clause leaves no subject («لە بەشێکی تری
 * لێدوانەکەیدا گوتی»: he said), or is passed over when a postposition closes it ("Di civîna îro de Barzanî got"). [from, end): where
 * the subject may start (0: anywhere) and where it ends; elsewhere [0, verb).
 */
function subjectEnd(clause: string, tokens: readonly Token[], verb: number, rules: CompiledRules, table: SpeechTable): [number, number] {
  if (rules.preverbal.size === 0) return [0, verb];
  let start = 0;
  for (let k = 0; k < verb; k++) {
    if (breakBefore(clause, tokens, k)) start = k;
    if (rules.complementizers.has(tokens[k]!.norm)) start = k + 1;
    else {
      const v = verbAt(tokens, k, table);
      if (v) [k, start] = [v.end - 1, Math.min(v.end, verb)];
    }
  }
  // The postposition that closes the adjunct opening at k, before the verb and any other preposition; -1: none.
  const closedAt = (k: number): number => {
    for (let m = k + 1; m < verb; m++) {
      if (rules.postpositions.has(tokens[m]!.norm)) return m;
      if (rules.adjuncts.has(tokens[m]!.norm)) return -1;
    }
    return -1;
  };
  let k = start;
  while (k < verb && rules.connectives.has(tokens[k]!.norm)) k++;
  let first = k;
  let from = 0;
  let head = false;
  let related = false;
  for (; k < verb; k++) {
    const t = tokens[k]!;
    if (!rules.preverbal.has(t.norm)) {
      head ||= unnamedHead(t, rules);
      continue;
    }
    const close = closedAt(k);
    if (k === first && !(k > 0 && breakBefore(clause, tokens, k))) {
      if (close < 0) return [from, k];
      [k, first, from] = [close, close + 1, close + 1];
      continue;
    }
    if (head && !related && close < 0 && rules.unnamed?.relations.has(t.norm) === true) {
      related = true;
      continue;
    }
    return [from, k];
  }
  return [from, verb];
}

/** Whether a word is the head of an unnamed source by itself (سەرچاوەیەک, "çavkaniyek", مصادر). */
function unnamedHead(t: Token, rules: CompiledRules): boolean {
  const b = bare(t);
  return rules.unnamed?.heads.some((h) => h.length === 1 && (h[0] === t.norm || h[0] === b)) === true;
}

/**
 * At most MAX_BY_WORDS words (a word is what spaces set apart: "al-Kadhimi" is one), and not
 * a person's name cut short: «الممثلة الخاصة للأمين العام للأمم المتحدة جينين هينيس بلاسخارت»
 * keeps its last word, which the name needs.
 */
function capWords(clause: string, words: Token[]): Token[] {
  let count = 0;
  for (let k = 0; k < words.length; k++) {
    const prev = words[k - 1];
    if (!prev || /\s/.test(clause.slice(prev.start + prev.raw.length, words[k]!.start))) count++;
    if (count > MAX_BY_WORDS) return words.slice(0, k + nameGoesOn(words, k));
  }
  return words;
}

/** How many words from k on (0–2) finish a person's name begun before k. */
function nameGoesOn(words: readonly Token[], k: number): number {
  const from = Math.max(0, k - 3);
  const span = gazetteer().nameSpans(words.slice(from, k + 2)).find((m) => m.type === 'person' && from + m.start < k && from + m.end > k);
  return span ? from + span.end - k : 0;
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

/**
 * The day the text being read was written (extractQuotes' `at`), for the whole of one synchronous
 * call: an office's title is its holder that day ("Iraq's foreign minister said" → Fuad Hussein).
 * Held here rather than passed down the dozen readers that end in speakerIn.
 */
let writtenOn: Date | undefined;
/** What the text is about (the article's country, the entities it names), for generic titles, likewise. */
let writtenAbout: TextSetting = {};

/**
 * The first person the gazetteer finds named in these words, else the holder of an office they
 * name (on the day the text was written: «وزير الخارجية العراقي»), else the first organisation. A
 * name goes first: in «الممثلة الخاصة للأمين العام للأمم المتحدة جينين هينيس بلاسخارت» the speaker
 * is the envoy named, not the Secretary-General her title mentions.
 */
function speakerIn(words: readonly Token[], lang: string): QuoteSpeaker | undefined {
  if (words.length === 0) return undefined;
  const found = gazetteer().findInTokens(words, lang);
  const person = found.find((x) => x.type === 'person') ?? (writtenOn ? gazetteer().findInTokens(words, lang, writtenOn, writtenAbout).find((x) => x.type === 'person') : undefined);
  if (person) return { id: person.id, name: person.name, type: 'person' };
  const org = found.find((x) => x.type === 'org');
  return org && !namedHolder(words, lang) ? { id: org.id, name: org.name, type: 'org' } : undefined;
}

/** A role an organisation's person holds, before their name ("Fed Chair Jerome Powell", « le porte-parole du Hamas, Hazem Qassem »). */
const ROLES = fold([
  'chair', 'chairman', 'chairwoman', 'chief', 'ceo', 'cfo', 'spokesman', 'spokeswoman', 'spokesperson', 'head', 'director', 'president', 'secretary', 'minister',
  'governor', 'commander', 'envoy', 'ambassador', 'official', 'executive', 'leader', 'founder', 'economist', 'analyst', 'adviser', 'advisor', 'manager', 'coach',
  'captain', 'general', 'mayor', 'senator', 'lawmaker', 'researcher', 'professor', 'lawyer', 'attorney', 'prosecutor', 'judge', 'editor', 'boss', 'owner',
  'parole', 'président', 'présidente', 'directeur', 'directrice', 'patron', 'patronne', 'chef', 'ministre', 'secrétaire', 'gouverneur', 'gouverneure', 'commandant',
  'ambassadeur', 'ambassadrice', 'envoyé', 'envoyée', 'responsable', 'pdg', 'dirigeant', 'dirigeante', 'fondateur', 'fondatrice', 'entraîneur', 'sélectionneur',
  'maire', 'avocat', 'avocate', 'procureur', 'juge', 'économiste', 'analyste', 'conseiller', 'conseillère', 'capitaine', 'général', 'presidente', 'portavoz', 'sprecher', 'sprecherin', 'chefin',
]);

/**
 * Whether the words end in the name of someone the gazetteer does not know, after a role at an organisation it does ("Fed
 * Chair Jerome Powell told reporters", "Apple CEO Tim Cook"): the person spoke, not the organisation their title names, so
 * no one known did. The name is the capitalised words at the end (two at least, joiners such as "al" between) in which the
 * gazetteer finds nothing, the role and the organisation before it. Scripts without capitals never read so.
 */
function namedHolder(words: readonly Token[], lang: string): boolean {
  for (let i = words.length - 2; i >= 1; i--) {
    const t = words[i]!;
    if (!/^\p{Lu}/u.test(t.raw) && !TITLE_JOINERS.has(t.norm)) return false;
    if (!/^\p{Lu}/u.test(t.raw) || !/^\p{Lu}/u.test(words[words.length - 1]!.raw)) continue;
    const name = words.slice(i);
    if (gazetteer().findInTokens(name, lang).length > 0) return false;
    const before = words.slice(0, i);
    if (before.some((w) => ROLES.has(w.norm)) && gazetteer().findInTokens(before, lang).some((x) => x.type === 'org')) return true;
  }
  return false;
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
  // "…, one shopkeeper said, asking that his name not be used": the request is no statement, and makes its asker unnamed.
  'asking that his name', 'asking that her name', 'asking that their names', 'asked that his name', 'asked that her name', 'asked that their names',
  'anonymat', 'anonimato', 'anonym bleiben', 'nicht namentlich', 'ismini vermek', 'adının açıklanmaması', 'نامش', 'неназванн', 'анонимност',
  'عدم الكشف عن اسم', 'عدم الكشف عن هوي', 'عدم ذكر اسم', 'عدم نشر اسم', 'رفض الكشف عن', 'رفضت الكشف عن',
].map((p) => normalizeText(p));
/** Words at most of the reason a source gives for asking not to be named («لعدم تخويلهما بالتصريح», "because he was not authorised …"). */
const ANONYMITY_REASON_WORDS = 12;
/** How many words the phrase asking not to be named that starts at `t` has («عدم ذكر اسمه»: 3); 0 when none starts there. */
function anonymityAt(text: string, t: Token): number {
  const rest = normalizeText(text.slice(t.start, t.start + 40));
  const i = ANONYMITY.findIndex((p) => rest.startsWith(p));
  return i < 0 ? 0 : ANONYMITY_WORDS[i]!;
}
const ANONYMITY_WORDS = ANONYMITY.map((p) => tokenize(p).length);

/**
 * Arabic-script words before a source's head: أحد المسؤولين, بعض المصادر, كبار المسؤولين, هذه المصادر; Persian یک منبع, یکی از مقامات,
 * همین منابع (these same sources); Sorani چەند سەرچاوەیەک, دوو بەرپرس, ئەو ڕاپۆرتە.
 */
const QUANTIFIERS = fold(['أحد', 'إحدى', 'بعض', 'عدد', 'كبار', 'من', 'هذه', 'هؤلاء', 'تلك', 'یک', 'یکی', 'از', 'این', 'همین', 'همان', 'چەند', 'هەندێک', 'دوو', 'سێ', 'ئەو', 'ئەم']);

/**
 * Whether a relation word follows `word` at once: in the attribution, or in the text it was cut
 * from (the attribution stops before «في»: «عضو | في لجنة …»).
 */
function relationAfter(word: Token, words: readonly Token[], region: string, relations: ReadonlySet<string>): boolean {
  const inWords = words.indexOf(word);
  if (inWords >= 0 && inWords < words.length - 1) return relations.has(words[inWords + 1]!.norm);
  const all = tokenize(region);
  const at = all.findIndex((t) => t.norm === word.norm);
  return at >= 0 && relations.has(all[at + 1]?.norm ?? '');
}

/**
 * What says who an unnamed Arabic source is, when the attribution stopped before it at «في» or
 * «لدى» (an adjunct elsewhere: «قال الوزير في مؤتمر صحفي»), or a deputy's «عن»: «مسؤول | في وزارة النفط», «عضو | في
 * لجنة الأمن والدفاع النيابية». `after`: the tokens of `text` that follow the attribution. Up to a
 * comma, a complementizer, another adjunct or an occasion; none when the relation's object is an
 * occasion or a time («في بيان», «في وقت سابق»); it stops at whom a «أبلغ» told and before «طلب عدم الكشف عن اسمه».
 */
function unnamedRelation(text: string, head: Token, after: readonly Token[], rules: CompiledRules): Token[] {
  const rel = after[0];
  if (!rules.arabic || !rel || !rules.unnamed?.relations.has(rel.norm)) return [];
  // «عن» is where a deputy sits for («نائبة عن محافظة نينوى»); after a source it is what he spoke of.
  if (!rules.adjuncts.has(rel.norm) && !(rel.norm === AN && MEMBER_HEADS.has(bare(head)))) return [];
  const occasion = (t: Token) =>
    rules.reported?.events.has(bare(t)) === true || rules.reported?.events.has(t.norm) === true || rules.reported?.gap.has(t.norm) === true || ARABIC_TIMES.has(bare(t));
  const out: Token[] = [rel];
  for (let k = 1; k < after.length && out.length < MAX_RELATION_WORDS; k++) {
    const t = after[k]!;
    const prev = after[k - 1]!;
    if (/[^\s\p{L}\p{N}]/u.test(text.slice(prev.start + prev.raw.length, t.start))) break;
    if (rules.complementizers.has(t.norm) || rules.reported?.that.has(t.norm) === true || rules.adjuncts.has(t.norm) || occasion(t)) break;
    // «وأبلغ مسؤول في وزارة النفط وكالة الأنباء العراقية أن»: whom he told is not where he works.
    if (k >= 2 && ARABIC_OBJECTS.has(bare(t))) break;
    const next = after[k + 1];
    // «رفض الكشف عن اسمه» opens at its verb; «طلب عدم الكشف عن اسمه» at عدم, its verb before it.
    if (anonymityAt(text, t) > 0 || (next?.norm === ADAM && anonymityAt(text, next) > 0)) break;
    out.push(t);
  }
  return out.length > 1 ? out : [];
}
/**
 * An unnamed source's attribution with its relation (unnamedRelation) when one follows it in
 * `tokens` (the tokens of `text`); undefined when none does and the attribution stands as read.
 */
function unnamedBy(text: string, tokens: readonly Token[], words: readonly Token[], rules: CompiledRules, lam: boolean): string | undefined {
  const last = words[words.length - 1];
  const at = last ? tokens.indexOf(last) : -1;
  if (at < 0) return undefined;
  const rel = unnamedRelation(text, last!, tokens.slice(at + 1, at + 2 + MAX_RELATION_WORDS), rules);
  return rel.length > 0 ? written(text, capWords(text, [...words, ...rel]), lam) : undefined;
}
/**
 * A named member's attribution with his relation and name (memberNamed): «عضو في اللجنة المالية
 * النيابية جمال كوجر», «النائب عن ائتلاف دولة القانون محمد الصيهود», or the name in apposition after
 * the relation's comma («عضو في اللجنة المالية، جمال كوجر،»); undefined when the attribution does not
 * end at a member head with a relation after it.
 */
function memberBy(text: string, tokens: readonly Token[], words: readonly Token[], rules: CompiledRules, lam: boolean): string | undefined {
  const last = words[words.length - 1];
  if (!rules.arabic || !last || !MEMBER_HEADS.has(bare(last))) return undefined;
  const at = tokens.indexOf(last);
  if (at < 0) return undefined;
  const rel = unnamedRelation(text, last, tokens.slice(at + 1, at + 2 + MAX_RELATION_WORDS), rules);
  if (rel.length === 0) return undefined;
  const span = [...words, ...rel];
  if (!rel.some((t) => ARABIC_GIVEN_NAMES.has(t.norm)) && ARABIC_GIVEN_NAMES.has(tokens[at + 1 + rel.length]?.norm ?? '')) {
    const name: Token[] = [];
    for (let k = at + 1 + rel.length; k < tokens.length && name.length < 4; k++) {
      const t = tokens[k]!;
      const prev = name[name.length - 1];
      if (prev && /[^\s\p{L}\p{N}]/u.test(text.slice(prev.start + prev.raw.length, t.start))) break;
      if (rules.complementizers.has(t.norm) || rules.reported?.that.has(t.norm) === true) break;
      name.push(t);
    }
    if (name.length >= 2) span.push(...name);
  }
  return written(text, capWords(text, span), lam);
}
/** Times a «في» may open after a source («في وقت سابق», «في ساعة متأخرة»): no relation (ال off: bare()). */
const ARABIC_TIMES = new Set(
  ['وقت', 'ساعة', 'ساعات', 'يوم', 'أيام', 'أسبوع', 'شهر', 'عام', 'سنة', 'صباح', 'مساء', 'ليلة', 'فترة', 'أعقاب', 'إطار', 'معرض', 'سياق', 'ظل']
    .flatMap((w) => tokenize(w).map((t) => bare(t))),
);
/** At most this many words of an unnamed source's relation («في لجنة الأمن والدفاع النيابية»). */
const MAX_RELATION_WORDS = 7;

/** Arabic heads that are an unnamed source only with a relation after them (unnamedSource). */
const MEMBER_HEADS = fold(['عضو', 'عضوة', 'أعضاء', 'نائب', 'نائبة', 'نواب']);

/**
 * Given names common in the Arabic press, to tell a member's name after his relation («عضو في
 * اللجنة المالية جمال كوجر»): Arabic writes names without capitals, and a member's relation runs
 * on into his name with nothing between. Read only there, as the first of two words or more.
 */
const ARABIC_GIVEN_NAMES = fold([
  // men
  'محمد', 'أحمد', 'محمود', 'علي', 'حسن', 'حسين', 'عباس', 'جعفر', 'جواد', 'كاظم', 'مصطفى', 'عمر', 'عثمان', 'خالد', 'سعد', 'سعيد',
  'جمال', 'كمال', 'عادل', 'فاضل', 'ماجد', 'حيدر', 'صادق', 'باقر', 'مهدي', 'هادي', 'رضا', 'كريم', 'عبد', 'عبدالله', 'عبدالرحمن',
  'إبراهيم', 'إسماعيل', 'يوسف', 'يعقوب', 'موسى', 'عيسى', 'داود', 'سليمان', 'نوري', 'حامد', 'حميد', 'رشيد', 'مجيد', 'وليد', 'طارق',
  'فؤاد', 'نبيل', 'سامي', 'رياض', 'فارس', 'ياسر', 'ياسين', 'نعيم', 'قاسم', 'هاشم', 'ناصر', 'منصور', 'سلمان', 'زياد', 'رائد', 'ثامر',
  'شاكر', 'صلاح', 'فالح', 'فلاح', 'ضياء', 'بهاء', 'علاء', 'مثنى', 'أسامة', 'همام', 'مقتدى', 'عمار', 'هوشيار', 'سلام', 'رعد',
  'ريبوار', 'شيروان', 'آزاد', 'كاوه', 'بختيار', 'عرفان', 'ظافر', 'محسن', 'مرتضى', 'مسعود', 'نيجيرفان', 'برهم', 'لطيف', 'توفيق',
  'حازم', 'حاتم', 'حارث', 'حمزة', 'زيد', 'سيف', 'ليث', 'مؤيد', 'مازن', 'مهند', 'نزار', 'هيثم', 'وائل', 'أنور', 'أيمن', 'بشار',
  'بشير', 'تحسين', 'ثائر', 'جاسم', 'جبار', 'جلال', 'حسام', 'حمد', 'خليل', 'خضير', 'رحيم', 'رزاق', 'زهير', 'سالم', 'سامر', 'سرمد',
  'سمير', 'شعلان', 'صفاء', 'ضرغام', 'طه', 'عامر', 'عدنان', 'عصام', 'عقيل', 'عماد', 'عوض', 'غازي', 'غسان', 'فراس', 'فرهاد', 'فيصل',
  'قحطان', 'قيس', 'كامل', 'لؤي', 'ماهر', 'مالك', 'منذر', 'مناف', 'ناظم', 'نجم', 'نصير', 'هشام', 'يحيى', 'يونس', 'إياد', 'أكرم',
  'أسعد', 'أياد', 'باسم', 'جاسب', 'حكمت', 'رافع', 'سعدون', 'شوان', 'عزيز', 'فخري', 'مشعان', 'نوزاد', 'هوار', 'دلشاد', 'سردار',
  // women
  'فاطمة', 'زينب', 'مريم', 'عالية', 'حنان', 'هيفاء', 'سميرة', 'نادية', 'ليلى', 'سهام', 'رنا', 'رغد', 'ابتسام', 'انتصار', 'آلاء',
  'شيماء', 'وفاء', 'ميسون', 'نهلة', 'ندى', 'هدى', 'إيمان', 'أمل', 'سناء', 'رحاب', 'ماجدة', 'خديجة', 'عائشة', 'سارة', 'دنيا',
  'زهراء', 'رشا', 'لمياء', 'سوزان', 'جنان', 'إخلاص', 'أسماء', 'بشرى', 'حلا', 'دعاء', 'رجاء', 'رباب', 'سعاد', 'شذى', 'عبير',
  'غادة', 'فرح', 'لينا', 'منى', 'نسرين', 'نور', 'هالة', 'هناء', 'يسرى', 'كلشان', 'فيان', 'ريزان', 'بيريفان', 'شيرين',
]);

/**
 * Whether a member's relation runs on into his name («عضو في اللجنة المالية النيابية جمال كوجر»,
 * «…، جمال كوجر،»): after the relation word and at least one word of its body (not right after an
 * indefinite body, whose complement it is: «في لجنة حسن الجوار»), a given name with
 * a word after it (his family name), before the complementizer.
 */
function memberNamed(head: Token, words: readonly Token[], region: string, rules: CompiledRules): boolean {
  let tail: readonly Token[];
  const inWords = words.indexOf(head);
  if (inWords >= 0 && inWords < words.length - 1) tail = words.slice(inWords + 1);
  else {
    const all = tokenize(region);
    const at = all.findIndex((t) => t.norm === head.norm);
    tail = at < 0 ? [] : all.slice(at + 1);
  }
  const stop = (t: Token | undefined) => t === undefined || rules.complementizers.has(t.norm) || rules.reported?.that.has(t.norm) === true;
  for (let k = 2; k < tail.length - 1 && k <= MAX_RELATION_WORDS + 1; k++) {
    // A time ends the relation («… صباح اليوم»), as it ends unnamedRelation.
    if (stop(tail[k]) || ARABIC_TIMES.has(bare(tail[k]!))) return false;
    // Right after an indefinite body («في لجنة حسن الجوار») the word is what the body is of.
    if (k === 2 && !tail[1]!.norm.startsWith('ال')) continue;
    if (ARABIC_GIVEN_NAMES.has(tail[k]!.norm) && !stop(tail[k + 1])) return true;
  }
  return false;
}
const AN = tokenize('عن')[0]!.norm;
/** «عن الكاظمي قوله إن»: the verbal noun after a relayed speaker (read by ALSO's rules). */
const QAWL = fold(['قوله', 'قولها', 'قولهم']);
const ADAM = tokenize('عدم')[0]!.norm;

/** A token's form with the Arabic article off (المصادر → مصادر), for comparing heads. */
function bare(t: Token): string {
  return t.arabic && t.norm.startsWith('ال') && t.norm.length >= 5 ? t.norm.slice(2) : t.norm;
}

/** Two Latin words with a capital in a row: a name ("an official, Ahmed Moussa,"). */
function namesSomeone(tokens: readonly Token[]): boolean {
  for (let k = 1; k < tokens.length; k++) {
    if (!/^\p{Lu}/u.test(tokens[k - 1]!.raw) || !/^\p{Lu}/u.test(tokens[k]!.raw) || tokens[k]!.arabic) continue;
    // « une habitante de Béni Khiar », "a resident of New Delhi": where they are from is a place, not their name.
    if (k >= 2 && FROM_PLACE.has(tokens[k - 2]!.norm)) continue;
    return true;
  }
  return false;
}
const FROM_PLACE = fold(['de', 'du', 'of', 'from', 'in', 'à']);

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
    // A member or a deputy is unnamed only when a relation follows at once («عضو في لجنة …»,
    // «نائبة عن محافظة نينوى», "a member of"); in construct with its body a name usually follows
    // («عضو اللجنة المالية جمال كوجر»), and Arabic names have no capital to tell them by.
    // The member is named when his name follows his relation, and a definite «النائب عن …» is one
    // the article has named («وقال النائب عن ائتلاف دولة القانون محمد الصيهود»).
    else if (
      head[k] && k === head.length - 1 && MEMBER_HEADS.has(bare(head[k]!)) && !head[k]!.norm.startsWith('ال') && relationAfter(head[k]!, words, region, u.relations) &&
      !memberNamed(head[k]!, words, region, rules)
    ) at = k;
  } else {
    for (let k = 0; k < head.length && at < 0; k++) {
      const w = head[k]!.norm;
      const next = words[k + 1];
      for (const h of u.heads) {
        if (h[0] !== w || (h.length > 1 && next?.norm !== h[1])) continue;
        // "official" before a noun is an adjective: "the official Iraqi News Agency"; before a participle it is the noun ("an
        // official travelling with the delegation").
        if (lang === 'en' && h.length === 1 && next && !u.relations.has(next.norm) && !/(?:ing|ed)$/u.test(next.norm)) continue;
        at = k;
        break;
      }
    }
  }
  if (at < 0) return indefinitePerson(words, after, lang);
  // A person the gazetteer knows anywhere at the head; after the head word or in the apposition, also
  // two words with a capital (not in German, whose nouns all have one; not before the head: "Two Iraqi officials").
  const person = (ws: readonly Token[]) => speakerIn(ws, lang)?.type === 'person';
  const named = (ws: readonly Token[]) => person(ws) || (!rules.arabic && lang !== 'de' && namesSomeone(ws));
  // Kurmanji: after the indefinite with the ezafe ("berpirsekî Parastina Şaristanî") the words with a capital are whose it is.
  const genitive = lang === 'ku' && /(?:eki|eke)$/.test(head[at]!.norm);
  return !person(head) && !(genitive ? person : named)(head.slice(at + 1)) && !named(after);
}

/** What a report may be attributed to that is not a person: documents, counts, media. */
const NOT_PEOPLE = fold([
  'statement', 'report', 'study', 'survey', 'poll', 'document', 'letter', 'memo', 'note', 'notice', 'bulletin', 'tally', 'toll', 'count', 'video', 'post',
  'message', 'tweet', 'interview', 'release', 'filing', 'decree', 'resolution', 'ruling', 'analysis', 'estimate', 'assessment', 'review', 'audit', 'paper',
  'communiqué', 'communique', 'rapport', 'étude', 'enquête', 'sondage', 'lettre', 'bilan', 'décret', 'arrêté', 'texte', 'vidéo', 'entretien', 'déclaration',
  'avis', 'décision', 'jugement', 'arrêt', 'estimation', 'publication', 'courrier', 'comunicado', 'informe', 'estudio', 'encuesta',
]);
const FOR_A_BODY = fold(['spokesman', 'spokeswoman', 'spokesperson', 'spokespeople', 'representative', 'parole', 'représentant', 'représentante', 'portavoz']);
/**
 * Indefinite articles and quantifiers that open a speaker no one named: "a lawyer for the families", "some drivers", "one
 * shopkeeper", « une enseignante de Limoilou », «أحد التجار» (one of the traders).
 */
const INDEFINITE_SPEAKER: Readonly<Record<string, ReadonlySet<string>>> = {
  en: fold(['a', 'an', 'some', 'several', 'many', 'one']),
  ar: fold(['أحد', 'إحدى']),
  fr: fold(['un', 'une', 'des', 'plusieurs', 'certains', 'certaines']),
  es: fold(['un', 'una', 'unos', 'unas', 'varios', 'varias']),
};

/**
 * Whether the speaker is someone the report does not name, by an indefinite article: "a lawyer for the families", « un
 * avocat des parties civiles », « une enseignante de Limoilou » — as blind labellers read them. Not when it names anyone the
 * gazetteer knows ("a Boeing spokesman" speaks for Boeing) or a name follows (« une militante, Aïcha Benali, »).
 */
function indefinitePerson(words: readonly Token[], after: readonly Token[], lang: string): boolean {
  if (words.length < 2 || INDEFINITE_SPEAKER[lang]?.has(words[0]!.norm) !== true) return false;
  // A statement, a report, a toll is no one: « un communiqué conjoint », "a federal report", « un nouveau bilan »; a
  // spokesman speaks for a body, on the record ("a government spokesman", « un porte-parole du ministère »).
  if (words.some((w) => NOT_PEOPLE.has(w.norm) || FOR_A_BODY.has(w.norm))) return false;
  if (gazetteer().findInTokens([...words, ...after], lang).length > 0) return false;
  return !namesSomeone(words.slice(1)) && !namesSomeone(after);
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
  /** A second predicate after the quotation ('… "…" and said …'): its speaker is the sentence's subject (openingSubject). */
  coordinated?: boolean;
  /** Read from a source phrase («بحسب ما نقلت الوكالة», "according to"), not a speech verb. */
  source?: boolean;
}

const THESE_WORDS = [fold(['بهذه', 'وبهذه', 'بهذا', 'وبهذا', 'بتلك']), fold(['الكلمات', 'الكلمة', 'العبارة', 'العبارات', 'الجملة'])] as const;
const SAID_AR = tokenize('قال')[0]!.norm;

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
  // «"…"، بهذه الكلمات علّق النجم المصري محمد صلاح على …»: "with these words" names the quotation before it, and the verb
  // after them, whichever it is (علّق, خاطب, ختم), is its attribution's.
  const these = side === 'after' && tokens.length > 3 && THESE_WORDS[0].has(tokens[0]!.norm) && THESE_WORDS[1].has(tokens[1]!.norm);
  if (these) {
    const said = table.get(SAID_AR)?.find((p) => p.words.length === 1);
    if (said) verbs.unshift({ phrase: said, start: 2, end: 3 });
  }
  if (verbs.length === 0) return side === 'before' ? viewOf(clause, tokens, lang) : undefined;
  // Before the quotation: in Arabic the first verb, which opens its clause (وقال الكاظمي خلال …
  // إن "…"); elsewhere the last, nearest the quotation ("The minister, who …, said:").
  // After it: the first.
  let v = verbs[0]!;
  if (side === 'after') {
    // "…," IMF Managing Director Kristalina Georgieva said in a speech …: a title and a name, capitalised, before the verb.
    if (v.start > AFTER_VERB_WITHIN && tokens.length > SHORT_CLAUSE_WORDS && !(v.start <= MAX_BY_WORDS && titledName(tokens.slice(0, v.start)))) return undefined;
    // «…»، فيما أكد الأمين العام لحزب الله أن …», "…", while officials said …: another's statement, not this one's attribution.
    if (tokens.length > 0 && isContentStop(tokens, 0)) return undefined;
  } else if (v.phrase.rules.order !== 'verb-first') v = verbs[verbs.length - 1]!;
  // '… as "a phenomenal moment" and said the Government would …': a second predicate of the sentence's subject, whose
  // words after it are what it reports, not who spoke (a pronoun's reading).
  if (side === 'after' && v.start > 0 && !v.phrase.source && isCoordinator(tokens[0]!) && tokens.slice(1, v.start).every((t) => v.phrase.rules.connectives.has(t.norm))) return { coordinated: true };
  // «…، معتبرة أنها «…»», "…, adding: "…"": a participle's subject is its clause's, never the words after it (a pronoun's
  // reading) — a known person or body its clause opens with, if it has one (sentenceSubject).
  if (v.phrase.participle === true) return (side === 'before' && sentenceSubject(clause, tokens, 0, v.start, v.phrase.rules)) || {};
  const rules = v.phrase.rules;
  // A second predicate before a quotation («وأوقف الكاظمي الوزير، وقال في بيان: «…»», "Kadhimi suspended the minister and
  // said in a statement: "…""): the sentence's subject, when a known name opens it — not the words after the verb (none: a
  // pronoun's reading, which would inherit the last speaker) nor the whole first predicate.
  if (side === 'before' && v.start > 0 && !v.phrase.source) {
    let p = v.start - 1;
    while (p >= 0 && rules.connectives.has(tokens[p]!.norm) && !isCoordinator(tokens[p]!)) p--;
    const glued = tokens[v.start]!.arabic && tokens[v.start]!.norm !== v.phrase.words[0] && /^[وف]/u.test(tokens[v.start]!.norm);
    // Verb-first, a subject of its own after the verb («، وقال الوزير:») is read as ever; «وقال في بيان» has none.
    const own = rules.order === 'verb-first' ? sourceAfter(clause, tokens, v.end, rules, table) : [];
    if ((glued || (p >= 0 && isCoordinator(tokens[p]!))) && (own.length === 0 || rules.adjuncts.has(own[0]!.norm))) {
      const subject = sentenceSubject(clause, tokens, 0, glued ? v.start : p, rules);
      if (subject) return subject;
    }
  }
  let words: Token[];
  let span: Token[];
  if (v.phrase.source || rules.order === 'verb-first') {
    words = sourceAfter(clause, tokens, v.end, rules, table, v.phrase.source);
    if (!v.phrase.source) words = afterTime(words);
    span = tokens.slice(v.end);
  } else {
    const [from, end] = subjectEnd(clause, tokens, v.start, rules, table);
    words = subjectBefore(clause, tokens, end, rules, table, from);
    // « », a pour sa part assuré Nawaf Salam »: an aside between the auxiliary and its participle is no subject; « Il a par
    // ailleurs annoncé »: nor part of one.
    words = withoutAside(words, rules);
    words = withoutTime(words, rules);
    span = words.length > 0 ? tokens.slice(tokens.indexOf(words[0]!), end) : [];
    if (words.length === 0) {
      words = afterTime(sourceAfter(clause, tokens, v.end, rules, table));
      span = tokens.slice(v.end);
    }
  }
  words = capWords(clause, words);
  // The verb there may take an object (خاطب الحشود, علّق على التتويج): the attribution ends with the names it gives.
  if (these) {
    // A title and the name after it are one attribution («الرئيس الفلسطيني محمود عباس»).
    let end = 0;
    for (const m of gazetteer().nameSpans(words)) {
      if (m.type !== 'person' && m.type !== 'org') continue;
      if (end > 0 && m.start > end) break;
      end = Math.max(end, m.end);
    }
    if (end > 0) words = words.slice(0, end);
  }
  if (words.length === 0 || words.every((t) => rules.pronouns.has(t.norm))) {
    // «… مع نظيره الأردني أيمن الصفدي، الذي قال من جهته إن "…"»: the relative's antecedent, not the speaker before.
    const antecedent = side === 'before' && rules.arabic ? relativeAntecedent(clause, tokens, v.start, rules, lang) : undefined;
    if (antecedent) return antecedent;
    return side === 'after' && rules.order === 'subject-before-quote' && tokens.length === v.end - v.start ? { bare: rules } : {};
  }
  // The speaker is looked for in the attribution, then in what follows it up to "that" or an
  // adjunct (its apposition: "Rana Haddad, a spokeswoman for the Central Bank of Iraq").
  const from = span.indexOf(words[0]!);
  let to = from;
  // Nor past a source phrase: « a déclaré le souverain, selon le texte diffusé par l'agence MAP » is the king's, not MAP's.
  while (to < span.length && !rules.complementizers.has(span[to]!.norm) && (to === from || (!rules.adjuncts.has(span[to]!.norm) && !SOURCE_WORDS.has(span[to]!.norm)))) to++;
  // A person named there comes before an organisation in the attribution: "the UN envoy Jeanine
  // Hennis-Plasschaert" (her title, cut at eight words, names the UN) is her.
  const inBy = speakerIn(words, lang);
  const inSpan = inBy?.type === 'person' ? undefined : speakerIn(span.slice(Math.max(from, 0), to), lang);
  // « le porte-parole du Hamas, Hazem Qassem »: the apposition names the organisation's person the gazetteer does not know.
  const holder = inBy?.type === 'org' && !inSpan && namedHolder(span.slice(Math.max(from, 0), to), lang);
  const speaker = inSpan?.type === 'person' ? inSpan : holder ? undefined : (inBy ?? inSpan);
  // «وقال في مؤتمر صحفي: "…"», «وأضاف في بيان:»: where it was said, not who said it — a pronoun's attribution, unless a
  // source is named after it («وقال خلال مؤتمر صحفي وزير الخارجية …», «وقال لـ"رويترز" مصدر أمني …»).
  if (!v.phrase.source && rules.order === 'verb-first' && rules.adjuncts.has(words[0]!.norm) && !speaker && !unnamedSource(lamOff(words, v.phrase.lam), [], clause, rules, lang)) return {};
  const by = written(clause, words, v.phrase.lam);
  if (by === '') return {};
  const out: Reading = { by, ...(v.phrase.source ? { source: true } : {}) };
  const last = span.indexOf(words[words.length - 1]!);
  const apposition = last < 0 ? [] : span.slice(last + 1, Math.max(to, last + 1));
  // «ووفقا لمصادر أمنية، "…"»: the head is مصادر, the ل glued to it off.
  if (unnamedSource(lamOff(words, v.phrase.lam), apposition, clause, rules, lang)) {
    out.unnamed = true;
    if (!v.phrase.source) out.by = unnamedBy(clause, tokens, words, rules, v.phrase.lam) ?? out.by;
  } else {
    if (speaker) out.speaker = speaker;
    if (!v.phrase.source) out.by = memberBy(clause, tokens, words, rules, v.phrase.lam) ?? out.by;
  }
  return out;
}

/**
 * « Pour le Premier ministre, « … » »: a sentence opening with whose view it is (SpeechRules.views), the quotation right
 * after its comma. The source must be someone: known to the gazetteer (a title its holder), unnamed (« Pour un diplomate
 * européen, »), or a capitalised name (« Pour Jean Dupuis, »); « Pour la première fois, » and « Pour sa part, » are not.
 */
function viewOf(clause: string, tokens: readonly Token[], lang: string): Reading | undefined {
  if (!Object.hasOwn(SPEECH, lang) || tokens.length < 2 || tokens.length > MAX_BY_WORDS + 1) return undefined;
  const rules = compiledRulesOf(lang);
  if (!rules.views.has(tokens[0]!.norm) || !/[,،]\s*$/u.test(clause)) return undefined;
  const words = tokens.slice(1);
  const by = written(clause, words, false);
  if (by === '') return undefined;
  if (unnamedSource(words, [], clause, rules, lang)) return { by, unnamed: true };
  const speaker = speakerIn(words, lang);
  if (speaker) return { by, speaker };
  return words.length >= 2 && words.every((t) => isCapitalized(t) || TITLE_JOINERS.has(t.norm)) ? { by } : undefined;
}

/**
 * Words at most between an appraisal verb and the quotation it takes (its object: "the truce", « cette décision de »); when
 * a link word ends the object (SpeechRules.appraisalLinks: "described the planned road … as"), the longer bound.
 */
const APPRAISAL_OBJECT_WORDS = 5;
const APPRAISAL_LINKED_OBJECT_WORDS = 16;
const appraisalTables = new Map<string, SpeechTable>();

/**
 * A quotation as the object of a verb that appraises (SpeechRules.appraisals): "Mikati described the truce as "…"", « Le
 * Premier ministre a salué « … » ». Its speaker is the verb's subject, read as a speech verb's is, when that subject is
 * someone: known to the gazetteer or a capitalised name ("a new party called "…"" names no one).
 */
function appraised(before: string, lang: string): Reading | undefined {
  const r = SPEECH[lang];
  if (!r?.appraisals) return undefined;
  let table = appraisalTables.get(lang);
  if (!table) {
    const built = new Map<string, SpeechPhrase[]>();
    addPhrases(built, { ...r, verbs: r.appraisals, sources: [], lamSources: [], reported: undefined }, compiledRulesOf(lang));
    appraisalTables.set(lang, (table = built));
  }
  const tokens = tokenize(before);
  const linked = tokens.length > 0 && (r.appraisalLinks ?? []).includes(tokens[tokens.length - 1]!.norm);
  let near = false;
  for (let i = Math.max(0, tokens.length - (linked ? APPRAISAL_LINKED_OBJECT_WORDS : APPRAISAL_OBJECT_WORDS) - 1); i < tokens.length && !near; i++) near = verbAt(tokens, i, table) !== undefined;
  if (!near) return undefined;
  const heard = readClause(before, 'before', table, lang);
  if (heard?.by === undefined) return undefined;
  // "A new party called "…"", "Critics called it "…"": an unnamed subject is as often a thing named as a source.
  if (heard.speaker) return heard;
  if (heard.unnamed) return undefined;
  const words = tokenize(heard.by);
  return words.length >= 2 && words.every((t) => isCapitalized(t) || TITLE_JOINERS.has(t.norm)) ? heard : undefined;
}

/**
 * A subject without an aside at its end, between the auxiliary and the participle: « », a pour sa part assuré Nawaf Salam »
 * (no subject at all), « Il a par ailleurs annoncé » ("Il").
 */
function withoutAside(words: Token[], rules: CompiledRules): Token[] {
  const aside = rules.reported?.asides.find((a) => a.length <= words.length && a.every((norm, i) => words[words.length - a.length + i]!.norm === norm));
  return aside ? trimConnectives(words.slice(0, words.length - aside.length), rules) : words;
}

/** The first words of the source phrases ("according to", « selon », «بحسب»): where a speaker's apposition ends. */
const SOURCE_WORDS = fold(['according', 'selon', 'بحسب', 'حسب', 'según', 'laut']);

/** A statement named by itself: "the statement", « le communiqué », «البيان» (folded as normalizeText folds). */
const STATEMENT_ALONE = new RegExp(`^(?:${['the statement', 'the report', 'le communique', 'la declaration', 'le rapport', 'البيان', 'التقرير'].map((w) => normalizeText(w)).join('|')})$`, 'u');

const STATEMENT_WORD = new RegExp(['statement', 'communique', 'بيان'].map((w) => normalizeText(w)).join('|'), 'u');

/** How far back the text is read for the person a bare title was given to (titledBefore). */
const TITLED_BEFORE_CHARS = 1500;

/**
 * The person the text before named with this bare title («البابا» → «البابا فرنسيس», "the president" → "President Joe
 * Biden", « le pape » → « le pape Léon XIV »): the last mention of the title's word followed at once (an honorific between at
 * most) by a person the gazetteer knows. Undefined when the attribution is no bare title or no such mention is there.
 */
function titledBefore(text: string, by: string, lang: string): QuoteSpeaker | undefined {
  const word = bareTitle(by);
  if (!word) return undefined;
  const tokens = tokenize(text);
  for (let k = tokens.length - 2; k >= 0; k--) {
    if (bare(tokens[k]!) !== bare(word)) continue;
    // The title with what follows it: a name may carry it («البابا فرنسيس», "Pope Francis").
    const after = tokens.slice(k, k + 1 + MAX_BY_WORDS).filter((x) => x.sentence === tokens[k]!.sentence);
    const span = gazetteer().nameSpans(after).find((m) => m.type === 'person' && m.start <= 2 && m.end > 1);
    if (span) return speakerIn(after.slice(span.start, span.end), lang);
  }
  return undefined;
}

/** Articles a bare title opens with ("the president", « le président »); Arabic has its ال on the word. */
const TITLE_ARTICLES = fold(['the', 'le', 'la', 'l']);

/**
 * Whether an attribution is a bare title («الرئيس», "the president", « le ministre ») whose word opens the attribution
 * before it («الرئيس عبد الفتاح السيسي», "President Abdel Fattah el-Sisi", « le ministre Jean Dupont »).
 */
function sameTitle(by: string, before: string): boolean {
  const word = bareTitle(by);
  if (!word) return false;
  const b = tokenize(before);
  const lead = b.length > 1 && !b[0]!.arabic && TITLE_ARTICLES.has(b[0]!.norm) ? b[1] : b[0];
  return b.length > 1 && lead !== undefined && lead.norm === word.norm;
}

/** The word of an attribution that is a bare title («الرئيس», "the president", « le pape »); undefined for anything longer. */
function bareTitle(by: string): Token | undefined {
  const t = tokenize(by);
  if (t.length === 2 && !t[0]!.arabic && TITLE_ARTICLES.has(t[0]!.norm)) return t[1];
  return t.length === 1 && t[0]!.arabic && t[0]!.norm.startsWith('ال') ? t[0] : undefined;
}

/** Words of a time phrase: "on Saturday", "last week", « mardi », « ce matin », « hier soir ». */
const TIME_WORDS = fold([
  'on', 'last', 'this', 'late', 'early', 'earlier', 'later', 'today', 'yesterday', 'tonight', 'morning', 'afternoon', 'evening', 'night', 'week', 'weekend', 'month', 'year',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'hier', 'ce', 'cette', 'matin', 'soir', 'après-midi', 'semaine', 'dernier', 'dernière',
  'veille', 'lendemain', 'soirée', 'matinée', 'nuit', 'précédente', 'passée', 'suivante',
]);
/** Of them, those that make a time phrase by themselves (not "on", « ce »). */
const TIME_HEADS = fold([
  'today', 'yesterday', 'tonight', 'morning', 'afternoon', 'evening', 'night', 'week', 'weekend', 'month', 'year', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
  'saturday', 'sunday', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'hier', 'matin', 'soir', 'semaine', 'veille', 'lendemain', 'soirée',
  'matinée', 'nuit',
]);
/** Articles a time phrase may open with after an inverted verb (« a averti la veille la directrice … »). */

/** A speaker after its verb without the time phrase before it: « a averti la semaine précédente la directrice générale du FMI ». */
function afterTime(words: Token[]): Token[] {
  let cut = 0;
  let head = false;
  for (let i = 0; i < words.length - 1; i++) {
    const n = words[i]!.norm;
    if (TIME_WORDS.has(n)) {
      cut = i + 1;
      head ||= TIME_HEADS.has(n);
    } else if (!TITLE_ARTICLES.has(n)) break;
  }
  return head ? words.slice(cut) : words;
}

/**
 * A subject without the time phrase between it and its verb: "Prime Minister X on Saturday said", « Emmanuel Macron a mardi
 * salué » are X's and Macron's words, not "X on Saturday"'s. Only a run of time words (and the auxiliary) that holds a day
 * or a part of one goes; what is left must still be someone.
 */
function withoutTime(words: Token[], rules: CompiledRules): Token[] {
  let e = words.length;
  let head = false;
  while (e > 1 && (TIME_WORDS.has(words[e - 1]!.norm) || rules.connectives.has(words[e - 1]!.norm))) {
    if (TIME_HEADS.has(words[e - 1]!.norm)) head = true;
    e--;
  }
  if (!head) return words;
  while (e > 1 && rules.connectives.has(words[e - 1]!.norm) && !isCoordinator(words[e - 1]!)) e--;
  return words.slice(0, e);
}

/** Prepositions an Arabic antecedent stands after («مع نظيره …»): where its words start. */
const ANTECEDENT_FROM = fold(['مع', 'عن', 'من', 'إلى', 'في', 'على', 'لدى', 'بحضور', 'برئاسة', 'استقبل', 'التقى']);

/**
 * Who an Arabic relative before a speech verb stands for («…، الذي قال …», «…، التي أكدت …»): the name that ends right
 * before its comma — a known one's speaker, else the words back to a preposition (MAX_BY_WORDS at most) with no speaker,
 * since Arabic has no capitals to tell an unknown name by. Undefined when no relative stands there.
 */
function relativeAntecedent(clause: string, tokens: readonly Token[], verb: number, rules: CompiledRules, lang: string): Reading | undefined {
  const rel = verb - 1;
  const relatives = rules.reported?.relatives;
  if (rel < 1 || !relatives?.has(tokens[rel]!.norm) || !breakBefore(clause, tokens, rel)) return undefined;
  let from = rel - 1;
  while (from > 0 && rel - from < MAX_BY_WORDS && !breakBefore(clause, tokens, from) && !ANTECEDENT_FROM.has(tokens[from - 1]!.norm)) from--;
  const words = tokens.slice(from, rel);
  if (words.length === 0) return undefined;
  const known = nameEndingAt(tokens, rel, () => true);
  const speaker = known !== undefined && known >= from ? speakerIn(tokens.slice(known, rel), lang) : undefined;
  return { by: written(clause, speaker ? tokens.slice(known, rel) : words, false), ...(speaker ? { speaker } : {}) };
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
  if (a?.coordinated) {
    const b = readClause(before, 'before', table, lang);
    return b?.by !== undefined ? b : openingSubject(before, lang);
  }
  const b = readClause(before, 'before', table, lang);
  // «وقال الرئيس أحمد الشرع … إن "…"، بحسب ما نقلت الوكالة»: a named speaker's verb before it outranks the source that carried it.
  const relayedOnly = a?.source === true && b?.speaker !== undefined;
  const chosen = a && !relayedOnly && (a.by !== undefined || !b || b.by === undefined) ? a : b;
  if (chosen === a && a?.bare) return leadingSubject(before, lang, a.bare) ?? a;
  return chosen;
}

/** Capitalised words that open a clause without naming anyone: "In Baghdad, …", "Speaking outside …". */
const NOT_SUBJECTS = fold([
  'in', 'on', 'at', 'after', 'before', 'during', 'speaking', 'but', 'and', 'however', 'meanwhile', 'earlier', 'later', 'the', 'a', 'an', 'this', 'that',
  'le', 'la', 'les', 'l', 'un', 'une', 'dans', 'à', 'en', 'après', 'avant', 'lors', 'mais', 'et',
]);

/**
 * Who the sentence before a quotation is about, when its quotation is followed by a second predicate ('Taoiseach Leo
 * Varadkar described the nominations as "…" and said …', '…, Starmer promised "…" and said …'): the capitalised words
 * opening the last stretch before the quotation (after its last comma), a title and name. Undefined when none stand
 * there: the quotation is then read as no one's rather than the speaker before's.
 */
function openingSubject(before: string, lang: string): Reading | undefined {
  const tokens = tokenize(before);
  let k = 0;
  for (let i = 1; i < tokens.length; i++) if (breakBefore(before, tokens, i)) k = i;
  const run: Token[] = [];
  for (let i = k; i < tokens.length && run.length < MAX_BY_WORDS; i++) {
    const t = tokens[i]!;
    if (!isCapitalized(t) && !(run.length > 0 && TITLE_JOINERS.has(t.norm))) break;
    run.push(t);
  }
  while (run.length > 0 && TITLE_JOINERS.has(run[run.length - 1]!.norm)) run.pop();
  if (run.length === 0 || NOT_SUBJECTS.has(run[0]!.norm)) return undefined;
  const speaker = speakerIn(run, lang);
  return { by: written(before, run, false), ...(speaker ? { speaker } : {}) };
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
  /** Where its attribution is, when before `at` (the Arabic verb, the subject before "said"): a body named before it is its antecedent. */
  byAt?: number;
  /** A participle's statement («، مضيفا أن …»): where its sentence starts; it takes the speaker of the statement before it there, else `subject`'s. */
  sentenceAt?: number;
  subject?: Reading;
}

/** Reported speech read from a verb, before its content is cut to size. */
interface Report {
  /** Where its clause starts (the subject, or the Arabic verb), and whether it starts a clause of its own there ("…, and officials said that"), not inside another's content ("he said that officials told him that"). */
  clauseAt: number;
  newClause: boolean;
  /** Where what was reported starts: the first word after the complementizer (or of the sentence a source ends). */
  contentAt: number;
  /** Where it ends, when not at its sentence's end or the next clause: before a source that follows it ("…, according to police"). */
  contentEnd?: number | undefined;
  /** A source after another verb's statement: it ends that statement, and is no statement itself. */
  cutOnly: boolean;
  /** After a parenthetical attribution, the rest of its clause, joined to what comes before it: "The talks, officials said, will resume on Sunday". */
  rest?: { at: number; end: number } | undefined;
  heard: Reading;
  /** A participle's report: where its sentence starts (its speaker is the one of a statement after that: readQuotes). */
  sentenceAt?: number;
  /** A participle's report: the known person or organisation its sentence opens with, if no statement comes before it there. */
  subject?: Reading;
}

/** Arabic-script and Latin words that join a new clause to the one before: "…, and officials said that". */
const COORDINATORS = fold(['و', 'ف', 'ثم', 'and', 'but', 'while', 'whereas', 'et', 'mais', 'tandis', 'y', 'pero', 'mientras', 'und', 'aber', 'während', 'и', 'а', 'но', 'û', 'بەڵام']);
/** A coordinator: Kurmanji «û» only as written, for folded it is the "U" of "U.S." (an English subject lost its first letter). */
function isCoordinator(t: Token): boolean {
  return COORDINATORS.has(t.norm) && (t.norm !== 'u' || t.raw.toLowerCase() === 'û');
}
/** Any opening quotation mark. */
const OPENING_MARK = /["«“„‹「]/;
/** Tokens at most before a verb that its subject is looked for in (a sentence can be a megabyte long). */
const SUBJECT_WINDOW = 40;

/** Scare quotes reported speech may carry before it is read as holding a quotation (Marks.quotationFrom). */
const MAX_SCARE_QUOTES = 4;

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

  /** The pair whose marks `pos` lies between or on whose closing mark it is, if any. */
  around(pos: number): Span | undefined {
    const s = this.spans[this.openedBefore(pos)];
    return s !== undefined && pos <= s.close ? s : undefined;
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

  /**
   * Whether a pair opening at or after `from`, while `still(open)` holds, holds a quotation — not a scare quote, which
   * reported speech may carry (« … est « quasiment achevée », a annoncé l'Unesco », 'said the particles were "unintended
   * fluctuations"') — or, with `clause`, opens after a comma (in another clause, perhaps another's: 'said it was sending
   * teams, and NATO's chief said the alliance stood "in full solidarity"').
   */
  quotationFrom(para: string, from: number, still: (open: number) => boolean, clause = false): boolean {
    let outside = from;
    for (let k = this.openedBefore(from) + 1, n = 0; k < this.spans.length && still(this.spans[k]!.open); k++, n++) {
      // More pairs than a clause carries as scare quotes: read as holding a quotation (and each look stays bounded).
      if (n >= MAX_SCARE_QUOTES) return true;
      const s = this.spans[k]!;
      if (quotationText(para.slice(s.open + 1, s.close)) !== undefined) return true;
      if (clause && /[,،;؛]/u.test(para.slice(outside, s.open))) return true;
      outside = s.close + 1;
    }
    return false;
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
 * open a quotation — in English, failing one, a clause with no "that" ("said the talks would
 * resume"). A source phrase (بحسب, وفقا ل, "according to", selon) reports what follows its source's
 * comma, or what comes before it in its sentence (sourceContent). A verb with neither, set off from
 * what comes before it by a comma, reports that ("…, police said.": trailingContent). Undefined when
 * the verb reports nothing so.
 */
function readReport(para: string, tokens: readonly Token[], v: VerbAt, spans: Marks, direct: Marks, table: SpeechTable, lang: string): Report | undefined {
  const rules = v.phrase.rules;
  const rep = rules.reported;
  if (!rep) return undefined;
  const verb = tokens[v.start]!;
  const sentence = verb.sentence;
  const same = (k: number) => k >= 0 && k < tokens.length && tokens[k]!.sentence === sentence;
  const inDirect = (pos: number) => direct.inside(pos, true);
  const source = v.phrase.source;
  const verbFirst = source || rules.order === 'verb-first';
  const cx: ReportContext = { para, tokens, v, rep, table, spans, direct, same };
  if (v.phrase.participle === true) return participleReport(cx, inDirect);
  if (!verbFirst) {
    const at = coordinatedAt(cx);
    if (at !== undefined) return participleReport(cx, inDirect, at);
  }
  let words: Token[];
  let after: Token[] = [];
  let k: number;
  let clauseAt: number;
  let newClause: boolean;
  // English, with no "that": not after "as" ("as he said"), "what", "than".
  let bareAllowed = false;
  let inline = false;
  if (verbFirst) {
    // The Arabic verb opens its clause: the paragraph's or sentence's first word, after a comma
    // or a dash, with و/ف glued to it, or after قد, كما, فيما…; not after a noun («والوزير قال»,
    // read as nothing), a relative («التي قال ناشطون إنها …») or a negation. A source may follow a
    // conjunction ("But according to …").
    const prev = same(v.start - 1) ? tokens[v.start - 1]! : undefined;
    const glued = verb.norm !== v.phrase.words[0];
    const gap = prev ? para.slice(prev.start + prev.raw.length, verb.start) : '';
    // A source phrase inside its sentence with no comma before it is read only when it ends the sentence (sourceContent).
    inline = prev !== undefined && !glued && !/[^\s]/.test(gap) && !rep.openers.has(prev.norm) && !(source && isCoordinator(prev));
    // «… علي السيستاني، الذي أكد خلال اللقاء أن …»: a relative after a comma, its verb with no subject of its own, speaks for
    // the name before the comma (read below); «التي قال ناشطون إنها …», with a subject after the verb, is not read.
    const relative = rules.arabic && prev !== undefined && !glued && isRelative(prev, rep) && breakBefore(para, tokens, v.start - 1) ? v.start - 1 : undefined;
    if (inline && !source && relative === undefined) return undefined;
    // The attribution: up to a comma, an adjunct or the complementizer.
    words = [];
    k = v.end;
    while (same(k)) {
      const t = tokens[k]!;
      if (k > v.end && breakBefore(para, tokens, k)) break;
      // A source's first word is its own ("según el ministerio": el opens no adjunct there).
      if (rep.that.has(t.norm) || (!(source && words.length === 0) && !complemented(words, t) && (isGapWord(t, rep) || rules.adjuncts.has(t.norm)))) break;
      if (minThat(tokens, k, v, rep, same)) break;
      // «وأبلغ الوزير الصحفيين أن»: the object (the press, a counterpart) is no part of who spoke.
      if (rules.arabic && words.length > 0 && rep.objectVerbs.has(v.phrase.words[0]!) && ARABIC_OBJECTS.has(bare(t))) break;
      // "Laut dem Ministerium wurden …": the verb after the source ends it.
      if (source && words.length > 0 && rep.sourceFinite.has(t.norm)) break;
      if (inDirect(t.start)) return undefined;
      // "بحسب ما قال الوزير", «وفق ما أعلنه مكتبه»: the speaker follows a second verb (once); after ما, any verb («بحسب ما نقلت وكالة …»).
      const again = words.length === 0 && v.phrase.source && k <= v.end + 1 ? (spokenAt(tokens, k, table) ?? (k === afterMa(tokens, v) && t.arabic ? k + 1 : undefined)) : undefined;
      if (again !== undefined) {
        k = again;
        continue;
      }
      if (!(words.length === 0 && rules.connectives.has(t.norm))) words.push(t);
      // Who relays a source is no part of its length: « selon un haut responsable américain cité par l'agence Associated Press ».
      if (words.length > MAX_ATTRIBUTION_TOKENS && !(source && relayedAt(words) > 0 && relayedAt(words) <= MAX_ATTRIBUTION_TOKENS)) return undefined;
      k++;
    }
    // «ونقلت الوكالة عن مصدر … أن …»: the speaker follows عن; «عن الكاظمي قوله» is read as قوله's subject (ALSO).
    if (rules.arabic && rep.relays.has(v.phrase.words[0]!)) {
      if (!same(k) || tokens[k]!.norm !== AN) return undefined;
      const from = k + 1;
      let m = from;
      while (same(m) && m - from < MAX_ATTRIBUTION_TOKENS && !rep.that.has(tokens[m]!.norm) && !QAWL.has(tokens[m]!.norm) && (m === from || (!breakBefore(para, tokens, m) && !isGapWord(tokens[m]!, rep) && !rules.adjuncts.has(tokens[m]!.norm)))) m++;
      if (m === from || (same(m) && QAWL.has(tokens[m]!.norm))) return undefined;
      words = tokens.slice(from, m);
      k = m;
    }
    // بين is also "between": «وبين بغداد وأربيل اتفاق على أن …» pairs two names with و.
    if (v.phrase.words[0] === BAYN && words.some((t) => t.arabic && t.norm.length >= 3 && t.norm.startsWith('و'))) return undefined;
    words = trimConnectives(words, rules);
    clauseAt = verb.start;
    // «أما المدرب الإسباني خيسوس كاساس فرأى أن …» ("as for the coach, he held that"): the subject is between أما and the verb's ف.
    const amma = rules.arabic && words.length === 0 && glued && verb.norm.startsWith('ف') ? ammaAt(para, tokens, v.start, same) : undefined;
    if (amma !== undefined) {
      words = tokens.slice(amma + 1, v.start);
      clauseAt = tokens[amma]!.start;
    }
    if (relative !== undefined) {
      if (words.length > 0) return undefined;
      const antecedent = nameEndingAt(tokens, relative, same);
      if (!antecedent) return undefined;
      words = tokens.slice(antecedent, relative);
      clauseAt = tokens[antecedent]!.start;
    }
    // The pluperfect names its speaker before the verb: «وكان الكاظمي قد قال …», «وكانت السفارة قد أعلنت …».
    const had = words.length === 0 && rules.arabic ? pluperfectSubject(para, tokens, v.start, same) : undefined;
    if (had) {
      words = had;
      clauseAt = had[0]!.start;
    }
    newClause = true;
  } else {
    // The subject before the verb, in its sentence and after any quotation before it.
    const floor = spans.closedBefore(verb.start);
    let s0 = v.start;
    while (same(s0 - 1) && tokens[s0 - 1]!.start > floor && v.start - s0 < SUBJECT_WINDOW) s0--;
    let p = v.start - 1;
    while (p >= s0 && rules.connectives.has(tokens[p]!.norm)) p--;
    // "il a été indiqué", "which said": in the verb's own clause — not a word ending the clause before its comma («…
    // achevés cet été, a indiqué un responsable»).
    // A relative right after a comma is a known name's there: "…, the World Food Programme, which said that …" (read below).
    const knownRelative = p >= s0 && isRelative(tokens[p]!, rep) && breakBefore(para, tokens, p) && nameEndingAt(tokens, p, same) !== undefined;
    if (p >= s0 && !breakBefore(para, tokens, p + 1) && (rep.notBefore.has(tokens[p]!.norm) || (isRelative(tokens[p]!, rep) && !knownRelative))) return undefined;
    const clause = tokens.slice(s0, v.end);
    // A verb-final language: the subject ends before where or to whom it was said («بە ڕووداوی», "ji Rûdawê re").
    const [from, cut] = subjectEnd(para, clause, v.start - s0, rules, table);
    const end = s0 + cut;
    words = withoutAside(subjectBefore(para, clause, cut, rules, table, from), rules);
    // "…, while analysts warned that": the conjunction is no part of who spoke.
    while (words.length > 0 && isCoordinator(words[0]!)) words = words.slice(1);
    if (words.length > 0 && isRelative(words[0]!, rep)) {
      // "…, according to the World Food Programme, which said on Tuesday that …", « l'OMS, qui a estimé que »: a relative alone
      // after a comma is the known name before it; anything else relative reports nothing of its own.
      const r = s0 + clause.indexOf(words[0]!);
      const antecedent = words.length === 1 && breakBefore(para, tokens, r) ? nameEndingAt(tokens, r, same) : undefined;
      if (antecedent === undefined || antecedent < s0) return undefined;
      words = tokens.slice(antecedent, r);
    }
    const glued = verb.arabic && verb.norm !== v.phrase.words[0];
    // Arabic: the subject right before its verb («مسؤولون في الوزارة قالوا إن», «عن الكاظمي قوله»);
    // a verb with و glued to it opens a clause of its own, whose subject is "they" («وأضافوا أن …»)
    // when it opens its sentence — after a comma it is the subject of a clause before, not read.
    // A verb-final language's verb ends its clause whatever comes before it, and one with no subject is "he" or "they"
    // (Sorani «ڕاشیگەیاند کە …», Kurmanji "Herwiha ragihand ku …").
    const verbFinal = rules.preverbal.size > 0;
    if (rules.arabic && words.length > 0 && (glued || (!verbFinal && breakBefore(para, tokens, v.start)))) return undefined;
    const they = words.length === 0 && ((rules.arabic && p < s0) || verbFinal);
    if (words.length === 0 && !they) return undefined;
    const first = words.length > 0 ? s0 + clause.indexOf(words[0]!) : v.start;
    const last = words.length > 0 ? s0 + clause.indexOf(words[words.length - 1]!) : v.start - 1;
    after = tokens.slice(last + 1, Math.max(end, last + 1)).filter((t) => !rules.connectives.has(t.norm));
    clauseAt = tokens[first]!.start;
    const before = same(first - 1) ? tokens[first - 1] : undefined;
    newClause = !before || breakBefore(para, tokens, first) || isCoordinator(before) || they || spans.closedBefore(tokens[first]!.start) > before.start;
    bareAllowed = rep.bare !== undefined && !(before && rep.bare.notAfter.has(before.norm));
    k = v.end;
  }
  let found: Found | undefined;
  if (source) found = sourceContent(cx, words, k, lang, inline);
  else found = thatContent(cx, k, verbFirst, inDirect) ?? (bareAllowed && rep.bare ? bareContent(cx, rep.bare) : undefined);
  // "…, police said.", «…، قال مصدر أمني.», «…, a indiqué un responsable.»: after what it reports.
  if (!found && !source && rep.trailing.has(v.phrase.words.join(' '))) found = trailingContent(cx, words, k, verbFirst, lang);
  if (!found) return undefined;
  if (found.words) words = found.words;
  if (found.after) after = found.after;
  if (found.clauseAt !== undefined) clauseAt = found.clauseAt;
  // «وذكرت الوكالة، نقلا عن مصدر أمني، أن …»: the agency relays; the statement is its source's, as with «ونقلت الوكالة عن مصدر».
  const relayed = rules.arabic ? relayedSource(tokens, words, after, rep, same) : undefined;
  if (relayed) [words, after] = [relayed, []];
  // « selon un haut responsable cité par l'agence AP », "according to an official quoted by Reuters": the one relayed, too.
  const relay = source ? relayedAt(words) : -1;
  if (relay > 0) [words, after] = [words.slice(0, relay), []];
  let heard: Reading = {};
  if (words.length > 0 && !words.every((t) => rules.pronouns.has(t.norm))) {
    const by = written(para, capWords(para, words), v.phrase.lam);
    if (by !== '') {
      heard = { by };
      const inBy = speakerIn(words, lang);
      const inAfter = inBy?.type === 'person' ? undefined : speakerIn(after, lang);
      const speaker = inAfter?.type === 'person' ? inAfter : (inBy ?? inAfter);
      // "The ICC's chief prosecutor, Karim Khan, said …": the person named after the role spoke, not the court.
      const unknownHolder = speaker?.type === 'org' && after.length >= 2 && words.some((w) => ROLES.has(w.norm)) && namedHolder([...words, ...after], lang);
      const from = found.attributionAt ?? Math.min(source ? verb.start : clauseAt, words[0]!.start);
      // A source's adjunct is part of it, not an apposition naming it: "medical sources at the Imam Ali hospital".
      const [head, apposition] = source ? [[...words, ...after], []] : [words, after];
      if (unnamedSource(lamOff(head, v.phrase.lam), apposition, para.slice(from, found.attributionEnd), rules, lang)) {
        heard.unnamed = true;
        if (!source) heard.by = unnamedBy(para, tokens, words, rules, v.phrase.lam) ?? heard.by;
      } else {
        if (speaker && !unknownHolder) heard.speaker = speaker;
        if (!source) heard.by = memberBy(para, tokens, words, rules, v.phrase.lam) ?? heard.by;
      }
    }
  }
  return { clauseAt, newClause, contentAt: found.contentAt, contentEnd: found.contentEnd, cutOnly: found.cutOnly === true, rest: found.rest, heard };
}

/** Where the known person's or body's name that ends right before token `end` starts (its title with it); undefined: none. */
function nameEndingAt(tokens: readonly Token[], end: number, same: (k: number) => boolean): number | undefined {
  let from = end;
  while (from > 0 && same(from - 1) && end - from < MAX_BY_WORDS) from--;
  const window = tokens.slice(from, end);
  const span = gazetteer().nameSpans(window).filter((m) => (m.type === 'person' || m.type === 'org') && m.end === window.length).sort((a, b) => a.start - b.start)[0];
  return span ? from + span.start : undefined;
}

const RELAYING = fold(['نقلا', 'نقلاً']);
/** What ends a source that another relays: "quoted by", « cité par », « interrogés par l'AFP ». */
const RELAYED = fold(['quoted', 'cited', 'interviewed', 'contacted', 'cité', 'citée', 'cités', 'citées', 'interrogé', 'interrogée', 'interrogés', 'interrogées', 'joint', 'jointe', 'joints', 'contacté', 'contactés']);
const RELAYED_BY = fold(['by', 'par']);
/** Where "quoted by", « cité par » stands in a source's words; -1: nowhere. */
function relayedAt(words: readonly Token[]): number {
  return words.findIndex((t, i) => i > 0 && RELAYED.has(t.norm) && RELAYED_BY.has(words[i + 1]?.norm ?? ''));
}
/**
 * The source an Arabic report relays («الوكالة، نقلا عن مصدر أمني، أن», «الوكالة نقلا عن مصدر أن»): the words after «نقلا عن»,
 * up to a comma or the «أن»; undefined when the report's subject (`words`) or the aside after it (`after`) relays no one.
 */
function relayedSource(tokens: readonly Token[], words: readonly Token[], after: readonly Token[], rep: CompiledReported, same: (k: number) => boolean): Token[] | undefined {
  const at = words.length > 0 && RELAYING.has(words[words.length - 1]!.norm) ? words[words.length - 1] : after.length > 0 && RELAYING.has(after[0]!.norm) ? after[0] : undefined;
  if (!at) return undefined;
  const k = tokens.indexOf(at) + 1;
  if (!same(k) || tokens[k]!.norm !== AN) return undefined;
  const source: Token[] = [];
  for (let j = k + 1; same(j) && source.length < MAX_ATTRIBUTION_TOKENS && !rep.that.has(tokens[j]!.norm); j++) {
    if (j > k + 1 && /[,،:;؛]/.test(tokens[j]!.before ?? '')) break;
    source.push(tokens[j]!);
  }
  return source.length > 0 ? source : undefined;
}

/**
 * A participle set off by a comma, reporting for its clause's subject: «…»، مضيفا أن …», «…، مشددا في الوقت نفسه على أن …»,
 * "…," he said, adding that …, « … », a-t-il dit, ajoutant qu'il …. What follows its "that" (through an adjunct, as a
 * verb's) is a statement of its own, which ends the one before it; who said it is left to readQuotes (the speaker of the
 * statement before it in its sentence).
 */
function participleReport(cx: ReportContext, inDirect: (pos: number) => boolean, at = cx.v.start): Report | undefined {
  const { para, tokens, v, same } = cx;
  const verb = tokens[at]!;
  const prev = same(at - 1) ? tokens[at - 1]! : undefined;
  if (!prev || !/[,،]/u.test(para.slice(prev.start + prev.raw.length, verb.start))) return undefined;
  const found = thatContent(cx, v.end, true, inDirect);
  if (!found) return undefined;
  let first = v.start;
  while (same(first - 1)) first--;
  // Where the sentence starts: after the previous sentence's last word, so an opening quotation mark is in it.
  const sentenceAt = first > 0 ? tokens[first - 1]!.start + tokens[first - 1]!.raw.length : 0;
  const subject = sentenceSubject(para, tokens, first, v.start, v.phrase.rules);
  return { clauseAt: verb.start, newClause: true, contentAt: found.contentAt, cutOnly: false, heard: {}, sentenceAt, ...(subject ? { subject } : {}) };
}

/**
 * A speech verb that is the second predicate of a sentence already reporting ("… said that …, and promised that …", « … a
 * affirmé qu'il …, et a promis que … »): after a comma, a conjunction and only auxiliaries, with a speech verb before in its
 * sentence. Its speaker is that one's, as a participle's; the words before its comma are what the first reported, not who
 * spoke. Where the conjunction stands; undefined otherwise (« Tebboune a tendu la main …, et a affirmé que » keeps its subject).
 */
function coordinatedAt(cx: ReportContext): number | undefined {
  const { para, tokens, v, same } = cx;
  const rules = v.phrase.rules;
  let p = v.start;
  let coordinator = false;
  while (same(p - 1) && (isCoordinator(tokens[p - 1]!) || rules.connectives.has(tokens[p - 1]!.norm))) {
    p--;
    coordinator ||= isCoordinator(tokens[p]!);
    if (breakBefore(para, tokens, p)) break;
  }
  if (!coordinator || !breakBefore(para, tokens, p)) return undefined;
  for (let k = p - 1; same(k); k--) if (verbAt(tokens, k, cx.table)) return p;
  return undefined;
}

const AMMA = fold(['أما', 'وأما']);

/** Where «أما» stands before a verb with ف glued to it, in its sentence and clause, with a subject between (at most MAX_ATTRIBUTION_TOKENS words). */
function ammaAt(para: string, tokens: readonly Token[], verb: number, same: (k: number) => boolean): number | undefined {
  for (let m = verb - 1; same(m) && verb - m <= MAX_ATTRIBUTION_TOKENS + 1; m--) {
    if (AMMA.has(tokens[m]!.norm)) return m < verb - 1 ? m : undefined;
    if (breakBefore(para, tokens, m)) return undefined;
  }
  return undefined;
}

/** At most this many words of a title before a name that opens a sentence ("Secretary of State", "Prime Minister"). */
const TITLE_WORDS = 3;

/** Lower-case words inside a title and name: "Secretary of State Mike Pompeo", "Minister for Foreign Affairs". */
const TITLE_JOINERS = fold(['of', 'for', 'de', 'du', 'des', 'al', 'bin', 'von', 'van', 'der']);

/** Whether words are a capitalised title and name alone ("Secretary of State Mike Pompeo"), nothing lower-case but TITLE_JOINERS. */
function titledName(words: readonly Token[]): boolean {
  return words.length > 0 && /^\p{Lu}/u.test(words[0]!.raw) && words.every((t) => /^\p{Lu}/u.test(t.raw) || TITLE_JOINERS.has(t.norm));
}

/** Words right before a quotation mark that make what it holds a work's title, not anyone's words. */
const WORKS = fold([
  'novel', 'book', 'memoir', 'film', 'movie', 'documentary', 'song', 'album', 'series', 'show', 'play', 'poem', 'opera', 'exhibition', 'programme', 'program',
  'titled', 'entitled', 'newspaper', 'magazine', 'slogan', 'campaign', 'operation', 'roman', 'livre', 'mémoires', 'documentaire', 'chanson', 'série', 'pièce',
  'poème', 'exposition', 'émission', 'intitulé', 'intitulée', 'journal', 'quotidien', 'hebdomadaire', 'opération', 'campagne', 'métrage',
  'رواية', 'روايته', 'روايتها', 'كتاب', 'كتابه', 'كتابها', 'فيلم', 'فيلمه', 'مسلسل', 'أغنية', 'ألبوم', 'مسرحية', 'قصيدة', 'برنامج', 'معرض', 'صحيفة', 'مجلة',
  'بعنوان', 'عنوان', 'شعار', 'عملية', 'حملة', 'ديوان',
]);
/** Whether the clause before a quotation mark ends with a work noun (WORKS), so the marks hold a title. */
function titleOfWork(before: string): boolean {
  const last = tokenize(before.slice(-40)).at(-1);
  return last !== undefined && !/[:：,،]\s*$/u.test(before) && WORKS.has(last.norm);
}

/** Words a dateline may hold before its dash: "RAMALLAH, West Bank, Jan 5 (WAFA) -". */
const DATELINE_WORDS = 8;

/** An Arabic title before a name, as a capitalised one is in English: «رئيس الوزراء مصطفى الكاظمي», «وزير الخارجية فؤاد حسين». */
const ARABIC_TITLE_WORDS = fold([
  'رئيس', 'رئيسة', 'الرئيس', 'الرئيسة', 'وزير', 'وزيرة', 'الوزير', 'الوزيرة', 'الوزراء', 'الحكومة', 'الجمهورية', 'الخارجية', 'الداخلية', 'الدفاع', 'المالية',
  'النفط', 'الصحة', 'الأمين', 'العام', 'العامة', 'نائب', 'محافظ', 'المحافظ', 'قائد', 'السفير', 'الشيخ', 'السيد', 'السيدة', 'الدكتور', 'الملك', 'الأمير', 'ولي', 'العهد',
]);

/** Articles before a subject: "The IMF", « L'OPEP », «La Banque mondiale». */
const SUBJECT_ARTICLES = fold(['the', 'l', 'le', 'la', 'les', 'el', 'los', 'las', 'der', 'die', 'das']);

/**
 * Who a sentence or clause opens with, when that is a known person or organisation (or an office's title), after its
 * openers (CLAUSE_OPENERS): its first words in English or French ("The IMF has urged Iraq …", « L'OPEP a maintenu … »,
 * "Foreign Minister Fuad Hussein met …" — a title in capitals before the name), in Arabic the first words or those after
 * the verb that opens it («غير أن الأمين العام لحزب الله الشيخ نعيم قاسم رد …», «وأشاد الكاظمي …», «واستقبل رئيس الوزراء
 * العراقي …»). Only a name standing there is read, so the object or a name further on is never taken for the subject.
 * For a participle's statement, the pronoun's antecedent and a participle introducing a quotation. `end`: where to stop.
 */
function sentenceSubject(para: string, tokens: readonly Token[], first: number, end: number, rules: CompiledRules): Reading | undefined {
  let k = first;
  // A dateline before it: "WASHINGTON (Reuters) - The Federal Reserve raised …", «بغداد (واع) – أعلنت …».
  for (let j = first + 1; j < Math.min(end, first + DATELINE_WORDS); j++) {
    const prev = tokens[j - 1]!;
    if (/[-–—]+\s/u.test(para.slice(prev.start + prev.raw.length, tokens[j]!.start))) {
      k = j;
      break;
    }
  }
  while (k < end && (CLAUSE_OPENERS.has(tokens[k]!.norm) || rules.connectives.has(tokens[k]!.norm) || SUBJECT_ARTICLES.has(tokens[k]!.norm))) k++;
  // An Arabic sentence opens with its verb as often as with its subject («غير أن … نعيم قاسم رد»): the name there, else after the verb.
  for (const at of rules.arabic ? [k, k + 1] : [k]) {
    if (at >= end || (at > k && breakBefore(para, tokens, at)) || spansQuote(para, tokens, first, at)) return undefined;
    const window = tokens.slice(at, Math.min(end, at + MAX_BY_WORDS));
    // The name at the start, or after a title in capitals ("Foreign Minister Fuad Hussein met …").
    const spans = gazetteer().nameSpans(window);
    // A French title is written in lower case: « Le président Kaïs Saïed a rejeté … ».
    // Or a longer one in apposition: « Le président de la République, Kaïs Saïed, a rejeté … ».
    const titled = (m: { start: number }) => ROLES.has(window[0]!.norm) && window.slice(0, m.start).every((w) => ROLES.has(w.norm) || TITLE_JOINERS.has(w.norm) || SUBJECT_ARTICLES.has(w.norm) || isCapitalized(w));
    const i = spans.findIndex((m) => m.start === 0 || (m.start <= TITLE_WORDS && (window[0]!.arabic ? window.slice(0, m.start).every((w) => ARABIC_TITLE_WORDS.has(w.norm)) : titledName(window.slice(0, m.start)) || window.slice(0, m.start).every((w) => ROLES.has(w.norm)))) || (!window[0]!.arabic && titled(m)));
    const span = spans[i];
    if (!span || (span.type !== 'person' && span.type !== 'org')) continue;
    // A title and the name after it, an honorific between, are one attribution («الأمين العام لحزب الله الشيخ نعيم قاسم»).
    let stop = span.end;
    for (const m of spans.slice(i + 1)) if (m.start <= stop + 1 && m.type === 'person') stop = m.end;
    const words = window.slice(0, stop);
    const speaker = speakerIn(words, rules.arabic ? 'ar' : '');
    if (speaker) return { by: written(para, words, false), speaker };
  }
  return undefined;
}
/** Words that open a sentence or clause before its subject or verb: «قد», «غير أن», «لكن», «كما», "but"… */
const CLAUSE_OPENERS = fold([
  'قد', 'وقد', 'لقد', 'فقد', 'غير', 'إلا', 'أن', 'لكن', 'ولكن', 'كما', 'وكما', 'بينما', 'وبينما', 'فيما', 'وفيما', 'بدوره', 'بدورها', 'but', 'however', 'mais',
  'cependant',
]);

/** Whether a quotation mark stands between two tokens (a sentence that opens with a quotation has its speaker after it). */
function spansQuote(para: string, tokens: readonly Token[], from: number, to: number): boolean {
  const start = from > 0 ? tokens[from - 1]!.start + tokens[from - 1]!.raw.length : 0;
  return ANY_QUOTE_MARK.test(para.slice(start, tokens[to]!.start));
}

/** Sentences before a pronoun's statement its antecedent is looked for in. */
const ANTECEDENT_SENTENCES = 3;

/**
 * Whom a pronoun's attribution («، a-t-il déclaré», "he said", «وأضاف») refers to when no statement before it gives a
 * speaker: the known person a sentence before it opens with, the nearest first, in its paragraph and the one before
 * ("Le président tunisien Kaïs Saïed a reçu mardi … « … », a-t-il déclaré"). `paras`: those two paragraphs, the
 * statement's last, `at` its offset there.
 */
function pronounAntecedent(paras: ReadonlyArray<ParagraphText>, at: number, rules: CompiledRules): Reading | undefined {
  let tried = 0;
  for (let p = paras.length - 1; p >= 0; p--) {
    const para = paras[p]!;
    const tokens = (para.tokens ??= tokenize(para.text));
    const limit = p === paras.length - 1 ? at : para.text.length;
    // Where each sentence starts (token indexes), found once a paragraph; then the last one starting before `limit`.
    const starts = (para.starts ??= tokens.flatMap((t, k) => (k === 0 || t.sentence !== tokens[k - 1]!.sentence ? [k] : [])));
    let [lo, hi] = [0, starts.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[starts[mid]!]!.start < limit) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) {
      const first = starts[i]!;
      const end = starts[i + 1] ?? tokens.length;
      // Only a sentence that ends before the statement: its own may open with the quotation.
      const last = tokens[end - 1]!;
      if (last.start + last.raw.length > limit) continue;
      // The antecedent is near: a few sentences back at most (a long text of quotations costs no more per quotation).
      if (++tried > ANTECEDENT_SENTENCES) return undefined;
      const subject = sentenceSubject(para.text, tokens, first, end, rules);
      if (subject?.speaker?.type === 'person') return subject;
    }
  }
  return undefined;
}
/** A paragraph as pronounAntecedent reads it: tokenized, and its sentences found, once needed. */
interface ParagraphText {
  text: string;
  tokens?: readonly Token[];
  starts?: number[];
}

/** Whom an Arabic «أبلغ» tells: the press, an agency, a channel, a counterpart (ال off: bare()). */
const ARABIC_OBJECTS = new Set(
  ['صحفيين', 'صحافيين', 'مراسلين', 'صحفي', 'مراسل', 'وكالة', 'قناة', 'صحيفة', 'موقع', 'شبكة', 'وسائل', 'إذاعة', 'تلفزيون', 'نظيره', 'نظيرته', 'نظراءه']
    .flatMap((w) => tokenize(w).map((t) => bare(t))),
);
const QAD = fold(['قد', 'وقد']);
const KANA = fold(['كان', 'وكان', 'فكان', 'كانت', 'وكانت', 'فكانت', 'كانوا', 'وكانوا']);

/**
 * Arabic's pluperfect, "had said": كان, its subject, then قد and the verb («وكان الكاظمي قد قال في
 * مقابلة إن …»). The subject's words, when كان opens its clause and قد stands right before the verb;
 * else none (the verb has no subject before it to give).
 */
function pluperfectSubject(para: string, tokens: readonly Token[], verb: number, same: (k: number) => boolean): Token[] | undefined {
  if (!same(verb - 1) || !QAD.has(tokens[verb - 1]!.norm)) return undefined;
  for (let k = verb - 2; k >= 0 && same(k) && verb - 2 - k < MAX_BY_WORDS; k--) {
    if (breakBefore(para, tokens, k + 1)) return undefined;
    if (!KANA.has(tokens[k]!.norm)) continue;
    if (k === verb - 2) return undefined;
    // كان opens its clause: its sentence's first word, or after a comma.
    if (same(k - 1) && !breakBefore(para, tokens, k)) return undefined;
    return tokens.slice(k + 1, verb - 1);
  }
  return undefined;
}

/** One verb's paragraph, tokens and sentence, as the readers of what it reports need them. */
interface ReportContext {
  para: string;
  tokens: readonly Token[];
  v: VerbAt;
  rep: CompiledReported;
  table: SpeechTable;
  spans: Marks;
  direct: Marks;
  /** Whether a token is in the verb's sentence. */
  same: (k: number) => boolean;
}

/** What a verb reports: where it starts (and ends, when that is not its sentence's end) and where its attribution ends. */
interface Found {
  contentAt: number;
  contentEnd?: number;
  attributionEnd: number;
  /** What stands between the attribution and what was reported (its apposition, adjunct). */
  after?: Token[];
  /** The clause begins elsewhere than at the verb: a source after what it reports. */
  clauseAt?: number;
  /** What it reports is another verb's statement: it only ends that statement ("…, according to police"). */
  cutOnly?: boolean;
  /** The rest of the clause after a parenthetical attribution ("The talks, officials said, will resume …"). */
  rest?: { at: number; end: number };
  /** The attribution, when not the verb's subject as readReport read it: the speaker after a verb that follows what it reports ("…, said police"). */
  words?: Token[];
  /** Where the attribution starts, when the clause is what it reports: the text its unnamed source is told from. */
  attributionAt?: number;
}

/**
 * The complementizer after a verb and its attribution: إن, أن, "that", que…, through an adjunct
 * ("on Tuesday", «في بيان»; a longer one when it opens with the statement's occasion: «خلال مؤتمر
 * صحفي …»), or the object of "told".
 */
function thatContent(cx: ReportContext, k: number, verbFirst: boolean, inDirect: (pos: number) => boolean): Found | undefined {
  const { para, tokens, v, rep, table, same } = cx;
  // Sorani «ڕایگەیاند: …»: a colon right after the verb, and no quotation mark (a quotation is read as one).
  if (rep.colon && k === v.end && same(k) && same(k - 1)) {
    const gap = para.slice(tokens[k - 1]!.start + tokens[k - 1]!.raw.length, tokens[k]!.start);
    if (/[:：]/.test(gap)) return OPENING_MARK.test(gap) ? undefined : { contentAt: tokens[k]!.start, attributionEnd: tokens[k - 1]!.start + tokens[k - 1]!.raw.length };
  }
  // Up to the complementizer: no other speech verb, participle or quotation on the way.
  // A long adjunct holds no comma: «… افتتاح المعرض، على أن يستمر …» is the verb's object, then a condition.
  // "told The Associated Press in an interview on the sidelines of …": after whom "told" names, the occasion.
  const named = rep.objectVerbs.has(v.phrase.words.join(' ')) ? namedObject(tokens, k, same) : 0;
  const told = named > 0 && isEventAdjunct(tokens, k + named, rep, true);
  const limit = isEventAdjunct(tokens, k, rep) || told ? EVENT_GAP_WORDS + named : GAP_WORDS;
  if (same(k) && minThat(tokens, k, v, rep, same)) k++;
  // « a indiqué de son côté que », "said for its part that": the aside goes, what follows is read as after the verb.
  const aside = rep.asides.find((a) => a.every((norm, i) => same(k + i) && tokens[k + i]!.norm === norm));
  if (aside) k += aside.length;
  let j = k;
  while (same(j) && j - k < limit && !rep.that.has(tokens[j]!.norm)) {
    const t = tokens[j]!;
    // «، مشترطا عدم ذكر اسمه، أن»: the verb in an aside asking not to be named is no speech of its own.
    const anonymous = anonymityAt(para, t);
    if (anonymous > 0) {
      j += anonymous;
      // «، طلبا عدم الكشف عن هويتيهما لعدم تخويلهما بالتصريح، إن»: the reason given goes with it, to its comma.
      let e = j;
      while (same(e) && e - j < ANONYMITY_REASON_WORDS && !breakBefore(para, tokens, e) && !rep.that.has(tokens[e]!.norm)) e++;
      if (same(e) && breakBefore(para, tokens, e) && rep.that.has(tokens[e]!.norm)) {
        j = e;
        break;
      }
      continue;
    }
    // « a affirmé, selon un communiqué de son bureau, que … », "said, according to the statement, that …": a source set
    // off by commas between the verb and its "that" says where the words were read, not a statement of its own.
    const aside = breakBefore(para, tokens, j) ? (sourceAside(para, tokens, j, rep, table, same) ?? adjunctAside(para, tokens, j, rep, table, same)) : undefined;
    if (aside !== undefined) {
      j = aside;
      break;
    }
    if (inDirect(t.start) || verbAt(tokens, j, table) || rep.participles.has(t.norm)) return undefined;
    // «لوكالة الأنباء الكويتية (كونا) اليوم بأن»: an agency's initials in brackets go on with its name, not a clause.
    if (j - k >= GAP_WORDS && breakBefore(para, tokens, j) && !bracketsOnly(para, tokens, j)) return undefined;
    j++;
  }
  if (!same(j) || !rep.that.has(tokens[j]!.norm)) return undefined;
  let after: Token[] | undefined;
  if (j > k) {
    // What stands between is an adjunct (it opens with one, or with a comma), or the object of "told".
    const g = tokens[k]!;
    const object = (rep.objectVerbs.has(v.phrase.words.join(' ')) && j - k <= 8) || told;
    if (!breakBefore(para, tokens, k) && !isGapWord(g, rep) && !object) return undefined;
    if (verbFirst && breakBefore(para, tokens, k)) {
      // «وقال المتحدث باسم الحكومة، باسم العوادي، إن»: the apposition, to the next comma.
      let e = k + 1;
      while (e < j && !breakBefore(para, tokens, e)) e++;
      after = tokens.slice(k, e);
    }
  }
  if (j > v.start && rep.blockers.has(tokens[j - 1]!.norm) && j - 1 >= v.end && !minThat(tokens, j - 1, v, rep, same)) return undefined;
  // «وأعلن الوزير في بيان افتتاح المعرض على أن يستمر …»: "provided that", but «وشدد الوزير على أن …».
  if (j - 1 >= v.end && isAla(tokens[j - 1]!) && !rep.ala.has(v.phrase.words[0]!)) return undefined;
  if (!same(j + 1)) return undefined;
  const that = tokens[j]!;
  // `وقال حسين إن "…"`: a quotation in marks, read as such.
  if (OPENING_MARK.test(para.slice(that.start + that.raw.length, tokens[j + 1]!.start))) return undefined;
  return { contentAt: tokens[j + 1]!.start, attributionEnd: that.start, after };
}

/**
 * « a affirmé samedi, lors de son entrevue avec la presse nationale, que … », "said on Sunday, during a visit to Basra, that
 * …": an adjunct set off by commas between the verb and its "that", opening with a word of one (rep.gap), with no speech
 * verb in it — where the words were said. The "that" after its closing comma; undefined otherwise.
 */
function adjunctAside(para: string, tokens: readonly Token[], j: number, rep: CompiledReported, table: SpeechTable, same: (k: number) => boolean): number | undefined {
  if (!isGapWord(tokens[j]!, rep)) return undefined;
  for (let e = j + 1; same(e) && e - j <= EVENT_GAP_WORDS; e++) {
    if (breakBefore(para, tokens, e)) return rep.that.has(tokens[e]!.norm) ? e : undefined;
    if (verbAt(tokens, e, table) || rep.participles.has(tokens[e]!.norm) || rep.that.has(tokens[e]!.norm)) return undefined;
  }
  return undefined;
}

/** How many words whom a verb told takes at k when it is a name with capitals ("The Associated Press", "Reuters"), else 0. */
function namedObject(tokens: readonly Token[], k: number, same: (k: number) => boolean): number {
  let m = k;
  if (same(m) && tokens[m]!.norm === 'the') m++;
  const from = m;
  while (same(m) && m - k < 5 && !tokens[m]!.arabic && /^\p{Lu}/u.test(tokens[m]!.raw)) m++;
  return m > from ? m - k : 0;
}

/** A source phrase at j set off by commas and followed by "that" (« , selon son bureau, que »): the index of that "that". */
function sourceAside(para: string, tokens: readonly Token[], j: number, rep: CompiledReported, table: SpeechTable, same: (k: number) => boolean): number | undefined {
  const w = verbAt(tokens, j, table);
  if (!w?.phrase.source) return undefined;
  for (let m = w.end + 1; same(m) && m - j <= GAP_WORDS; m++) {
    if (!breakBefore(para, tokens, m)) continue;
    return rep.that.has(tokens[m]!.norm) && same(m + 1) ? m : undefined;
  }
  return undefined;
}

const MIN = tokenize('من')[0]!.norm;
/** «من» right before أن after a verb that takes it («وحذر الوزير من أن …»): part of the complementizer. */
function minThat(tokens: readonly Token[], k: number, v: VerbAt, rep: CompiledReported, same: (k: number) => boolean): boolean {
  return rep.min.has(v.phrase.words[0]!) && tokens[k]!.norm === MIN && same(k + 1) && rep.that.has(tokens[k + 1]!.norm);
}

/** An adjunct that opens with the statement's occasion: «خلال مؤتمر», «في تصريح», «على هامش», «لدى استقباله». */
function isEventAdjunct(tokens: readonly Token[], k: number, rep: CompiledReported, article = false): boolean {
  const t = tokens[k];
  let next = tokens[k + 1];
  // English puts an article before the occasion ("in an interview"): read so only after whom "told" names (thatContent).
  if (article && next && !next.arabic && ARTICLES.has(next.norm)) next = tokens[k + 2];
  return t !== undefined && next !== undefined && isGapWord(t, rep) && (rep.events.has(next.norm) || rep.events.has(bare(next)) || (article && rep.bare?.events.has(next.norm) === true));
}

/** Words that may open a sentence before a source phrase besides conjunctions: "However, according to …", «ومن جهة أخرى، وبحسب …». */
const SENTENCE_ADVERBS = fold([
  'however', 'meanwhile', 'moreover', 'separately', 'yet', 'cependant', 'toutefois', 'pourtant', 'par', 'ailleurs', 'sin', 'embargo', 'además', 'jedoch', 'außerdem', 'однако',
  'من', 'ومن', 'جهة', 'جهته', 'جهتها', 'أخرى', 'ناحية', 'إلى', 'وإلى', 'ذلك',
]);

/**
 * What a source phrase reports. After its source and a comma, when the phrase opens its sentence:
 * «وبحسب وزارة الصحة، فقد ارتفعت …», "According to the health ministry, at least 40 …", «Selon le
 * ministère, …» (فإن with or without a comma, as before; German: the finite verb after the source,
 * "Laut dem Ministerium wurden …"). Or, when the source ends its sentence after a comma, what comes
 * before it there: "At least 40 people were wounded, according to the health ministry.", «…، بحسب
 * ما أفاد مصدر أمني.» — unless that holds a quotation or a speech verb (it is someone's already).
 * Not a source: what names no one ("according to the constitution", «وفقا للقانون»: notSources), a
 * source more than SOURCE_TOKENS words long, a phrase inside its sentence with no comma before it
 * (`inline`) — unless it ends the sentence and is a source by its head («… شمال بغداد بحسب مصادر
 * أمنية.», "… according to police.").
 */
function sourceContent(cx: ReportContext, words: readonly Token[], k: number, lang: string, inline = false): Found | undefined {
  const { para, tokens, v, rep, same } = cx;
  if (words.length === 0 || notSource(words, v.phrase)) return undefined;
  // The rest of the source (its adjunct: "sources at the Imam Ali hospital", «مصدر في الشرطة»), to a comma, the sentence end, فإن or the German verb.
  let e = k;
  while (same(e) && !(e > v.end && breakBefore(para, tokens, e)) && !rep.sourceLead.has(tokens[e]!.norm) && !(e > v.end && rep.sourceFinite.has(tokens[e]!.norm))) {
    const t = tokens[e]!;
    if (e - v.end >= SOURCE_TOKENS || rep.that.has(t.norm) || cx.spans.inside(t.start, true) || verbAt(tokens, e, cx.table)) return undefined;
    e++;
  }
  const last = tokens[e - 1]!;
  const attributionEnd = same(e) ? tokens[e]!.start : last.start + last.raw.length;
  const after = tokens.slice(k, e);
  if (!namesSource(words, after, cx, lang)) return undefined;
  const comma = same(e) && breakBefore(para, tokens, e);
  // No comma before it: only a source that ends its sentence («… شمال بغداد بحسب مصادر أمنية.», with a short adjunct at
  // most: «بحسب مصدر في الشرطة.»), and one that is a source by its head (an unnamed one, a body, a known name), not
  // "according to the plan", «بحسب الخطة».
  if (inline) {
    if (same(e) || after.length > INLINE_SOURCE_ADJUNCT || !(unnamedSource(lamOff([...words, ...after], v.phrase.lam), [], '', v.phrase.rules, lang) || speakerIn(words, lang) || sourceHead(words, cx))) return undefined;
    return contentBefore(cx, v.start, lang, { attributionEnd, after }, { coordinator: false, inline: true });
  }
  const opens = () => {
    // «بغداد (واع) – بحسب بيان …»: the dateline is the writer's, before the sentence proper.
    const dateline = datelineEnd(para);
    for (let i = v.start - 1; same(i); i--) {
      const t = tokens[i]!;
      if (t.start < dateline) break;
      if (!isCoordinator(t) && !rep.openers.has(t.norm) && !SENTENCE_ADVERBS.has(t.norm)) return false;
    }
    return true;
  };
  // فإن, فقد after the comma (فإن also with none); then what was reported, not a quotation (read as one) nor a relative clause.
  const content = (c: number): Found | undefined => {
    while (same(c) && rep.sourceLead.has(tokens[c]!.norm)) c++;
    // "According to diplomatic sources, however, no such proposals …", « Selon lui, toutefois, … »: the adverb set off by
    // commas is the writer's, not the first word of what was reported.
    const adverb = same(c) && SENTENCE_ADVERBS.has(tokens[c]!.norm) ? (same(c + 1) && breakBefore(para, tokens, c + 1) ? 1 : same(c + 2) && SENTENCE_ADVERBS.has(tokens[c + 1]!.norm) && breakBefore(para, tokens, c + 2) ? 2 : 0) : 0;
    c += adverb;
    // « Selon le chef du gouvernement, Aziz Akhannouch, qui … »: the name in apposition to the source, to its comma.
    let n = c;
    while (same(n) && n - c < APPOSITION_NAME_WORDS && isCapitalized(tokens[n]!) && (n === c || !breakBefore(para, tokens, n))) n++;
    if (n > c && same(n) && breakBefore(para, tokens, n) && n - c >= 2) c = n;
    // « D'après un responsable, qui s'est exprimé sous couvert d'anonymat, le taux … »: the source's own relative clause,
    // to its comma, says who it is; what was reported follows.
    if (same(c) && isRelative(tokens[c]!, rep)) {
      let r = c + 1;
      while (same(r) && r - c <= SOURCE_TOKENS && !breakBefore(para, tokens, r)) r++;
      if (same(r) && breakBefore(para, tokens, r) && r - c <= SOURCE_TOKENS) c = r;
    }
    if (!same(c) || isRelative(tokens[c]!, rep)) return undefined;
    if (OPENING_MARK.test(para.slice(last.start + last.raw.length, tokens[c]!.start))) return undefined;
    return { contentAt: tokens[c]!.start, attributionEnd, after };
  };
  if (same(e) && !comma && rep.sourceLead.has(tokens[e]!.norm) && rep.that.has(tokens[e]!.norm)) return content(e);
  if (same(e) && !comma && rep.sourceFinite.has(tokens[e]!.norm)) return opens() ? content(e) : undefined;
  if (comma) {
    if (opens()) return content(e);
  } else if (same(e)) return undefined;
  // The source after what it reports, or in the middle of it ("…, according to people close to him, …", "Security forces,
  // according to witnesses, opened fire …"): what follows goes on with the clause, or is something else ("…, which …").
  return contentBefore(cx, v.start, lang, { attributionEnd, after }, { coordinator: true, resume: comma && resumes(cx, e) ? e : undefined });
}

/** Words at most of a name in apposition to a source (« Selon le chef du gouvernement, Aziz Akhannouch, … »). */
const APPOSITION_NAME_WORDS = 4;

/** An attribution after what it reports: where it ends and what stands between it and its verb. */
interface Attribution {
  attributionEnd: number;
  after?: Token[];
  attributionAt?: number;
  words?: Token[];
}

/**
 * What an attribution after it reports, set off from it by a comma: the attribution's sentence from its start
 * (SOURCE_CONTENT_TOKENS at most) to that comma — "At least 40 people were wounded, according to the health ministry.",
 * «…، بحسب ما أفاد مصدر أمني.», "At least 12 people were killed, police said." — unless that holds a quotation (it is
 * the quotation's, read as one) or a speech verb (it is someone's already), or is an adjunct alone ("Speaking to
 * reporters after the meeting", «وبعد انتهاء الجلسة»). `cut`: the attribution's first token; `coordinator`: a
 * conjunction may stand between the comma and it («…، وذلك بحسب …»). `resume`: the attribution is a parenthesis, and
 * the rest of the clause after it is joined to what it reports ("The talks, officials said, will resume on Sunday"),
 * to the sentence's end or a conjunction after a comma.
 */
function contentBefore(cx: ReportContext, cut: number, lang: string, at: Attribution, opts: { coordinator: boolean; resume?: number | undefined; inline?: boolean }): Found | undefined {
  const { para, tokens, rep, same } = cx;
  const start = cut;
  let s0 = cut;
  while (same(s0 - 1) && start - s0 < SOURCE_CONTENT_TOKENS) s0--;
  if (same(s0 - 1)) return undefined;
  // «عمّان – بلغ عدد اللاجئين … ، وفقاً للمفوضية»: the dateline is the writer's, not what the source reported.
  const dateline = datelineEnd(para);
  while (s0 < cut && tokens[s0]!.start < dateline) s0++;
  if (!opts.inline && !breakBefore(para, tokens, cut)) {
    const t = tokens[cut - 1];
    if (opts.coordinator && cut - 1 > s0 && t && (isCoordinator(t) || rep.openers.has(t.norm)) && breakBefore(para, tokens, cut - 1)) cut--;
    else return undefined;
  }
  if (cut <= s0) return undefined;
  const end = tokens[cut - 1]!;
  const contentAt = tokens[s0]!.start;
  const contentEnd = end.start + end.raw.length;
  if (cx.spans.inside(contentAt, true) || cx.spans.quotationFrom(para, contentAt, (open) => open < contentEnd)) return undefined;
  if (adjunctAlone(cx, s0, cut)) return undefined;
  // A speech verb before: «وقال الوزير إن …، بحسب ما نقلت الوكالة» and "Five were killed, the ministry said, according
  // to AFP" are the minister's and the ministry's statements, which end at the source; "He said the attack killed 12,
  // according to police" (his, though not read) is not read; a verb that is no speech ("will be announced", "to say") is passed.
  let cutOnly = false;
  for (let i = s0; i < cut; i++) {
    const w = verbAt(tokens, i, cx.table);
    if (!w || w.phrase.source || (w.phrase.rules.order === 'verb-first' && !opensArabicClause(para, tokens, w))) continue;
    if (readReport(para, tokens, w, cx.spans, cx.direct, cx.table, lang)) cutOnly = true;
    else {
      const wr = w.phrase.rules;
      let b = w.start - 1;
      while (b >= s0 && wr.connectives.has(tokens[b]!.norm)) b--;
      if (b < s0 || !wr.reported?.notBefore.has(tokens[b]!.norm)) return undefined;
    }
    i = w.end - 1;
  }
  const out: Found = { contentAt, contentEnd, attributionEnd: at.attributionEnd, clauseAt: contentAt, cutOnly };
  if (at.after) out.after = at.after;
  if (at.words) out.words = at.words;
  if (at.attributionAt !== undefined) out.attributionAt = at.attributionAt;
  // What follows with an article is the object of a verb before ("Le Premier ministre présentera, selon ses proches, une
  // carte …") only when what comes before is no statement alone; after one it is the writer's aside ("…have sold out, the
  // circuit said, the earliest the race has sold out since …").
  const np = opts.resume !== undefined && !tokens[opts.resume]!.arabic && (SPEAKER_ARTICLES.has(tokens[opts.resume]!.norm) || rep.bare?.determiners.has(tokens[opts.resume]!.norm) === true);
  if (opts.resume !== undefined && !cutOnly && !(np && countWords(para.slice(contentAt, contentEnd)) >= MIN_REPORTED_WORDS)) {
    const rest = restOfClause(cx, opts.resume);
    if (rest) out.rest = rest;
  }
  return out;
}

/**
 * What follows a parenthetical attribution, to its sentence's end: [start, end) of the rest of the clause, undefined
 * when it holds a quotation mark or another speech verb or source. It stops before a conjunction or «فيما», ", while"
 * after a comma: the writer goes on.
 */
function restOfClause(cx: ReportContext, r: number): { at: number; end: number } | undefined {
  const { para, tokens, same } = cx;
  let e = r;
  while (same(e)) {
    const t = tokens[e]!;
    if (e > r && breakBefore(para, tokens, e) && (isContentStop(tokens, e) || isCoordinator(t) || isRelative(t, cx.rep))) break;
    if (verbAt(tokens, e, cx.table) || OPENING_MARK.test(para.slice(tokens[e - 1]!.start + tokens[e - 1]!.raw.length, t.start))) return undefined;
    e++;
  }
  const last = tokens[e - 1]!;
  return { at: tokens[r]!.start, end: last.start + last.raw.length };
}

/**
 * Whether the words after a parenthetical attribution's comma go on with the clause it interrupts — a verb ("will resume"),
 * an object ("une carte détaillée", «ملفا كاملا») — rather than open an adjunct ("ahead of", "in a statement", «إلى أن»), a
 * participle ("adding", «مضيفا», «ajoutant»), a conjunction, a relative clause, another attribution or a quotation.
 */
function resumes(cx: ReportContext, j: number): boolean {
  const { para, tokens, rep, same } = cx;
  const t = tokens[j];
  if (!t || !same(j) || !/\p{L}/u.test(t.raw)) return false;
  if (OPENING_MARK.test(para.slice(tokens[j - 1]!.start + tokens[j - 1]!.raw.length, t.start))) return false;
  // Arabic: a word with و or ف glued to it opens a clause of its own.
  if (t.arabic && /^[وف]/.test(t.norm)) return false;
  return !opensAdjunct(cx, j, false) && !isRelative(t, rep) && !isCoordinator(t) && !isContentStop(tokens, j) && !rep.that.has(t.norm) && !verbAt(tokens, j, cx.table);
}

/**
 * Whether the word at j opens an adjunct or a participle's phrase: a preposition, a time word, a conjunction of
 * time or cause (rep.gap, rep.blockers, an English preposition), a participle. `followed`: a word in -ing (-ant,
 * -ando) only before a preposition or a determiner ("Speaking to reporters"; "Rising prices" is a subject).
 */
function opensAdjunct(cx: ReportContext, j: number, followed: boolean): boolean {
  const { tokens, rep, v } = cx;
  const t = tokens[j]!;
  const forms = t.arabic && /^[وف]/.test(t.norm) && t.norm.length >= 3 ? [t.norm, t.norm.slice(1)] : [t.norm];
  const b = rep.bare;
  for (const f of forms) {
    if (rep.gap.has(f) || (rep.blockers.has(f) && !UNACCENTED.has(t.raw.toLowerCase())) || rep.participles.has(f) || v.phrase.rules.adjuncts.has(f)) return true;
    if (b && (b.prepositions.has(f) || b.notFirst.has(f) || b.stops.has(f) || b.time.has(f) || b.timeLeads.has(f))) return true;
  }
  if (!t.arabic && rep.participleEnds.some((e) => t.norm.length > e.length + 2 && t.norm.endsWith(e))) {
    if (!followed) return true;
    const n = tokens[j + 1];
    return n !== undefined && n.sentence === t.sentence && (rep.gap.has(n.norm) || ARTICLES.has(n.norm) || (b !== undefined && (b.prepositions.has(n.norm) || b.determiners.has(n.norm))));
  }
  return false;
}

/** Words that fold to a blocker but are another word as written: French "Des soldats …" (some), not «dès» (as soon as). */
const UNACCENTED = new Set(['des']);

/**
 * What stands before an attribution's comma is an adjunct or a participle's phrase alone (no comma in it), not a statement:
 * "Speaking to reporters after the meeting, …", «وبعد انتهاء الجلسة، …»; "At least 12 people", «Au moins sept civils» are subjects.
 */
function adjunctAlone(cx: ReportContext, s0: number, cut: number): boolean {
  const { para, tokens } = cx;
  for (let i = s0 + 1; i < cut; i++) if (breakBefore(para, tokens, i)) return false;
  if (QUANTITY_WORDS.has(tokens[s0 + 1]?.norm ?? '')) return false;
  return opensAdjunct(cx, s0, true);
}
/** The second word of "at least", "at most", «au moins», «al menos», «plus de»: a number's, not an adjunct's. */
const QUANTITY_WORDS = fold(['least', 'most', 'moins', 'menos']);

/**
 * Whether an Arabic verb opens its clause as readReport reads it: the sentence's first word, after a comma, with و/ف glued
 * to it, or after an opener (قد, كما…); else it is no verb there («الحوار بين بغداد وواشنطن»: بين is "between").
 */
function opensArabicClause(para: string, tokens: readonly Token[], w: VerbAt): boolean {
  const t = tokens[w.start]!;
  const prev = tokens[w.start - 1];
  if (!prev || prev.sentence !== t.sentence || t.norm !== w.phrase.words[0] || breakBefore(para, tokens, w.start)) return true;
  return w.phrase.rules.reported?.openers.has(prev.norm) === true;
}

/**
 * A speech verb after what it reports (the verbs of `trailing`), set off from it by a comma: the subject and the verb
 * ("…, the US embassy said", "…, Fuad Hussein, the foreign minister, said"), or the verb and its speaker after it
 * ("…, said police", «…، قال مصدر أمني», «…, a indiqué un responsable local», "…, dijo el ministro", "…, sagte ein
 * Sprecher"), then, through an adjunct ("on Tuesday", "in a statement", "told AFP", «في بيان», «لوكالة الأنباء»), the
 * end of the sentence or a comma. After a speaker that follows its verb, a comma opens its apposition ("…, said Ahmed
 * Moussa, a spokesman for the ministry.") or a participle of its own («، مضيفا أن …»); after a subject, it may close a
 * parenthesis ("The talks, officials said, will resume on Sunday"). Not read: a subject with no comma right before it
 * ("…, as the minister said", "…, and police said"), a verb with و glued to it («، وقال …»), one that takes an object
 * (أعلن, "announced" with one), what contentBefore does not read.
 */
function trailingContent(cx: ReportContext, words: readonly Token[], k: number, verbFirst: boolean, lang: string): Found | undefined {
  const { para, tokens, v, rep, same } = cx;
  const rules = v.phrase.rules;
  const verb = tokens[v.start]!;
  // "Addressing a crowd in St Peter's Square, the Pope said: "…"": a verb before a colon introduces what follows it, and
  // what stands before it is no statement of its own.
  const lastOfVerb = tokens[v.end - 1]!;
  if (/^\s*[:：]/u.test(para.slice(lastOfVerb.start + lastOfVerb.raw.length, lastOfVerb.start + lastOfVerb.raw.length + 3))) return undefined;
  // The comma before the verb, its auxiliaries aside («, a indiqué», «, a-t-il ajouté»).
  let b = v.start;
  while (same(b - 1) && !breakBefore(para, tokens, b) && rules.connectives.has(tokens[b - 1]!.norm)) b--;
  // "…, and said in a statement": a second predicate of the sentence's subject, not an attribution after what it reports.
  for (let j = b; j < v.start; j++) if (isCoordinator(tokens[j]!)) return undefined;
  const commaBefore = same(b - 1) && breakBefore(para, tokens, b);
  let attrStart: number;
  let speaker: Token[] | undefined;
  let after: Token[] | undefined;
  if (verbFirst) {
    if (!commaBefore || b !== v.start || verb.norm !== v.phrase.words[0] || words.length === 0) return undefined;
    attrStart = v.start;
  } else {
    // The speaker after the verb, after a time word («dijo el martes el portavoz», «a indiqué mardi le ministre»); its first
    // word may be an article ("dijo el ministro": el also opens "el martes"). A pronoun too ("sagte er"): it names no one.
    let s = v.end;
    let e = s;
    if (commaBefore) {
      for (let g = s + 1; g <= s + 3 && same(g) && !breakBefore(para, tokens, g) && isGapWord(tokens[g - 1]!, rep); g++) {
        if (SPEAKER_ARTICLES.has(tokens[g]!.norm)) {
          e = s = g;
          break;
        }
      }
      while (same(e) && e - s < MAX_ATTRIBUTION_TOKENS && !breakBefore(para, tokens, e)) {
        const t = tokens[e]!;
        if (rep.that.has(t.norm) || verbAt(tokens, e, cx.table) || cx.direct.inside(t.start, true)) break;
        if ((isGapWord(t, rep) || rules.adjuncts.has(t.norm)) && !(e === s && SPEAKER_ARTICLES.has(t.norm)) && !complemented(tokens.slice(s, e), t) && !inTitle(tokens, e)) break;
        e++;
      }
    }
    const after0 = tokens.slice(s, e);
    // A verb that also takes an object, in a language that names the speaker after it: a speaker who is one, not its object.
    const objectToo = rules.preverbal.size === 0 && rep.trailingObject.has(v.phrase.words.join(' '));
    if (objectToo && !(commaBefore && e > s && speakerAfter(cx, after0, lang))) return undefined;
    if (commaBefore && after0.some((t) => !rules.connectives.has(t.norm) && !SPEAKER_ARTICLES.has(t.norm))) {
      // « Le gouvernement, toujours en affaires courantes, dit suivre le dossier »: a speaker after its verb opens with an
      // article, a name, a pronoun, a quantifier or a role, never another verb (in the languages written with articles).
      const opener = after0.find((t) => !rules.connectives.has(t.norm))!;
      if (/^\p{Script=Latin}/u.test(opener.raw) && !isCapitalized(opener) && !SPEAKER_ARTICLES.has(opener.norm) && !rules.pronouns.has(opener.norm) && !ROLES.has(opener.norm) && rep.bare?.determiners.has(opener.norm) !== true && !SPEAKER_QUANTIFIERS.has(opener.norm)) return undefined;
      speaker = after0;
      attrStart = b;
      k = e;
    } else {
      // The subject before the verb, a comma right before it or before the auxiliaries between («, a-t-il ajouté»): not after
      // a conjunction or "as" ("…, and police said", "…, as the minister said").
      if (words.length === 0) return undefined;
      let f = firstTokenFrom(tokens, words[0]!.start);
      while (same(f - 1) && !breakBefore(para, tokens, f) && rules.connectives.has(tokens[f - 1]!.norm) && !isCoordinator(tokens[f - 1]!) && rep.bare?.notAfter.has(tokens[f - 1]!.norm) !== true) f--;
      if (!same(f - 1) || !breakBefore(para, tokens, f)) return undefined;
      const first = words[0]!;
      if (isRelative(first, rep) || rep.bare?.stops.has(first.norm) === true || (rep.bare?.notAfter.has(first.norm) === true && !ARTICLES.has(first.norm))) return undefined;
      // A verb-final language: not after "as" («، وەک وەزیر گوتی», "wek wezîr got"), and a verb that also takes an object only with
      // its adjunct before it («بە ڕووداوی ڕاگەیاند»): else what stands before it may be its object («ڕێنماییەکی نوێی ڕاگەیاند»).
      if (rules.preverbal.size > 0) {
        if (rep.blockers.has(first.norm) || rules.preverbal.has(first.norm)) return undefined;
        const lastWord = firstTokenFrom(tokens, words[words.length - 1]!.start);
        if (rep.trailingObject.has(v.phrase.words.join(' ')) && v.start - lastWord <= 1) return undefined;
      }
      attrStart = f;
      k = v.end;
    }
  }
  const j = attributionTail(cx, k);
  if (j === undefined) return undefined;
  let attributionEnd = same(j) ? tokens[j]!.start : tokens[j - 1]!.start + tokens[j - 1]!.raw.length;
  let resume: number | undefined;
  if (same(j)) {
    if (speaker !== undefined || verbFirst) {
      // After a speaker: its participle («، مضيفا أن …», "adding …"), or its apposition; anything else goes on with the
      // clause the attribution interrupts («Les négociations, a indiqué le ministre, reprendront dimanche»): not read.
      if (!opensAdjunct(cx, j, false) && !isRelative(tokens[j]!, rep) && !isContentStop(tokens, j)) {
        const e = appositionEnd(cx, j, speaker ?? words);
        if (e === undefined) return undefined;
        after = tokens.slice(j, e);
        attributionEnd = tokens[e - 1]!.start + tokens[e - 1]!.raw.length;
      }
    } else if (resumes(cx, j)) resume = j;
  }
  const at: Attribution = { attributionEnd, attributionAt: tokens[attrStart]!.start };
  if (after) at.after = after;
  if (speaker !== undefined) at.words = speaker;
  return contentBefore(cx, attrStart, lang, at, { coordinator: false, resume });
}
/** Whether the words after a trailing verb name a speaker: a person or body the gazetteer knows, a body's head, a source not named. */
function speakerAfter(cx: ReportContext, words: readonly Token[], lang: string): boolean {
  if (speakerIn(words, lang) !== undefined) return true;
  const head = words.find((t) => !SPEAKER_ARTICLES.has(t.norm));
  if (head && bodyRules(lang)?.heads.has(bare(head))) return true;
  const last = words[words.length - 1]!;
  return unnamedSource(words, [], cx.para.slice(words[0]!.start, last.start + last.raw.length), cx.v.phrase.rules, lang);
}

/**
 * Where the apposition of a speaker that follows its verb ends, when what follows its comma is one, to the sentence's end:
 * with an article or a name ("…, said Ahmed Moussa, a spokesman for the ministry.", "…, said the minister, Fuad Hussein."),
 * after a name ("…, said Ahmed Moussa, head of the press office."), that the source asked not to be named («، فضل عدم الكشف
 * عن اسمه»), or, in Arabic, a person the gazetteer knows or three words at most («، قال المتحدث باسم الوزارة، أحمد موسى.»).
 * Undefined: no apposition.
 */
function appositionEnd(cx: ReportContext, j: number, speaker: readonly Token[]): number | undefined {
  const { para, tokens, rep, same } = cx;
  let e = j;
  while (same(e)) {
    const t = tokens[e]!;
    if (e - j >= MAX_ATTRIBUTION_TOKENS || rep.that.has(t.norm) || verbAt(tokens, e, cx.table) || cx.spans.inside(t.start, true)) return undefined;
    e++;
  }
  const first = tokens[j]!;
  const rest = tokens.slice(j, e);
  const last = tokens[e - 1]!;
  const folded = normalizeText(para.slice(first.start, last.start + last.raw.length));
  if (ANONYMITY.some((a) => folded.includes(a))) return e;
  if (first.arabic) return e - j <= 3 || speakerIn(rest, 'ar')?.type === 'person' ? e : undefined;
  return SPEAKER_ARTICLES.has(first.norm) || isCapitalized(first) || speaker.some((t) => isCapitalized(t)) ? e : undefined;
}

/**
 * Words whose preposition after them is theirs, not an adjunct's: "people close to him", "officials briefed on the talks",
 * «fuentes cercanas al Gobierno».
 */
const COMPLEMENTED = fold(['close', 'familiar', 'briefed', 'near', 'cercano', 'cercana', 'cercanos', 'cercanas', 'próximo', 'próxima', 'próximos', 'próximas', 'proche', 'proches', 'نزیک']);
/** Who issued a statement, after "issued" and its kin: «بيان صادر عن وزارة الخارجية», « un communiqué publié par … ». */
const ISSUED = fold(['صادر', 'صادرة', 'الصادر', 'الصادرة', 'issued', 'released', 'publié', 'publiée', 'émis', 'émise', 'diffusé', 'diffusée']);
const ISSUED_BY = fold(['عن', 'by', 'par']);
/** Whether the preposition `next` after these words is theirs: after "close" any, after "issued" its agent only ("issued by", not "issued after"). */
/** An adjunct's word that is part of a title: « économiste en chef », « rédacteur en chef », « commandant en chef ». */
function inTitle(tokens: readonly Token[], k: number): boolean {
  return tokens[k]!.norm === 'en' && tokens[k + 1]?.norm === 'chef';
}

function complemented(words: readonly Token[], next: Token): boolean {
  const last = words[words.length - 1];
  return last !== undefined && (COMPLEMENTED.has(last.norm) || (ISSUED.has(last.norm) && ISSUED_BY.has(next.norm)));
}

/** Articles a speaker after its verb may open with, though they also open an adjunct there ("el martes"). */
const SPEAKER_ARTICLES = fold(['the', 'a', 'an', 'le', 'la', 'les', 'l', 'un', 'une', 'des', 'el', 'los', 'las', 'una', 'der', 'die', 'das', 'ein', 'eine']);
/** Words besides articles a speaker after its verb may open with: « a déclaré son porte-parole », « ont affirmé plusieurs témoins ». */
const SPEAKER_QUANTIFIERS = fold(['son', 'sa', 'ses', 'leur', 'leurs', 'plusieurs', 'certains', 'certaines', 'deux', 'trois', 'his', 'her', 'its', 'their', 'some', 'several', 'many', 'two', 'three', 'su', 'sus', 'varios', 'sein', 'seine', 'ihr', 'ihre', 'one']);

/**
 * Where an attribution after what it reports ends: the end of its sentence or a comma, at once or after an adjunct —
 * in English the ones bareContent reads ("on Tuesday", "in a statement", "told AFP", "told reporters in Baghdad"),
 * elsewhere an adjunct opening with one of rep.gap («في بيان اليوم الاثنين», «لوكالة الأنباء العراقية», "in Bagdad"),
 * GAP_WORDS words at most (EVENT_GAP_WORDS for the statement's occasion). Undefined: something else follows.
 */
function attributionTail(cx: ReportContext, k: number): number | undefined {
  const { para, tokens, v, rep, same } = cx;
  const ends = (j: number) => !same(j) || breakBefore(para, tokens, j);
  if (ends(k)) return k;
  // "…, two security officials said on condition of anonymity because they were not authorised to speak": why they are
  // not named, to the sentence's end, is the attribution's.
  for (let a = k; a <= k + 1 && same(a); a++) {
    if (anonymityAt(para, tokens[a]!) === 0) continue;
    let e = a;
    while (same(e)) e++;
    return e;
  }
  const b = rep.bare;
  if (b) {
    const starts = rep.objectVerbs.has(v.phrase.words.join(' ')) ? [k, ...objectEnds(tokens, k, b, same)] : [k];
    let best: number | undefined;
    for (const s of starts) for (const e of adjunctEnds(tokens, s, b, same)) if (ends(e) && (best === undefined || e < best)) best = e;
    return best;
  }
  const t = tokens[k]!;
  if (!isGapWord(t, rep) && !v.phrase.rules.adjuncts.has(t.norm)) return undefined;
  const limit = isEventAdjunct(tokens, k, rep) ? EVENT_GAP_WORDS : GAP_WORDS;
  for (let j = k; j - k <= limit; j++) {
    if (ends(j)) return j;
    const w = tokens[j]!;
    if (cx.direct.inside(w.start, true) || verbAt(tokens, j, cx.table) || rep.that.has(w.norm) || rep.participles.has(w.norm)) return undefined;
  }
  return undefined;
}

/**
 * Whether a source phrase names someone (sourceHeads): a speaker noun, a name with a capital
 * (Latin script), an entity the gazetteer knows, the head of an unnamed source, a pronoun
 * ("according to him"), or what follows a verb («بحسب ما أفاد مصدر», «حسبما ذكرت»).
 */
/** Whether a source's first word (past a quantifier, «أحد») is one of the language's source heads (ministry, police, مصدر…). */
function sourceHead(words: readonly Token[], cx: ReportContext): boolean {
  const head = lamOff([...words], cx.v.phrase.lam);
  let k = 0;
  while (k < head.length - 1 && (QUANTIFIERS.has(head[k]!.norm) || SPEAKER_ARTICLES.has(head[k]!.norm))) k++;
  const t = head[k];
  return t !== undefined && (cx.rep.sourceHeads.has(t.norm) || cx.rep.sourceHeads.has(bare(t)));
}

function namesSource(words: readonly Token[], after: readonly Token[], cx: ReportContext, lang: string): boolean {
  const { tokens, v, rep, table } = cx;
  const rules = v.phrase.rules;
  if (rep.sourceHeads.size === 0) return true;
  if (spokenAt(tokens, v.end, table) !== undefined || (tokens[v.end]?.norm === MA && spokenAt(tokens, v.end + 1, table) !== undefined)) return true;
  if (words.every((t) => rules.pronouns.has(t.norm)) || speakerIn(words, lang)) return true;
  const head = lamOff([...words, ...after], v.phrase.lam);
  if (unnamedSource(head, [], '', rules, lang)) return true;
  if (rules.arabic) {
    let k = 0;
    while (k < head.length - 1 && QUANTIFIERS.has(head[k]!.norm)) k++;
    const t = head[k]!;
    return rep.sourceHeads.has(t.norm) || rep.sourceHeads.has(bare(t));
  }
  return words.some((t) => rep.sourceHeads.has(t.norm) || isCapitalized(t));
}
const MA = tokenize('ما')[0]!.norm;

/** Where the verb after a source's ما stands («بحسب ما نقلت», «حسبما ذكرت»); -1: there is no ما. */
function afterMa(tokens: readonly Token[], v: VerbAt): number {
  if (v.phrase.words.at(-1)?.endsWith(MA) === true) return v.end;
  return tokens[v.end]?.norm === MA ? v.end + 1 : -1;
}

/** A speech verb at k, in Arabic also with its object's pronoun glued to it («بحسب ما أعلنه», «وفق ما ذكرته»): the index after it. */
function spokenAt(tokens: readonly Token[], k: number, table: SpeechTable): number | undefined {
  const v = verbAt(tokens, k, table);
  if (v) return v.end;
  const t = tokens[k];
  const suffix = t?.arabic ? /(?:ه|ها|هم)$/.exec(t.norm) : null;
  if (!t || !suffix || t.norm.length - suffix[0].length < 3) return undefined;
  return verbAt([{ ...t, norm: t.norm.slice(0, -suffix[0].length) }], 0, table) ? k + 1 : undefined;
}

/** Whether a source phrase names what is not someone: "according to the constitution", «وفقا للقانون», «حسب الجدول». */
function notSource(words: readonly Token[], phrase: SpeechPhrase): boolean {
  const rules = phrase.rules;
  const not = rules.reported?.notSources;
  if (!not || not.size === 0) return false;
  // A body's own name is a source whatever its words: « selon le Programme alimentaire mondial » (not « selon le programme »).
  if (gazetteer().nameSpans(words).some((m) => m.start <= 1 && (m.type === 'org' || m.type === 'person'))) return false;
  // Its head, before any relation ("the terms of the deal"; not "a person briefed on the terms").
  if (!rules.arabic) {
    const rel = rules.unnamed?.relations;
    const cut = rel ? words.findIndex((t, i) => i > 0 && rel.has(t.norm)) : -1;
    return (cut > 0 ? words.slice(0, cut) : words).some((t) => not.has(t.norm));
  }
  const first = lamOff(words.slice(0, 1), phrase.lam)[0]!;
  return not.has(first.norm) || not.has(bare(first));
}

/** The attribution with the ل of "وفقا لمصادر" off its first word, as its head is compared (مصادر). */
function lamOff(words: Token[], lam: boolean): Token[] {
  const first = words[0];
  if (!lam || !first?.arabic) return words;
  let norm = first.norm;
  if (norm.startsWith('لل')) norm = `ال${norm.slice(2)}`;
  else if (norm.startsWith('ل') && norm.length > 3) norm = norm.slice(1);
  return [{ ...first, norm }, ...words.slice(1)];
}

/** A comma, colon, bracket, dash or quotation mark between two tokens: a clause read without "that" crosses none. */
const BARE_BREAK = /[,،:;؛：，、()–—"«»“”„‹›「」]/;

/**
 * English reported speech without "that": where the clause after the verb begins, through what
 * "told" takes ("told reporters", "told Reuters") and an adjunct ("on Tuesday", "late on Monday",
 * "in a statement", "at a news conference in Baghdad"), if a clause begins there — a subject and its
 * finite verb (bareSubject). Not read: a verb with a capital ("Said Jalili"), after "the" ("the
 * said agreement"), a statement with quotation marks in its sentence (scare quotes: "the deal was
 * "historic" and …").
 */
function bareContent(cx: ReportContext, rules: CompiledBare): Found | undefined {
  const { para, tokens, v, same } = cx;
  const verb = tokens[v.start]!;
  if (!rules.verbs.has(verb.norm) || /^\p{Lu}/u.test(verb.raw)) return undefined;
  if (same(v.start - 1) && rules.notAfter.has(tokens[v.start - 1]!.norm)) return undefined;
  const starts = cx.rep.objectVerbs.has(verb.norm) ? objectEnds(tokens, v.end, rules, same) : [v.end];
  for (const k of starts) {
    for (const p of adjunctEnds(tokens, k, rules, same)) {
      const fin = bareSubject(tokens, p, rules, same);
      if (fin === undefined) continue;
      let crossed = false;
      for (let i = v.start + 1; i <= fin && !crossed; i++) crossed = BARE_BREAK.test(para.slice(tokens[i - 1]!.start + tokens[i - 1]!.raw.length, tokens[i]!.start));
      if (crossed) continue;
      // A quotation in the sentence, or a scare quote past a comma: the token after its opening mark is in it (found by
      // bisection, as a sentence can be a megabyte long).
      if (cx.spans.quotationFrom(para, tokens[p]!.start, (open) => same(firstTokenFrom(tokens, open)), true)) return undefined;
      return { contentAt: tokens[p]!.start, attributionEnd: verb.start };
    }
  }
  return undefined;
}

/** The index of the first token starting at or after `pos` (tokens.length: none). */
function firstTokenFrom(tokens: readonly Token[], pos: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where what "told" takes may end: "told reporters", "told a news conference", "told Reuters", "told the BBC". */
function objectEnds(tokens: readonly Token[], k: number, rules: CompiledBare, same: (k: number) => boolean): number[] {
  const out: number[] = [];
  for (const o of rules.objects) if (o.every((w, i) => same(k + i) && tokens[k + i]!.norm === w)) out.push(k + o.length);
  let i = same(k) && tokens[k]!.norm === 'the' ? k + 1 : k;
  while (same(i) && i - k < 5 && isCapitalized(tokens[i]!)) out.push(++i);
  return out;
}

function isCapitalized(t: Token): boolean {
  return !t.arabic && /^\p{Lu}/u.test(t.raw);
}

/**
 * Where an adjunct that starts at k may end, nearest first (k itself: no adjunct): time ("today",
 * "Tuesday", "last week", "late on Monday", "on March 3"), an event ("in a statement", "at a news
 * conference", "on state television"), a place or a medium ("in Baghdad", "with Reuters"), one after
 * another, GAP_WORDS words at most.
 */
function adjunctEnds(tokens: readonly Token[], k: number, rules: CompiledBare, same: (k: number) => boolean): number[] {
  const units = (i: number): number[] => {
    const t = tokens[i];
    if (!t || !same(i)) return [];
    const out: number[] = [];
    const n = (j: number) => (same(j) ? tokens[j]!.norm : '');
    if (rules.time.has(t.norm)) out.push(rules.timeNouns.has(n(i + 1)) && !rules.time.has(n(i + 1)) ? i + 2 : i + 1);
    if (rules.timeLeads.has(t.norm) && (rules.timeNouns.has(n(i + 1)) || rules.time.has(n(i + 1)))) out.push(/^\d+$/.test(n(i + 2)) ? i + 3 : i + 2);
    // "late on Monday", "earlier this week".
    if (rules.timeLeads.has(t.norm) && rules.timeLeads.has(n(i + 1))) out.push(i + 1);
    if (rules.prepositions.has(t.norm)) {
      // "in a statement", "at a news conference", "in a brief televised address".
      let j = i + 1;
      if (rules.determiners.has(n(j))) j++;
      for (let m = 0; m <= 3 && same(j); m++, j++) {
        if (rules.events.has(n(j))) {
          out.push(j + 1);
          break;
        }
        if (isCapitalized(tokens[j]!) || rules.stops.has(n(j)) || rules.finite.has(n(j))) break;
      }
      // "in Baghdad", "in Sadr City", "with the BBC".
      j = n(i + 1) === 'the' ? i + 2 : i + 1;
      while (same(j) && j - i <= 4 && isCapitalized(tokens[j]!) && !rules.time.has(n(j)) && !rules.timeNouns.has(n(j))) out.push(++j);
    }
    return out;
  };
  const reach = new Set([k]);
  const queue = [k];
  while (queue.length > 0) {
    const i = queue.shift()!;
    for (const e of units(i)) {
      if (e - k > GAP_WORDS || reach.has(e)) continue;
      reach.add(e);
      queue.push(e);
    }
  }
  return [...reach].sort((a, b) => a - b);
}

/** Words in -ly that are no adverb, so may open a subject: "said family members had …", "said early elections would …". */
const NOT_ADVERBS = fold(['family', 'early', 'daily', 'weekly', 'monthly', 'yearly', 'assembly', 'supply', 'supplies', 'rally', 'ally', 'reply', 'elderly', 'italy', 'july']);

/** Words that open a noun phrase and so, after a noun with no preposition between, a new one: "a statement the government". */
const ARTICLES = fold(['the', 'a', 'an', 'this', 'these', 'those', 'its', 'his', 'her', 'their', 'our', 'my', 'your']);

/**
 * Whether a clause begins at p: a subject and, within BARE_SUBJECT_TOKENS, its finite verb; the
 * verb's index. The subject: a pronoun that is only ever one ("he would"), "it" or "there" with a
 * finite verb right after, or a noun phrase — opened by a determiner, a number ("at least 12"), a
 * name or a noun — with an auxiliary after it ("the talks would", "Officials said funding cuts
 * had"), or "also" and a verb ("the agenda also included"), or a name and a verb in -ed before its
 * object ("Baghdad expected Ankara to …"). A second determiner after a noun ("a statement the
 * government") is no subject: the first part was an adjunct.
 */
function bareSubject(tokens: readonly Token[], p: number, rules: CompiledBare, same: (k: number) => boolean): number | undefined {
  const t = tokens[p];
  if (!t || !same(p) || t.arabic || !/\s/.test(t.before ?? '')) return undefined;
  const next = same(p + 1) ? tokens[p + 1]! : undefined;
  const lower = (x: Token | undefined) => x !== undefined && /^\p{Ll}/u.test(x.raw);
  const ed = (x: Token | undefined) => lower(x) && /^[a-z]{3,}ed$/.test(x!.norm);
  if (rules.subjects.has(t.norm)) return lower(next) && !rules.stops.has(next!.norm) ? p + 1 : undefined;
  if (rules.expletives.has(t.norm)) return next && (rules.finite.has(next.norm) || (t.norm === 'it' && ed(next))) ? p + 1 : undefined;
  let i = p;
  for (const q of rules.quantities) if (q.every((w, m) => same(p + m) && tokens[p + m]!.norm === w) && /^\d/.test(tokens[p + q.length]?.norm ?? '')) i = p + q.length;
  const first = tokens[i]!;
  // "last week", "late on Monday" are adjuncts; "early elections" is a subject.
  const then = same(i + 1) ? tokens[i + 1]!.norm : '';
  const timeLead = rules.timeLeads.has(first.norm) && (rules.timeNouns.has(then) || rules.time.has(then) || rules.timeLeads.has(then));
  const opens =
    i > p || rules.determiners.has(first.norm) || /^\d/.test(first.norm) ||
    (!rules.stops.has(first.norm) && !rules.notFirst.has(first.norm) && !rules.prepositions.has(first.norm) && !rules.time.has(first.norm) &&
      !timeLead && !rules.timeNouns.has(first.norm) && !rules.finite.has(first.norm) && !rules.adverbs.has(first.norm) &&
      !rules.subjects.has(first.norm) && !(/ly$/.test(first.norm) && !NOT_ADVERBS.has(first.norm)) && /^\p{L}/u.test(first.raw));
  if (!opens) return undefined;
  const name = isCapitalized(first);
  let allNames = name;
  for (let q = i + 1; q - p <= BARE_SUBJECT_TOKENS && same(q); q++) {
    const w = tokens[q]!;
    if (rules.finite.has(w.norm)) return q;
    if (rules.adverbs.has(w.norm) && same(q + 1) && (rules.finite.has(tokens[q + 1]!.norm) || ed(tokens[q + 1]))) return q + 1;
    if (rules.stops.has(w.norm)) return undefined;
    const prev = tokens[q - 1]!;
    if (ARTICLES.has(w.norm) && !rules.notFirst.has(prev.norm) && !rules.prepositions.has(prev.norm)) return undefined;
    // "Baghdad expected Ankara to withdraw": a name, a verb in -ed, its object ("Iraqi armed forces" goes on).
    const o = same(q + 1) ? tokens[q + 1]! : undefined;
    // "He said humanity faced a stark choice": a one-word subject too.
    if ((allNames || q === i + 1) && ed(w) && o && (isCapitalized(o) || rules.determiners.has(o.norm) || o.norm === 'to')) return q;
    allNames = allNames && isCapitalized(w);
  }
  return undefined;
}
const BAYN = tokenize('بين')[0]!.norm;
const ALA = tokenize('على')[0]!.norm;

/**
 * A relative pronoun, و glued to it or not («والتي يقولون إنها …»); not with a capital, which
 * opens a sentence ("Der Minister sagte", not "…, der sagte").
 */
function isRelative(t: Token, rep: CompiledReported): boolean {
  if (/^\p{Lu}/u.test(t.raw)) return false;
  return rep.relatives.has(t.norm) || (t.arabic && /^[وف]/.test(t.norm) && rep.relatives.has(t.norm.slice(1)));
}

/** على as written so (folded it is also the name علي). */
function isAla(t: Token): boolean {
  return t.norm === ALA && t.raw.endsWith('ى');
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
  // "KYIV, Ukraine — Russia launched …, the air force said": the dateline is the writer's, not what was said.
  const opening = datelineEnd(para);
  // Sentence ends outside quotation marks, in order, found once.
  const ends = sentenceEnds(para, 0, para.length).map(([at]) => at).filter((at) => !marks.inside(at));
  const out: Statement[] = [];
  let taken = -1;
  let e = 0;
  let t0 = 0;
  for (let a = 0; a < reports.length; a++) {
    const r = reports[a]!;
    if (r.clauseAt < taken || r.cutOnly) continue;
    while (e < ends.length && ends[e]! < r.contentAt) e++;
    let end = r.contentEnd ?? ends[e] ?? para.length;
    for (let b = a + 1; b < reports.length && reports[b]!.clauseAt < end; b++) {
      const next = reports[b]!;
      // "…, according to police": the source of what comes before it, not part of it.
      if (next.contentEnd !== undefined && next.contentEnd > r.contentAt && next.contentEnd < end) {
        end = next.contentEnd;
        break;
      }
      // (A report of what comes before it opens no clause there: "…, the ministry said, according to AFP".)
      if (next.clauseAt >= r.contentAt && next.newClause && next.contentEnd === undefined) {
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
    // "The talks, officials said, will resume on Sunday": what comes before the parenthesis and what follows it.
    const rest = r.rest && end === r.contentEnd ? ` ${para.slice(r.rest.at, r.rest.end)}` : '';
    // 'The station is "all but finished", officials said': a scare quote what was reported ends in closes with it.
    const open = marks.around(end);
    if (open && open.open >= r.contentAt && /^[\s.,،]*$/u.test(para.slice(end, open.close))) end = open.close + 1;
    // Content that runs to the full stop of its sentence is whole however short ("Defense lawyers said they would appeal.").
    const whole = rest === '' && /^[\s"'»”’)]*[.!?\u061F](?:\s|$)/u.test(para.slice(end));
    const text = reportedText(para.slice(Math.max(r.contentAt, opening), end) + rest, whole ? MIN_WHOLE_REPORTED_WORDS : MIN_REPORTED_WORDS);
    if (text === undefined) continue;
    out.push({
      at: r.contentAt, text, heard: r.heard, indirect: true, byAt: Math.min(r.clauseAt, r.contentAt),
      ...(r.sentenceAt !== undefined ? { sentenceAt: r.sentenceAt } : {}), ...(r.subject ? { subject: r.subject } : {}),
    });
    taken = rest ? r.rest!.end : end;
  }
  return out;
}

/**
 * A wire dateline opening a paragraph: a place in capitals, perhaps with its region or country and the agency in
 * brackets ("KYIV, Ukraine — ", "WILMINGTON, Del. — ", "BAGHDAD (Reuters) - ", "OXFORD, England, April 23 (Reuters) - ", « MOSSOUL
 * (Irak) - »), a place
 * written in lower case with the agency ("Baghdad, Jan 5 (Reuters) - ", « Bagdad (AFP) - »), or an Arabic-script
 * place of one word (two after أبو, الدار, شرم…) before a dash or slash («ديالى - », «الرياض - », «بغداد/ », «أبو ظبي - »). Written by hand: no library reads datelines.
 */
const DATELINE = new RegExp(
  '^\\s*(?:' +
    [
      "\\p{Lu}[\\p{Lu}'’.\\-]+(?: \\p{Lu}[\\p{Lu}'’.\\-]+){0,3}(?: ?\\([^()\\n]{1,40}\\))?(?:, ?[\\p{L}\\d][\\p{L}\\d.'’ ]{0,30}){0,2}(?: ?\\([^()\\n]{1,40}\\))?",
      "\\p{Lu}\\p{L}+(?: \\p{L}+){0,2}(?:, ?[\\p{L}0-9. ]{1,30})? ?\\((?:AFP|AP|Reuters|dpa|ANSA|EFE|Xinhua|UPI|Anadolu|AA|IRNA|SPA|WAM|KUNA|QNA|MENA|INA|APS|MAP|TAP)\\)",
      // One word: «ڕێگای هەولێر - موسڵ» (the Erbil–Mosul road) opens a sentence with a dash between two places.
      // With its agency's credit: «بغداد (واع) –».
      // A vowel mark is of no script of its own («عمّان»): marks go with the letters.
      '\\(?(?:(?:أبو|الدار|شرم|رأس|سيدي|دير|عين|بني|أم|كفر|بيت|جبل) )?[\\p{Script=Arabic}\\p{M}]+\\)?(?: ?\\([^()\\n]{1,20}\\))?',
    ].join('|') +
    ')\\s*(?:[-–—]{1,2}|/)\\s+(?=\\S)',
  'u',
);

/** Where a paragraph's text starts after its dateline (0 with none). */
function datelineEnd(para: string): number {
  const m = DATELINE.exec(para);
  return m ? m[0].length : 0;
}

/**
 * Words that, after a comma, go on with something else than what was reported: «فيما», «بينما»,
 * «في حين», «وسط», "while", "whereas", "although", «tandis que», «alors que», «mientras», «aunque».
 */
const CONTENT_STOPS = fold(['فيما', 'وفيما', 'بينما', 'وبينما', 'وسط', 'while', 'whereas', 'although', 'though', 'tandis', 'alors', 'mientras', 'aunque', 'während', 'obwohl', 'тогда']);
const HIN = tokenize('حين')[0]!.norm;
const FI = fold(['في', 'وفي']);

function isContentStop(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k]!;
  return CONTENT_STOPS.has(t.norm) || (FI.has(t.norm) && tokens[k + 1]?.norm === HIN);
}

/** A conjunction or opener left at the end of content cut before the next clause («…، فيما», "…, and"). */
const TRAILING = /(?:^|\s)(?:و|ف|ثم|فيما|وفيما|بينما|وبينما|كما|وكما|حين|في حين|وفي حين|قد|وقد|and|but|while|whereas|as|et|mais|tandis|y|pero|mientras|und|aber|während|и|а|но|û|بەڵام)$/iu;

/** What was reported, as a statement's text: trimmed of the punctuation and conjunction before the next clause; undefined under `min` words. */
function reportedText(raw: string, min = MIN_REPORTED_WORDS): string | undefined {
  let text = raw.replace(/\s+/g, ' ').trim();
  for (;;) {
    const trimmed = text.replace(/[\s,،;؛:\-–—]+$/u, '').replace(TRAILING, '').trim();
    if (trimmed === text) break;
    text = trimmed;
  }
  if (countWords(text) < min) return undefined;
  return clip(text);
}

/**
 * A body an article names in full («وزارة الصحة العراقية», «السفارة الأمريكية في بغداد», "the US embassy in Baghdad",
 * "Iraq's health ministry", «l'ambassade des États-Unis à Bagdad»): its head (folded, ال off), its name as written and
 * where it stands in the text read.
 */
interface BodyName {
  head: string;
  name: string;
  /** The name folded, its article off: two mentions of one body, one longer («وزارة الصحة», «وزارة الصحة العراقية»), share words. */
  key: string;
  at: number;
}

/**
 * The person a body's mention names right after it, as its holder: «وزير الطاقة الأمير عبد العزيز بن سلمان», "the energy
 * minister, Prince Abdulaziz bin Salman" — so «وقال الوزير» later is that person. At most two words (an honorific, a comma)
 * between; a person the gazetteer knows.
 */
function holderNamedAfter(text: string, body: BodyName, lang: string): QuoteSpeaker | undefined {
  const tokens = tokenize(text.slice(body.at, body.at + body.name.length + HOLDER_AFTER_CHARS));
  // Where the mention starts differs by script (its head, or its first word): it ends at the name's last word.
  const last = tokenize(body.name).at(-1)?.norm;
  const end = tokens.findIndex((t) => t.norm === last);
  if (end < 0) return undefined;
  const rest = tokens.slice(end + 1).filter((t) => t.sentence === tokens[end]!.sentence);
  const span = gazetteer().nameSpans(rest).find((m) => m.type === 'person' && m.start <= 2);
  return span ? speakerIn(rest.slice(span.start, span.end), lang) : undefined;
}
const HOLDER_AFTER_CHARS = 80;

/** The bodies of a language and the rules its names are read with; undefined when it has none. */
interface BodyRules {
  heads: ReadonlySet<string>;
  lang: string;
  bare?: CompiledBare;
  /** Sorani, Kurmanji: the forms of the heads, folded, to their head. */
  kurdish?: KurdishForms;
}
/**
 * The forms a Kurdish body's head takes: with the ezafe before the rest of its name («وەزارەتی دارایی», "Wezareta Darayî"), alone
 * and definite («وەزارەتەکە», «وەزارەتەکەش»; Kurmanji "wezaret", "wezaretê"), and the word "the said" after the ezafe («وەزارەتی
 * ناوبراو», "wezareta navborî").
 */
interface KurdishForms {
  ezafe: ReadonlyMap<string, string>;
  alone: ReadonlyMap<string, string>;
  said: ReadonlySet<string>;
}
function kurdishForms(lang: string, stems: readonly string[]): KurdishForms {
  const ezafe = new Map<string, string>();
  const alone = new Map<string, string>();
  const add = (to: Map<string, string>, stem: string, forms: readonly string[]) => {
    const head = tokenize(stem)[0]!.norm;
    for (const f of forms) for (const t of tokenize(f)) to.set(t.norm, head);
  };
  for (const s of stems) {
    if (lang === 'ckb') {
      const definite = /ی$/.test(s) ? `${s}یەکە` : /[اەۆێ]$/.test(s) ? `${s}کە` : `${s}ەکە`;
      add(ezafe, s, [`${s}ی`, ...(/ی$/.test(s) ? [s] : [])]);
      add(alone, s, [definite, `${definite}ش`]);
    } else {
      const base = /[aeêiîouû]$/.test(s) ? `${s.replace(/î$/, 'i').replace(/û$/, 'u')}y` : s;
      add(ezafe, s, [`${base}a`, `${base}ê`, `${base}ên`]);
      add(alone, s, [s, `${base}ê`]);
    }
  }
  return { ezafe, alone, said: fold(lang === 'ckb' ? ['ناوبراو', 'ناوبراوە'] : ['navborî', 'navbirî']) };
}
const bodyRulesCache = new Map<string, BodyRules | null>();
function bodyRules(lang: string): BodyRules | undefined {
  let r = bodyRulesCache.get(lang);
  if (r === undefined) {
    const rules = Object.hasOwn(SPEECH, lang) ? SPEECH[lang]! : undefined;
    r = rules?.bodies ? { heads: fold(rules.bodies), lang, ...(rules.reported?.bare ? { bare: compileRules(rules).reported!.bare! } : {}) } : null;
    if (r && (lang === 'ckb' || lang === 'ku')) r.kurdish = kurdishForms(lang, rules!.bodies!);
    bodyRulesCache.set(lang, r);
  }
  return r ?? undefined;
}

/** Words before a Latin-script body's head that make it definite: "the embassy", «le ministère», «l'ambassade», «el ministerio». */
const DEFINITE = fold(['the', 'le', 'la', 'l', 'les', 'el', 'los', 'las']);
/** Arabic nouns a body's name goes through before its last, definite word: «مديرية شرطة كركوك», «مكتب رئيس الوزراء». */
const CONSTRUCT = fold(['شرطة', 'محافظة', 'قضاء', 'مدينة', 'إقليم', 'رئيس', 'رئاسة', 'مجلس', 'قيادة', 'عمليات', 'وزارة', 'وزير', 'نفط', 'تسويق', 'خلية', 'هيئة']);
/** Arabic bodies' heads that are an office one person holds: their name may follow («وزير الخارجية فؤاد حسين»). */
const ARABIC_OFFICES = fold(['وزير', 'محافظ', 'سفير', 'أمير']);
/** The same in English, French and Spanish: "Foreign Minister Fuad Hussein". */
const LATIN_OFFICES = fold(['minister', 'governor', 'ambassador', 'ministre', 'gouverneur', 'ambassadeur', 'ministro', 'gobernador', 'embajador']);
/** Arabic adjectives that are no nisba (…ي, …ية): «المفوضية العليا المستقلة». */
const ARABIC_ADJECTIVES = fold(['العليا', 'العامة', 'المستقلة', 'المشتركة', 'الخاصة', 'الكبرى', 'المركزي', 'المتحدة']);
/** Nationality and other adjectives after a French or Spanish head («irakien», «américaine», «iraquí»). */
const LATIN_ADJECTIVE: Readonly<Record<string, RegExp>> = {
  fr: /(?:ien|ienne|ain|aine|ais|aise|ois|oise|ique|al|ale|aux|ere|een|eenne|ane)$/,
  es: /(?:ano|ana|es|esa|i|ico|ica|ino|ina|ense|al)$/,
};
/** Prepositions before the capitalised part of a French or Spanish body's name: «de la Santé», «des États-Unis», «à Bagdad». */
const LATIN_BODY_PREPOSITIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  fr: fold(['de', 'du', 'des', 'd', 'à', 'en']),
  es: fold(['de', 'del', 'en']),
};
const BODY_MAX_WORDS = MAX_BY_WORDS;
const NAME_JOINERS = fold(['and', 'of', 'for']);

/** The head of a bare attribution «الوزارة», "the ministry", «l'ambassade»: the body alone, with its article. */
function bareBody(by: string, rules: BodyRules): string | undefined {
  const t = tokenize(by);
  const a = t[0];
  const k = rules.kurdish;
  if (k) {
    if (t.length === 1) return k.alone.get(a!.norm);
    return t.length === 2 && k.said.has(t[1]!.norm) ? k.ezafe.get(a!.norm) : undefined;
  }
  if (t.length === 1 && a?.arabic === true && a.norm.startsWith('ال') && rules.heads.has(a.norm.slice(2))) return a.norm.slice(2);
  if (t.length === 2 && a?.arabic === false && DEFINITE.has(a.norm) && rules.heads.has(t[1]!.norm)) return t[1]!.norm;
  return undefined;
}

/** The bodies a paragraph names in full. `offset`: the paragraph's place in the text read. */
function bodyNames(para: string, offset: number, rules: BodyRules): BodyName[] {
  const tokens = tokenize(para);
  const out: BodyName[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const m = rules.kurdish ? kurdishBody(para, tokens, i, rules.kurdish, rules.lang) : tokens[i]!.arabic ? arabicBody(para, tokens, i, rules) : latinBody(para, tokens, i, rules);
    if (m) out.push({ ...m, at: offset + tokens[i]!.start });
  }
  return out;
}

/** Whether token k follows token k-1 in its sentence with nothing but a space or a hyphen between. */
function joined(para: string, tokens: readonly Token[], k: number): boolean {
  const t = tokens[k];
  const p = tokens[k - 1];
  return t !== undefined && p !== undefined && t.sentence === p.sentence && !breakBefore(para, tokens, k) && !/["«»“”]/.test(para.slice(p.start + p.raw.length, t.start));
}

/** The name as written from token a to token b, its head's proclitic off (`head`: how the head is written). */
function nameText(para: string, tokens: readonly Token[], a: number, b: number, head?: string): string {
  const first = tokens[a]!;
  const text = (head ?? '') + para.slice(head === undefined ? first.start : first.start + first.raw.length, tokens[b]!.start + tokens[b]!.raw.length);
  return text.replace(QUOTE_MARKS, '').replace(/\s+/g, ' ').trim();
}

/**
 * An Arabic body at token i: its head (و, ب, ل glued to it off: «ووزارة», «للسفارة»), then — for a head with no ال, its
 * genitive («وزارة الصحة», «مكتب الكاظمي», «مديرية شرطة كركوك») — its adjectives («العراقية», «العليا المستقلة») and «في»
 * with a place («في بغداد»). A head with ال and nothing after it is no name.
 */
function arabicBody(para: string, tokens: readonly Token[], i: number, rules: BodyRules): Omit<BodyName, 'at'> | undefined {
  const t = tokens[i]!;
  let head: string | undefined;
  let written = '';
  let definite = false;
  for (const f of cliticVariants(t.norm)) {
    const h = f.startsWith('ال') && f.length >= 5 ? f.slice(2) : f;
    if (!rules.heads.has(h)) continue;
    if (t.norm.endsWith(f)) {
      const lead = t.norm.length - f.length;
      if (lead > 0 && t.raw.length !== t.norm.length) return undefined;
      written = t.raw.slice(lead);
    } else if (t.raw.startsWith('لل')) written = `ال${t.raw.slice(2)}`;
    else return undefined;
    [head, definite] = [h, h !== f];
    break;
  }
  if (head === undefined) return undefined;
  const definiteWord = (k: number) => tokens[k]!.norm.startsWith('ال') && tokens[k]!.norm.length >= 4;
  let j = i + 1;
  let last = i;
  if (!definite) {
    while (joined(para, tokens, j) && j - i <= 2 && CONSTRUCT.has(tokens[j]!.norm)) j++;
    if (!joined(para, tokens, j) || !tokens[j]!.arabic) return undefined;
    if (!definiteWord(j) && gazetteer().findInTokens([tokens[j]!], 'ar').length === 0) return undefined;
    last = j++;
  }
  while (joined(para, tokens, j) && j - i < BODY_MAX_WORDS && definiteWord(j) && (/(?:ي|يه|يين|يون)$/.test(tokens[j]!.norm) || ARABIC_ADJECTIVES.has(tokens[j]!.norm))) last = j++;
  if (joined(para, tokens, j) && FI.has(tokens[j]!.norm) && joined(para, tokens, j + 1) && j + 1 - i < BODY_MAX_WORDS) {
    if (gazetteer().findInTokens([tokens[j + 1]!], 'ar').some((e) => e.type === 'place' || e.type === 'country')) last = j + 1;
  }
  // An office-holder's name after the office («وزير الخارجية فؤاد حسين»): «الوزير» after it is he.
  if (ARABIC_OFFICES.has(head) && last > i) {
    for (let n = 1; n <= 3 && joined(para, tokens, last + n); n++) {
      const found = gazetteer().findInTokens(tokens.slice(last + 1, last + 1 + n), 'ar');
      if (found.length === 1 && found[0]!.type === 'person') last += n;
      if (found.length > 0) break;
    }
  }
  if (last === i) return undefined;
  const key = [head, ...tokens.slice(i + 1, last + 1).map((x) => x.norm)].join(' ');
  return { head, name: nameText(para, tokens, i, last, written), key };
}

/**
 * A Latin-script body at token i. English: the words before its head with a capital or modifying it ("the US embassy",
 * "the Iraqi health ministry", "Iraq's oil ministry", from "the" or the possessive), and "of", "in", "for", "at" with
 * words with a capital after it ("the Ministry of Health", "the embassy in Baghdad"). French, Spanish: its article, then
 * adjectives («irakien», «iraquí») and prepositions with words with a capital after them («de la Santé», «des États-Unis
 * à Bagdad»). Nothing but the article and the head is no name.
 */
function latinBody(para: string, tokens: readonly Token[], i: number, rules: BodyRules): Omit<BodyName, 'at'> | undefined {
  const t = tokens[i]!;
  if (!rules.heads.has(t.norm)) return undefined;
  let from = i;
  let last = i;
  let mods = 0;
  if (rules.lang === 'en') {
    const b = rules.bare;
    const modifier = (w: Token) =>
      /^\p{Ll}[\p{Ll}-]*$/u.test(w.raw) && !/(?:ed|ly|ing)$/.test(w.norm) &&
      !(b && (b.determiners.has(w.norm) || b.prepositions.has(w.norm) || b.stops.has(w.norm) || b.finite.has(w.norm) || b.notFirst.has(w.norm) || b.time.has(w.norm) || b.adverbs.has(w.norm) || b.subjects.has(w.norm)));
    let lower = 0;
    for (let k = i - 1; k >= 0 && joined(para, tokens, k + 1) && i - k < BODY_MAX_WORDS; k--) {
      const w = tokens[k]!;
      if (DEFINITE.has(w.norm)) {
        from = k;
        break;
      }
      if (w.norm === 's' && /['’]/.test(w.before ?? '') && k > 0 && isCapitalized(tokens[k - 1]!)) {
        [from, mods] = [k - 1, mods + 1];
        break;
      }
      if (isCapitalized(w)) [from, mods] = [k, mods + 1];
      // "the Petra Development and Tourism Region Authority": a conjunction or "of" between words with a capital.
      else if (NAME_JOINERS.has(w.norm) && isCapitalized(tokens[k + 1]!) && k > 0 && isCapitalized(tokens[k - 1]!) && joined(para, tokens, k)) from = k;
      else if (modifier(w) && lower < 2) [from, mods, lower] = [k, mods + 1, lower + 1];
      else break;
    }
    // "visit embassy": lower-case words before the head with no article or name before them modify nothing named.
    while (from < i && !DEFINITE.has(tokens[from]!.norm) && !isCapitalized(tokens[from]!)) [from, mods] = [from + 1, mods - 1];
    const next = tokens[i + 1];
    if (next && joined(para, tokens, i + 1) && ['of', 'in', 'for', 'at'].includes(next.norm)) {
      let k = i + 2;
      if (joined(para, tokens, k) && tokens[k]!.norm === 'the') k++;
      let e = k;
      while (joined(para, tokens, e) && isCapitalized(tokens[e]!) && e - k < 3 && e - from < BODY_MAX_WORDS) e++;
      if (e > k) [last, mods] = [e - 1, mods + 1];
    }
  } else {
    const adjective = LATIN_ADJECTIVE[rules.lang];
    const prepositions = LATIN_BODY_PREPOSITIONS[rules.lang];
    if (!adjective || !prepositions) return undefined;
    if (i > 0 && joined(para, tokens, i) && DEFINITE.has(tokens[i - 1]!.norm)) from = i - 1;
    let k = i + 1;
    while (joined(para, tokens, k) && k - from < BODY_MAX_WORDS) {
      const w = tokens[k]!;
      if (prepositions.has(w.norm)) {
        let m = k + 1;
        if (joined(para, tokens, m) && DEFINITE.has(tokens[m]!.norm)) m++;
        let e = m;
        while (joined(para, tokens, e) && isCapitalized(tokens[e]!) && e - from < BODY_MAX_WORDS) e++;
        if (e === m) break;
        [last, mods, k] = [e - 1, mods + 1, e];
      } else if (/^\p{Ll}/u.test(w.raw) && w.norm.length >= 5 && adjective.test(w.norm)) [last, mods, k] = [k, mods + 1, k + 1];
      else break;
    }
  }
  if (mods <= 0) return undefined;
  // An office-holder's name after the office ("Foreign Minister Fuad Hussein"): "the minister" after it is he.
  if (LATIN_OFFICES.has(t.norm) && last === i) {
    for (let n = 1; n <= 3 && joined(para, tokens, last + n) && isCapitalized(tokens[last + n]!); n++) {
      const found = gazetteer().findInTokens(tokens.slice(last + 1, last + 1 + n), rules.lang);
      if (found.length === 1 && found[0]!.type === 'person') last += n;
      if (found.length > 0) break;
    }
  }
  const key = tokens.slice(from, last + 1).filter((x, k) => !(k === 0 && DEFINITE.has(x.norm))).map((x) => x.norm).join(' ');
  return { head: t.norm, name: nameText(para, tokens, from, last), key };
}

/**
 * A Kurdish body at token i: its head with the ezafe, then its name. Sorani: the words with the ezafe after it, through «و»
 * between two of them, and the word without one that ends the chain («وەزارەتی دارایی حکومەتی هەرێمی کوردستان», «وەزارەتی
 * دارایی و ئابووری …»); a speech verb, a word opening an adjunct or «کە» ends it before. Kurmanji: the words with a capital
 * after it, and after "ya", "yê", "yên" more ("Wezareta Darayî ya Herêma Kurdistanê"). «وەزارەتی ناوبراو» is no name.
 */
function kurdishBody(para: string, tokens: readonly Token[], i: number, forms: KurdishForms, lang: string): Omit<BodyName, 'at'> | undefined {
  const head = forms.ezafe.get(tokens[i]!.norm);
  if (head === undefined) return undefined;
  let last = i;
  let j = i + 1;
  if (lang === 'ckb') {
    const table = speechTable(lang, true);
    const rules = compiledRulesOf(lang);
    const ezafe = (t: Token) => /ي$/.test(t.norm);
    while (joined(para, tokens, j) && j - i < BODY_MAX_WORDS) {
      const t = tokens[j]!;
      if (verbAt(tokens, j, table) || rules.preverbal.has(t.norm) || rules.complementizers.has(t.norm) || forms.said.has(t.norm)) break;
      if (t.norm === 'و') {
        if (!ezafe(tokens[j - 1]!) || !joined(para, tokens, j + 1)) break;
        j++;
        continue;
      }
      last = j++;
      if (!ezafe(t)) break;
    }
  } else {
    const links = fold(['ya', 'yê', 'yên', 'a', 'ê', 'ên']);
    while (joined(para, tokens, j) && j - i < BODY_MAX_WORDS) {
      if (isCapitalized(tokens[j]!)) last = j++;
      else if (j > i + 1 && links.has(tokens[j]!.norm) && joined(para, tokens, j + 1) && isCapitalized(tokens[j + 1]!)) j++;
      else break;
    }
  }
  if (last === i) return undefined;
  return { head, name: nameText(para, tokens, i, last), key: [head, ...tokens.slice(i + 1, last + 1).map((x) => x.norm)].join(' ') };
}
/** A language's own speech rules, compiled once (SPEECH[lang] must exist). */
const languageRules = new Map<string, CompiledRules>();
function compiledRulesOf(lang: string): CompiledRules {
  let r = languageRules.get(lang);
  if (!r) languageRules.set(lang, (r = compileRules(SPEECH[lang]!)));
  return r;
}

/**
 * The body a bare attribution («الوزارة», "the embassy") is: the one name with its head the text gave in full before it,
 * a shorter mention of the same body aside («وزارة الصحة» before «وزارة الصحة العراقية»: the longer is kept); with two
 * bodies of that head («وزارة الكهرباء», «وزارة النفط») or none, undefined.
 */
function antecedent(head: string, before: readonly BodyName[]): BodyName | undefined {
  const names = new Map<string, BodyName>();
  for (const m of before) if (m.head === head && !names.has(m.key)) names.set(m.key, m);
  const keys = [...names.keys()];
  const widest = keys.filter((k) => !keys.some((o) => o !== k && ` ${o} `.includes(` ${k} `)));
  return widest.length === 1 ? names.get(widest[0]!) : undefined;
}

/**
 * What a report calls a company it has named ("the airline", « l'avionneur », «الشركة»), by language. Written by hand: no
 * coreference library reads Arabic, French and English news alike, and this one rule is all the extractor needs of one.
 */
const COMPANY_DESCRIPTORS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: fold(['company', 'firm', 'airline', 'carrier', 'planemaker', 'automaker', 'carmaker', 'lender', 'insurer', 'retailer', 'manufacturer', 'conglomerate', 'group', 'operator', 'giant']),
  fr: fold(['compagnie', 'société', 'entreprise', 'groupe', 'avionneur', 'constructeur', 'transporteur', 'opérateur', 'géant', 'firme']),
  ar: fold(['الشركة', 'الناقلة', 'المجموعة']),
};
/** Words in an organisation's name that make it no company (a ministry, the UN, a court): "the group" is not the WHO. */
const NOT_COMPANIES = fold([
  'ministry', 'organization', 'organisation', 'council', 'nations', 'union', 'agency', 'commission', 'court', 'army', 'police', 'government', 'parliament',
  'assembly', 'committee', 'fund', 'office', 'department', 'press', 'news', 'ministère', 'conseil', 'agence', 'cour', 'tribunal', 'armée', 'gouvernement',
  'وزارة', 'منظمة', 'مجلس', 'هيئة', 'وكالة', 'محكمة', 'جيش', 'حكومة', 'الأمم',
]);

/** Whether an attribution is a company descriptor alone: "the airline", « la compagnie », «الشركة». */
function companyDescriptor(by: string, lang: string): boolean {
  const set = COMPANY_DESCRIPTORS[lang];
  if (!set) return false;
  const t = tokenize(by);
  if (t.length === 1) return t[0]!.arabic && set.has(t[0]!.norm);
  return t.length === 2 && DEFINITE.has(t[0]!.norm) && set.has(t[1]!.norm);
}

/**
 * The names a text gives, where, each with the company it is (undefined for anything else): an organisation the gazetteer
 * knows, not in brackets (a wire credit), none of NOT_COMPANIES.
 */
function companiesIn(text: string, lang: string): Named[] {
  const tokens = tokenize(text);
  const out: Named[] = [];
  let last: QuoteSpeaker | undefined;
  let lastOrg: QuoteSpeaker | undefined;
  for (const m of gazetteer().nameSpans(tokens)) {
    const words = tokens.slice(m.start, m.end);
    const found = m.type === 'org' && tokens[m.start]!.before !== '(' ? speakerIn(words, lang) : undefined;
    const org = found?.type === 'org' ? found : undefined;
    const speaker = org && !words.some((w) => NOT_COMPANIES.has(w.norm) || NOT_COMPANIES.has(bare(w))) ? org : undefined;
    last = speaker ?? last;
    lastOrg = org ?? lastOrg;
    out.push({ at: tokens[m.start]!.start, speaker, last, lastOrg });
  }
  return out;
}

/** A name where it stands: the company it is (none for anything else), the company named last up to it, and the organisation. */
interface Named {
  at: number;
  speaker: QuoteSpeaker | undefined;
  last: QuoteSpeaker | undefined;
  lastOrg: QuoteSpeaker | undefined;
}

/**
 * What an organisation of any kind is called once named: "the agency" (the WHO, the IAEA), "the watchdog", « l'organisation »,
 * "the central bank" (the Fed), "the global lender", « l'institution » (the IMF).
 */
const ORG_DESCRIPTORS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: fold(['agency', 'organisation', 'organization', 'body', 'watchdog', 'fund', 'alliance', 'bloc', 'federation', 'league', 'cartel', 'bank', 'institution', 'lender', 'club']),
  fr: fold(['agence', 'organisation', 'instance', 'fonds', 'alliance', 'fédération', 'ligue', 'gendarme', 'organisme', 'banque', 'institution', 'club']),
};

/** Whether an attribution is an organisation descriptor alone, "the agency", "the U.N. agency", « l'organisation onusienne ». */
function orgDescriptor(by: string, lang: string): boolean {
  const set = ORG_DESCRIPTORS[lang];
  if (!set) return false;
  const t = tokenize(by);
  if (t.length < 2 || t.length > 4 || !DEFINITE.has(t[0]!.norm)) return false;
  const head = lang === 'fr' ? 1 : t.length - 1;
  // Besides the head, only "U.N." or an adjective of it: « l'organisation onusienne », "the U.N. agency", "the central bank".
  // French: or one adjective after the head, in lower case (« le club madrilène », « l'institution financière »).
  return set.has(t[head]!.norm) && t.every((w, i) => i === 0 || i === head || /^(?:u|n|un|onusienne|onusien|international|internationale|global|mondiale|central|centrale)$/u.test(w.norm) || (lang === 'fr' && i === head + 1 && t.length === 3 && !isCapitalized(w) && /^\p{L}{4,}$/u.test(w.raw)));
}

/**
 * Roles a person named before is called by once their nationality or age is added ("the Egyptian forward", "the
 * 35-year-old", « l'attaquant français », «النجم المصري»): a sports or arts report's way of naming its subject again.
 * Office titles are not among them: a generic title is read as the gazetteer reads it (OfficeDef.generic).
 */
const PERSON_ROLES = fold([
  'forward', 'striker', 'midfielder', 'defender', 'goalkeeper', 'keeper', 'winger', 'player', 'star', 'coach', 'manager', 'captain', 'veteran', 'singer', 'actor',
  'actress', 'filmmaker', 'writer', 'author', 'novelist', 'artist', 'champion', 'athlete', 'runner', 'swimmer', 'driver', 'rider', 'cyclist', 'boxer', 'skipper',
  'frenchman', 'englishman', 'irishman', 'scotsman', 'dutchman', 'welshman', 'frenchwoman', 'englishwoman',
  'attaquant', 'buteur', 'milieu', 'défenseur', 'gardien', 'joueur', 'joueuse', 'vedette', 'entraîneur', 'sélectionneur', 'technicien', 'capitaine', 'chanteur',
  'chanteuse', 'acteur', 'actrice', 'réalisateur', 'réalisatrice', 'romancier', 'romancière', 'écrivain', 'écrivaine', 'auteur', 'autrice', 'artiste',
  'champion', 'championne', 'pilote', 'cycliste', 'nageur', 'nageuse', 'coureur', 'coureuse', 'boxeur', 'ailier',
  'المهاجم', 'اللاعب', 'اللاعبة', 'النجم', 'النجمة', 'المدرب', 'الحارس', 'المدافع', 'القائد', 'الفنان', 'الفنانة', 'الممثل', 'الممثلة', 'المخرج', 'المخرجة',
  'الكاتب', 'الكاتبة', 'الروائي', 'الروائية', 'المطرب', 'المطربة', 'المغني', 'المغنية', 'البطل', 'البطلة', 'العداء', 'العداءة', 'السباح', 'السباحة', 'الدولي',
]);
const AGE_WORDS = fold(['year', 'old']);

/**
 * Whether an attribution only describes a person already named: an article, then a role of PERSON_ROLES or a nationality
 * and an age or nationality ("the Egyptian forward", "the 35-year-old", "the Frenchman", « le sélectionneur algérien ») — in
 * Arabic a role and its adjectives, one a nationality («النجم المصري», «المهاجم الدولي العراقي»). No name in it: «المدرب
 * الإسباني خيسوس كاساس» and "the coach" alone introduce someone new as often.
 */
function personDescriptor(by: string, lang: string): boolean {
  const t = tokenize(by);
  if (t.length < 2 || t.length > 5) return false;
  const words = t[0]!.arabic ? t : t.slice(1);
  if (t[0]!.arabic ? !PERSON_ROLES.has(t[0]!.norm) || !t.every((w) => w.arabic && w.norm.startsWith('ال')) : !DEFINITE.has(t[0]!.norm)) return false;
  const countries = gazetteer().findInTokens(words, lang).filter((e) => e.type === 'country').length;
  const aged = words.some((w) => /^\d+$/.test(w.raw)) && words.some((w) => AGE_WORDS.has(w.norm));
  if (countries === 0 && !aged && !words.some((w) => /^(?:french|english|irish|scots|dutch|welsh)(?:wo)?man$/u.test(w.norm))) return false;
  // Every other word a role, an age's, or the nationality (capitalised in English; an adjective after the noun in French).
  return words.every((w) => PERSON_ROLES.has(w.norm) || AGE_WORDS.has(w.norm) || /^\d+$/.test(w.raw) || gazetteer().findInTokens([w], lang).some((e) => e.type === 'country'));
}

/** A person named where it stands: by a name the gazetteer knows, or by a surname of the article's people. */
interface Mention {
  at: number;
  speaker: QuoteSpeaker | undefined;
}

/** The people a text names, in text order (`surnames`: the article's people, by the last word of each name). */
function peopleIn(text: string, lang: string, surnames: ReadonlyMap<string, QuoteSpeaker | null>): Mention[] {
  const tokens = tokenize(text);
  const out: Mention[] = [];
  let k = 0;
  for (const m of gazetteer().nameSpans(tokens)) {
    for (; k < m.start; k++) {
      const s = surnames.get(tokens[k]!.norm);
      if (s) out.push({ at: tokens[k]!.start, speaker: s });
    }
    k = Math.max(k, m.end);
    const found = m.type === 'person' ? speakerIn(tokens.slice(m.start, m.end), lang) : undefined;
    if (found?.type === 'person') out.push({ at: tokens[m.start]!.start, speaker: found });
  }
  for (; k < tokens.length; k++) {
    const s = surnames.get(tokens[k]!.norm);
    if (s) out.push({ at: tokens[k]!.start, speaker: s });
  }
  return out;
}

/** An attribution to one or some of those who spoke before: "one of them", « l'un d'eux », «أحدهم». */
const PARTITIVE = /^(?:(?:one|some|another|two|both) of (?:them|those|the (?:officials|sources|people|diplomats|aides))|l'une? d'(?:eux|elles|entre eux|entre elles)|certains d'entre eux|أحده[مما]|إحداه[نما]|بعضهم)$/iu;

/** The index of the first name at or after `at` (`named` is in text order). */
function firstAtOrAfter(named: ReadonlyArray<{ at: number }>, at: number): number {
  let [lo, hi] = [0, named.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (named[mid]!.at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The lower-cased primary subtag: "ar-IQ" → "ar". */
function baseLang(lang: string): string {
  return (typeof lang === 'string' ? lang : '').toLowerCase().split(/[-_]/)[0] ?? '';
}

/**
 * Quotations the text attributes to someone, in text order: the words in quotation marks (« »,
 * “ ”, „ “, ‹ ›, 「 」, " ") beside a speech verb in the clause before or after them (قال, أكد,
 * وأضاف, بحسب; said, according to; a déclaré, selon; dijo; sagte; dedi; گفت; заявил; گوتی, ڕایگەیاند; got, ragihand), with the
 * attribution as written and the known person or organisation it names. Scare quotes (fewer
 * than 4 words or 15 characters) and quotations nobody is said to have said are left out. A
 * quotation attributed to a pronoun alone ("he said", وأضاف:) takes the speaker of the previous
 * attributed quotation (itself perhaps inherited) when that one is at most two paragraphs back;
 * otherwise the known person the nearest sentence before it opens with, in its paragraph or the one before
 * (pronounAntecedent); else it is kept with no `by` (it is still attributed speech). A quotation with no attribution that
 * is a sentence alone right after the sentence holding an attributed quotation, or a paragraph alone after a paragraph
 * ending on one, goes on with it and takes its speaker (continuesQuotation). «"…"، بهذه الكلمات علّق …» ("with these
 * words … commented") attributes the quotation to the names after its verb. A comma the English style
 * puts before the closing mark is not part of the text. Languages other than ar, en, fr, es, de, tr, fa,
 * ru, ckb and ku are read with all their verbs. At most MAX_QUOTES, each text once, from the first 100 000
 * characters; never throws. `known`: the entities the article names (enrichment's), so an
 * attribution by surname alone ("وقال السوداني") is the person the article named in full.
 *
 * Sorani and Kurmanji put the verb last, with where and to whom it was said before it: the
 * attribution is the subject before those («مەسرور بارزانی لە کۆنفرانسێکی ڕۆژنامەوانیدا گوتی»,
 * «سەرچاوەیەک بە ڕووداوی ڕاگەیاند کە …», "Berpirsekî PDKê ji Rûdawê re got ku …"; a source's own
 * relation stays: «سەرچاوەیەکی نزیک لە …», "çavkaniyek ji PDKê"), and a verb with no subject, or after
 * an adjunct that opens its clause («هەروەها لە بەشێکی تری لێدوانەکەیدا گوتی»), is a pronoun's.
 *
 * Reported speech comes too, `indirect: true`, in text order among the quotations: a speech verb
 * opening its clause with its attribution (after the verb in Arabic, before it elsewhere), then —
 * through an adjunct of at most GAP_WORDS words ("on Tuesday", «في بيان», "told reporters"; up to
 * EVENT_GAP_WORDS when it opens with the occasion, «خلال مؤتمر صحفي مشترك مع …») — إن, أن, بأن,
 * أنه…, "that", que/qu', dass, что, که, کە or ku, and at least five words to the end of the sentence, or to
 * the next such clause («…، وأضاف أن …») or «، فيما» / ", while" / ", although". Its text is those
 * words (after أنه, what follows it). English without "that": said, says, told (reporters, Reuters,
 * a news conference…) or added, an adjunct ("on Tuesday", "late on Monday", "in a statement", "in
 * Baghdad"), then a clause — a pronoun that is only a subject ("he would"), "it"/"there" and a
 * finite verb, or a noun phrase and an auxiliary ("at least 12 people were", "the talks would"). A
 * source phrase — بحسب, حسب, حسبما, وفقا ل, "according to", selon, según, laut, по словам, به گفته, بەپێی, "li gorî" —
 * with its source (a speaker noun, a name, a known entity, an unnamed source's head; not a law, a
 * plan, a timetable) and a comma reports what follows, when it opens its sentence («وبحسب وزارة
 * الصحة، فقد …»; German: "Laut Polizei wurden …"), or what comes before it in its sentence when it
 * ends it ("…, according to police."; a wire dateline opening the paragraph, "KYIV, Ukraine — ", «ديالى - », is left out); a statement before it ends there. Not read: what opens
 * with a quotation mark (a quotation: `وقال حسين إن "…"`), "that" after other verbs («من المتوقع
 * أن», «تقرر أن», "it is expected that", "il faut que") or after بعد, "so", "alors"…, a relative
 * clause («التي قال ناشطون إنها», "which said that"), a negated, modal or questioned verb, a
 * request ("asked that"), and the present يرى («ويرى مراقبون أن …»: the writer's analysis);
 * without "that", a verb with an object ("said a prayer", "said goodbye"), "is said to be", "the
 * said agreement", "as he said", "Said" with a capital, a comma before the clause's verb, a verb in
 * -ed after a noun ("Witnesses said gunmen opened fire": too often no verb), a sentence with a
 * quotation in it, or a scare quote after a comma (a scare quote in the clause is carried: 'said the particles were
 * "unintended fluctuations"'); a source inside its sentence with no comma before it. Sorani also reports, with
 * no complementizer, what follows a colon right after its verb when no quotation mark opens it («ڕایگەیاند: …»).
 *
 * An attribution after what it reports, set off by a comma — a source ("…, according to police."),
 * or a speech verb of the language's `trailing` list with its subject before it ("…, police said on
 * Tuesday.", "…, a government spokesman told AFP.") or its speaker after it ("…, said police", «…، قال
 * مصدر أمني في بيان.», «…, a indiqué mardi un responsable.», "…, dijo el ministro.", "…, sagte ein
 * Sprecher.", «…، بەرپرسێک گوتی.», "…, çavkaniyekê ji Rûdawê re got.") — reports its sentence from the start to that comma (80 words at most), unless that
 * holds a quotation mark (a quotation in marks is read once, as a quotation: `"…," he said` is its
 * attribution), another speech verb's statement (which the attribution then ends: "The minister
 * said the talks would resume, officials said"; "…, the ministry said, according to AFP" is the
 * ministry's), or is an adjunct or a participle's phrase alone ("Speaking to reporters after the
 * meeting, …", «وبعد انتهاء الجلسة، …»). Not read so: after "as", "and" («كما قال», "…, and police
 * said"), a verb with و glued to it («، وقال …»), one that takes an object (أعلن), "told" with an
 * object it is not read with, «وەک» / "wek" ("as") before a Kurdish subject, a Kurdish verb that also takes
 * an object (bare ڕاگەیاند, "ragihand") with nothing between its subject and it. Set off by commas in the middle of its sentence ("The new power
 * station, officials said, will add …", "X will carry a map to Washington, according to people
 * close to him, ahead of …", «وسيحمل رئيس الوزراء، بحسب مقربين منه، ملفا …»), the statement is
 * what comes before it joined, with a space, to what follows when that goes on with the clause (a
 * verb, an object) to the sentence end; an adjunct after it ("ahead of Thursday's meeting", "in a
 * statement", "without giving details"), a participle ("adding …", «مضيفا أن»), a conjunction or a
 * relative clause is left out, as the writer's or the source's. A speaker after its verb followed
 * by a comma and more is read only when that is its apposition ("…, said Ahmed Moussa, a spokesman
 * for the ministry.") or its participle; else the attribution interrupts a clause it is not safe to
 * join («Les négociations, a indiqué le ministre, reprendront …»), and nothing is read.
 *
 * `by` is the attribution as written, except for a body's head alone with its article — «الوزارة»,
 * «السفارة», «الشركة», «الجيش», "the ministry", "the embassy", «le ministère», «l'ambassade», «el
 * ministerio» (the language's `bodies`) — when the text before the attribution names exactly one
 * body with that head in full («وزارة الصحة العراقية», «السفارة الأمريكية في بغداد», "the US embassy
 * in Baghdad", "Iraq's oil ministry", «L'ambassade des États-Unis à Bagdad»; Sorani «وەزارەتەکە», «وەزارەتی ناوبراو» after
 * «وەزارەتی دارایی حکومەتی هەرێمی کوردستان», Kurmanji "wezaret", "wezareta navborî" after "Wezareta Darayî ya Herêma
 * Kurdistanê"; a shorter mention of it,
 * «وزارة الصحة», is the same body): `by` is then that name as the text wrote it (8 words at most),
 * and `speaker` the person or organisation the gazetteer finds in it. An office is such a head too
 * («الوزير», «المحافظ», "the minister", «le ministre»), its name the office and, when the text gave
 * it right after, its holder's («وزير الخارجية فؤاد حسين», "Foreign Minister Fuad Hussein"). Two such bodies before it
 * («وزارة الكهرباء», «وزارة النفط»), or none, leave `by` as written.
 * Turkish: none. An attribution to a source not named — its head مصدر, مصادر, مسؤول(ون), مقربون, أوساط, "source(s)",
 * "official(s)", "a person familiar with", une source, un responsable, des proches, fuentes,
 * Quelle, источник, منبع, kaynak, سەرچاوەیەک, بەرپرسێک, çavkaniyek, berpirsek… with no person named at its head or in apposition, or "who
 * asked not to be named", «فضل عدم الكشف عن اسمه» — is `unnamed: true`, with no speaker (the
 * prime minister "sources close to" names is not the source); a spokesman is a role on record,
 * not unnamed. A pronoun inherits `unnamed` with the rest. `at`, the day the text was written (an
 * article's publication), makes an office's title its holder that day ("Iraq's foreign minister
 * said" is Fuad Hussein's; see the gazetteer's OfficeDef). `country`, the source's, with `known`,
 * reads a title without a country («وقال رئيس الوزراء», "the prime minister said") as the
 * gazetteer reads it in the article (OfficeDef.generic).
 */
export function extractQuotes(text: string, lang: string, known: readonly Entity[] = [], at?: Date, country?: string): Quote[] {
  if (typeof text !== 'string' || text === '') return [];
  writtenOn = at;
  writtenAbout = { country, entities: known };
  try {
    return readQuotes(text, lang, known);
  } finally {
    writtenOn = undefined;
    writtenAbout = {};
  }
}

/** At most this many words quoted inside reported speech are read as part of it (partialQuotation): a phrase, not a sentence. */
const PARTIAL_WORDS = 6;

/**
 * Whether a quotation is a phrase quoted inside reported speech: it is short, and the clause before it runs, with no comma
 * and no speech verb of its own, from a speech verb or participle and its "that" through at least one word to the mark
 * («مضيفا أن الحزب ملتزم بالاتفاق "ما دامت …"», « a affirmé que les chrétiens devaient vivre « en paix et en sécurité » »).
 * `وقال حسين إن "…"` and «…، وقال: "…"» are quotations.
 */
function partialQuotation(before: string, quoted: string, table: SpeechTable): boolean {
  if (countWords(quoted) > PARTIAL_WORDS) return false;
  const tokens = tokenize(before);
  const last = tokens[tokens.length - 1];
  if (!last || /[^\s]/u.test(before.slice(last.start + last.raw.length).replace(QUOTE_MARKS, ''))) return false;
  for (let i = tokens.length - 2; i >= 1; i--) {
    // « Selon une source diplomatique, un accord est « à portée de main » »: the source, its comma, then what it reports.
    if (breakBefore(before, tokens, i + 1)) {
      for (let v = i; v >= 0 && i - v <= MAX_ATTRIBUTION_TOKENS; v--) {
        const w = verbAt(tokens, v, table);
        if (w?.phrase.source && (v === 0 || breakBefore(before, tokens, v))) return true;
      }
      return false;
    }
    if (verbAt(tokens, i + 1, table)) return false;
    for (let v = i - 1; v >= 0 && i - v <= GAP_WORDS + 2; v--) {
      const w = verbAt(tokens, v, table);
      if (w && !w.phrase.source && w.phrase.rules.reported?.that.has(tokens[i]!.norm)) return true;
    }
  }
  return false;
}

/**
 * Whether a quotation with no attribution of its own goes on with the one before: it is a sentence alone (nothing before it
 * in its sentence, nothing after it but the sentence's end), and the sentence before it holds an attributed quotation
 * ('"…," Messi said after the final. "When I came here …"', « « … », a-t-il souligné. « Le potentiel … » »), or it is a
 * paragraph alone after a paragraph whose last statement was an attributed quotation (`directBefore`).
 */
function continuesQuotation(
  para: string, q: Span & { text: string }, before: string, after: string, prev: Span | undefined, statements: readonly Statement[], directBefore: boolean,
): boolean {
  if (before.trim() !== '') return false;
  if (!/[.!?\u2026\u061F]\s*$/u.test(para.slice(q.open + 1, q.close)) && !/^\s*[.!?\u2026\u061F]?\s*$/u.test(after)) return false;
  if (!prev) return directBefore && para.slice(0, q.open).trim() === '' && para.slice(q.close + 1).replace(/[\s.!?\u2026\u061F]/gu, '') === '';
  const attributed = statements.at(-1)?.span?.open === prev.open;
  return attributed && sentenceEnds(para, prev.close + 1, q.open).length <= 1;
}

/**
 * The second half of a quotation its attribution splits in one sentence ('"It was the hardest season of my career," Salah
 * said after the match, "but it is also the one I am proudest of."', «« لا يمكننا … »، قال تيدروس، « من دون … »»): the
 * marks right after the attribution, which ends in a comma, with no sentence end between — read as one quotation with
 * its first half, the attribution left out (" … "). Not after a colon ("…," he said, adding: "…"), which opens another.
 */
function splitQuotation(para: string, q: Span, spans: readonly Span[], after: string): Span | undefined {
  const i = spans.findIndex((s) => s.open === q.open);
  const rest = spans[i + 1];
  if (!rest || q.close + 1 + after.length !== rest.open || !/[,،]\s*$/u.test(after)) return undefined;
  if (/[.!?\u2026\u061F]\s*$/u.test(para.slice(q.open + 1, q.close))) return undefined;
  return innerText(para.slice(rest.open + 1, rest.close)) === '' ? undefined : rest;
}

/** Words of the inverted French auxiliary and pronoun before an incise's participle: « a-t-il », « ont-elles ». */
const INCISE_LEADS = fold(['a', 't', 'il', 'elle', 'ils', 'elles', 'ont', 'avait', 'avaient', 'aurait', 'auraient']);

/**
 * A quotation with its attribution inside its marks, set off by commas, the French way (« On ne rentrera pas en classe, a
 * lancé Mélanie Hébert devant les grévistes, tant que … », « Nous tiendrons nos engagements, a-t-il assuré, et … »): the
 * first comma after at least MIN_WORDS words that a speech verb follows at once (after « a-t-il » at most), through the next
 * comma or the end. What was said is the rest, its two parts joined by " … "; who said it, that clause as read after a
 * quotation. Only where no attribution stands outside the marks.
 */
function insideIncise(text: string, table: SpeechTable, lang: string): { text: string; heard: Reading } | undefined {
  for (const m of text.matchAll(/[,،]\s+/gu)) {
    const said = text.slice(0, m.index).trim();
    if (countWords(said) < MIN_WORDS) continue;
    const rest = text.slice(m.index + m[0].length);
    const stop = rest.search(/[,،]\s/u);
    const incise = stop < 0 ? rest.replace(/[.!?\u2026]+\s*$/u, '') : rest.slice(0, stop);
    const tokens = tokenize(incise);
    let lead = 0;
    while (lead < tokens.length && lead < 3 && INCISE_LEADS.has(tokens[lead]!.norm)) lead++;
    const v = lead < tokens.length ? verbAt(tokens, lead, table) : undefined;
    if (!v || v.phrase.source || v.phrase.participle === true || !v.phrase.rules.incise) continue;
    const heard = readClause(incise, 'after', table, lang);
    if (!heard) continue;
    const more = stop < 0 ? '' : rest.slice(stop).replace(/^[,،]\s*/u, '').trim();
    return { text: clip(more === '' ? said : `${said} … ${more}`), heard };
  }
  return undefined;
}

/** Whether a clause opens with a source phrase and its comma ("According to Iran's foreign ministry, …", « Selon X, … »). */
function opensWithSource(clause: string, table: SpeechTable): boolean {
  const tokens = tokenize(clause);
  const v = tokens.length > 0 ? verbAt(tokens, 0, table) : undefined;
  if (!v?.phrase.source) return false;
  for (let k = v.end + 1; k < tokens.length; k++) if (breakBefore(clause, tokens, k)) return true;
  return false;
}

function readQuotes(text: string, lang: string, known: readonly Entity[]): Quote[] {
  const surnames = surnameIndex(known);
  const language = baseLang(lang);
  const table = speechTable(language);
  const reportedTable = speechTable(language, true);
  const out: Quote[] = [];
  const seen = new Set<string>();
  let last: { by: string; speaker: QuoteSpeaker | undefined; unnamed: boolean; paragraph: number; at: number; end: number; direct: boolean } | undefined;
  let here: ParagraphText | undefined;
  let previous: ParagraphText | undefined;
  // The language's own rules (a language read with every list's has none): how its sentences open.
  const rules = Object.hasOwn(SPEECH, language) ? compiledRulesOf(language) : undefined;
  let paragraph = -1;
  const scanned = text.slice(0, MAX_SCANNED);
  let companies: Named[] | undefined;
  let people: Mention[] | undefined;
  const breaks = /\r\n?|[\n\u2028\u2029]/g;
  // The bodies named in full in the paragraphs read so far, found only once an attribution needs them («وقالت الوزارة»).
  const bodies = bodyRules(language);
  const named: BodyName[] = [];
  const pending: Array<{ para: string; offset: number }> = [];
  const resolved = new Map<string, BodyName | undefined>();
  for (let from = 0; from <= scanned.length; ) {
    const m = breaks.exec(scanned);
    const to = m ? m.index : scanned.length;
    const para = scanned.slice(from, to);
    const offset = from;
    from = m ? m.index + m[0].length : scanned.length + 1;
    if (para.trim() === '') continue;
    paragraph++;
    if (bodies) pending.push({ para, offset });
    // This paragraph and the one before, tokenized once a pronoun needs them (pronounAntecedent).
    previous = here;
    here = { text: para };
    const spans = quoteSpans(para);
    const quotations = spans.flatMap((s, k) => {
      const q = quotationText(para.slice(s.open + 1, s.close));
      if (q !== undefined) return [{ ...s, text: q, short: false }];
      const prev = spans[k - 1];
      const next = spans[k + 1];
      const short = shortQuotation(para.slice(s.open + 1, s.close), clauseBefore(para, s.open, prev ? prev.close + 1 : 0), clauseAfter(para, s.close, next ? next.open : para.length));
      return short === undefined ? [] : [{ ...s, text: short, short: true }];
    });
    const statements: Statement[] = [];
    // The second halves of quotations split by their attribution, read with their first (splitQuotation).
    const joined = new Set<number>();
    for (let k = 0; k < quotations.length; k++) {
      let q = quotations[k]!;
      if (joined.has(q.open)) continue;
      const next = quotations[k + 1];
      const before = clauseBefore(para, q.open, k > 0 ? quotations[k - 1]!.close + 1 : 0);
      let after = clauseAfter(para, q.close, next ? next.open : para.length);
      // "…," he said, adding: "…": a clause ending in a colon at the next quotation introduces that one; what stands before
      // its last comma ("he said,") is still this one's attribution.
      if (next && q.close + 1 + after.length === next.open && /[:：]\s*$/.test(after)) after = after.slice(0, Math.max(0, after.search(/[,،][^,،]*$/u) + 1));
      // '…, he added: "Iraq wants to be a bridge." According to Iran's foreign ministry, the two …': a quotation ending its
      // sentence inside the marks, then a sentence opening with a source, is not that source's.
      if (/[.!?\u2026]\s*$/u.test(para.slice(q.open + 1, q.close)) && opensWithSource(after, table)) after = '';
      // « … que les chrétiens devaient vivre « en paix et en sécurité » … », «…، مضيفا أن الحزب ملتزم بالاتفاق "ما دامت …"»:
      // a few words quoted inside reported speech are part of that statement, not one of their own.
      if (reportedTable.size > 0 && partialQuotation(before, q.text, reportedTable)) continue;
      // «رواية «مئة عام من العزلة»», 'the novel "One Hundred Years of Solitude"', « le film « Close » »: a work's title.
      if (titleOfWork(before)) continue;
      let heard = attribute(before, after, table, language) ?? (q.short ? undefined : (appraised(before, language) ?? (continuesQuotation(para, q, before, after, k > 0 ? quotations[k - 1] : undefined, statements, last?.direct === true && last.paragraph === paragraph - 1) ? {} : undefined)));
      if (!heard && rules?.incise === true) {
        const inside = insideIncise(q.text, table, language);
        if (inside) [q, heard] = [{ ...q, text: inside.text }, inside.heard];
      }
      if (!heard) continue;
      const rest = after.trim() === '' ? undefined : splitQuotation(para, q, spans, after);
      if (rest) {
        joined.add(rest.open);
        q = { ...q, close: rest.close, text: clip(`${q.text} … ${innerText(para.slice(rest.open + 1, rest.close))}`) };
      }
      statements.push({ at: q.open, text: q.text, heard, indirect: false, span: { open: q.open, close: q.close } });
    }
    const direct = statements.flatMap((s) => (s.span ? [s.span] : []));
    if (reportedTable.size > 0) statements.push(...reportedIn(para, spans, direct, reportedTable, language));
    statements.sort((a, b) => a.at - b.at);
    for (const s of statements) {
      let { by, speaker } = s.heard;
      let unnamed = s.heard.unnamed === true;
      const head = bodies && by !== undefined && !unnamed ? bareBody(by, bodies) : undefined;
      if (head !== undefined) {
        for (const p of pending.splice(0)) named.push(...bodyNames(p.para, p.offset, bodies!));
        // The names before the attribution: a prefix of `named`, in text order; the same prefix gives the same body.
        const at = offset + Math.min(s.at, s.byAt ?? s.at);
        let [n, hi] = [0, named.length];
        while (n < hi) {
          const mid = (n + hi) >> 1;
          if (named[mid]!.at < at) n = mid + 1;
          else hi = mid;
        }
        const key = `${head} ${String(n)}`;
        if (!resolved.has(key)) resolved.set(key, antecedent(head, named.slice(0, n)));
        const body = resolved.get(key);
        if (body) {
          by = body.name;
          speaker = speakerIn(tokenize(body.name), language) ?? holderNamedAfter(scanned, body, language) ?? speaker;
        }
      }
      if (!speaker && !unnamed && by !== undefined && surnames.size > 0) speaker = bySurname(by, surnames);
      // "…, the airline said", «وقالت الشركة»: after what it reports ("Boeing delivered 45 jets, the company said"), the first
      // name what it reports gives, when that is a company; else the company named last before it.
      if (!speaker && !unnamed && by !== undefined && companyDescriptor(by, language)) {
        companies ??= companiesIn(scanned, language);
        const after = para.lastIndexOf(by, s.at) === -1;
        // Where what it reports starts as written (a dateline before it is not part of it).
        const written = para.indexOf(s.text.slice(0, 24), s.at);
        const from = offset + (written >= 0 ? written : s.at);
        const i = firstAtOrAfter(companies, from);
        const first = after && i < companies.length && companies[i]!.at < from + s.text.length ? companies[i] : undefined;
        speaker = first ? first.speaker : companies[i - 1]?.last;
      }
      // "The agency said …" after the WHO: the organisation named last before it, whatever its kind.
      if (!speaker && !unnamed && by !== undefined && orgDescriptor(by, language)) {
        companies ??= companiesIn(scanned, language);
        speaker = companies[firstAtOrAfter(companies, offset + (s.byAt ?? s.at)) - 1]?.lastOrg;
      }
      // "The Egyptian forward added that …", « l'attaquant français », «النجم المصري»: the person named last before it.
      if (!speaker && !unnamed && by !== undefined && personDescriptor(by, language)) {
        people ??= peopleIn(scanned, language, surnames);
        speaker = people[firstAtOrAfter(people, offset + (s.byAt ?? s.at)) - 1]?.speaker;
      }
      // «وأشار الرئيس» after «قال الرئيس عبد الفتاح السيسي», "The president added" after "President X said": a bare title
      // that opens the attribution before, whose speaker was named there, is that speaker.
      if (!speaker && !unnamed && by !== undefined && last?.speaker && paragraph - last.paragraph <= INHERIT_PARAGRAPHS && sameTitle(by, last.by)) speaker = last.speaker;
      // "The statement added that …", «وأضاف البيان», « Le communiqué précise »: the statement the speaker before issued.
      // Not when the attribution before was itself a statement someone carried («وفق بيان بثته وكالة الأنباء»: the agency's).
      if (!speaker && !unnamed && by !== undefined && last?.speaker && paragraph - last.paragraph <= INHERIT_PARAGRAPHS && STATEMENT_ALONE.test(normalizeText(by)) && !STATEMENT_WORD.test(normalizeText(last.by))) speaker = last.speaker;
      // «قال البابا» after «خلال استقباله البابا فرنسيس»: a bare title is the person the text gave it to before.
      if (!speaker && !unnamed && by !== undefined) speaker = titledBefore(scanned.slice(Math.max(0, offset + (s.byAt ?? s.at) - TITLED_BEFORE_CHARS), offset + (s.byAt ?? s.at)), by, language) ?? speaker;
      // "One of them said …", « l'un d'eux », «أحدهم»: one of the speakers of the statement before, who they were (officials
      // not named stay not named).
      if (by !== undefined && !speaker && last && paragraph - last.paragraph <= INHERIT_PARAGRAPHS && PARTITIVE.test(by.trim())) ({ by, speaker, unnamed } = last);
      // A participle («، مضيفا أن») is its sentence's speaker's: a statement before it in its sentence, else no one known.
      // A quotation of two sentences ends in the participle's: '"… tragedy. We must …," Guterres said, warning that …'.
      const inherits = s.sentenceAt !== undefined ? last?.paragraph === paragraph && last.end >= s.sentenceAt : last !== undefined && paragraph - last.paragraph <= INHERIT_PARAGRAPHS;
      if (by === undefined && last && inherits) ({ by, speaker, unnamed } = last);
      else if (by === undefined && s.subject) ({ by, speaker } = s.subject);
      else if (by === undefined && s.sentenceAt === undefined && rules) {
        const ante = pronounAntecedent(previous ? [previous, here!] : [here!], s.at, rules);
        if (ante) ({ by, speaker } = ante);
      }
      if (by !== undefined) last = { by, speaker, unnamed, paragraph, at: s.at, end: s.span?.close ?? s.at, direct: !s.indirect };
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
