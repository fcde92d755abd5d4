import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Entity, EntityType, GeoPoint } from '@akhbar/core';
import { NlpErrors, nlpError } from './errors.ts';
import { normalizeToken } from './normalize.ts';
import { tokenize, type Token } from './text.ts';
import { PhraseIndex, type PhraseStep } from './trie.ts';

/**
 * The gazetteer: every entity Akhbar can recognise, with a language-independent id, names per
 * language and the aliases the press uses. Built once per process from
 *   1. countries in packaged data (world-countries: ISO codes, names in many languages, a point;
 *      i18n-iso-countries: more Arabic/English/French names),
 *   2. the curated file `data/entities.json` (capitals and cities, heads of state and government,
 *      organisations, companies, Arabic demonyms, Wikidata QIDs),
 *   3. entities a user registers (`registerEntities`, e.g. from AKHBAR_ENTITIES_FILE).
 */

/** An entity definition, as in data/entities.json and in a user's entities file. */
export interface EntityDef {
  /** Wikidata QID where known, else a slug. For a country entry: optional, replaces the default id. */
  id?: string;
  type: EntityType;
  /** Display name per language (`en` is the display name). */
  names?: Record<string, string>;
  /** Other spellings and transliterations, any language ("al-Kadhimi", "Kazimi", "الكاظمي"). */
  aliases?: string[];
  /** ISO 3166-1 alpha-2: the country of a place, person or organisation; for a country, the country itself. */
  country?: string;
  location?: GeoPoint;
  /**
   * An organisation's names without its country, as that country's press writes its own («مجلس النواب», «البرلمان», «البنك
   * المركزي», "parliament"): in an article about its country (homeCountry: an Iraqi paper's, or one naming Iraq most)
   * they are this body, as an office's `generic` titles are its holder; never with another country or body named after
   * them («البرلمان الأوروبي»), nor in a search query (it has no day). Needs `country`.
   */
  generic?: string[];
  /**
   * A news agency's credit as its copy gives it in brackets («(واع)», «(كونا)», "(KUNA)"): read only so, since most are
   * everyday words or places elsewhere (قنا is Qena, بترا Petra). In brackets it is this agency, not what the word else names.
   */
  credits?: string[];
}

/**
 * An office and who held it when, as in data/offices.json and in a user's entities file: a
 * report names a person by office alone as often as by name («رئيس الوزراء العراقي», "Iraq's
 * foreign minister", « le chef de la diplomatie iranienne »), and a reader knows who that was on
 * the day it was written. Its titles are matched like aliases; in an article, a title is the
 * person holding the office on its publication day (`holders`, from inclusive, to exclusive; no
 * `to`: to this day), and the office's country (or `of`) — unless the text itself names one holder
 * of it, not as a former one: then that one (a retrospective; a story told as of now in the demo's
 * samples). Not the holder: a title with "former", "late", "deputy", "-designate", «السابق»,
 * «الراحل», «نائب», «المكلف» beside it, a title right beside the name of someone who held the
 * office (the name says who), a day no one held it, text with no date (a search query).
 */
export interface OfficeDef {
  id: string;
  type: 'office';
  /** ISO 3166-1 alpha-2 of the office's country (none for an international organisation's). */
  country?: string;
  /**
   * The entity a title names besides its holder: the organisation or region the office is of
   * ("UN chief" the UN, «رئيس إقليم كردستان» the Kurdistan Region). Default: its country.
   */
  of?: string;
  /** The office's name per language (`en` is the display name). */
  names?: Record<string, string>;
  /** How the press names it, any language ("Iraqi Prime Minister", «رئيس الحكومة العراقية»). */
  titles: string[];
  /** Entity ids of its holders, with the days their terms began and ended (YYYY-MM-DD). */
  holders: Array<{ id: string; from: string; to?: string }>;
  /**
   * Titles without a country («رئيس الوزراء», «رئيس الحكومة», "the prime minister", « le
   * Premier ministre »), which many offices share: the press of a country writes its own
   * government's offices so («مكتب رئيس الحكومة» in a Baghdad paper). In an article such a title
   * is this office when the article names someone who held it, by name or by a title with its
   * country, and no other office sharing the title ("Trump … the president said" is Trump in a
   * story about Iraq; the holder is then read as `titles` are), else when the office's country is
   * the one the article is about (homeCountry: the source's if the text names it or no country at
   * all, else the one it names most) — for an office with `of`, when the text names that
   * organisation or region ("the secretary-general" in a story naming the United Nations is its
   * Secretary-General, in one naming NATO NATO's; naming both, neither). Not read: a title that
   * says whose after it (whoseAfter: "of", a country, «في» and a place), a person's name beside it
   * (the name says who), "former", "deputy" … beside it (as `titles`). It names no country itself.
   */
  generic?: string[];
}

/**
 * What a text's generic titles (OfficeDef.generic) are read against: `country`, the source's
 * country (ISO 3166-1 alpha-2; see homeCountry); `entities`, the whole article's, when reading
 * part of it (an attribution in quotes): who it names, and which country most.
 */
export interface TextSetting {
  country?: string | undefined;
  entities?: readonly Entity[] | undefined;
}

/** An office as the gazetteer knows it: its names, titles, and each holder's term. */
export interface OfficeInfo {
  id: string;
  name: string;
  names: Record<string, string>;
  country?: string;
  of?: string;
  titles: string[];
  generic?: string[];
  holders: Array<{ id: string; name: string; from: string; to?: string }>;
}

/** An office one of an entity's holders held, and when (`to` absent: still). */
export interface OfficeTerm { office: string; name: string; names: Record<string, string>; from: string; to?: string }

/** An entity the gazetteer knows, with every name it is recognised by, and the offices it held. */
export type KnownEntity = Entity & { aliases: string[]; offices?: OfficeTerm[] };

interface Entry {
  id: string;
  type: EntityType;
  name: string;
  names: Record<string, string>;
  aliases: Set<string>;
  country: string | undefined;
  location: GeoPoint | undefined;
  /** Set on an office's entry, whose aliases are its titles (it is never an entity of its own). */
  office?: Office;
  /** Set on a generic title's entry (OfficeDef.generic): the offices it may be. */
  generic?: Entry[];
  /** An organisation's names without its country (EntityDef.generic), on its own entry. */
  homeNames?: string[];
  /** Set on such a name's entry: the bodies (of several countries) it may be. */
  homeBodies?: Entry[];
  /** An agency's credits (EntityDef.credits), on its own entry. */
  credits?: string[];
  /** Set on a credit's entry: the agency it names when in brackets. */
  creditOf?: Entry;
}

interface Office {
  id: string;
  /** The entity its title names besides the holder (OfficeDef.of, else the country's id). */
  of: string | undefined;
  /** Day numbers (days since 1970-01-01, UTC); `to` exclusive, Infinity while still held. */
  holders: Array<{ id: string; from: number; to: number; fromIso: string; toIso?: string }>;
  generic: string[];
}

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Words beside a title that make it another person's than the holder's, normalised: before it
 * ("former Iraqi prime minister", "l'ancien président iranien", «الراحل», «نائب رئيس الوزراء»)
 * or after it («رئيس الوزراء العراقي السابق», "prime minister-designate", «المكلف»).
 */
const normsOf = (words: string[]) => new Set(words.map((w) => tokenize(w)[0]!.norm));
const NOT_HOLDER_BEFORE = normsOf(['former', 'ex', 'late', 'then', 'previous', 'deputy', 'acting', 'interim', 'future', 'next', 'ancien', 'ancienne', 'feu', 'défunt',
  'vice', 'adjoint', 'expresidente', 'antiguo', 'ehemalige', 'ehemaligen', 'frühere', 'früheren', 'الراحل', 'الراحلة', 'نائب', 'نائبة']);
const NOT_HOLDER_AFTER = normsOf(['designate', 'elect', 'désigné', 'désignée', 'السابق', 'السابقة', 'الأسبق', 'الراحل', 'الراحلة', 'المكلف', 'المكلفة', 'المنتخب',
  'المقبل', 'القادم', 'بالوكالة', 'سابق', 'پیشین']);

const require = createRequire(import.meta.url);

/**
 * Names never registered as aliases: they are common words in the language they are written in
 * ("مالي" is "financial" far more often than it is Mali), or name something else more often.
 * "Salvador" alone is a first name (Dalí, Allende, Illa) or Brazil's third city; the country is
 * "El Salvador" in nearly every language, and French, which says "le Salvador", always writes its
 * article ("au Salvador", "du Salvador": aliases in data/entities.json).
 */
const STOP_ALIASES = new Set(['مالي', 'هند', 'جمهوريه', 'دوله', 'republic', 'state', 'republique', 'etat', 'union', 'kingdom', 'reunion', 'salvador']);

/**
 * Names that are everyday words in one language: in text of that language they name the entity
 * only when written with a capital (in a script without case, never); `!word`: never in that
 * language, capital or not (a sentence may start with it). In every other language, and where the
 * language is not known, they match as usual. English "turkey" is a bird, "china" a cup; Turkish
 * "belge" is a document (the French for Belgian, which Turkish calls Belçika); Persian "پیرو" is a
 * follower (the Urdu for Peru). Spanish "china" stays Chinese ("la empresa china").
 * Also names a language writes otherwise, so the word there is something else: French, Spanish,
 * German, Turkish… call Jordan Jordanie, Jordania, Jordanien, Ürdün, so "Jordan" there is a first
 * name (Jordan Bardella) or, in German, the river; English keeps it ("Jordan Says…").
 * An alias of several words may be listed too: the text is then read again from its second word.
 * English "a Barcelona fan" is an article and the club, where the Spanish and Catalan "a
 * Barcelona" (to, in Barcelona) is the city.
 */
const JORDAN_ELSEWHERE = '!Jordan';
const EVERYDAY_WORDS: Readonly<Record<string, readonly string[]>> = {
  // "Island" is Iceland in German, Swedish, Czech…: in English "Achill Island" is no country, capital or not.
  en: ['turkey', 'china', 'guinea', '!a Barcelona', '!island'],
  tr: ['!belge', JORDAN_ELSEWHERE],
  fa: ['پیرو'],
  fr: [JORDAN_ELSEWHERE, '!island'],
  es: [JORDAN_ELSEWHERE],
  ca: [JORDAN_ELSEWHERE],
  de: [JORDAN_ELSEWHERE],
  it: [JORDAN_ELSEWHERE],
  pt: [JORDAN_ELSEWHERE],
  nl: [JORDAN_ELSEWHERE],
};

/** Per language, the normalised everyday words (phrases: words joined by a space): true where even a capital does not make them names. */
const everydayNorms = new Map<string, ReadonlyMap<string, boolean>>();
function everydayWords(lang: string): ReadonlyMap<string, boolean> | undefined {
  const words = EVERYDAY_WORDS[lang];
  if (!words) return undefined;
  let map = everydayNorms.get(lang);
  if (!map) everydayNorms.set(lang, (map = new Map(words.map((w) => [tokenize(w.replace(/^!/, '')).map((x) => x.norm).join(' '), w.startsWith('!')]))));
  return map;
}

/**
 * Names that are also first names: followed at once (one space, same sentence) by a word with a
 * capital, they are a person's first name and name nothing, in any language ("Maurice Ravel" and
 * "Mauricio Macri" are not Mauritius, "Сальвадор Дали" not El Salvador, "Jordan Henderson" and
 * "Jordan Peterson" not Jordan). Alone, or before a comma, a hyphen or a word in lower case, they
 * keep their reading ("le Président de Maurice", "Maurice, les Seychelles", "Jordan-Israel"): a
 * first name alone is rarer in the news than the country, since a person is named by surname
 * after the first mention. So they do before a word capitalised for its place rather than as a
 * name (ENGLISH_PLACE_CAPITALS: "Jordan Says…", "Jordan Will…" in a Title Case headline, "Jordan
 * Monday rejected…"), and before a name the gazetteer knows. Not for names written in a script
 * without case.
 */
