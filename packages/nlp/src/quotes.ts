import type { Entity, Quote, QuoteSpeaker } from '@akhbar/core';
import { gazetteer } from './gazetteer.ts';
import { surnamesOf } from './names.ts';
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
  },
  en: {
    order: 'subject-first',
    verbs: ['said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'stated', 'asked', 'declared', 'warned', 'insisted', 'explained', 'announced', 'wrote', 'writes', 'tweeted', 'posted', 'noted', 'continued'],
    sources: ['according to'],
    connectives: ['and', 'but', 'also', 'then', 'has', 'had', 'have', 'was', 'further', 'later', 'however', 'as'],
    complementizers: ['that'],
    adjuncts: ['in', 'on', 'at', 'during', 'while', 'when', 'after', 'before'],
    pronouns: ['he', 'she', 'they', 'it', 'we', 'i', 'you', 'who'],
  },
  fr: {
    order: 'subject-first',
    verbs: ['déclaré', 'dit', 'affirmé', 'écrit', 'ajouté', 'expliqué', 'estimé', 'souligné', 'indiqué', 'précisé', 'assuré', 'déclare', 'affirme', 'ajoute', 'estime'],
    sources: ['selon'],
    connectives: ['a', 't', 'et', 'aussi', 'également', 'encore', 'avait', 'ont'],
    complementizers: ['que', 'qu'],
    adjuncts: ['lors', 'dans', 'devant'],
    pronouns: ['il', 'elle', 'ils', 'elles', 'on'],
  },
  es: {
    order: 'subject-first',
    verbs: ['dijo', 'afirmó', 'declaró', 'añadió', 'explicó', 'aseguró', 'señaló'],
    sources: ['según'],
    connectives: ['y', 'ha', 'había', 'también'],
    complementizers: ['que'],
    adjuncts: ['en', 'durante'],
    pronouns: ['él', 'ella', 'ellos', 'ellas'],
  },
  de: {
    order: 'subject-first',
    verbs: ['sagte', 'sagt', 'erklärte', 'erklärt', 'betonte', 'betont'],
    sources: ['laut'],
    connectives: ['und', 'hat', 'habe', 'auch'],
    complementizers: ['dass'],
    adjuncts: ['bei', 'am'],
    pronouns: ['er', 'sie', 'es'],
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
  },
  fa: {
    order: 'subject-first',
    verbs: ['گفت', 'افزود', 'اظهار کرد', 'اظهار داشت'],
    sources: ['به گفته'],
    connectives: ['و', 'نیز', 'همچنین'],
    complementizers: ['که'],
    adjuncts: ['در'],
    pronouns: ['او', 'وی', 'ایشان'],
  },
  ru: {
    order: 'subject-first',
    verbs: ['сказал', 'сказала', 'заявил', 'заявила', 'отметил', 'отметила'],
    sources: ['по словам'],
    connectives: ['и', 'а', 'также'],
    complementizers: ['что'],
    adjuncts: ['в', 'на'],
    pronouns: ['он', 'она', 'они'],
  },
};

/**
 * Arabic reported speech, "ونقلت الوكالة عن الكاظمي قوله إن …" ("quoted Kadhimi as saying"): the
 * speaker stands before the verbal noun, after عن.
 */
const ALSO: Readonly<Record<string, SpeechRules>> = {
  ar: { ...SPEECH.ar!, order: 'subject-first', verbs: ['قوله', 'قولها', 'قولهم'], sources: [], lamSources: [], complementizers: [...SPEECH.ar!.complementizers, 'عن'] },
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
}
/** Phrases by their first folded word. */
type SpeechTable = ReadonlyMap<string, SpeechPhrase[]>;

const fold = (words: readonly string[]): Set<string> => new Set(words.flatMap((w) => tokenize(w).map((t) => t.norm)));

function compileRules(r: SpeechRules): CompiledRules {
  return { order: r.order, connectives: fold(r.connectives), complementizers: fold(r.complementizers), adjuncts: fold(r.adjuncts), pronouns: fold(r.pronouns) };
}

function addPhrases(table: Map<string, SpeechPhrase[]>, r: SpeechRules, rules: CompiledRules): void {
  for (const [list, source, lam] of [[r.verbs, false, false], [r.sources, true, false], [r.lamSources ?? [], true, true]] as const) {
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

/** The speech phrases of a language; for a language without its own list, every list's. */
function speechTable(lang: string): SpeechTable {
  const key = Object.hasOwn(SPEECH, lang) ? lang : '*';
  let table = tables.get(key);
  if (!table) {
    const built = new Map<string, SpeechPhrase[]>();
    for (const [l, r] of Object.entries(SPEECH)) {
      if (key !== '*' && key !== l) continue;
      for (const rules of [r, ALSO[l]]) if (rules) addPhrases(built, rules, compileRules(rules));
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
  for (let i = 0; i < para.length; i++) {
    const closers = CLOSERS.get(para[i]!);
    if (closers === undefined) continue;
    let close = -1;
    for (const mark of closers) {
      const at = find(mark, i + 1);
      if (at !== -1 && (close === -1 || at < close)) close = at;
    }
    if (close === -1) continue;
    spans.push({ open: i, close });
    i = close;
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

/** What a clause says about who spoke: undefined when it holds no speech verb. */
interface Reading {
  by?: string;
  speaker?: QuoteSpeaker;
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
  if (speaker) out.speaker = speaker;
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
  if (speaker) out.speaker = speaker;
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
 */
export function extractQuotes(text: string, lang: string, known: readonly Entity[] = []): Quote[] {
  if (typeof text !== 'string' || text === '') return [];
  const surnames = surnameIndex(known);
  const language = baseLang(lang);
  const table = speechTable(language);
  const out: Quote[] = [];
  const seen = new Set<string>();
  let last: { by: string; speaker: QuoteSpeaker | undefined; paragraph: number } | undefined;
  let paragraph = -1;
  for (const para of text.slice(0, MAX_SCANNED).split(/\r\n?|[\n\u2028\u2029]/)) {
    if (para.trim() === '') continue;
    paragraph++;
    const quotations = quoteSpans(para).flatMap((s) => {
      const q = quotationText(para.slice(s.open + 1, s.close));
      return q === undefined ? [] : [{ ...s, text: q }];
    });
    for (let k = 0; k < quotations.length; k++) {
      const q = quotations[k]!;
      const next = quotations[k + 1];
      const before = clauseBefore(para, q.open, k > 0 ? quotations[k - 1]!.close + 1 : 0);
      let after = clauseAfter(para, q.close, next ? next.open : para.length);
      // "…," he said, adding: "…": a clause ending in a colon at the next quotation introduces that one.
      if (next && q.close + 1 + after.length === next.open && /[:：]\s*$/.test(after)) after = '';
      const heard = attribute(before, after, table, language);
      if (!heard) continue;
      let { by, speaker } = heard;
      if (!speaker && by !== undefined && surnames.size > 0) speaker = bySurname(by, surnames);
      if (by === undefined && last && paragraph - last.paragraph <= INHERIT_PARAGRAPHS) ({ by, speaker } = last);
      if (by !== undefined) last = { by, speaker, paragraph };
      if (seen.has(q.text)) continue;
      seen.add(q.text);
      const quote: Quote = { text: q.text };
      if (by !== undefined) quote.by = by;
      if (speaker) quote.speaker = speaker;
      out.push(quote);
      if (out.length >= MAX_QUOTES) return out;
    }
  }
  return out;
}