const FIRST_NAMES = ['Maurice', 'Mauricio', 'Сальвадор', 'Jordan', 'Aden'];
const firstNameNorms = new Set(FIRST_NAMES.map((w) => tokenize(w)[0]!.norm));

/**
 * Names that are also surnames: right after a word with a capital (one space, same sentence, or
 * an initial: "Michael B. Jordan"), they are a person's surname and name nothing: "Michael
 * Jordan", "Thomas Jordan", "Air Jordan" are not the country. That word must be a name, not one
 * capitalised for its place (ENGLISH_PLACE_CAPITALS: "But Jordan said", "Neighbouring Jordan",
 * "Israel Warns Jordan" in a Title Case headline) nor a name the gazetteer knows ("Amman Jordan"),
 * nor, in a Title Case headline, a word right after such a name ("Iraq Beat Jordan": a verb).
 */
const SURNAMES = ['Jordan'];
const surnameNorms = new Set(SURNAMES.map((w) => tokenize(w)[0]!.norm));

/**
 * English words written with a capital for their place, not because they are names: at the start
 * of a sentence ("But Jordan said…", "Yesterday Congress voted…"), in a Title Case headline
 * ("Jordan Will Reopen…", "Why Jordan Matters"), and a few words the press sets beside a country
 * ("Neighbouring Jordan", "Jordan King Meets…"). Beside one of them a first name, a surname or
 * "Congress" keeps its reading. So does a sentence's first word in -ly ("Finally Congress…"), and,
 * in a Title Case headline, a word ending in -s after a consonant or e, taken for a verb ("Jordan
 * Hosts Talks", "Israel Warns Jordan", "Biden Urges Congress"; names such as Thomas, Chris and
 * Lewis end otherwise).
 */
const ENGLISH_PLACE_CAPITALS = new Set(
  [
    'a', 'an', 'the', 'this', 'that', 'these', 'those', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'every', 'each', 'some', 'any', 'no', 'all', 'both',
    'many', 'most', 'few', 'several', 'such', 'another', 'other', 'and', 'but', 'or', 'nor', 'so', 'yet', 'if', 'when', 'while', 'whilst', 'although', 'though',
    'as', 'because', 'since', 'unless', 'until', 'once', 'after', 'before', 'whether', 'where', 'why', 'how', 'what', 'who', 'which', 'whose', 'then', 'than',
    'in', 'on', 'at', 'to', 'for', 'from', 'with', 'without', 'by', 'of', 'off', 'over', 'under', 'into', 'onto', 'against', 'between', 'among', 'amid', 'across',
    'inside', 'outside', 'near', 'beyond', 'toward', 'towards', 'about', 'around', 'through', 'during', 'despite', 'via', 'versus', 'vs', 'like', 'unlike',
    'upon', 'within', 'behind', 'along', 'beside', 'besides', 'past', 'up', 'down', 'out', 'i', 'we', 'you', 'he', 'she', 'it', 'they', 'is', 'are', 'was',
    'were', 'be', 'been', 'has', 'have', 'had', 'do', 'does', 'did', 'will', 'would', 'can', 'could', 'may', 'might', 'must', 'shall', 'should', 'not',
    'now', 'today', 'tonight', 'yesterday', 'tomorrow', 'meanwhile', 'also', 'still', 'even', 'only', 'just', 'already', 'again', 'here', 'there', 'however',
    'instead', 'thus', 'hence', 'indeed', 'moreover', 'later', 'earlier', 'soon', 'never', 'ever', 'perhaps', 'neither', 'either', 'last', 'next', 'first',
    'neighbouring', 'neighboring', 'northern', 'southern', 'eastern', 'western', 'central', 'rural', 'tiny', 'king', 'queen', 'crown',
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  ].map((w) => tokenize(w)[0]!.norm),
);
/** In a Title Case headline: a verb ("Hosts", "Closes", "Says"), not a name ("Thomas", "Chris", "Lewis", "Carlos", "Dennis"). */
const HEADLINE_VERB = /\p{L}[^aiosuAIOSU\P{L}][sS]$/u;

/**
 * "Congress" (the case-sensitive alias of the US Congress) right after a name word is the end of
 * another body's name: "Mobile World Congress", "the Iraqi National Congress", "the African
 * National Congress", "the 20th Party Congress", "World Uyghur Congress", "China's National
 * People's Congress" (through a possessive: "Peru's Congress" is Peru's), "the Trinamool
 * Congress"; so is "Congress of <Name>" ("the Congress of Vienna"). It stays the US Congress after
 * a word capitalised for its place ("Yesterday Congress voted"), after a name of the United States
 * or of someone or something there ("US Congress" is an alias of its own; "America's Congress"),
 * and after a party word (US_CONGRESS_WORDS: "the Republican Congress"). In a Title Case headline
 * the capital tells nothing ("Democrats Urge Congress to Act"): there only a word that names
 * congresses elsewhere (CONGRESS_NAME_WORDS) or a name the gazetteer knows outside the US
 * ("Peruvian Congress") makes it another body's.
 */
const CONGRESS = 'Congress';
const US_CONGRESS_WORDS = new Set(['republican', 'republicans', 'democratic', 'democrat', 'democrats', 'gop', 'federal']);
const CONGRESS_NAME_WORDS = new Set(['world', 'national', 'party', 'people', 'peoples', 'youth', 'union', 'jewish', 'zionist', 'uyghur', 'trinamool', 'nepali']);

/**
 * Dependent territories kept beside the independent states: the ones in the news. The others
 * (Jersey, Réunion…) mostly collide with common words ("New Jersey", "une réunion").
 */
const TERRITORIES = new Set(['PS', 'TW', 'HK', 'MO', 'EH', 'XK', 'PR', 'GL']);

interface WorldCountry {
  cca2: string;
  independent: boolean;
  name: { common: string; official: string };
  altSpellings: string[];
  translations: Record<string, { common: string; official: string }>;
  latlng: [number, number];
  demonyms?: Record<string, { f: string; m: string }>;
}

/**
 * Chinese is written without spaces, so a tokenizer's word is a whole run of Han characters (a
 * clause), and a name (普京, 巴格达, 联合国) is never a word of its own. The gazetteer alone reads
 * such a run as a phrase of single characters (`hanSteps`), on both sides: an alias in Han script
 * is a path of characters in the trie, so it is found at any position of a run, still in one pass
 * of the trie. The shared tokens (keywords, story signatures, summaries, language detection) are
 * unchanged.
 */
const HAN = /\p{Script=Han}/u;
const HAN_PIECES = /\p{Script=Han}|\P{Script=Han}+/gu;
// A run with kana is Japanese, where kanji compounds are not Chinese names: kept whole, as before.
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
/**
 * Between two tokens of which one touches a Han character, a step no alias can take unless it
 * has a break there too ("弗拉基米尔·普京"): a name does not run across punctuation ("欧美，国际"
 * holds no 美国).
 */
const HAN_GAP = ' ';

/**
 * Words that a Han name overlaps (there is no space to tell them apart), read as phrases that name
 * nothing: leftmost-longest matching consumes them, so the name is not read across a word
 * boundary. Mostly the word before ("参加|沙特" is not 加沙 Gaza, "许多|哥伦比亚" not 多哥 Togo,
 * "欧美|国家" not 美国, "沿海|地区" not 海地 Haiti), after which matching goes on ("参加沙特" still
 * names Saudi Arabia); else the word that holds the name ("以北约" is "about … north of", not
 * NATO; "内蒙古" is not Mongolia). A word that is itself a name is not here: the name wins.
 */
const HAN_NOT_NAMES = [
  '以北约', '东北约', '西北约', '湖北约', '河北约', '华北约', '向北约', '往北约', // 约 "about": not 北约 NATO
  '欧美', '南美', '北美', '其中', '尤其', // not 美国, 中国
  '沿海', '近海', '上海', '东海', '南海', '北海', '黄海', '渤海', '里海', '地中海', '加勒比海', '波罗的海', '爱琴海', '海地区', '海地带', '海地域', // not 海地 Haiti
  '河南', '湖南', '云南', '海南', '江南', '东南', '西南', '华南', '济南', '闽南', // not 南非 South Africa
  '增加', '参加', '更加', '施加', '附加', '追加', '添加', '外加', '强加', '倍加', // not 加沙, 加纳, 加蓬
  '许多', '很多', '诸多', '众多', '较多', '更多', '最多', '大多', '居多', '过多', // not 多哥, 多哈
  '内蒙古', '朝鲜半岛', '马里兰', '马里奥', '马里乌波尔', '希拉里', '希拉克', '希拉蕊', '阿曼达', '苏丹红', '梅西百货', '航空',
  '伊斯兰国家', '伊斯蘭國家', '伊斯兰国际', '哥伦比亚大学',
];

/**
 * 日本 read across two words: a time word ending in 日 "day" before a word starting with 本 "this"
 * (the press's 本报 "this paper", 本市 "this city"): "今日|本报记者" is "today, this paper's
 * reporter", "近日|本市" "recently, this city". Every such pair is a phrase that names nothing, as
 * above. Only 今日, 昨日 and 近日: the other days (当日, 次日, 明日, 周日, 节日…) follow the end of
 * another word too often ("当|日本" "when Japan", "这次|日本", "表明|日本", "上周|日本"). The words
 * ending in 今 or 近 are phrases that name nothing too, so Japan after them is read first
 * ("如今|日本市场" "nowadays the Japanese market", "最近|日本"); 截至 is there for 至今 ("截至|今日|本市"
 * "as of today, this city"). Japan written after a day in full stays Japan ("今日|日本首相").
 */
const HAN_DAYS = ['今日', '昨日', '近日'];
const HAN_THIS = [
  '本报', '本報', '本市', '本台', '本臺', '本刊', '本网', '本網', '本站', '本省', '本县', '本縣', '本区', '本區',
  '本周', '本週', '本月', '本年', '本次', '本届', '本屆', '本轮', '本輪', '本身',
];
/**
 * Phrases that name nothing the gazetteer knows but hold a shorter alias: the Indian "parti du
 * Congrès" inside the South African "parti du Congrès national africain"; Bashar al-Assad inside
 * Iraq's Ain al-Asad air base («عين الأسد»); the ICRC inside a country's own Red Cross or Red
 * Crescent society ("the Lebanese Red Cross said"); the Gulf in the Gulf Cup, a football tournament
 * («كأس الخليج العربي», «خليجي 25»); Aden in the Gulf of Aden; Paris in Paris Saint-Germain, the
 * club; Britain in British Columbia.
 */
const NOT_NAMES = [
  'parti du Congrès national africain', 'Partido del Congreso Nacional Africano',
  'Ain al-Asad', 'Ain al-Assad', 'Ayn al-Asad', 'Aïn al-Assad', 'عين الأسد',
  'Lebanese Red Cross', 'Iraqi Red Crescent', 'Syrian Arab Red Crescent', 'Palestine Red Crescent', 'Palestinian Red Crescent', 'Jordan Red Crescent',
  'Croix-Rouge libanaise', 'Croissant-Rouge irakien', 'Croissant-Rouge palestinien', 'Croissant-Rouge arabe syrien',
  'الصليب الأحمر اللبناني', 'الهلال الأحمر العراقي', 'الهلال الأحمر الفلسطيني', 'الهلال الأحمر السوري', 'الهلال الأحمر العربي السوري',
  'الهلال الأحمر الأردني', 'الهلال الأحمر الإماراتي', 'الهلال الأحمر القطري', 'الهلال الأحمر الكويتي', 'الهلال الأحمر المصري', 'الهلال الأحمر الليبي',
  'الهلال الأحمر اليمني', 'الهلال الأحمر التونسي', 'الهلال الأحمر الجزائري', 'الهلال الأحمر المغربي', 'الهلال الأحمر البحريني',
  'كأس الخليج العربي', 'كأس الخليج', 'Gulf Cup', 'Arabian Gulf Cup', 'Coupe du Golfe',
  // A language, not its country: « la Charte de la langue française » in a Québec law, "French-language schools".
  'langue française', 'en français', 'French language', 'French-language', 'اللغة الفرنسية', 'langue anglaise', 'English language', 'English-language', 'اللغة الإنجليزية', 'اللغة الانجليزية',
  // « en allemand, en français, en italien ou en romanche », «باللغة الكردية»: the language spoken (not English "in Turkish",
  // which as often goes on: "investors in Turkish bonds").
  'en allemand', 'en italien', 'en anglais', 'en espagnol', 'en russe', 'en chinois', 'en turc', 'en persan', 'en portugais', 'en néerlandais', 'en japonais',
  'en grec', 'en hébreu', 'en kurde',
  'اللغة الألمانية', 'اللغة الإيطالية', 'اللغة الإسبانية', 'اللغة الروسية', 'اللغة الصينية', 'اللغة التركية', 'اللغة الفارسية', 'اللغة العبرية', 'اللغة الكردية',
  // The Sudanese state, not the sea: «ولاية البحر الأحمر».
  'ولاية البحر الأحمر', 'Red Sea State', 'État de la mer Rouge',
  // The sea, not the city: «خليج عدن», the Gulf of Aden.
  'خليج عدن', 'Gulf of Aden', "golfe d'Aden",
  // A football club, not the city; a Canadian province, not Britain.
  'Paris Saint-Germain', 'Paris Saint Germain', 'Paris SG', 'باريس سان جيرمان',
  'British Columbia', 'Colombie-Britannique', 'كولومبيا البريطانية',
];

const HAN_BEFORE_DAYS = ['如今', '当今', '當今', '现今', '現今', '而今', '至今', '迄今', '截至', '最近', '接近', '靠近', '临近', '臨近', '附近', '将近', '將近', '邻近', '鄰近', '贴近', '貼近', '逼近'];

/**
 * A token holding a Han character. Han lies above U+2E80, so a token of Latin, Arabic or Cyrillic
 * letters is passed over without a regular expression. (A Han character only inside a token that
 * starts and ends in Latin, "iPhone中国X", is left in its token.)
 */
function maybeHan(t: Token): boolean {
  const raw = t.raw;
  return (raw.charCodeAt(0) >= 0x2e80 || raw.charCodeAt(raw.length - 1) >= 0x2e80) && HAN.test(raw);
}

/**
 * Tokens with every Han run cut into single characters (kana runs, Latin and digits kept as they
 * are), and a gap step wherever two tokens meet beside a Han character; the tokens themselves when
 * there is no Han character. (The gazetteer only calls it on a text where a token starts above
 * U+2E80: other text is matched without it.)
 */
export function hanSteps(tokens: readonly Token[]): readonly Token[] {
  let from = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (maybeHan(tokens[i]!)) {
      from = i;
      break;
    }
  }
  if (from < 0) return tokens;
  const out: Token[] = tokens.slice(0, from);
  let prevHan = false;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!HAN.test(t.raw) || KANA.test(t.raw)) {
      if (prevHan) out.push({ raw: HAN_GAP, norm: HAN_GAP, start: t.start, arabic: false, sentence: out[out.length - 1]!.sentence });
      out.push(t);
      prevHan = false;
      continue;
    }
    let first = true;
    for (const m of t.raw.matchAll(HAN_PIECES)) {
      const raw = m[0];
      const han = HAN.test(raw);
      if (first && out.length > 0 && (prevHan || han)) out.push({ raw: HAN_GAP, norm: HAN_GAP, start: t.start, arabic: false, sentence: out[out.length - 1]!.sentence });
      first = false;
      const norm = han ? raw : normalizeToken(raw);
      if (norm.length > 0) out.push({ raw, norm, start: t.start + m.index, arabic: !han && t.arabic, sentence: t.sentence });
      prevHan = han;
    }
  }
  return out;
}

const WC_LANGS: Record<string, string> = { ara: 'ar', fra: 'fr', spa: 'es', deu: 'de', tur: 'tr', per: 'fa', urd: 'ur', rus: 'ru', zho: 'zh' };

export class Gazetteer {
  private readonly byId = new Map<string, Entry>();
  private readonly byIso = new Map<string, Entry>();
  private readonly offices = new Map<string, Entry>();
  /** Entity id → the offices it held (for `get`). */
  private readonly termsOf = new Map<string, OfficeTerm[]>();
  private index: PhraseIndex<Entry> | undefined;

  /**
   * Add or extend entities and offices. An existing id (or, for a country, ISO code) gains the
   * new names; an office given again replaces its titles and holders.
   */
  add(defs: readonly (EntityDef | OfficeDef)[]): void {
    for (const def of defs) {
      if (def.type === 'office') this.addOffice(def);
      else this.addOne(def);
    }
    this.index = undefined;
  }

  private addOffice(def: OfficeDef): void {
    const name = def.names?.en ?? Object.values(def.names ?? {})[0] ?? def.titles[0] ?? def.id;
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
    const holders = def.holders.map((h) => ({ id: h.id, from: day(h.from), to: h.to ? day(h.to) : Infinity, fromIso: h.from, ...(h.to ? { toIso: h.to } : {}) }));
    const previous = this.offices.get(def.id);
    if (previous) for (const h of previous.office!.holders) this.termsOf.set(h.id, (this.termsOf.get(h.id) ?? []).filter((t) => t.office !== def.id));
    // "Britain's new prime minister" is the holder as "Britain's prime minister" is (before the title, "the new Iraqi
    // Prime Minister", "new" stands outside it).
    const titles = def.titles.flatMap((t) => (/^\S+['’]s \S/u.test(t) ? [t, t.replace(/^(\S+['’]s) /u, '$1 new ')] : [t]));
    const entry: Entry = {
      id: def.id, type: 'person', name, names: { ...def.names }, aliases: new Set(titles),
      country: def.country?.toUpperCase(), location: undefined, office: { id: def.id, of: def.of, holders, generic: def.generic ?? [] },
    };
    this.offices.set(def.id, entry);
    for (const h of holders) {
      const terms = this.termsOf.get(h.id) ?? [];
      terms.push({ office: def.id, name, names: { ...def.names }, from: h.fromIso, ...(h.toIso ? { to: h.toIso } : {}) });
      this.termsOf.set(h.id, terms);
    }
  }

  private addOne(def: EntityDef): void {
    const iso = def.type === 'country' && def.country ? def.country.toUpperCase() : undefined;
    let entry = (iso && this.byIso.get(iso)) || (def.id ? this.byId.get(def.id) : undefined);
    if (entry && def.id && entry.id !== def.id && !this.byId.has(def.id)) {
      // A curated QID replaces a country's default id.
      this.byId.delete(entry.id);
      entry.id = def.id;
      this.byId.set(def.id, entry);
    }
    if (!entry) {
      const id = def.id ?? (iso ? `country-${iso.toLowerCase()}` : undefined);
      const name = def.names?.en ?? Object.values(def.names ?? {})[0] ?? def.aliases?.[0];
      if (!id || !name) throw nlpError(NlpErrors.ENTITIES_INVALID, `entity needs an id (or a country code) and a name: ${JSON.stringify(def).slice(0, 200)}`);
      entry = { id, type: def.type, name, names: {}, aliases: new Set(), country: iso ?? def.country?.toUpperCase(), location: def.location };
      this.byId.set(id, entry);
      if (iso) this.byIso.set(iso, entry);
    }
    for (const [lang, n] of Object.entries(def.names ?? {})) {
      if (!n) continue;
      entry.names[lang] ??= n;
      entry.aliases.add(n);
      if (lang === 'ckb') for (const form of soraniForms(n)) entry.aliases.add(form);
      if (lang === 'ku') for (const form of kurmanjiForms(n)) entry.aliases.add(form);
    }
    if (def.names?.en) entry.name = entry.names.en ?? def.names.en;
    for (const a of def.aliases ?? []) if (a) entry.aliases.add(a);
    if (def.generic?.length) entry.homeNames = [...new Set([...(entry.homeNames ?? []), ...def.generic])];
    if (def.credits?.length) entry.credits = [...new Set([...(entry.credits ?? []), ...def.credits])];
    if (def.location) entry.location = def.location;
    if (def.country && !entry.country) entry.country = def.country.toUpperCase();
  }

  get(id: string): KnownEntity | undefined {
    const e = this.byId.get(id);
    if (!e) return undefined;
    const out = toEntity(e, 1, true);
    const terms = this.termsOf.get(id);
    if (terms?.length) out.offices = [...terms].sort((a, b) => a.from.localeCompare(b.from)).map((t) => ({ ...t, names: { ...t.names } }));
    return out;
  }

  /** An office by id, with its titles and its holders' names and terms. */
  office(id: string): OfficeInfo | undefined {
    const e = this.offices.get(id);
    if (!e) return undefined;
    return {
      id: e.id, name: e.name, names: { ...e.names }, ...(e.country ? { country: e.country } : {}), ...(e.office!.of ? { of: e.office!.of } : {}),
      titles: [...e.aliases],
      ...(e.office!.generic.length ? { generic: [...e.office!.generic] } : {}),
      holders: e.office!.holders.map((h) => ({ id: h.id, name: this.byId.get(h.id)?.name ?? h.id, from: h.fromIso, ...(h.toIso ? { to: h.toIso } : {}) })),
    };
  }

  /** Every office, by id. */
  allOffices(): OfficeInfo[] {
    return [...this.offices.keys()].sort().map((id) => this.office(id)!);
  }

  /** The offices whose titles a text names ("Iraqi prime minister", «وزير الخارجية الإيراني»), in text order. */
  officesIn(text: string): string[] {
    this.index ??= this.build();
    const tokens = tokenize(text);
    const found = this.index.matchAllBelow(tokens, 0x2e80) ?? this.index.matchAll(hanSteps(tokens));
    return [...new Set(found.filter((m) => m.value.office).map((m) => m.value.office!.id))];
  }

  /**
   * Where names stand in tokenised text, as read before any context: each longest match, with
   * the type of its first reading (token offsets, `end` exclusive). For callers cutting text at a
   * word count, which must not cut a name in two.
   */
  nameSpans(tokens: readonly Token[]): Array<{ start: number; end: number; type: EntityType }> {
    this.index ??= this.build();
    return this.index.matchAll(tokens).filter((m) => m.value !== NOT_A_NAME && !m.value.generic && !m.value.homeBodies).map((m) => ({ start: m.start, end: m.end, type: m.value.type }));
  }

  /** Who held an office on a day (undefined: no one the gazetteer knows, or no such office). */
  holderOf(officeId: string, at: Date): KnownEntity | undefined {
    const h = this.holderEntry(this.offices.get(officeId)?.office, at);
    return h ? this.get(h.id) : undefined;
  }

  /**
   * Whose a generic title is by what follows it (whoseAfter): the country or body an office of it
   * must be `of` (Office.of, else its country), undefined when it says nothing, null when it says
   * whose but not one the title can be read as. A country or body named is that one's ("the prime
   * minister of Spain", « le Premier ministre indien », «الأمين العام لحلف الناتو»). A place is
   * where the holder is as often as whose office it is («رئيس الوزراء في باريس»: the home prime
   * minister visiting, or France's): one in the home country says nothing more, one abroad is read
   * only when the article has no home country, and a place with offices of its own («رئيس الحكومة
   * في إقليم كوردستان») never.
   */
  private whose(after: Entry | boolean, home: string | undefined): string | null | undefined {
    if (after === false) return undefined;
    if (after === true) return null;
    if (after.type === 'country') return after.country ?? null;
    if (after.type === 'org') return after.id;
    if (after.type !== 'place' || !after.country || [...this.offices.values()].some((o) => o.office!.of === after.id)) return null;
    return home === undefined ? after.country : after.country === home ? undefined : null;
  }

  /**
   * Who an office's bare title means in a text written on `at`: the one holder the text names
   * (`own`: a 2024 retrospective of Kadhimi's 2020 visit; «ترامب والكاظمي» in the headline,
   * «رئيس الوزراء العراقي» in the text; the demo's samples, told as of now), else the day's.
   */
  private holderMeant(office: Office, at: Date, own: ReadonlySet<Entry>): Entry | undefined {
    const day = this.holderEntry(office, at);
    return own.size === 1 && (!day || !own.has(day)) ? [...own][0]! : day;
  }

  private holderEntry(office: Office | undefined, at: Date | undefined): Entry | undefined {
    if (!office || !at) return undefined;
    const n = Math.floor(at.getTime() / DAY_MS);
    const h = office.holders.find((x) => x.from <= n && n < x.to);
    return h ? this.byId.get(h.id) : undefined;
  }

  /** Entity of a country by ISO 3166-1 alpha-2 code. */
  country(iso: string): KnownEntity | undefined {
    const e = this.byIso.get(iso.toUpperCase());
    return e ? toEntity(e, 1, true) : undefined;
  }

  get size(): number {
    return this.byId.size;
  }

  all(): KnownEntity[] {
    return [...this.byId.values()].map((e) => toEntity(e, 1, true));
  }

  private build(): PhraseIndex<Entry> {
    const index = new PhraseIndex<Entry>();
    const notNames = [...HAN_NOT_NAMES, ...HAN_BEFORE_DAYS, ...HAN_DAYS.flatMap((d) => HAN_THIS.map((w) => d + w)), ...NOT_NAMES];
    for (const w of notNames) index.add(hanSteps(tokenize(w)).map((x) => ({ text: x.norm })), NOT_A_NAME);
    // One index entry per name that several entries share, read in findInTokens: an office's generic title (OfficeDef.generic),
    // whatever offices have it; a body's name without its country (EntityDef.generic), whatever countries' bodies have it.
    const shared = (owners: Iterable<Entry>, namesOf: (e: Entry) => readonly string[], field: 'generic' | 'homeBodies', type: EntityType) => {
      const byKey = new Map<string, Entry>();
      for (const owner of owners) {
        for (const title of namesOf(owner)) {
          const steps = aliasSteps(title);
          if (!steps) continue;
          const key = steps.map((x) => x.exact ?? x.text).join(' ');
          let entry = byKey.get(key);
          if (!entry) {
            byKey.set(key, (entry = { id: '', type, name: title, names: {}, aliases: new Set(), country: undefined, location: undefined, [field]: [] }));
            index.add(steps, entry);
          }
          const list = entry[field]!;
          if (!list.includes(owner)) list.push(owner);
        }
      }
    };
    shared(this.offices.values(), (o) => o.office!.generic, 'generic', 'person');
    shared(this.byId.values(), (b) => (b.country ? (b.homeNames ?? []) : []), 'homeBodies', 'org');
    for (const owner of this.byId.values()) {
      for (const credit of owner.credits ?? []) {
        const steps = aliasSteps(credit);
        if (steps) index.add(steps, { id: '', type: owner.type, name: credit, names: {}, aliases: new Set(), country: undefined, location: undefined, creditOf: owner });
      }
    }
    for (const entry of [...this.byId.values(), ...this.offices.values()]) {
      const aliases = [...entry.aliases];
      // A name given case-sensitively ("=Shell") is not matched in any other case either.
      const strict = new Set(aliases.filter((a) => a.startsWith('=')).map((a) => aliasSteps(a)?.map((x) => x.text).join(' ')));
      const seen = new Set<string>();
      for (const alias of aliases.flatMap(abdSpellings).flatMap(britishSpellings)) {
        const steps = aliasSteps(alias);
        if (!steps) continue;
        if (!alias.startsWith('=') && strict.has(steps.map((x) => x.text).join(' '))) continue;
        const key = steps.map((x) => x.exact ?? x.text).join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        index.add(steps, entry);
      }
    }
    return index;
  }

  /**
   * Entities mentioned in already tokenised text. `lang`, when known, is the text's language: a
   * name that is an everyday word there (EVERYDAY_WORDS) then counts only written with a capital.
   * `at`, the day it was written, makes titles their holders; `setting`, what the text is about
   * besides what it says, reads its generic titles (OfficeDef.generic).
   */
  findInTokens(tokens: readonly Token[], lang?: string, at?: Date, setting: TextSetting = {}): Entity[] {
    this.index ??= this.build();
    // Text in Latin, Arabic or Cyrillic letters is matched as it is, in one pass; at the first token
    // that starts in a script from U+2E80 up (Han, kana, Hangul) the text is read again, its Han
    // runs a character at a time.
    let read = tokens;
    let found = this.index.matchAllBelow(tokens, 0x2e80);
    if (!found) found = this.index.matchAll((read = hanSteps(tokens)));
    const everyday = lang ? everydayWords(lang) : undefined;
    const everydayWord = (m: (typeof found)[number]) => {
      if (!everyday) return false;
      const key = m.end - m.start === 1 ? m.via : [m.via, ...read.slice(m.start + 1, m.end).map((x) => x.norm)].join(' ');
      const never = everyday.get(key);
      return never !== undefined && (never || !/^\p{Lu}/u.test(read[m.start]!.raw));
    };
    // The entity each token is read as (the first candidate), for the rules below: a word beside a
    // name that the gazetteer knows is no first name or surname.
    let known: Map<number, Entry> | undefined;
    const knownAt = (k: number) => {
      if (!known) {
        known = new Map();
        for (const f of found) if (f.value !== NOT_A_NAME) for (let j = f.start; j < f.end; j++) if (!known.has(j)) known.set(j, f.value);
      }
      return known.get(k);
    };
    // Whether a sentence is a headline in Title Case: no word of its own (not one of
    // ENGLISH_PLACE_CAPITALS, which some styles write in lower case there) in lower case, two or more with a capital.
    const titleCase = new Map<number, boolean>();
    const inTitleCase = (k: number) => {
      const sentence = read[k]!.sentence;
      let yes = titleCase.get(sentence);
      if (yes === undefined) {
        let from = k;
        while (from > 0 && read[from - 1]!.sentence === sentence) from--;
        let capitals = 0;
        let lower = false;
        for (let j = from; j < read.length && read[j]!.sentence === sentence && !lower; j++) {
          const w = read[j]!;
          if (w.raw.length < 2 || ENGLISH_PLACE_CAPITALS.has(w.norm)) continue;
          if (/^\p{Lu}/u.test(w.raw)) capitals++;
          else if (/^\p{Ll}/u.test(w.raw)) lower = true;
        }
        titleCase.set(sentence, (yes = !lower && capitals >= 2));
      }
      return yes;
    };
    // Token j follows token i in the same sentence after one space.
    const spaced = (i: number, j: number) => {
      const a = read[i];
      const b = read[j];
      return a !== undefined && b !== undefined && b.sentence === a.sentence && b.start === a.start + a.raw.length + 1 && b.before !== undefined && /\s/u.test(b.before);
    };
    // Token k has a capital as a name has it, not for its place (ENGLISH_PLACE_CAPITALS).
    const nameWord = (k: number) => {
      const w = read[k];
      if (!w || w.raw.length < 2 || !/^\p{Lu}/u.test(w.raw) || ENGLISH_PLACE_CAPITALS.has(w.norm)) return false;
      if ((k === 0 || read[k - 1]!.sentence !== w.sentence) && /ly$/iu.test(w.raw)) return false;
      return !(HEADLINE_VERB.test(w.raw) && inTitleCase(k));
    };
    const firstName = (m: (typeof found)[number]) => {
      if (m.end - m.start !== 1 || !firstNameNorms.has(m.via)) return false;
      return spaced(m.start, m.end) && nameWord(m.end) && !knownAt(m.end);
    };
    const surname = (m: (typeof found)[number]) => {
      if (m.end - m.start !== 1 || !surnameNorms.has(m.via)) return false;
      const t = read[m.start]!;
      const p = m.start - 1;
      const prev = read[p];
      if (!prev || prev.sentence !== t.sentence) return false;
      if (!spaced(p, m.start)) {
        // An initial: "Michael B. Jordan" (not the last letter of "U.S.").
        const initial = prev.raw.length === 1 && /^\p{Lu}$/u.test(prev.raw) && t.start === prev.start + 3 && t.before === ' ';
        if (!initial) return false;
        const before = read[p - 1];
        return before !== undefined && before.sentence === t.sentence && !(before.raw.length === 1 && before.start === prev.start - 2) && spaced(p - 1, p) && nameWord(p - 1) && !knownAt(p - 1);
      }
      // In a Title Case headline, a word between two names is a verb: "Iraq Beat Jordan".
      if (inTitleCase(p) && spaced(p - 1, p) && knownAt(p - 1)) return false;
      return nameWord(p) && !knownAt(p);
    };
    // A known person's surname after another first name is someone else: "Sarah Al Amiri" is not Hadi al-Amiri, "Ahmed
    // Kadhimi" not Mustafa al-Kadhimi. Not after a title ("President Erdogan", "PM Sudani"), nor after a word of the person's
    // own names ("Mohammed al-Sudani"), nor in Latin letters only (Arabic script has no capitals to tell a name by).
    const otherPerson = (m: (typeof found)[number]) => {
      const e = m.value;
      if (e.type !== 'person' || read[m.start]!.arabic || !SURNAME_LANGS.has(lang ?? '')) return false;
      // A surname alone, or with its particle ("Kadhimi", "al-Amiri", "bin Salman"); a full name says who it is.
      if (m.end - m.start > 2 || (m.end - m.start === 2 && !SURNAME_PARTICLES.has(read[m.start]!.norm))) return false;
      const p = m.start - 1;
      if (!spaced(p, m.start) || !nameWord(p) || knownAt(p) || PERSON_TITLES.has(read[p]!.norm)) return false;
      return !ownNameWords(e).has(read[p]!.norm);
    };
    // "Abu Bakr al-Baghdadi", "Jabbar al-Iraqi": a place's adjective after "al-" is a person's surname, not the place.
    const surnameNisba = (m: (typeof found)[number]) => {
      const e = m.value;
      const t = read[m.start]!;
      const p = read[m.start - 1];
      if ((e.type !== 'place' && e.type !== 'country') || t.arabic || m.end - m.start !== 1 || t.before !== '-' || !p || !NISBA_ARTICLES.has(p.norm)) return false;
      return t.norm.endsWith('i') && !tokenize(e.name).some((w) => w.norm === t.norm);
    };
    // Surnames met after a first name in this text: alone elsewhere in it, they are that person.
    const surnamesMet = new Set<string>();
    const otherCongress = (m: (typeof found)[number]) => {
      const t = read[m.start]!;
      if (t.raw !== CONGRESS) return false;
      const title = inTitleCase(m.start);
      const another = (k: number) => {
        const e = knownAt(k);
        if (e) return e.country !== 'US';
        return !US_CONGRESS_WORDS.has(read[k]!.norm) && (title ? CONGRESS_NAME_WORDS.has(read[k]!.norm) : nameWord(k));
      };
      // The word before, past a possessive ("People's Congress", "Peru's Congress").
      let p = m.start - 1;
      const s = read[p];
      const owner = read[p - 1];
      if (s?.norm === 's' && owner?.sentence === s.sentence && /['’]/u.test(s.before ?? '') && s.start === owner.start + owner.raw.length + 1 && spaced(p, m.start)) p--;
      if (p >= 0 && (p === m.start - 1 ? spaced(p, m.start) : read[p]!.sentence === t.sentence) && /^\p{Lu}/u.test(read[p]!.raw) && another(p)) return true;
      // "Congress of Vienna".
      return m.end - m.start === 1 && read[m.end]?.norm === 'of' && spaced(m.start, m.end) && spaced(m.end, m.end + 1) && /^\p{Lu}/u.test(read[m.end + 1]!.raw) && another(m.end + 1);
    };
    const matches: typeof found = [];
    const titles: typeof found = [];
    const generics: typeof found = [];
    const homeNames: typeof found = [];
    // The rest of the sentence of found[k] read again from its second word, in place of what was
    // read there (no phrase runs across sentences).
    const readAgain = (k: number) => {
      const m = found[k]!;
      const from = m.start + 1;
      let to = from;
      while (to < read.length && read[to]!.sentence === read[m.start]!.sentence) to++;
      let replaced = k + 1;
      while (replaced < found.length && found[replaced]!.start < to) replaced++;
      const again = this.index!.matchAll(read.slice(from, to)).map((r) => ({ ...r, start: r.start + from, end: r.end + from }));
      found.splice(k + 1, replaced - k - 1, ...again);
    };
    // Wire credits in brackets, «(واع)»: the agency, and nothing else the words may name there.
    const credited = new Set<number>();
    // A credit in Latin letters ("TAP", "MAP", "APS") is also many an acronym's in brackets ("the Trans Adriatic Pipeline
    // (TAP)"): read only as a dateline's, a few words after a sentence opening with a place ("TUNIS (TAP) -", "KUWAIT, Aug 9
    // (KUNA) --").
    const sentenceStart = (k: number) => {
      let s = k;
      while (s > 0 && read[s - 1]!.sentence === read[k]!.sentence) s--;
      return s;
    };
    const opensWithPlace = (k: number, within: number) => {
      const s0 = sentenceStart(k);
      const place = knownAt(s0);
      return k - s0 <= within && place !== undefined && (place.type === 'place' || place.type === 'country');
    };
    for (const m of found) {
      if (!m.value.creditOf) continue;
      const first = read[m.start]!;
      const last = read[m.end - 1]!;
      const bracketed = (first.before === '(' && last.after === ')') || (first.before === '/' && last.after === '/');
      // An Arabic agency's dateline writes its credit between slashes with spaces («في 7 ديسمبر/ وام/»), or ends with it before a
      // line break, a colon or a dash («… م واس», «دمشق-سانا:», «رام الله 18-10-2021 وفا-»).
      // A dash between spaces after it («دمشق-سانا – أصدر»): three characters to the next word, as dateline() reads it.
      const next = read[m.end];
      const spacedDash = next !== undefined && next.sentence === last.sentence && next.start - (last.start + last.raw.length) === 3 && last.after === ' ';
      // SPA's «… 2023 م واس أعلنت …»: the credit right after the Gregorian year's «م».
      const prev = read[m.start - 1];
      const afterYear = prev !== undefined && prev.norm === GREGORIAN && /^\d{4}$/u.test(read[m.start - 2]?.raw ?? '');
      // (A year, «م», then the credit is SPA's signature: its city need not be one the gazetteer knows, «الطائف».)
      const datelineEnd = first.arabic && (((first.before === '/' || '\n:-–/'.includes(last.after || ' ') || spacedDash) && opensWithPlace(m.start, ARABIC_DATELINE_WORDS)) || (afterYear && m.start - sentenceStart(m.start) <= ARABIC_DATELINE_WORDS));
      // A credit in brackets that ends the copy: « … dès l'été prochain. (APS) ».
      const signsOff = m.end === read.length || (read[m.end]!.sentence !== last.sentence && last.after === ')' && /\n/u.test(read[m.end]!.before ?? ''));
      if (bracketed) {
        if (!first.arabic && !opensWithPlace(m.start, DATELINE_CREDIT_WORDS) && !(signsOff && m.start > 0 && read[m.start - 1]!.sentence !== first.sentence)) continue;
      } else if (!(agencyBefore(read, m.start) || datelineEnd)) continue;
      credited.add(m.start);
    }
    for (let k = 0; k < found.length; k++) {
      const m = found[k]!;
      if (credited.has(m.start)) {
        if (m.value.creditOf) matches.push({ ...m, value: m.value.creditOf });
        continue;
      }
      if (m.value.creditOf) continue;
      if (m.value.office) {
        titles.push(m);
        continue;
      }
      if (m.value.generic) {
        // Its words may begin a body's name: «رئيس الحكومة الانتقالية السودانية» names that government.
        if (at) generics.push(m);
        readAgain(k);
        continue;
      }
      if (m.value.homeBodies) {
        if (at) homeNames.push(m);
        readAgain(k);
        continue;
      }
      if (m.value === NOT_A_NAME || firstName(m) || otherCongress(m) || otherPerson(m) || surnameNisba(m) || rightSide(read, m.start, m.end)) continue;
      if (surname(m)) {
        surnamesMet.add(m.via);
        continue;
      }
      if (!everydayWord(m)) {
        matches.push(m);
        continue;
      }
      // An everyday phrase: read again from its second word ("a Barcelona fan" → "Barcelona", "a
      // Barcelona City Council spokesman" → "Barcelona City Council").
      if (m.end - m.start > 1) readAgain(k);
    }
    // Group the candidates of each mention (an ambiguous name has several).
    let mentions: Array<{ start: number; candidates: Entry[]; surname: boolean }> = [];
    for (const m of matches) {
      const last = mentions[mentions.length - 1];
      if (last && last.start === m.start) {
        if (!last.candidates.includes(m.value)) last.candidates.push(m.value);
      } else mentions.push({ start: m.start, candidates: [m.value], surname: m.end - m.start === 1 && surnamesMet.has(m.via) });
    }
    // Context for ambiguous names: the entities mentioned unambiguously, and their countries.
    const context = new Set<string>();
    for (const m of mentions) {
      if (m.candidates.length === 1 && !m.surname) {
        const c = m.candidates[0]!;
        context.add(c.id);
        if (c.country) context.add(c.country);
      }
    }
    // An office's title: its country, and the person holding it that day (see OfficeDef), who is
    // context for the names below as if named («رئيس الوزراء العراقي … السوداني» is Sudani).
    const byTitle: Array<{ start: number; entry: Entry }> = [];
    for (const m of titles) {
      const office = m.value.office!;
      const of = office.of !== undefined ? this.byId.get(office.of) : m.value.country ? this.byIso.get(m.value.country) : undefined;
      if (of) byTitle.push({ start: m.start, entry: of });
      if (!at || notHolder(read, m, matches)) continue;
      const holder = this.holderMeant(office, at, ownHolders(read, office, matches));
      if (!holder) continue;
      byTitle.push({ start: m.start, entry: holder });
      context.add(holder.id);
      if (holder.country) context.add(holder.country);
    }
    // A surname met after a first name ("Michael Jordan … Jordan said") is that person alone too,
    // as a reader takes it, unless the text names the entity, or its country, some other way
    // ("Jordanian", "Amman", "King Abdullah").
    if (surnamesMet.size > 0) mentions = mentions.filter((m) => !m.surname || m.candidates.some((c) => context.has(c.id) || (c.country !== undefined && context.has(c.country))));
    // A dateline names a city, never a country: «عمان 14 آب (بترا) -» is Amman, «عمان - » too.
    const dateline = (k: number) => {
      const t = read[k]!;
      if (k > 0 && read[k - 1]!.sentence === t.sentence) return false;
      const next = read[k + 1];
      if (next === undefined || next.sentence !== t.sentence) return false;
      // A day after it («عمان 14 آب»), or a dash, slash or bracket: «عمان-», «عمان - », «عمان / » (three characters between).
      return /^\d/u.test(next.raw) || '-–—/('.includes(next.before || ' ') || (next.before === ' ' && next.start - (t.start + t.raw.length) === 3);
    };
    const counts = new Map<Entry, { count: number; first: number }>();
    for (const m of mentions) {
      const place = m.candidates.length > 1 && m.candidates.some((c) => c.type === 'country') && dateline(m.start) ? m.candidates.find((c) => c.type === 'place') : undefined;
      const chosen = m.candidates.length === 1 ? m.candidates[0]! : place ?? resolve(m.candidates, context);
      const c = counts.get(chosen);
      if (c) c.count++;
      else counts.set(chosen, { count: 1, first: m.start });
    }
    const count = (e: Entry, start: number) => {
      const c = counts.get(e);
      if (c) {
        c.count++;
        c.first = Math.min(c.first, start);
      } else counts.set(e, { count: 1, first: start });
    };
    for (const t of byTitle) count(t.entry, t.start);
    // The country the text is about, for the names that leave it unsaid below (from what it names otherwise).
    const home = (homeNames.length > 0 || generics.length > 0) && at
      ? homeCountry(setting.entities ?? [...counts].map(([e, c]) => ({ country: e.country, count: c.count })), setting.country)
      : undefined;
    // Bodies by their names without a country («البرلمان»): the home country's, unless what follows says whose.
    if (homeNames.length > 0 && at) {
      for (const m of homeNames) {
        const whose = this.whose(whoseAfter(read, m.end, knownAt), home);
        if (whose === null || (whose !== undefined && whose !== home)) continue;
        const chosen = m.value.homeBodies!.filter((b) => b.country === home);
        if (chosen.length === 1) count(chosen[0]!, m.start);
      }
    }
    // Generic titles, once the rest is read: what the text names says which office they are.
    if (generics.length > 0 && at) {
      const bodies = new Set([...[...counts.keys()].map((e) => e.id), ...(setting.entities ?? []).map((e) => e.id)]);
      // An office of a body (OfficeDef.of) is the article's when it names the body; else by country.
      const about = (o: Entry) => (o.office!.of !== undefined ? bodies.has(o.office!.of) : o.country === home);
      const people = matches.filter((p) => p.value.type === 'person');
      // Holders named another way: by a title with its country («رئيس الحكومة اللبنانية» before
      // «رئيس الحكومة»), or anywhere in the article when this is part of it.
      const elsewhere = [...byTitle.map((b) => b.entry), ...(setting.entities ?? []).flatMap((e) => this.byId.get(e.id) ?? [])];
      for (const m of generics) {
        const whose = this.whose(whoseAfter(read, m.end, knownAt), home);
        if (whose === null || notHolder(read, { ...m, value: m.value.generic![0]! }, people, true)) continue;
        // The offices it may be, each with the people the text names who held it; an office none
        // of them held, only by its country.
        const offices = m.value.generic!.map((o) => {
          const own = ownHolders(read, o.office!, matches);
          for (const e of elsewhere) if (o.office!.holders.some((h) => h.id === e.id)) own.add(e);
          return { o, own };
        });
        const inText = offices.filter((x) => x.own.size > 0);
        const chosen = whose ? offices.filter((x) => (x.o.office!.of ?? x.o.country) === whose)
          : inText.length === 1 ? inText : (inText.length > 0 ? inText : offices).filter((x) => about(x.o));
        const holder = chosen.length === 1 ? this.holderMeant(chosen[0]!.o.office!, at, chosen[0]!.own) : undefined;
        if (holder) count(holder, m.start);
      }
    }
    return [...counts.entries()]
      .sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)
      .map(([e, c]) => toEntity(e, c.count, false));
  }
}

/**
 * The people a text names who held an office at some time, not as a former one: named
 * unambiguously («الجيش السوداني», the Sudanese army, is no mention of Sudani).
 */
function ownHolders(read: readonly Token[], office: Office, matches: ReadonlyArray<{ start: number; end: number; value: Entry }>): Set<Entry> {
  const own = new Set<Entry>();
  for (const p of matches) {
    if (!office.holders.some((h) => h.id === p.value.id) || matches.some((o) => o.start === p.start && o.value !== p.value) || formerBeside(read, p)) continue;
    own.add(p.value);
  }
  return own;
}

/** A name with "former", «السابق», "late" … within three words of it: not the office's holder now. */
function formerBeside(read: readonly Token[], p: { start: number; end: number }): boolean {
  const sentence = read[p.start]!.sentence;
  for (let k = Math.max(0, p.start - 3); k < Math.min(read.length, p.end + 3); k++) {
    if (k >= p.start && k < p.end) continue;
    const w = read[k]!;
    if (w.sentence === sentence && (NOT_HOLDER_BEFORE.has(w.norm) || NOT_HOLDER_AFTER.has(w.norm))) return true;
  }
  return false;
}

/** After a generic title, words that say whose it is: "the prime minister of Spain", « le Premier ministre du Liban ». */
const WHOSE = normsOf(['of', 'for', 'de', 'du', 'des']);
/** …and words that do when a place or a body follows: «رئيس الحكومة في إقليم كوردستان», not «في بيان» (in a statement). */
const WHOSE_BEFORE_NAME = normsOf(['في', 'لدى']);

/**
 * What follows a generic title to say whose it is: a country, place or body named right after it
 * (« le Premier ministre indien », «الأمين العام لحلف الناتو») or after WHOSE or WHOSE_BEFORE_NAME
 * ("the prime minister of Spain", «رئيس الوزراء في بغداد»): that entity; true when the words say
 * whose but name no one the gazetteer knows (WHOSE, an Arabic genitive with ل, «لمنظمة أوبك», an
 * Arabic adjective of the nisba form, «رئيس الوزراء الهندي» with a gentilic it may not know —
 * «الحالي», current, is one too, and the title is then left unread); false when nothing does.
 */
function whoseAfter(read: readonly Token[], end: number, knownAt: (k: number) => Entry | undefined): Entry | boolean {
  const next = read[end];
  if (!next || next.sentence !== read[end - 1]!.sentence) return false;
  const named = (k: number) => {
    const e = read[k]?.sentence === next.sentence ? knownAt(k) : undefined;
    return e !== undefined && !e.office && (e.type === 'country' || e.type === 'place' || e.type === 'org') ? e : undefined;
  };
  const said = named(end)
    ?? (WHOSE.has(next.norm) || WHOSE_BEFORE_NAME.has(next.norm) ? named(end + 1) ?? (ARTICLE.has(read[end + 1]?.norm ?? '') ? named(end + 2) : undefined) : undefined);
  if (said) return said;
  if (anaphoricBody(read, end)) return false;
  if (WHOSE.has(next.norm) || next.norm.startsWith("d'") || (next.arabic && /^ال..+(?:ي|يه)$/u.test(next.norm))) return true;
  // An Arabic genitive with ل: «الأمين العام للمنظمة», «الأمين العام لمنظمة أوبك».
  return next.arabic === true && /^(?:لل|ل(?:منظم|جامع|حزب|حرك|مجلس|هيئ|اتحاد|تحالف|وكال|صندوق|بنك|شرك|دول))/u.test(next.norm);
}

/** Capitalised words before a person's surname that are their title, not another first name ("President Erdogan", "PM Sudani"). */
const PERSON_TITLES = normsOf([
  'president', 'prime', 'premier', 'pm', 'minister', 'mr', 'mrs', 'ms', 'dr', 'sheikh', 'shaikh', 'sayyed', 'sayed', 'sayyid', 'ayatollah', 'grand', 'general', 'gen',
  'leader', 'commander', 'cleric', 'chief', 'speaker', 'king', 'prince', 'emir', 'sultan', 'imam', 'judge', 'senator', 'governor', 'secretary', 'ambassador', 'envoy',
  'chairman', 'director', 'colonel', 'col', 'lt', 'major', 'maj', 'brig', 'marshal', 'mullah', 'patriarch', 'cardinal', 'pope', 'sir', 'lord', 'lady', 'crown',
  'deputy', 'former', 'late', 'hajj', 'haji', 'mam', 'kak', 'président', 'ministre', 'monsieur', 'madame', 'm', 'mme', 'cheikh', 'émir', 'roi', 'général',
  'chancellor', 'chancelier', 'mayor', 'maire', 'coach', 'captain', 'striker', 'star', 'rep', 'sen', 'gov', 'vice', 'foreign', 'defence', 'defense', 'interior',
]);
/**
 * Languages whose capitals before a surname are a first name or a title (English, French): German capitalises every noun
 * ("Energieminister Abdulaziz bin Salman"), Turkish its titles after the name's owner ("Dışişleri Bakanı Hakan Fidan").
 */
const SURNAME_LANGS = new Set(['en', 'fr']);
/** «م», the Gregorian era after a year in an Arabic dateline («… 2024 م واس»). */
const GREGORIAN = tokenize('م')[0]!.norm;
/** The article of an Arabic surname in Latin letters: "al-Baghdadi", "el-Masri". */
const NISBA_ARTICLES = normsOf(['al', 'el']);
/** Particles a surname is written with: "al-Amiri", "bin Salman", « de Gaulle ». */
const SURNAME_PARTICLES = normsOf(['al', 'el', 'bin', 'ben', 'ibn', 'abu', 'de', 'von', 'van', 'le']);
const ownWordsCache = new WeakMap<Entry, Set<string>>();
/** The words of every name and alias of an entity, folded. */
function ownNameWords(e: Entry): Set<string> {
  let words = ownWordsCache.get(e);
  if (!words) {
    words = new Set([e.name, ...Object.values(e.names), ...e.aliases].flatMap((n) => tokenize(n).map((t) => t.norm)));
    ownWordsCache.set(e, words);
  }
  return words;
}

/** Words of a dateline before an agency's credit in Latin letters: "KUWAIT, Aug 9 (KUNA)", "RAMALLAH, West Bank, Jan 5 (WAFA)". */
const DATELINE_CREDIT_WORDS = 6;
/**
 * Words of an Arabic agency's dateline line before the credit that ends it, with no brackets: «الرياض 25 جمادى الأولى 1446
 * هـ الموافق 27 نوفمبر 2024 م واس» (both calendars' dates).
 */
const ARABIC_DATELINE_WORDS = 16;
/** Words that name a credit as an agency's right before it: « repris par l'agence APS », "the state news agency WAM", «وكالة واس», «لمراسل سانا». */
const AGENCY_WORDS = normsOf(['agence', 'agency', 'وكالة', 'لوكالة', 'بوكالة', 'مراسل', 'لمراسل', 'مراسلة', 'لمراسلة']);
/** An agency is feminine in French (« l'agence »): « par la MAP », « selon l'APS »; « le TAP » is the pipeline. */
const CREDIT_ARTICLES = normsOf(['l', 'la']);
const CREDIT_RELAYS = normsOf(['par', 'selon']);
/** Adjectives between such a word and the credit: "the official news agency KUNA", « l'agence officielle APS ». */
const AGENCY_ADJECTIVES = normsOf(['news', 'press', 'state', 'official', 'officielle', 'de', 'presse', 'الأنباء', 'الرسمية']);

/**
 * Whether an agency word stands right before a credit at k (AGENCY_WORDS, then at most two AGENCY_ADJECTIVES): a credit said
 * to be an agency's is one, brackets or not.
 */
function agencyBefore(read: readonly Token[], k: number): boolean {
  // « citée par l'APS », « relayé par la MAP », « selon l'APS »: a credit in capitals that relays or reports.
  const article = read[k - 1];
  const by = read[k - 2];
  if (article && by && article.sentence === read[k]!.sentence && by.sentence === article.sentence && CREDIT_ARTICLES.has(article.norm) && CREDIT_RELAYS.has(by.norm) && /^\p{Lu}{2,}$/u.test(read[k]!.raw)) return true;
  for (let j = k - 1; j >= 0 && j >= k - 3 && read[j]!.sentence === read[k]!.sentence; j--) {
    if (AGENCY_WORDS.has(read[j]!.norm)) return true;
    if (!AGENCY_ADJECTIVES.has(read[j]!.norm)) return false;
  }
  return false;
}

/** Bodies a title's "of the …" refers back to rather than names: "of the organisation", « de l'organisation », «للمنظمة». */
const BACK_TO_BODY = normsOf(['organisation', 'organization', 'agency', 'alliance', 'league', 'body', 'fund', 'bloc', 'party', 'movement', 'agence', 'ligue', 'instance', 'fonds', 'parti', 'mouvement']);
const BACK_TO_BODY_AR = /^لل(?:منظمه|وكاله|جامعه|حلف|صندوق|حزب|حركه|تحالف)$/u;
/** A genitive's article: "of the …", « de l'… », « de la … ». */
const GENITIVE_ARTICLE = normsOf(['the', 'l', 'la', 'le']);
/** Words that carry a body's name on after its head ("the Organisation of Islamic Cooperation", « l'Organisation des Nations unies »). */
const NAME_GOES_ON = normsOf(['of', 'for', 'de', 'des', 'du', 'd', 'pour']);

/**
 * Whether the words after a title at `end` refer back to the body the text named ("the secretary-general of the
 * organisation", « le secrétaire général de l'organisation », «الأمين العام للمنظمة»): they then say whose no more than a
 * bare title does. A body's own name after them goes on ("of the Organisation of …") or the head is the last word of it.
 */
function anaphoricBody(read: readonly Token[], end: number): boolean {
  const next = read[end]!;
  const sentence = next.sentence;
  const at = (k: number) => (read[k]?.sentence === sentence ? read[k] : undefined);
  let head: number;
  if (next.arabic) {
    if (!BACK_TO_BODY_AR.test(next.norm)) return false;
    head = end;
  } else {
    if (!WHOSE.has(next.norm)) return false;
    // « du fonds »: "du" is "de le", no article of its own.
    head = GENITIVE_ARTICLE.has(at(end + 1)?.norm ?? '') ? end + 2 : end + 1;
    if (!BACK_TO_BODY.has(at(head)?.norm ?? '')) return false;
  }
  const after = at(head + 1);
  if (!after || /[,.;:!?»"”)،؛]/u.test(read[head]!.after ?? '')) return true;
  // «للمنظمة الدولية للهجرة», "of the Organisation of Islamic Cooperation", « de l'Organisation mondiale … »: a name goes on.
  return next.arabic ? !after.norm.startsWith('ال') : !NAME_GOES_ON.has(after.norm) && !/^\p{Lu}/u.test(after.raw);
}

/**
 * The country a text is about, for its generic titles (OfficeDef.generic): the source's when the
 * text names it at all, or names no country (a country's press writes its own government so:
 * «وزیر امور خارجه» in a Tehran paper is Iran's, however much its story is about Iraq's debts);
 * else the one its entities name most, each person, place or body counting for its country (an
 * agency's "the prime minister" in a story about Iraq; an Iraqi paper's «رئيس الحكومة» in a
 * Beirut story that never names Iraq). Undefined on a tie.
 */
function homeCountry(entities: ReadonlyArray<{ country?: string | undefined; count: number }>, source?: string): string | undefined {
  const weight = new Map<string, number>();
  for (const e of entities) if (e.country) weight.set(e.country, (weight.get(e.country) ?? 0) + e.count);
  const src = source?.toUpperCase();
  if (weight.size === 0 || (src !== undefined && weight.has(src))) return src;
  const top = Math.max(...weight.values());
  const first = [...weight].filter(([, w]) => w === top).map(([c]) => c);
  return first.length === 1 ? first[0] : undefined;
}

/** Between a title and the name after it: an honorific («رئيس الوزراء السيد …», "Prime Minister Dr …"). */
const HONORIFIC = normsOf(['السيد', 'السيدة', 'الدكتور', 'الدكتورة', 'الشيخ', 'Mr', 'Mrs', 'Ms', 'Dr', 'M.', 'Mme', 'Sheikh']);
/** Between a name and the title after it: "Kadhimi, the Iraqi prime minister", « Kazimi, le Premier ministre ». */
const ARTICLE = normsOf(['the', 'le', 'la', 'el']);

/**
 * A title that is not the day's holder's: a word beside it says former, deputy, late or
 * designate; or right beside it (or sharing a word with it: «جلالة الملك» in «جلالة الملك عبدالله
 * الثاني», a generic title read again from its second word) stands the name of someone who held the office at some time
 * ("Iraqi Prime Minister Nouri al-Maliki", «رئيس الوزراء العراقي محمد شياع السوداني», "Kadhimi,
 * the Iraqi prime minister"): the name says who. A name there of someone who never held it is
 * the sentence's other party («استقبل رئيس الوزراء العراقي ترامب»), and the title stays the holder.
 */
function notHolder(read: readonly Token[], m: { start: number; end: number; value: Entry }, named: ReadonlyArray<{ start: number; end: number; value: Entry }>, anyone = false): boolean {
  const sentence = read[m.start]!.sentence;
  const before = read[m.start - 1];
  const after = read[m.end];
  if (before?.sentence === sentence && NOT_HOLDER_BEFORE.has(before.norm)) return true;
  if (after?.sentence === sentence && NOT_HOLDER_AFTER.has(after.norm)) return true;
  const held = m.value.office!.holders;
  return named.some((p) => read[p.start]!.sentence === sentence && (anyone || held.some((h) => h.id === p.value.id))
    && ((p.start <= m.end && p.end >= m.start) || (p.start === m.end + 1 && HONORIFIC.has(after!.norm))
      || (p.end === m.start - 1 && ARTICLE.has(before!.norm))));
}

/** Body parts and sides, normalised, that «اليمنى» (the right one) follows. */
const RIGHT_SIDE_OF = new Set(['يد', 'قدم', 'رجل', 'ساق', 'ركبه', 'ذراع', 'عين', 'اذن', 'كف', 'قبضه', 'جهه', 'ناحيه', 'ضفه', 'كفه', 'جبهه', 'زاويه']);
const CLITICS_BEFORE = /^(?:وب|فب|ب|و|ف|ل)?(?:ال)?/;
const PRONOUN_AFTER = /(?:هما|هم|ها|ه|ي|نا)$/;

/**
 * «اليمنى» is "the right" one (اليد اليمنى, بقدمه اليمنى, الضفة اليمنى) as often as it is «اليمني»,
 * Yemeni, in the spelling of Egypt's press, which writes a final ي as ى: the two normalise to one
 * word. Written with ى after a body part or a side, it is the right and names nothing; elsewhere
 * («الرئيس اليمنى») it keeps its reading.
 */
function rightSide(read: readonly Token[], start: number, end: number): boolean {
  const t = read[start]!;
  const prev = read[start - 1];
  if (end - start !== 1 || !t.raw.endsWith('يمنى') || !prev || prev.sentence !== t.sentence) return false;
  const noun = prev.norm.replace(CLITICS_BEFORE, '');
  // With a pronoun, ة is written ت: ركبته is ركبة's.
  const owned = noun.replace(PRONOUN_AFTER, '');
  return RIGHT_SIDE_OF.has(noun) || RIGHT_SIDE_OF.has(owned) || (owned !== noun && RIGHT_SIDE_OF.has(owned.replace(/ت$/, 'ه')));
}

/** The value of the phrases in HAN_NOT_NAMES: a match that names nothing. */
const NOT_A_NAME: Entry = { id: '', type: 'place', name: '', names: {}, aliases: new Set(), country: undefined, location: undefined };

/**
 * Choose among the entities an ambiguous name may denote ("عمان": Oman or Amman; "Tripoli":
 * Libya's or Lebanon's; "السوداني": Sudanese or Iraq's prime minister): one the text also names
 * unambiguously, else the one whose country the rest of the text mentions, else a country over
 * a place, else the first defined.
 * "Barcelona" is the club (FC Barcelona) or the city, both in Spain. Each has phrases of its own
 * in data/entities.json: the city "en/de/a Barcelona", "in Barcelona", "à Barcelone", "في برشلونة",
 * "مدينة برشلونة"…; the club "el/del/al Barcelona", "FC Barcelona", "Barça", "نادي/فريق برشلونة"…
 * ("in Barcelona's" may be either: both). One such phrase makes the name alone that entity all
 * through the text. With none, the name alone is the club, defined first (its line comes before
 * the city's in data/entities.json): text about the city nearly always says where something
 * happens ("in Barcelona", "el Ayuntamiento de Barcelona"), while a match report may name the club
 * by its bare name only ("Barcelona beat Real Madrid"), which is what a reader takes it for.
 * "Congress" alone is the US Congress or India's Congress party (indian-national-congress, defined
 * after it). The text that names the party ("the Indian National Congress", "the Congress party")
 * makes the bare word the party; so does India named without the United States ("Congress leader
 * Rahul Gandhi said Modi…"), for the Indian press writes "Congress" for the party after, or
 * without, a first mention in full, while a US story nearly always names the US, an American or
 * Washington somewhere. With the US named too, or no country, it stays the US Congress, the reading
 * of most English news ("Congress passed the bill").
 */
function resolve(candidates: Entry[], context: Set<string>): Entry {
  const named = candidates.find((c) => context.has(c.id));
  if (named) return named;
  const inContext = candidates.filter((c) => c.type !== 'country' && c.country && context.has(c.country));
  if (inContext.length > 0) return inContext[0]!;
  return candidates.find((c) => c.type === 'country') ?? candidates[0]!;
}

function toEntity(e: Entry, count: number, withAliases: true): KnownEntity;
function toEntity(e: Entry, count: number, withAliases: false): Entity;
function toEntity(e: Entry, count: number, withAliases: boolean): Entity | KnownEntity {
  const out: Entity = { id: e.id, type: e.type, name: e.name, names: { ...e.names }, count };
  if (e.country) out.country = e.country;
  if (e.location) out.location = { ...e.location };
  return withAliases ? { ...out, aliases: [...new Set([...e.aliases].map((a) => a.replace(/^=/, '')))] } : out;
}

const ACRONYM = /^(?:\p{Lu}\.?){2,6}$/u;

/**
 * An alias in both the spellings Arabic script writes «عبد» in, joined to the name after it or
 * apart: «عبد الله الثاني» and «عبدالله الثاني», «عبد المهدي» and «عبدالمهدي» (the press uses both,
 * often in one paper). A word that only begins with the letters («عبدي») is left alone.
 */
/**
 * An English name in the spelling the other side of the Atlantic writes it too: "World Health Organisation" beside
 * "Organization" (British, Irish, Commonwealth and Gulf English papers write -isation).
 */
function britishSpellings(alias: string): string[] {
  const other = alias.replace(/\b(\p{Lu}?\p{L}*?)ization\b/gu, '$1isation');
  return other === alias ? [alias] : [alias, other];
}

function abdSpellings(alias: string): string[] {
  if (!alias.includes('عبد')) return [alias];
  const joined = alias.replace(/(^|[\s\u200c])عبد[\s\u200c]+(?=\p{L})/gu, '$1عبد');
  const apart = alias.replace(/(^|[\s\u200c])عبد(?=\p{L}{3})/gu, '$1عبد ');
  return [...new Set([alias, joined, apart])];
}

/**
 * Trie steps of one alias; undefined when it must not be matched (too short, a common word).
 * An alias written with a leading "=" ("=Shell", "=Fed") is matched in that exact case only.
 */
export function aliasSteps(alias: string): PhraseStep[] | undefined {
  const caseSensitive = alias.startsWith('=');
  if (caseSensitive) alias = alias.slice(1);
  const tokens = hanSteps(tokenize(alias));
  if (tokens.length === 0) return undefined;
  const joined = tokens.map((t) => t.norm).join(' ');
  if (STOP_ALIASES.has(joined)) return undefined;
  if (tokens.some((t) => HAN.test(t.raw))) {
    // Han: a name of two characters (普京, 伊朗, 北约) is a name; one character never is.
    const letters = tokens.filter((t) => t.norm !== HAN_GAP).map((t) => t.norm).join('');
    return [...letters].length < 2 ? undefined : tokens.map((t) => ({ text: t.norm }));
  }
  // Acronyms keep their case: "US" is the United States, "us" is a pronoun; "WHO" is not "who".
  const exact = caseSensitive || (ACRONYM.test(alias.replace(/[\s-]/g, '')) && /\p{Lu}/u.test(alias));
  if (!exact && joined.replace(/\s/g, '').length < 3) return undefined;
  return tokens.map((t) => (exact ? { text: t.norm, exact: t.raw } : { text: t.norm }));
}

/** Entities of the packaged country data. */
function packagedCountries(): EntityDef[] {
  const world = require('world-countries/countries.json') as WorldCountry[];
  const i18n = (lang: string) => (require(`i18n-iso-countries/langs/${lang}.json`) as { countries: Record<string, string | string[]> }).countries;
  const extra = { en: i18n('en'), fr: i18n('fr'), ar: i18n('ar') };
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const defs: EntityDef[] = [];
  for (const c of world) {
    if (!c.independent && !TERRITORIES.has(c.cca2)) continue;
    const names: Record<string, string> = { en: c.name.common };
    const aliases = new Set<string>([c.name.official]);
    for (const [wc, lang] of Object.entries(WC_LANGS)) {
      const t = c.translations[wc];
      if (!t) continue;
      names[lang] ??= t.common;
      aliases.add(t.common);
      aliases.add(t.official);
    }
    // i18n-iso-countries spells a few names the way the Arab press does ("الولايات المتحدة").
    const arName = first(extra.ar[c.cca2]);
    if (arName) names.ar = names.ar && names.ar.length <= arName.length ? names.ar : arName;
    for (const lang of ['en', 'fr', 'ar'] as const) {
      const v = extra[lang][c.cca2];
      for (const n of Array.isArray(v) ? v : v ? [v] : []) aliases.add(n);
    }
    for (const alt of c.altSpellings) aliases.add(alt);
    for (const form of arabicNisba(names.ar)) aliases.add(form);
    for (const [lang, d] of Object.entries(c.demonyms ?? {})) {
      for (const form of new Set([d.m, d.f])) {
        if (!form) continue;
        aliases.add(form);
        // Plurals: "Iraqis", "Irakiens", "Irakiennes".
        if (lang === 'fra' || /[in]$/.test(form)) aliases.add(`${form}s`);
      }
    }
    defs.push({
      type: 'country',
      country: c.cca2,
      names,
      // ISO codes are not names ("IQ", "IR"), except the two the press writes as names.
      aliases: [...aliases].filter((a) => !/^[A-Z]{2}$/.test(a) || a === 'UK' || a === 'US'),
      location: { lat: c.latlng[0], lon: c.latlng[1] },
    });
  }
  return defs;
}

/** Arabic adjectives of nationality the rule below does not make, by the country's Arabic name (ال off). */
const NISBA_IRREGULAR: Readonly<Record<string, string>> = {
  نمسا: 'نمساوي', كونغو: 'كونغولي', توغو: 'توغولي', بيرو: 'بيروفي', أفغانستان: 'أفغاني', موناكو: 'موناكوي', كوسوفو: 'كوسوفي',
};
/**
 * Adjectives the rule would make that are everyday words or another nation's: «مالي» is "financial" far more often than
 * Malian, «مجرى» (a course, a riverbed) folds to «مجري», «روماني» is Roman as often as Romanian («المسرح الروماني»).
 */
const NISBA_NOT = new Set(['مالي', 'مجري', 'روماني']);

/**
 * The Arabic adjective of nationality (nisba) of a country with a one-word Arabic name, in the forms the press writes it:
 * masculine, feminine, and the plurals, with the article and without («النمساوي», «العاصمة النمساوية», «أذربيجانيون»,
 * «البولنديين»). world-countries gives demonyms in English and French only, so an Arab paper's
 * «الوزير البولندي» would name no country. The rule: -يا and -ا drop before -ي (إيطاليا → إيطالي, بولندا → بولندي), any
 * other ending takes it (أذربيجان → أذربيجاني, السويد → سويدي); names ending in -ي or -و have theirs in NISBA_IRREGULAR or
 * none. Hand-written: no package has Arabic demonyms. The curated countries carry their own as aliases too.
 */
export function arabicNisba(name: string | undefined): string[] {
  if (!name || /\s/.test(name.trim())) return [];
  const base = name.trim().replace(/^ال/, '');
  let stem: string | undefined = NISBA_IRREGULAR[base];
  if (stem === undefined) {
    if (/ية$/.test(base)) stem = base.slice(0, -1);
    else if (/[يوى]$/.test(base)) return [];
    else stem = `${base.replace(/يا$|[اة]$/, '')}ي`;
  }
  if (NISBA_NOT.has(stem) || [...stem].length < 4) return [];
  // The matcher peels و, ب, ل… but not the article (a name with it is another name: «الملك»), so both are given.
  return [stem, `${stem}ة`, `${stem}ون`, `${stem}ين`].flatMap((f) => [f, `ال${f}`]);
}

function curated(): Array<EntityDef | OfficeDef> {
  return [...(require('../data/entities.json') as EntityDef[]), ...(require('../data/offices.json') as OfficeDef[])];
}

let defaultGazetteer: Gazetteer | undefined;

/** The process-wide gazetteer (packaged countries + curated data + registered entities). Built once. */
export function gazetteer(): Gazetteer {
  if (!defaultGazetteer) {
    const g = new Gazetteer();
    g.add(packagedCountries());
    g.add(curated());
    defaultGazetteer = g;
  }
  return defaultGazetteer;
}

/** Add entities to the process-wide gazetteer (a user's own, merged at boot). */
export function registerEntities(defs: readonly (EntityDef | OfficeDef)[]): void {
  gazetteer().add(defs);
}

/**
 * Entities mentioned in a text: people, organisations, places and countries, with mention
 * counts, most mentioned first. `lang` is the text's language when the caller knows it (a search
 * query's `lang`); `at`, the day it was written (an article's publication), makes an office's title
 * its holder that day (OfficeDef; without it, a title is only its country); `country`, the
 * source's, reads its generic titles (TextSetting). Names are matched in every language; the language only keeps a name that is an
 * everyday word in it (English "turkey") from matching that word in lower case.
 */
export function findEntities(text: string, opts: { lang?: string; at?: Date } & TextSetting = {}): Entity[] {
  return gazetteer().findInTokens(tokenize(text), opts.lang, opts.at, opts);
}

/** A known entity by id (Wikidata QID or slug), with every alias it is recognised by. */
export function getEntity(id: string): KnownEntity | undefined {
  return gazetteer().get(id);
}

/**
 * Validate the contents of a user entities file: a JSON array of entity definitions
 * (see README, "Enrichment"). Throws AKHBAR_NLP_ENTITIES_INVALID naming the first bad entry.
 */
export function parseEntityDefs(json: string, source = 'entities file'): Array<EntityDef | OfficeDef> {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw nlpError(NlpErrors.ENTITIES_INVALID, `${source} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!Array.isArray(data)) throw nlpError(NlpErrors.ENTITIES_INVALID, `${source} must hold a JSON array of entities`);
  const types = new Set(['person', 'org', 'place', 'country']);
  return data.map((raw: unknown, i) => {
    const where = `${source} entry ${String(i)}`;
    if (!raw || typeof raw !== 'object') throw nlpError(NlpErrors.ENTITIES_INVALID, `${where} is not an object`);
    const d = raw as Record<string, unknown>;
    if (d.type === 'office') return parseOfficeDef(d, where);
    if (typeof d.type !== 'string' || !types.has(d.type)) throw nlpError(NlpErrors.ENTITIES_INVALID, `${where}: "type" must be person, org, place, country or office`);
    if (d.id !== undefined && (typeof d.id !== 'string' || d.id.trim() === '')) throw nlpError(NlpErrors.ENTITIES_INVALID, `${where}: "id" must be a non-empty string`);
    if (d.id === undefined && !(d.type === 'country' && typeof d.country === 'string')) throw nlpError(NlpErrors.ENTITIES_INVALID, `${where}: "id" is required (a country may give "country" instead)`);
    if (d.names !== undefined && (typeof d.names !== 'object' || d.names === null || Object.values(d.names).some((v) => typeof v !== 'string'))) {
      throw nlpError(NlpErrors.ENTITIES_INVALID, `${where}: "names" must map language codes to strings`);
    }
    if (d.aliases !== undefined && (!Array.isArray(d.aliases) || d.aliases.some((v) => typeof v !== 'string'))) {
      throw nlpError(NlpErrors.ENTITIES_INVALID, `${where}: "aliases" must be an array of strings`);
    }
    if (!d.names && !(Array.isArray(d.aliases) && d.aliases.length > 0) && d.type !== 'country') {
      throw nlpError(NlpErrors.ENTITIES_INVALID, `${where}: give "names" or "aliases"`);
    }
    if (d.country !== undefined && (typeof d.country !== 'string' || !/^[A-Za-z]{2}$/.test(d.country))) {
      throw nlpError(NlpErrors.ENTITIES_INVALID, `${where}: "country" must be an ISO 3166-1 alpha-2 code`);
    }
    const loc = d.location as Record<string, unknown> | undefined;
    if (loc !== undefined && (typeof loc !== 'object' || typeof loc.lat !== 'number' || typeof loc.lon !== 'number' || Math.abs(loc.lat) > 90 || Math.abs(loc.lon) > 180)) {
      throw nlpError(NlpErrors.ENTITIES_INVALID, `${where}: "location" must be { "lat": number, "lon": number }`);
    }
    if (d.generic !== undefined && (!Array.isArray(d.generic) || d.generic.some((v) => typeof v !== 'string' || v.trim() === ''))) throw nlpError(NlpErrors.ENTITIES_INVALID, `${where}: "generic" must be an array of names`);
    if (d.generic !== undefined && (d.type !== 'org' || d.country === undefined)) throw nlpError(NlpErrors.ENTITIES_INVALID, `${where}: "generic" names are an organisation's with its "country" (its own country's press writes them so)`);
    if (d.credits !== undefined && (!Array.isArray(d.credits) || d.credits.some((v) => typeof v !== 'string' || v.trim() === ''))) throw nlpError(NlpErrors.ENTITIES_INVALID, `${where}: "credits" must be an array of names`);
    return d as unknown as EntityDef;
  });
}

function parseOfficeDef(d: Record<string, unknown>, where: string): OfficeDef {
  const bad = (what: string) => nlpError(NlpErrors.ENTITIES_INVALID, `${where}: ${what}`);
  const isDay = (v: unknown): v is string => typeof v === 'string' && ISO_DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
  if (typeof d.id !== 'string' || d.id.trim() === '') throw bad('an office needs an "id"');
  if (!Array.isArray(d.titles) || d.titles.length === 0 || d.titles.some((v) => typeof v !== 'string' || v.trim() === '')) throw bad('"titles" must be a non-empty array of strings');
  if (d.names !== undefined && (typeof d.names !== 'object' || d.names === null || Object.values(d.names).some((v) => typeof v !== 'string'))) throw bad('"names" must map language codes to strings');
  if (d.country !== undefined && (typeof d.country !== 'string' || !/^[A-Za-z]{2}$/.test(d.country))) throw bad('"country" must be an ISO 3166-1 alpha-2 code');
  if (d.of !== undefined && (typeof d.of !== 'string' || d.of.trim() === '')) throw bad('"of" must be an entity id');
  if (d.generic !== undefined && (!Array.isArray(d.generic) || d.generic.some((v) => typeof v !== 'string' || v.trim() === ''))) throw bad('"generic" must be an array of titles');
  if (d.generic !== undefined && d.country === undefined && d.of === undefined) throw bad('an office with "generic" titles needs a "country" or an "of" (they name it in text about that country or naming that body)');
  if (!Array.isArray(d.holders)) throw bad('"holders" must be an array of { "id", "from", "to"? }');
  for (const [k, h] of (d.holders as unknown[]).entries()) {
    const x = h as Record<string, unknown> | null;
    if (!x || typeof x !== 'object' || typeof x.id !== 'string' || x.id.trim() === '') throw bad(`holder ${String(k)} needs an entity "id"`);
    if (!isDay(x.from)) throw bad(`holder ${String(k)}: "from" must be a day, YYYY-MM-DD`);
    if (x.to !== undefined && (!isDay(x.to) || x.to <= x.from)) throw bad(`holder ${String(k)}: "to" must be a day (YYYY-MM-DD) after "from"`);
  }
  return d as unknown as OfficeDef;
}

/**
 * Read a user entities file (AKHBAR_ENTITIES_FILE) and merge it into the process-wide gazetteer.
 * The one function here that touches the file system; services call it once at boot.
 */
export function loadEntitiesFile(path: string): number {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw nlpError(NlpErrors.ENTITIES_INVALID, `entities file ${path} is unreadable: ${(err as Error).message}`, { cause: err });
  }
  const defs = parseEntityDefs(text, `entities file ${path}`);
  registerEntities(defs);
  // An office's holders may be defined in the file or be the gazetteer's own: known only now.
  for (const [i, d] of defs.entries()) {
    if (d.type !== 'office') continue;
    const unknown = [...d.holders.map((h) => h.id), ...(d.of !== undefined ? [d.of] : [])].find((id) => !gazetteer().get(id));
    if (unknown) throw nlpError(NlpErrors.ENTITIES_INVALID, `entities file ${path} entry ${String(i)}: "${unknown}" is no entity the gazetteer knows`);
  }
  return defs.length;
}

/**
 * The forms Sorani Kurdish writes a name in, its suffixes joined to the last word: the ezafe or
 * adjective -ی (هەولێری), the locative -دا (لە هەولێردا "in Erbil"), the ablative -ەوە (لە
 * هەولێرەوە "from Erbil") and the additive -یش ("Erbil too"); after a vowel -ی, -دا, -وە, -ش
 * (بەغدای, بەغداوە, بەغداش). Generated rather than listed per entity: every Sorani name takes
 * them the same way, where Arabic's clitics come before the word and are peeled off in the trie.
 */
export function soraniForms(name: string): string[] {
  const suffixes = /ی$/.test(name) ? ['ی', 'دا', 'یەوە', 'ش'] : /[اەۆێو]$/.test(name) ? ['ی', 'دا', 'وە', 'ش'] : ['ی', 'دا', 'ەوە', 'یش'];
  return suffixes.map((s) => name + s);
}

/**
 * The forms Kurmanji (Latin-script Kurdish) writes a one-word name in: the oblique -ê (li
 * Hewlêrê "in Erbil") and -î, the ezafe -a / -ê, the plural ezafe -ên; after a vowel with a
 * glide, -yê, -ya (Bexdayê, Amerîkaya). A name of several words is written inflected already
 * (Herêma Kurdistanê) and is left as it is.
 */
export function kurmanjiForms(name: string): string[] {
  if (/\s/.test(name)) return [];
  const suffixes = /[aeêiîouû]$/i.test(name) ? ['yê', 'ya', 'yî'] : ['ê', 'a', 'î', 'ên'];
  return suffixes.map((s) => name + s);
}
