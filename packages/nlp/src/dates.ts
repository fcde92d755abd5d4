// Each locale on its own: the package's index loads all fifteen (Japanese, Chinese, Ukrainian…),
// ~10 MB more of every enrich worker's memory for languages this module does not hand to chrono.
import type { Chrono } from 'chrono-node';
import * as chronoDe from 'chrono-node/de';
import * as chronoEn from 'chrono-node/en';
import * as chronoEs from 'chrono-node/es';
import * as chronoFr from 'chrono-node/fr';
import * as chronoIt from 'chrono-node/it';
import * as chronoNl from 'chrono-node/nl';
import * as chronoPt from 'chrono-node/pt';
import * as chronoRu from 'chrono-node/ru';
import type { DateMention } from '@akhbar/core';

/**
 * "Which days does this article name?": the calendar days an article mentions ("يوم الخميس الموافق
 * العشرين من أغسطس", "on Thursday, August 20", "demain"), read against its publication date. It
 * feeds the agenda of scheduled events and the "mentions this day" filter, so it keeps only what a
 * reader would call a day: a day and a month (a month alone, a year alone, a time alone are not),
 * tomorrow / yesterday, "next Thursday", "last Friday", and a weekday alone (below).
 *
 * Three sources, merged in text order (where two overlap the one starting first, then the longer,
 * is kept):
 * - Numeric dates, by hand, in every language: ISO 2020-08-20 and 2020/08/20; dd/mm/yyyy,
 *   dd-mm-yyyy, dd.mm.yyyy except in English (month first in American copy: read there only when
 *   one number is over 12) and in text of unknown language. A 4-digit year is required ("20/8"
 *   is a score or a fraction as often as a date) and it must be 1900–2100, unless an era follows
 *   it («1442/1/1هـ» is Hijri) or, in Persian text, it is of the 1300s or 1400s (Solar Hijri,
 *   «۱۳۹۹/۰۵/۲۰»); a bare 1442/1/1 elsewhere is not read.
 * - Arabic (and Persian), by hand. chrono-node ships an Arabic locale, but it reads «اليوم» as
 *   today (it is in outlet names such as «بغداد اليوم»), «مارس» in «مارس الضغط» as March, and
 *   misses the Maghrebi months (جانفي, جوان, أوت), «الـ20», «إبريل», «يونيه», «الشهر الجاري», the
 *   combined «آب/أغسطس»: wire copy from Baghdad, Cairo and Algiers needs all of them. Everything
 *   is matched on an offset-preserving folded copy of the text (tashkeel, tatweel and bidi marks
 *   dropped; hamza/alef variants, ى, ة folded; Arabic-Indic and Persian digits made ASCII), so
 *   one spelling of each word covers its variants and `text` is still cut from the original.
 *   Hijri months («1 محرم 1442هـ», «العاشر من محرم», «12 ربيع الأول») are read in Arabic and
 *   Persian text, Solar Hijri ones («۳۰ مرداد ۱۳۹۹», «۱۵ شهریورماه») in Persian, and converted
 *   (see `calendarDay`); a year's era («م», «هـ», «ش») naming another calendar than its month's
 *   makes it no day. Persian weekdays, «فردا» and «دیروز» are read as Arabic's are (persianHits).
 * - chrono-node for en, fr, de, es, pt, it, nl, ru: its month-name parsers are good and cost
 *   under 1 ms for a 5 000-character article (measured: about 0.5 ms, see the tests), so it is
 *   run on the whole text, no prefilter needed, with its time, duration and numeric parsers taken out (numeric dates are read by
 *   the rules above, times are no days). From its results only those whose day and month are
 *   both written are kept, plus its weekdays (below); the year is always chosen here (below),
 *   not by chrono, so every language follows the same rule. Tomorrow/yesterday words are matched by
 *   hand in these languages, with guards chrono lacks ("la mañana" is the morning, "am Morgen"
 *   too, "the day after tomorrow" is not tomorrow).
 *
 * A year left unsaid is the one that puts the day nearest the publication date; when a weekday
 * is written beside the day, the year (publication year ±1) in which the day falls on that
 * weekday, when there is exactly one and it is within 11 months of publication. Relative days
 * count from the publication date's UTC calendar day.
 *
 * Weekdays. "next Thursday", «الخميس المقبل», « jeudi prochain » are the first after publication;
 * "last Friday", «الأحد الماضي», « vendredi dernier » the latest before it. A weekday alone is how
 * wire copy names the days of its own week ("will meet Trump on Thursday", «أعلنت الوزارة يوم
 * الاثنين», « doit rencontrer jeudi »), and a reader takes the nearest such day in the direction
 * the sentence's tense points: the first on or after the publication day when the sentence speaks
 * of the future (published on Thursday, "will vote on Thursday" is that day), the latest on or
 * before it otherwise ("said on Monday"). The tense is read from cue words in the weekday's
 * sentence (TenseCues, per language): the nearest cue wins, one after the weekday or across a
 * comma counting as farther (so in "Kadhimi, who arrived on Sunday, will meet Trump on Thursday"
 * each day has its own verb), and a complementizer (that, أن/إن, que) divides a reporting verb's
 * tense from the reported clause's ("said on Monday that he will travel on Thursday"). Future:
 *   en will, 'll, shall, would (not "would have"), going to, is/are/was/were (expected/scheduled/
 *      set/slated/poised/due/planned/about) to, scheduled/set/due/planned for, plans/intends/aims
 *      to, ahead of, upcoming, forthcoming, this coming, tomorrow, next; "Thursday is/marks";
 *   ar a present verb with سـ (سيلتقي, ستعقد, سنبدأ, سأزور: س + ي/ت/ن/أ + two letters or more,
 *      minus a stop list of nouns and names, سيارة, سياسة, ستة, سنة, سيرغي, and any word whose
 *      third letter is a bare alef, which a verb there would write «أ»), سوف, من المقرر/المنتظر/
 *      المتوقع/المزمع, المقرر(ة), المرتقب(ة), المزمع(ة), المتوقع(ة), يعتزم/تعتزم, موعد, غدا,
 *      المقبل/القادم;
 *   fa خواهد and its persons, قرار است, آینده, آتی, فردا, a present verb in «می‌»;
 *   and, outside the headline, present verbs of scheduled events: "meets", "opens", "is
 *      travelling", «يعقد», «يلتقي», «يبدأ» (TenseCues.present); "to meet" in any line;
 *   fr doit/doivent/devra/devrait/devait, prévu, attendu, programmé, va/vont, à venir, prochain,
 *      demain, and the futur simple (sera, aura, fera; a word in -ra or -ront of five letters or
 *      more, not ultra, caméra, opéra …);
 *   es -rá/-rán, va(n) a, previsto, próximo; pt -rá/-rão, vai/vão, previsto, deve(m); it -rà/
 *      -ranno, previsto, dovrà/dovrebbe, atteso; de wird/werden, soll(en), will, geplant,
 *      voraussichtlich, bevorstehend, nächste, morgen; nl zal/zullen, gaat/gaan, verwacht, gepland,
 *      volgende, komende, morgen; ru будет/будут, планирует, ожидается, следующий, завтра and the
 *      perfective non-past of wire copy's events (посетит, состоится, проведёт, встретится …).
 * Past (what a future cue loses to when nearer): the reporting and meeting verbs of wire copy
 * (said, told, announced, met …; قال, أعلن, أكد, التقى …; a/ont + participle, the imperfect;
 * -ó/-aron; -ou/-aram; ha + participle, -ò; sagte, hatte, war; zei, heeft, was; заявил, сообщил,
 * состоялся, был), was/were/had, since/منذ/depuis,
 * yesterday/أمس/hier. «الأحد» is also "the one", «الاثنين» "the two", «الجمعة» Friday prayers:
 * those are read only after «يوم» or an hour («صباح», «مساء») or before «المقبل/الماضي»; none
 * after «صلاة», «خطبة», «كل», «أيام». Nor "Black/Good Friday", "Super Tuesday", "every Thursday",
 * "Thursdays", "Friday prayers", "the Mail on Sunday", « le jeudi », « mardi gras », "los jueves".
 * Nor "elke maandag", "Goede Vrijdag", «каждую пятницу», «по понедельникам». A weekday alone gives
 * way to any date it overlaps or stands beside ("Thursday (December 10)", «غدا الخميس»): the date
 * says which one.
 */

/** Most mentions kept per article (the schema's maxItems). */
export const MAX_DATE_MENTIONS = 20;
/** Only the first 20 000 characters of title + body are read: bounded cost on any input. */
export const MAX_DATE_TEXT_CHARS = 20_000;
/** Longest `sentence` kept, "…" included. */
const MAX_SENTENCE_CHARS = 300;
/** A weekday written beside a yearless date picks the year only within this many days. */
const WEEKDAY_YEAR_WITHIN_DAYS = 335;
const DAY_MS = 86_400_000;

/**
 * A span of the original text naming one day (a range, two). `weak`: named by a weekday alone
 * ("on Thursday", «الخميس المقبل»), which gives way to any date it overlaps or stands beside.
 */
interface Hit { start: number; end: number; dates: string[]; weak?: boolean }
/** The publication day, UTC. */
interface Pub { y: number; m: number; d: number; n: number }

// ---------------------------------------------------------------- calendar

function dayNumber(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function isValidDay(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function isoOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD of a valid day, or undefined (30 February, 31 April). */
function dayOf(y: number, m: number, d: number): string | undefined {
  return isValidDay(y, m, d) ? isoOf(dayNumber(y, m, d)) : undefined;
}

/** The year of a day whose year is unsaid: see the module comment. */
function yearFor(m: number, d: number, pub: Pub, weekday?: number): number | undefined {
  const years = [pub.y - 1, pub.y, pub.y + 1].filter((y) => isValidDay(y, m, d));
  if (weekday !== undefined) {
    const fit = years.filter((y) => new Date(Date.UTC(y, m - 1, d)).getUTCDay() === weekday);
    if (fit.length === 1 && Math.abs(dayNumber(fit[0]!, m, d) - pub.n) <= WEEKDAY_YEAR_WITHIN_DAYS) return fit[0];
  }
  let best: number | undefined;
  let bestDistance = Infinity;
  for (const y of years) {
    // Ties (half a year either way) go to the later year: an agenda is about what is coming.
    const distance = Math.abs(dayNumber(y, m, d) - pub.n);
    if (distance <= bestDistance) { best = y; bestDistance = distance; }
  }
  return best;
}

/** A day and month, with or without a year, as YYYY-MM-DD (undefined when no such day). */
function resolve(m: number, d: number, pub: Pub, year?: number, weekday?: number): string | undefined {
  const y = year ?? yearFor(m, d, pub, weekday);
  return y === undefined ? undefined : dayOf(y, m, d);
}

/**
 * The two other calendars the news is dated in: the Islamic (Hijri) one in the Gulf's and the
 * religious pages' copy («الخميس 1 محرم 1442هـ»), as Saudi Arabia's Umm al-Qura calendar counts it
 * (its months follow the moon as computed, not as sighted: a day either way from a sighting-based
 * calendar, which is why Gulf copy names the Gregorian day too); and the Solar Hijri one, the
 * only calendar Iranian and Afghan copy dates by («۲۹ مرداد ۱۳۹۹»). ICU (in every Node build)
 * converts a day to either calendar; the way back is found from an estimate, corrected by what
 * ICU says of it — no library of the npm registry is smaller than that.
 */
type Calendar = 'gregory' | 'islamic' | 'persian';
/** Years each calendar's dates are read in (ICU's Umm al-Qura table covers 1300–1600 AH). */
const CALENDAR_YEARS: Record<Exclude<Calendar, 'gregory'>, [number, number]> = { islamic: [1300, 1600], persian: [1300, 1500] };
const CALENDAR_FORMAT = {
  islamic: new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' }),
  persian: new Intl.DateTimeFormat('en-u-ca-persian', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' }),
};
/** A day near the start of each calendar's year: 1 Muharram 1442 AH, 1 Farvardin 1399 SH. */
const CALENDAR_ANCHOR = { islamic: { y: 1442, n: dayNumber(2020, 8, 20), year: 354.367, month: 29.53 }, persian: { y: 1399, n: dayNumber(2020, 3, 20), year: 365.2422, month: 30.44 } };

/** Day number n as [year, month, day] of `cal`. */
function calendarParts(cal: 'islamic' | 'persian', n: number): [number, number, number] {
  let y = 0; let m = 0; let d = 0;
  for (const p of CALENDAR_FORMAT[cal].formatToParts(new Date(n * DAY_MS))) {
    if (p.type === 'year') y = +p.value; else if (p.type === 'month') m = +p.value; else if (p.type === 'day') d = +p.value;
  }
  return [y, m, d];
}

/** The day number of y/m/d in `cal`, or undefined when there is no such day (30 Safar in a 29-day year). */
function calendarDay(cal: Calendar, y: number, m: number, d: number): number | undefined {
  if (cal === 'gregory') return isValidDay(y, m, d) ? dayNumber(y, m, d) : undefined;
  const [minYear, maxYear] = CALENDAR_YEARS[cal];
  if (y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const a = CALENDAR_ANCHOR[cal];
  let n = Math.round(a.n + (y - a.y) * a.year + (m - 1) * a.month + d - 1);
  for (let i = 0; i < 4; i++) {
    const [py, pm, pd] = calendarParts(cal, n);
    const off = Math.round(((y - py) * 12 + (m - pm)) * a.month) + d - pd;
    if (off === 0) return n;
    n += off;
  }
  return undefined;
}

/** A day and month of `cal` as YYYY-MM-DD; a year left unsaid as yearFor chooses it. */
function resolveIn(cal: Calendar, m: number, d: number, pub: Pub, year?: number, weekday?: number): string | undefined {
  if (cal === 'gregory') return resolve(m, d, pub, year, weekday);
  if (year !== undefined) { const n = calendarDay(cal, year, m, d); return n === undefined ? undefined : isoOf(n); }
  const py = calendarParts(cal, pub.n)[0];
  const days = [py - 1, py, py + 1].map((y) => calendarDay(cal, y, m, d)).filter((n): n is number => n !== undefined);
  if (weekday !== undefined) {
    const fit = days.filter((n) => new Date(n * DAY_MS).getUTCDay() === weekday);
    if (fit.length === 1 && Math.abs(fit[0]! - pub.n) <= WEEKDAY_YEAR_WITHIN_DAYS) return isoOf(fit[0]!);
  }
  let best: number | undefined;
  for (const n of days) if (best === undefined || Math.abs(n - pub.n) <= Math.abs(best - pub.n)) best = n;
  return best === undefined ? undefined : isoOf(best);
}

/**
 * The `weekday` (0 = Sunday) nearest the publication day in one direction: 'next' the first
 * strictly after it, 'last' the latest strictly before, 'from' the first on or after, 'until'
 * the latest on or before.
 */
function weekdayDate(weekday: number, pub: Pub, direction: 'next' | 'last' | 'from' | 'until'): string {
  const today = new Date(pub.n * DAY_MS).getUTCDay();
  const ahead = (weekday - today + 7) % 7;
  const back = (today - weekday + 7) % 7;
  const shift = direction === 'next' ? ahead || 7 : direction === 'last' ? -(back || 7) : direction === 'from' ? ahead : -back;
  return isoOf(pub.n + shift);
}

// ---------------------------------------------------------------- offset-preserving folding

/**
 * The text folded as normalizeArabic (normalize.ts) folds it, but character for character: marks
 * and invisible controls are dropped and everything else maps to one character, so `map[i]` is
 * where folded character i came from and a match is cut from the original text as written.
 */
interface Folded { text: string; folded: string; map: Int32Array }

/** The character (code) of the original text that folded character i came from. */
function originalCode(src: Folded | undefined, i: number): number | undefined {
  return src ? src.text.charCodeAt(src.map[i]!) : undefined;
}

function fold(text: string): Folded {
  const out: string[] = [];
  const map = new Int32Array(text.length + 1);
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let o = c;
    if (isDropped(c)) continue;
    if (c >= 0x0660 && c <= 0x0669) o = 0x30 + c - 0x0660;
    else if (c >= 0x06f0 && c <= 0x06f9) o = 0x30 + c - 0x06f0;
    else if (c === 0x0622 || c === 0x0623 || c === 0x0625 || c === 0x0671) o = 0x0627;
    else if (c === 0x0649 || c === 0x06cc) o = 0x064a;
    else if (c === 0x06a9) o = 0x0643;
    else if (c === 0x0629) o = 0x0647;
    else if (c === 0x066b) o = 0x2e; // Arabic decimal separator: «٢٠٫٥» is no day
    else if (c === 0x066c) o = 0x2c;
    out.push(String.fromCharCode(o));
    map[j++] = i;
  }
  map[j] = text.length;
  return { text, folded: out.join(''), map: map.subarray(0, j + 1) };
}

/** Tashkeel, tatweel, bidi controls and zero-width characters: dropped by `fold`. */
function isDropped(c: number): boolean {
  return (c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640 || c === 0x061c
    || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff;
}

// ---------------------------------------------------------------- numeric dates

// No letter, digit or date separator just before or after, so URL paths (/2020-08-20-story),
// version strings and longer digit runs are not read.
const NUMERIC = new RegExp(
  '(?<![\\p{L}\\p{N}_/.\\-])(?:' +
    '(?<iy>\\d{4})-(?<im>\\d{2})-(?<id>\\d{2})(?!\\d|-\\d)' +
    '|(?<yy>\\d{4})(?<ys>[/.])(?<ym>\\d{1,2})\\k<ys>(?<yd>\\d{1,2})' +
    '|(?<da>\\d{1,2})(?<ds>[/.\\-])(?<db>\\d{1,2})\\k<ds>(?<dy>\\d{4})' +
  ')(?![\\p{N}]|[/.\\-]\\d)',
  'gu',
);

function numericHits(folded: string, lang: string, add: (s: number, e: number, dates: string[], weekdayAware?: boolean) => void): void {
  for (const m of folded.matchAll(NUMERIC)) {
    const g = m.groups!;
    let y: number; let mo: number; let d: number;
    if (g.iy) { y = +g.iy; mo = +g.im!; d = +g.id!; }
    else if (g.yy) { y = +g.yy; mo = +g.ym!; d = +g.yd!; }
    else {
      if (lang === 'und') continue; // the order of dd/mm is the language's
      y = +g.dy!; const a = +g.da!; const b = +g.db!;
      if (lang === 'en') {
        // American copy writes the month first, British the day: read only when one reading is
        // impossible (3/4/2020 is skipped).
        if (a > 12 && b <= 12) { d = a; mo = b; } else if (b > 12 && a <= 12) { d = b; mo = a; } else continue;
      } else { d = a; mo = b; }
    }
    let end = m.index + m[0].length;
    let n: number | undefined;
    if (y >= 1900 && y <= 2100) n = calendarDay('gregory', y, mo, d);
    else {
      // «1442/1/1هـ», «١٤٤٢/٠١/٠١ هـ»: a Hijri date by its era; in Persian text a year of the
      // 1300s or 1400s with no era is Solar Hijri («۱۳۹۹/۰۵/۲۹»), and «ق» makes it Hijri.
      const era = NUMERIC_ERA.exec(folded.slice(end, end + 16));
      const cal = eraCalendar(era?.groups!.era) ?? (lang === 'fa' && y >= 1300 && y < 1500 ? 'persian' : undefined);
      if (cal === undefined || cal === 'gregory') continue;
      if (era) end += era[0].length;
      n = calendarDay(cal, y, mo, d);
    }
    if (n !== undefined) add(m.index, end, [isoOf(n)], true);
  }
}

// ---------------------------------------------------------------- Arabic (and Persian)

/** `[^\S\n]`: a space that is no line break, so no match runs across paragraphs. */
const S = '[^\\S\\n]';

/** Alternation of folded phrases, longest first, spaces matching any run of spaces. */
function alternation(words: Iterable<string>): string {
  return [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/ و/g, `${S}+و${S}*`).replace(/ /g, `${S}+`)).join('|');
}

const key = (s: string): string => s.replace(/\s+/g, '');

/** Folded month names: Egyptian/Gulf, Levantine/Iraqi, Maghrebi (Algeria/Tunisia and Morocco). */
const AR_MONTHS: Record<string, number> = {
  'يناير': 1, 'كانون الثاني': 1, 'جانفي': 1,
  'فبراير': 2, 'شباط': 2, 'فيفري': 2,
  'مارس': 3, 'اذار': 3,
  'ابريل': 4, 'نيسان': 4, 'افريل': 4,
  'مايو': 5, 'ايار': 5, 'ماي': 5,
  'يونيو': 6, 'يونيه': 6, 'حزيران': 6, 'جوان': 6,
  'يوليو': 7, 'يوليه': 7, 'تموز': 7, 'جويليه': 7, 'يوليوز': 7,
  'اغسطس': 8, 'اب': 8, 'اوت': 8, 'غشت': 8,
  'سبتمبر': 9, 'ايلول': 9, 'شتنبر': 9,
  'اكتوبر': 10, 'تشرين الاول': 10,
  'نوفمبر': 11, 'تشرين الثاني': 11, 'نونبر': 11,
  'ديسمبر': 12, 'كانون الاول': 12, 'دجنبر': 12,
};
/** Gregorian months in Persian spelling, folded (ی → ي, ک → ك, آ → ا); read in Persian text only. */
const FA_MONTHS: Record<string, number> = {
  'ژانويه': 1, 'فوريه': 2, 'مارس': 3, 'اوريل': 4, 'مه': 5, 'ژوئن': 6,
  'ژوئيه': 7, 'اوت': 8, 'سپتامبر': 9, 'اكتبر': 10, 'نوامبر': 11, 'دسامبر': 12,
};

/**
 * Hijri months, folded, with the epithets copy gives some («محرم الحرام», «رمضان المبارك»).
 * «صفر» (zero) and «رجب» (a name) are read only with a year or «من/شهر» before them.
 */
const HIJRI_MONTHS: Record<string, number> = {
  'محرم': 1, 'محرم الحرام': 1, 'صفر': 2, 'صفر الخير': 2,
  'ربيع الاول': 3, 'ربيع اول': 3, 'ربيع الثاني': 4, 'ربيع ثاني': 4, 'ربيع الاخر': 4, 'ربيع اخر': 4,
  'جمادي الاولي': 5, 'جمادي الاول': 5, 'جمادي الثانيه': 6, 'جمادي الثاني': 6, 'جمادي الاخره': 6, 'جمادي الاخر': 6,
  'رجب': 7, 'رجب المرجب': 7, 'شعبان': 8, 'شعبان المعظم': 8, 'رمضان': 9, 'رمضان المبارك': 9, 'شوال': 10,
  'ذو القعده': 11, 'ذي القعده': 11, 'ذا القعده': 11, 'ذو الحجه': 12, 'ذي الحجه': 12, 'ذا الحجه': 12,
};
const HIJRI_NEEDS_CONTEXT = new Set(['صفر', 'رجب']);
/** Solar Hijri months, folded; read in Persian text only, where «مرداد ماه» adds "month". */
const PERSIAN_MONTHS: Record<string, number> = {
  'فروردين': 1, 'ارديبهشت': 2, 'خرداد': 3, 'تير': 4, 'مرداد': 5, 'امرداد': 5,
  'شهريور': 6, 'مهر': 7, 'ابان': 8, 'اذر': 9, 'دي': 10, 'بهمن': 11, 'اسفند': 12,
};
/**
 * A year's era, folded: «م» (Gregorian), «هـ», «هجري(ة)», «للهجرة», «ق», «قمري», «ه.ق» (Hijri),
 * «ش», «شمسي», «ه.ش», «هجري شمسي» (Solar Hijri).
 */
const ERA = `(?<era>م|ه\\.?${S}?[قش]\\.?|هجري${S}+(?:قمري|شمسي)|هجريه|هجري|للهجره|قمري|شمسي|ه|ق|ش)(?![\\p{L}])`;
const NUMERIC_ERA = new RegExp(`^${S}?${ERA}`, 'u');
function eraCalendar(era: string | undefined): Calendar | undefined {
  if (era === undefined) return undefined;
  if (era === 'م') return 'gregory';
  return /ش/.test(era) ? 'persian' : 'islamic';
}

/**
 * Day ordinals, folded: الاول … العاشر, الحادي عشر … التاسع عشر, العشرين, الحادي (الواحد) والعشرين …
 * الحادي والثلاثين. Masculine only: a day is «يوم»; the feminine forms (الحادية عشرة) are hours.
 */
const AR_ORDINALS: Record<string, number> = (() => {
  const units = ['الاول', 'الثاني', 'الثالث', 'الرابع', 'الخامس', 'السادس', 'السابع', 'الثامن', 'التاسع'];
  // «الفاتح من نوفمبر»: the first, in Algerian and Libyan usage.
  const o: Record<string, number> = { 'العاشر': 10, 'الفاتح': 1 };
  units.forEach((u, i) => { o[u] = i + 1; o[`${i === 0 ? 'الحادي' : u} عشر`] = 11 + i; });
  for (const [tens, words] of [[20, ['العشرين', 'العشرون']], [30, ['الثلاثين', 'الثلاثون']]] as const) {
    for (const w of words) {
      o[w] = tens;
      units.forEach((u, i) => {
        if (tens + i + 1 > 31) return;
        for (const unit of i === 0 ? ['الحادي', 'الواحد'] : [u]) o[`${unit} و${w}`] = tens + i + 1;
      });
    }
  }
  return o;
})();
const AR_ORDINAL_VALUE = new Map(Object.entries(AR_ORDINALS).map(([w, n]) => [key(w), n]));

const AR_WEEKDAYS: Record<string, number> = { 'الاحد': 0, 'الاثنين': 1, 'الثلاثاء': 2, 'الاربعاء': 3, 'الخميس': 4, 'الجمعه': 5, 'السبت': 6 };
const WEEKDAY_ALT = alternation(Object.keys(AR_WEEKDAYS));
const NEXT_WORDS = 'المقبل|القادم|المقبله|القادمه';
/** «الشهر الجاري» and its kin: the month counted from the publication month. */
const MONTH_SHIFT: Record<string, number> = { 'الجاري': 0, 'الحالي': 0, 'المقبل': 1, 'القادم': 1, 'الماضي': -1, 'المنصرم': -1, 'السابق': -1 };
const SHIFT_ALT = Object.keys(MONTH_SHIFT).join('|');

interface CalendarMonth { cal: Calendar; m: number; needsContext?: boolean }
interface ArabicRules { dayMonth: RegExp; months: Map<string, CalendarMonth> }
const arabicRules = new Map<string, ArabicRules>();

function rulesFor(lang: string): ArabicRules {
  let r = arabicRules.get(lang);
  if (r) return r;
  const months = new Map<string, CalendarMonth>();
  const names: string[] = [];
  const tables: [Record<string, number>, Calendar][] = [[AR_MONTHS, 'gregory'], [HIJRI_MONTHS, 'islamic']];
  if (lang === 'fa') tables.push([FA_MONTHS, 'gregory'], [PERSIAN_MONTHS, 'persian']);
  for (const [table, cal] of tables) {
    for (const [w, m] of Object.entries(table)) {
      names.push(w);
      months.set(key(w), { cal, m, needsContext: cal === 'islamic' && HIJRI_NEEDS_CONTEXT.has(w) });
    }
  }
  // Persian writes «مرداد ماه», «مردادماه»: the month's name, then "month".
  const MONTH = `(?:${alternation(new Set(names))})${lang === 'fa' ? `(?:${S}?ماه)?` : ''}(?![\\p{L}])`;
  const NUM = `\\d{1,2}(?!\\d|[.,:/]\\d)`;
  const dayMonth = new RegExp(
    // A glued proclitic is not part of the day (بـ20, لـ 20, و20); «الـ20» is.
    `(?<![\\p{L}\\p{N}])(?<lead>(?:[وف]?[بلك]|[وف])${S}?)?` +
    `(?:(?<al>ال${S}?)?(?<d1>${NUM})(?:${S}*(?:-|–|الي|حتي|و)${S}*(?:ال${S}?)?(?<d2>${NUM}))?` +
    `|(?<ord>${alternation(Object.keys(AR_ORDINALS))})(?![\\p{L}]))` +
    `(?<conn>${S}*(?:من${S}+)?(?:شهر${S}+)?)` +
    `(?:(?<mon>${MONTH})(?<alt>${S}*[/(\\-–]${S}*(?<mon2>${MONTH})${S}*\\)?)?` +
      `(?:${S}+(?<mshift>الجاري|الحالي|المقبل|القادم|الماضي|المنصرم)(?![\\p{L}]))?` +
      `(?<yr>${S}*[,،]?${S}*(?:(?:من${S}+)?(?:هذا${S}+)?(?:ال)?(?:عام|سنه)${S}+(?<yshift>${SHIFT_ALT})(?![\\p{L}])` +
        `|(?:(?:من${S}+)?(?:ال)?(?:عام|سنه|سال)${S}+)?(?<year>\\d{4})(?!\\d)(?:${S}?${ERA})?))?` +
    `|(?<rel>(?:هذا${S}+الشهر|(?:ال)?شهر${S}+(?<shift>${SHIFT_ALT}))(?![\\p{L}])))`,
    'gu',
  );
  r = { dayMonth, months };
  arabicRules.set(lang, r);
  return r;
}

/**
 * A weekday written just before a day: «يوم الخميس الموافق …», «الخميس، 20 آب», «الخميس (20 آب)»,
 * «الخميس المقبل الموافق لـ…». Matched against the folded text ending where the day begins.
 */
const WEEKDAY_BEFORE = new RegExp(
  `(?<![\\p{L}])[وفب]?(?<w>(?:(?:يوم|نهار)${S}+)?(?<name>${WEEKDAY_ALT})(?:${S}+(?:${NEXT_WORDS}|الماضي|الماضيه|المنصرم))?` +
  `${S}*[,،]?${S}*(?<paren>\\(${S}*)?(?:(?:و?الموافق|المصادف|الذي${S}+يصادف|الذي${S}+يوافق)${S}*(?:ل${S}*)?)?)$`,
  'u',
);
/**
 * A weekday: «الخميس المقبل», «يوم الجمعة القادمة» (the first after publication), «الأحد الماضي»
 * (the latest before), «يوم الخميس», «مساء الخميس», «والخميس» (by the sentence's tense). Hours
 * before it («صباح», «مساء») are part of its words. Found by its name (the literal «ال» makes the
 * scan fast), then the words before and after it are read.
 */
const AR_WEEKDAY_NAME = new RegExp(`(?<=(?:^|[^\\p{L}])[وفب]?)ال(?:ثلاثاء|اربعاء|اثنين|خميس|جمعه|احد|سبت)(?![\\p{L}])`, 'gu');
const AR_WEEKDAY_LEAD = new RegExp(`(?:^|[^\\p{L}])[وفب]?(?<w>(?:(?<tod>صباح|مساء|ظهر|عصر|فجر|ضحي)${S}+)?(?:(?<yawm>يومي?|نهار)${S}+)?)$`, 'u');
const AR_WEEKDAY_SHIFT = new RegExp(`${S}+(?:(?<next>${NEXT_WORDS})|(?<last>الماضي|الماضيه|المنصرم|المنصرمه|الفائت|الفائته|السابق|السابقه))(?![\\p{L}])`, 'uy');
/** «الأحد» is also "the one", «الاثنين» "the two", «الجمعة» Friday prayers or an association. */
const AR_AMBIGUOUS_WEEKDAYS = new Set(['الاحد', 'الاثنين', 'الجمعه']);
/** Hours that make one of those a day: «مساء الأحد» (not «ظهر», also "appeared"). */
const AR_DAY_HOURS = new Set(['صباح', 'مساء', 'فجر', 'عصر', 'ضحي']);
/** Every Thursday, Friday prayers and sermons: no one day. */
const AR_NOT_WEEKDAY = new RegExp(`(?:^|[^\\p{L}])[وفبل]?(?:كل|ايام|صلاه|صلوات|خطبه|خطيب|خطب|امام|ائمه)${S}+$`, 'u');
/**
 * Tomorrow and yesterday. «بعد غد» is the day after tomorrow, «أول أمس» the day before
 * yesterday. «الغد» alone is not read (the Jordanian daily «الغد», «عراق الغد» = the future), nor
 * «اليوم» (in outlet names, and "nowadays"). «لامس» (touched) is no «أمس»: no ل before it.
 */
const AR_RELATIVE = new RegExp(
  `(?<![\\p{L}])[وف]?(?<t>(?<after>بعد${S}+(?:ال)?غد)|(?<before>(?:ال)?اول${S}+(?:من${S}+)?امس|امس${S}+الاول)` +
  `|(?<tomorrow>(?:يوم|صباح|مساء|ظهر|فجر|عصر|ليله|ليل)${S}+(?:ال)?غد|غدا)|(?<yesterday>امس))(?![\\p{L}])`,
  'gu',
);
/** «غدا» is also a verb, "became": «غدا الوضع أكثر تعقيدا». Read so when a comparative follows. */
const GHADA_VERB = new RegExp(`^${S}+(?:[\\p{L}]+${S}+)?(?:اكثر|اشد|اقل|اصعب|افضل|اسوا)(?![\\p{L}])`, 'u');
/** An ordinal after «الساعة» is an hour; after «الأسبوع»/«النصف» it counts weeks or halves. */
const ORDINAL_NOT_DAY = new RegExp(`(?:^|[^\\p{L}])[وفبل]?(?:الساعه|ساعه|الاسبوع|النصف|الربع|الثلث|الفصل|الشطر|الجزء|العقد|العشر)${S}*$`, 'u');
const HOUR_BEFORE = new RegExp(`(?:^|[^\\p{L}])[وفبل]?(?:الساعه|ساعه)${S}*$`, 'u');

// ---------------------------------------------------------------- Persian weekdays, tomorrow, yesterday

/** Persian weekdays, folded (the zero-width non-joiner dropped: «سه‌شنبه» is «سهشنبه»), spaced or not. */
const FA_WEEKDAYS: Record<string, number> = {
  'يكشنبه': 0, 'يك شنبه': 0, 'دوشنبه': 1, 'دو شنبه': 1, 'سهشنبه': 2, 'سه شنبه': 2,
  'چهارشنبه': 3, 'چهار شنبه': 3, 'پنجشنبه': 4, 'پنج شنبه': 4, 'جمعه': 5, 'شنبه': 6,
};
const FA_WEEKDAY_VALUE = new Map(Object.entries(FA_WEEKDAYS).map(([w, n]) => [key(w), n]));
const FA_WEEKDAY_ALT = alternation(Object.keys(FA_WEEKDAYS));
/** «پنجشنبه ۲۹ مرداد», «روز پنجشنبه، ۲۹ مرداد»: a weekday just before a day (see WEEKDAY_BEFORE). */
const FA_WEEKDAY_BEFORE = new RegExp(`(?<![\\p{L}])(?<w>(?:روز${S}+)?(?<name>${FA_WEEKDAY_ALT})${S}*[,،]?${S}*(?<paren>\\(${S}*)?)$`, 'u');
const FA_WEEKDAY_NAME = new RegExp(`(?<![\\p{L}])(?:${FA_WEEKDAY_ALT})(?![\\p{L}])`, 'gu');
const FA_WEEKDAY_LEAD = new RegExp(`(?:^|[^\\p{L}])(?<w>(?:(?<tod>صبح|ظهر|عصر|بعدازظهر)${S}+)?(?:(?<ruz>روز)${S}+)?)$`, 'u');
const FA_WEEKDAY_SHIFT = new RegExp(`${S}+(?:هفته${S}+)?(?:(?<next>اينده|اتي)|(?<last>گذشته|پيش))(?![\\p{L}])`, 'uy');
/** Every Saturday, Friday prayers and their imam, the eve before («شب جمعه» is Thursday night): no one day. */
const FA_NOT_WEEKDAY = new RegExp(`(?:^|[^\\p{L}])(?:هر|روزهاي|نماز|امام|خطبه|خطيب|خطبههاي|شب|شبهاي)${S}+$`, 'u');
/** Dushanbe, Tajikistan's capital, is «دوشنبه» too: Monday only after «روز» or an hour, or with «آینده/گذشته». */
const FA_AMBIGUOUS_WEEKDAY = 'دوشنبه';
/** Tomorrow, the day after, yesterday, the day before («پس‌فردا» folds to «پسفردا»). */
const FA_RELATIVE = new RegExp(`(?<![\\p{L}])(?<t>(?<after>پس${S}?فردا)|(?<before>پريروز)|(?<tomorrow>فردا)|(?<yesterday>ديروز))(?![\\p{L}])`, 'gu');
/** Radio Farda, Farda News, «ایران فردا» (tomorrow's Iran): «فردا» names no day there. */
const FA_NOT_TOMORROW = new RegExp(`(?:^|[^\\p{L}])(?:راديو|روزنامه|سايت|خبرگزاري|ايران|جهان|دنياي|نسل|ايندگان)${S}*$`, 'u');
const FA_NOT_TOMORROW_AFTER = new RegExp(`^${S}*(?:نيوز|news)`, 'iu');

/**
 * How one script names its weekdays alone (Arabic, Persian): the names, the words before one that
 * belong to it («يوم», «روز», an hour), the words after that shift it («المقبل», «آینده»), what
 * makes it no one day, and the sentence's tense cues.
 */
interface WeekdayRules {
  names: RegExp;
  day: (name: string) => number;
  lead: RegExp;
  /** A proclitic glued to the name («والخميس»): no lead word before it. */
  proclitics?: RegExp;
  shift: RegExp;
  not: RegExp;
  /** A name that is also an ordinary word, read only with a lead word (its groups) or a shift. */
  needsLead: (name: string, lead: Record<string, string | undefined> | undefined) => boolean;
  tense: TenseCues;
}
/** Tomorrow, yesterday and the days either side in one script; `skip`: where the word names no day. */
interface RelativeRules { re: RegExp; skip: (g: Record<string, string | undefined>, start: number, end: number) => boolean }


/** Weekdays named alone, and tomorrow/yesterday, in an Arabic-script language (arabicHits). */
function weekdayAndRelativeHits(
  src: Folded, pub: Pub, rules: WeekdayRules, relative: RelativeRules,
  add: (s: number, e: number, dates: string[], weekdayAware?: boolean, weak?: boolean) => void,
): void {
  const { folded } = src;
  let bare = 0;
  for (const m of folded.matchAll(rules.names)) {
    const name = key(m[0]);
    const weekday = rules.day(name);
    const lead = rules.proclitics?.test(folded[m.index - 1] ?? ' ') ? undefined : rules.lead.exec(folded.slice(Math.max(0, m.index - 24), m.index))?.groups;
    const start = m.index - (lead?.w?.length ?? 0);
    rules.shift.lastIndex = m.index + m[0].length;
    const shift = rules.shift.exec(folded);
    const end = shift ? rules.shift.lastIndex : m.index + m[0].length;
    let date: string;
    if (shift?.groups!.next !== undefined) date = weekdayDate(weekday, pub, 'next');
    else if (shift?.groups!.last !== undefined) date = weekdayDate(weekday, pub, 'last');
    else {
      if (rules.needsLead(name, lead)) continue;
      if (rules.not.test(folded.slice(Math.max(0, start - 20), start)) || ++bare > MAX_BARE_WEEKDAYS) continue;
      date = weekdayDate(weekday, pub, tenseAround(folded, start, end, rules.tense, false, src) === 'future' ? 'from' : 'until');
    }
    add(start, end, [date], false, true);
  }
  for (const m of folded.matchAll(relative.re)) {
    const g = m.groups!;
    const end = m.index + m[0].length;
    if (relative.skip(g, m.index, end)) continue;
    const shift = g.after ? 2 : g.before ? -2 : g.tomorrow ? 1 : -1;
    add(end - g.t!.length, end, [isoOf(pub.n + shift)]);
  }
}


function arabicHits(
  src: Folded, lang: string, pub: Pub,
  add: (s: number, e: number, dates: string[], weekdayAware?: boolean, weak?: boolean) => void,
): void {
  const { folded } = src;
  const { dayMonth, months } = rulesFor(lang);
  for (const m of folded.matchAll(dayMonth)) {
    const g = m.groups!;
    const dayStart = m.index + (g.lead?.length ?? 0);
    const before = folded.slice(Math.max(0, dayStart - 40), dayStart);
    let days: number[];
    if (g.ord !== undefined) {
      // «العشرين أغسطس» is rare and «الثاني آب» reads as a list: an ordinal day needs «من»/«شهر».
      if (!/من|شهر/.test(g.conn!) || ORDINAL_NOT_DAY.test(before)) continue;
      days = [AR_ORDINAL_VALUE.get(key(g.ord))!];
    } else {
      if (HOUR_BEFORE.test(before)) continue;
      days = g.d2 !== undefined ? [+g.d1!, +g.d2] : [+g.d1!];
    }
    let end = m.index + m[0].length;
    const dates: string[] = [];
    if (g.rel !== undefined) {
      const total = pub.y * 12 + (pub.m - 1) + (g.shift ? MONTH_SHIFT[g.shift]! : 0);
      for (const d of days) { const x = dayOf(Math.floor(total / 12), (total % 12) + 1, d); if (x) dates.push(x); }
    } else {
      const { cal, m: month, needsContext } = monthOf(months, g.mon!);
      const other = g.alt !== undefined ? monthOf(months, g.mon2!) : undefined;
      if (other && (other.cal !== cal || other.m !== month)) {
        // «آب/أيلول» is a span of months, not one month twice: the day is the first one's.
        end = m.index + m[0].indexOf(g.alt!, m[0].indexOf(g.mon!) + g.mon!.length);
      }
      let year: number | undefined = g.year !== undefined && end === m.index + m[0].length ? +g.year : undefined;
      // A year whose era names another calendar than its month's («20 أغسطس 1442هـ») is no day.
      if (year !== undefined && (eraCalendar(g.era) ?? cal) !== cal) continue;
      if (g.yshift !== undefined) year = cal === 'gregory' ? pub.y + MONTH_SHIFT[g.yshift]! : undefined;
      const weekday = year === undefined && g.mshift === undefined ? weekdayBefore(folded, dayStart, lang) : undefined;
      // «20 صفر» is a score as often as a day: it needs a year, «من/شهر» or a weekday.
      if (needsContext && year === undefined && !/من|شهر/.test(g.conn!) && !weekday) continue;
      for (const d of days) {
        let y = year;
        if (g.mshift !== undefined && cal === 'gregory') {
          // «20 آب الماضي»: the last 20 August before publication; «المقبل», the next one after it.
          const shift = MONTH_SHIFT[g.mshift]!;
          const n = dayNumber(pub.y, month, d);
          y = shift === 0 ? pub.y : shift > 0 ? (n > pub.n ? pub.y : pub.y + 1) : (n < pub.n ? pub.y : pub.y - 1);
        }
        const x = resolveIn(cal, month, d, pub, y, weekday?.day);
        if (x) dates.push(x);
      }
    }
    if (dates.length) add(dayStart, end, dates, true);
  }
  const arabic = lang !== 'fa';
  weekdayAndRelativeHits(src, pub, arabic ? AR_WEEKDAY_RULES : FA_WEEKDAY_RULES, {
    re: arabic ? AR_RELATIVE : FA_RELATIVE,
    skip: arabic
      ? (g, _start, end) => g.tomorrow === 'غدا' && GHADA_VERB.test(folded.slice(end, end + 40))
      : (g, start, end) => g.tomorrow !== undefined && (FA_NOT_TOMORROW.test(folded.slice(Math.max(0, start - 20), start)) || FA_NOT_TOMORROW_AFTER.test(folded.slice(end, end + 10))),
  }, add);
}

/** A month as written (folded), with Persian's «ماه» after it, and its calendar. */
function monthOf(months: Map<string, CalendarMonth>, written: string): CalendarMonth {
  const k = key(written);
  return months.get(k) ?? months.get(k.replace(/ماه$/u, ''))!;
}

/** The weekday written just before `start` in the folded text, and where its words begin. */
function weekdayBefore(folded: string, start: number, lang: string): { day: number; start: number; paren: boolean } | undefined {
  const from = Math.max(0, start - 60);
  const m = (lang === 'fa' ? FA_WEEKDAY_BEFORE : WEEKDAY_BEFORE).exec(folded.slice(from, start));
  if (!m) return undefined;
  const name = key(m.groups!.name!);
  return { day: (lang === 'fa' ? FA_WEEKDAY_VALUE.get(name) : AR_WEEKDAYS[name])!, start: from + m.index + m[0].length - m.groups!.w!.length, paren: m.groups!.paren !== undefined };
}

// ---------------------------------------------------------------- a weekday alone: the sentence's tense

/**
 * What puts a sentence in the future or the past, in one language (see the module comment).
 * `future` and `past` are global; where a future and a past cue overlap ("is expected", "est
 * prévu") the future one stands.
 */
interface TenseCues {
  future: RegExp;
  past: RegExp;
  /** A complementizer (that, أن/إن, que, dass): a reported clause's tense is not the reporting verb's. */
  that: RegExp;
  /** A future cue as matched that is no future (a noun in سـ, "caméra"): its word and where it starts. */
  notFuture?: (word: string, at: number, src?: Folded) => boolean;
  /** Just after the weekday, a present verb making it a day to come ("Thursday marks …"). */
  subject?: RegExp;
  /**
   * Present verbs of scheduled events ("the council meets on Thursday", «يعقد المجلس جلسته يوم
   * الخميس»): future cues in the text, not in the headline, whose present is as often what
   * happened ("Kadhimi meets Trump", «الكاظمي يلتقي ترامب»). The headline is the text's first line.
   */
  present?: RegExp;
}

/** Characters read either side of a weekday, within its sentence, for its tense. */
const TENSE_WINDOW = 250;
/** A comma, colon or bracket between a cue and the weekday counts as this many characters. */
const PAUSE_COST = 80;
/** A cue after the weekday counts as this many characters farther than one before it. */
const AFTER_COST = 20;
const PAUSES = /[,،;:()–—]/gu;
/** The characters that may end a sentence (isSentenceEnd): a quick test before the full one. */
const MAY_END = new Set([0x0a, 0x21, 0x2e, 0x3f, 0x061f, 0x06d4]);
/** Bare weekdays read per article, at most: bounded cost on any input. */
const MAX_BARE_WEEKDAYS = 64;

/**
 * The tense of the sentence around [start, end) of `src` (the text, or its folded copy for
 * Arabic): the nearest cue wins, a pause or a following position making one farther; a future
 * cue after a complementizer that follows the weekday, or a past cue before one that precedes
 * it, is another clause's. No cue: undefined.
 */
function tenseAround(src: string, start: number, end: number, cues: TenseCues, ordinalDot: boolean, original?: Folded): 'future' | 'past' | undefined {
  const ends = (i: number): boolean => MAY_END.has(src.charCodeAt(i)) && isSentenceEnd(src, i, ordinalDot);
  let a = start;
  const aMin = Math.max(0, start - TENSE_WINDOW);
  while (a > aMin && !ends(a - 1)) a--;
  let b = end;
  const bMax = Math.min(src.length, end + TENSE_WINDOW);
  while (b < bMax && !ends(b)) b++;
  if (cues.subject?.test(src.slice(end, b))) return 'future';
  const sentence = src.slice(a, b);
  const futures: [number, number][] = [];
  if (cues.present && src.lastIndexOf('\n', start) >= 0) {
    for (const m of sentence.matchAll(cues.present)) futures.push([a + m.index, a + m.index + m[0].length]);
  }
  for (const m of sentence.matchAll(cues.future)) {
    const word = m.groups?.w;
    if (word !== undefined && cues.notFuture) {
      const at = a + m.index + m[0].lastIndexOf(word);
      if (cues.notFuture(word, at, original)) continue;
    }
    futures.push([a + m.index, a + m.index + m[0].length]);
  }
  let best = Infinity;
  let tense: 'future' | 'past' | undefined;
  const consider = (s: number, e: number, kind: 'future' | 'past'): void => {
    if (e > start && s < end) return; // the weekday's own words
    const after = s >= end;
    const gap = after ? src.slice(end, s) : src.slice(e, start);
    if (cues.that.test(gap) && (after ? kind === 'future' : kind === 'past')) return;
    const distance = gap.length + PAUSE_COST * (gap.match(PAUSES)?.length ?? 0) + (after ? AFTER_COST : 0);
    if (distance < best || (distance === best && kind === 'future')) { best = distance; tense = kind; }
  };
  for (const [s, e] of futures) consider(s, e, 'future');
  for (const m of sentence.matchAll(cues.past)) {
    const s = a + m.index;
    const e = s + m[0].length;
    if (!futures.some(([fs, fe]) => fs < e && s < fe)) consider(s, e, 'past');
  }
  return tense;
}

/** Words that read as a future verb in سـ but are nouns or names (folded, no proclitic). */
const AR_NOT_FUTURE = new Set([
  'سته', 'ستين', 'ستون', 'ستمائه', 'ستمئه', 'ستوكهولم', 'ستوديو', 'ستوديوهات', 'ستيفن', 'ستيف', 'ستيفاني', 'ستراسبورغ', 'سترات', 'ستراتيجي', 'ستراتيجيه',
  'سنه', 'سنوات', 'سنوي', 'سنويه', 'سنويا', 'سنين', 'سنتين', 'سنتات', 'سنتيمتر', 'سنغافوره', 'سنغال', 'سنجار', 'سني', 'سنيه', 'سنيون', 'سنيين', 'سنوار', 'سنودن', 'سندات', 'سنن',
  'سيول', 'سيوله', 'سيطره', 'سيطر', 'سيطرت', 'سيطروا', 'سيناريو', 'سيناريوهات', 'سيناء', 'سيناتور', 'سيناتورات', 'سينما', 'سيده', 'سيدات', 'سيدتي', 'سيدي', 'سيره', 'سيرته', 'سيرك',
  'سيرغي', 'سيرجي', 'سيرجيو', 'سيمون', 'سيلفا', 'سيبيريا', 'سيتي', 'سيزار', 'سيجار', 'سيجاره', 'سيلفي', 'سيبراني', 'سيبرانيه', 'سيئه', 'سيئات', 'سيفا',
  'سالت', 'سالوا', 'ساله', 'سالته', 'سالها', 'سالهم', 'سالني',
]);

/**
 * Arabic, folded. Future: a present verb with the future prefix سـ (سيلتقي, ستعقد, سنبدأ, سأزور:
 * س, then ي/ت/ن/أ, then at least two letters), سوف, من المقرر/المنتظر/المتوقع/المزمع,
 * المقرر(ة), المرتقب(ة), المزمع(ة), المتوقع(ة), يعتزم/تعتزم, موعد («موعد اللقاء يوم الخميس»),
 * غدا, بعد غد, المقبل/القادم («الأسبوع المقبل»). Past: the reporting and meeting verbs of wire copy
 * (قال, أعلن, أكد, ذكر, أفاد, أوضح, أشار, صرح, أضاف, استقبل, اجتمع, التقى, وصل, زار …), كان, أمس,
 * منذ, الماضي.
 */
const AR_TENSE: TenseCues = {
  future: new RegExp(
    `(?<![\\p{L}])[وفل]?(?:(?<w>س[يتنا]\\p{L}{2,})|سوف|من${S}+(?:المقرر|المنتظر|المتوقع|المزمع)|المقرر|المقرره|(?:ال)?مرتقب|(?:ال)?مرتقبه` +
    `|المزمع|المزمعه|المتوقع|المتوقعه|[يت]عتزم\\p{L}*|نعتزم|موعد|موعدا|موعده|موعدها|غدا|بعد${S}+(?:ال)?غد|المقبل|المقبله|القادم|القادمه)(?![\\p{L}])`,
    'gu',
  ),
  past: new RegExp(
    `(?<![\\p{L}])[وف]?(?:(?:قال|اعلن|اكد|ذكر|افاد|اوضح|اشار|صرح|اضاف|استقبل|اجتمع|وصل|زار|شهد|اصدر|اعتبر|افتتح|اختتم|شارك|غادر|حذر|تسلم|توجه|وصف)(?:ت|وا|ا|تا)?` +
    `|(?:كشف|بحث|وقع|عقد)(?:ت|وا|تا)|دعا|دعت|دعوا|نفي|نفت|نفوا|التقي|التقت|التقوا|جري|جرت|كان|كانت|كانوا|امس|منذ|الماضي|الماضيه|المنصرم|المنصرمه)(?![\\p{L}])`,
    'gu',
  ),
  that: new RegExp(`(?:^|[^\\p{L}])[وفب]?(?:ان|انه|انها|انهم)(?![\\p{L}])`, 'u'),
  present: new RegExp(
    `(?<![\\p{L}])[وفل]?[يت](?:عقد|نعقد|لتقي|جتمع|زور|صل|بدا|نطلق|ستضيف|توجه|شارك|صوت|جري|ختتم|فتتح|تراس|ستقبل|ستانف|نظم|قام|حتفل` +
    `|غادر|تسلم|ناقش|بحث|دلي|نظر|حل|قوم|ستكمل)(?:ون|ان|ا)?(?![\\p{L}])|(?<![\\p{L}])[وف]?يلقي(?![\\p{L}])`,
    'gu',
  ),
  notFuture: (word, at, src) => {
    if (AR_NOT_FUTURE.has(word) || word.startsWith('سيناريو') || word.startsWith('سيطر')) return true;
    // Folding took the hamza off: «سأزور», «سيأتي» are verbs, «سابق», «سيارة», «سياسة», «ستار» are not.
    if (word[1] === 'ا' && originalCode(src, at + 1) !== 0x0623) return true;
    return word[2] === 'ا' && originalCode(src, at + 2) !== 0x0623;
  },
};

/**
 * Persian, folded. Future: «خواهد» and its persons, «قرار است/شده», «آینده», «آتی», «فردا», and a
 * present verb in «می‌» (what Persian copy schedules with: «برگزار می‌شود», «به مسکو می‌رود»),
 * told from nouns in «می» (میدان, میلیون) by the zero-width non-joiner or space a verb's «می»
 * has after it. Past: گفت, کرد, شد, بود, داشت, رفت, آمد and their plurals, «دیروز», «گذشته», «پیش».
 * «که» is the complementizer.
 */
const FA_TENSE: TenseCues = {
  future: new RegExp(
    `(?<![\\p{L}])(?:خواه(?:د|ند|م|يم|يد|ي)|قرار${S}+(?:است|شده|بود)|اينده|اتي|فردا|پس${S}?فردا|ن?مي(?<w>${S}?\\p{L}{2,}))(?![\\p{L}])`,
    'gu',
  ),
  past: new RegExp(
    `(?<![\\p{L}])(?:گفت|گفتند|گفته|كرد|كردند|شد|شدند|بود|بودند|داشت|داشتند|رفت|رفتند|امد|امدند|ديروز|پريروز|گذشته|پيش)(?![\\p{L}])`,
    'gu',
  ),
  that: new RegExp(`(?:^|[^\\p{L}])كه(?![\\p{L}])`, 'u'),
  notFuture: (word, at, src) => !/^\s/u.test(word) && (!src || src.text.charCodeAt(src.map[at]! - 1) !== 0x200c),
};

const AR_WEEKDAY_RULES: WeekdayRules = {
  names: AR_WEEKDAY_NAME, day: (name) => AR_WEEKDAYS[name]!, lead: AR_WEEKDAY_LEAD, proclitics: /[وفب]/, shift: AR_WEEKDAY_SHIFT, not: AR_NOT_WEEKDAY,
  // «الأحد» "the one", «الاثنين» "the two", «الجمعة» Friday prayers: a day after «يوم» or an hour.
  needsLead: (name, lead) => AR_AMBIGUOUS_WEEKDAYS.has(name) && lead?.yawm === undefined && !AR_DAY_HOURS.has(lead?.tod ?? ''),
  tense: AR_TENSE,
};

const FA_WEEKDAY_RULES: WeekdayRules = {
  names: FA_WEEKDAY_NAME, day: (name) => FA_WEEKDAY_VALUE.get(name)!, lead: FA_WEEKDAY_LEAD, shift: FA_WEEKDAY_SHIFT, not: FA_NOT_WEEKDAY,
  needsLead: (name, lead) => name === FA_AMBIGUOUS_WEEKDAY && lead?.ruz === undefined && lead?.tod === undefined,
  tense: FA_TENSE,
};

/** French words in -ra / -ront that are no future tense. */
const FR_NOT_FUTURE = new Set(['ultra', 'extra', 'caméra', 'opéra', 'cobra', 'mantra', 'tantra', 'sierra', 'contra', 'hydra', 'choléra', 'zébra', 'tiara', 'mascara', 'caldera', 'affront']);

/** Per language (see the module comment for the lists). */
const TENSE: Partial<Record<ChronoLang, TenseCues>> = {
  en: {
    future: new RegExp(
      String.raw`(?:(?<![\p{L}'’])(?:(?<!\b(?:the|a|political|good|free|ill|own|his|her|their|its|popular|of)\s)will|shall|would(?!\s+(?:not\s+)?have\b)` +
      String.raw`|[Aa]head\s+of|[Uu]pcoming|[Ff]orthcoming|(?:this|the)\s+coming|[Tt]omorrow|next|going\s+to` +
      String.raw`|(?:is|are|was|were)\s+(?:(?:expected|scheduled|set|slated|poised|due|planned|about)\s+)?to(?=\s+\p{L})` +
      String.raw`|(?:scheduled|slated|set|due|planned)\s+(?:for|on)|(?:plans?|planning|intends?|intending|aims?)\s+to` +
      // Headline English: "Kadhimi to meet Trump on Thursday".
      String.raw`|to\s+(?:meet|visit|hold|host|vote|sign|attend|travel|fly|arrive|begin|start|open|launch|unveil|address|testify|rule|decide|hear|face|resume|convene|debate|discuss|receive|release|publish|present|deliver|sit|kick\s+off|head|leave|return|wrap\s+up|take\s+place|hold\s+talks|go\s+to\s+the\s+polls))` +
      String.raw`|['’](?:ll|s\s+(?:expected|scheduled|set|slated|poised|due)\s+to|re\s+(?:expected|scheduled|set|slated|poised|due)\s+to))(?![\p{L}])`,
      'gu',
    ),
    past: new RegExp(
      String.raw`(?<![\p{L}'’])(?<!\b(?:be|been|being|to)\s)(?:said|told|announced|reported|stated|added|confirmed|declared|warned|denied|insisted|claimed|noted|explained` +
      String.raw`|revealed|urged|met|held|hosted|visited|arrived|returned|signed|voted|approved|rejected|passed|launched|killed|attacked|struck|died|began|ended|agreed` +
      String.raw`|received|took|gave|made|went|came|left|spoke|wrote|sent|won|lost|was|were|had|did|since|yesterday|ago|earlier|published|issued|released|resigned` +
      String.raw`|appointed|arrested|discussed|concluded|condemned|welcomed|accused|opened|closed|started|occurred|happened|erupted|fell|rose|last)(?![\p{L}])`,
      'giu',
    ),
    that: /\bthat\b/i,
    subject: /^\s+(?:is|marks)\b/,
    present: new RegExp(
      String.raw`(?<![\p{L}'’])(?:meets|visits|holds|hosts|votes|begins|starts|opens|travels|flies|arrives|convenes|reconvenes|resumes|heads|testifies|addresses` +
      String.raw`|kicks\s+off|takes\s+place|gets\s+under\s*way|wraps\s+up|goes\s+to\s+the\s+polls|go\s+to\s+the\s+polls` +
      String.raw`|(?:is|are)\s+(?:meeting|visiting|holding|hosting|voting|travell?ing|flying|heading|arriving|leaving|returning|going))(?![\p{L}])`,
      'gu',
    ),
  },
  fr: {
    future: new RegExp(
      String.raw`(?<![\p{L}'’])(?:doit|doivent|devra|devront|devrait|devraient|devait|devaient|prévue?s?|attendue?s?|programmée?s?|va|vont|sera|seront|aura|auront` +
      String.raw`|fera|feront|ira|iront|prochaine?s?|demain|à\s+venir|(?<w>\p{Ll}\p{L}{2,}ra|\p{Ll}\p{L}+ront))(?![\p{L}])`,
      'gu',
    ),
    past: new RegExp(
      String.raw`(?<![\p{L}'’])(?:(?:a|ont|avait|avaient|est|sont|s['’]est|se\s+sont)\s+(?:(?:également|aussi|déjà|notamment|encore|bien)\s+)?\p{L}{2,}(?:é|ée|és|ées|i|is|ie|it|u|us|ue|ert)` +
      String.raw`|\p{L}{2,}(?<!r)(?:ait|aient)|hier|depuis|dernière?s?)(?![\p{L}])`,
      'giu',
    ),
    that: /(?<![\p{L}])qu(?:e(?![\p{L}])|['’])/iu,
    notFuture: (word) => FR_NOT_FUTURE.has(word),
  },
  es: {
    future: /(?<![\p{L}])(?:\p{L}{2,}(?:rá|rán)|va\s+a|van\s+a|previst[oa]s?|próxim[oa]s?|tiene\s+previsto|se\s+espera)(?![\p{L}])/gu,
    past: /(?<![\p{L}])(?:\p{L}{2,}(?:ó|aron|ieron)|dijo|dijeron|fue|fueron|hizo|ayer|desde|había|habían|(?:ha|han)\s+\p{L}+(?:ado|ido))(?![\p{L}])/giu,
    that: /(?<![\p{L}])que(?![\p{L}])/iu,
  },
  pt: {
    future: /(?<![\p{L}])(?:\p{L}{2,}(?:rá|rão)|vai|vão|previst[oa]s?|próxim[oa]s?|deve|devem|deverá|deverão|amanhã)(?![\p{L}])/gu,
    past: /(?<![\p{L}])(?:\p{L}{2,}(?:ou|aram|eram|iram)|disse|disseram|foi|foram|fez|ontem|desde)(?![\p{L}])/giu,
    that: /(?<![\p{L}])que(?![\p{L}])/iu,
  },
  it: {
    future: /(?<![\p{L}])(?:\p{L}{2,}(?:rà|ranno)|previst[oaie]|prossim[oaie]|dovrà|dovranno|dovrebbe|dovrebbero|domani|attes[oaie])(?![\p{L}])/gu,
    past: /(?<![\p{L}])(?:(?:ha|hanno|è|sono|aveva|avevano)\s+\p{L}+(?:ato|ata|ati|ate|uto|uta|uti|ito|ita|iti)|\p{L}{3,}(?<!per|ci|pu)ò|disse|dissero|ieri)(?![\p{L}])/giu,
    that: /(?<![\p{L}])che(?![\p{L}])/iu,
  },
  nl: {
    future: /(?<![\p{L}])(?:zal|zullen|zou|zouden|gaat|gaan|verwacht|gepland|volgende|komende|aanstaande|morgen)(?![\p{L}])/gu,
    past: /(?<![\p{L}])(?:zei|zeiden|heeft|hebben|had|hadden|was|waren|werd|werden|kondigde|kondigden|gisteren|vorige|afgelopen|eerder)(?![\p{L}])/giu,
    that: /(?<![\p{L}])dat(?![\p{L}])/iu,
  },
  ru: {
    // Russian schedules with the perfective non-past (посетит, состоится): the verbs of wire copy's events.
    future: /(?<![\p{L}])(?:будет|будут|планирует\p{L}*|намерен\p{L}*|ожидается|ожидаются|предстоящ\p{L}*|следующ\p{L}*|завтра|посетит|посетят|проведет|проведёт|проведут|встретится|встретятся|состоится|состоятся|пройдет|пройдёт|пройдут|начнется|начнётся|выступит|примет|обсудит|обсудят|подпишет|подпишут|прибудет|прибудут|отправится|вылетит)(?![\p{L}])/gu,
    past: /(?<![\p{L}])(?:заявил\p{L}?|сообщил\p{L}?|сказал\p{L}?|отметил\p{L}?|подчеркнул\p{L}?|провел\p{L}?|провёл|прошл[аои]|состоял\p{L}{2,3}|встретил\p{L}{2,3}|прибыл\p{L}?|посетил\p{L}?|подписал\p{L}?|обсудил\p{L}?|был[аои]?|вчера|накануне)(?![\p{L}])/giu,
    that: /(?<![\p{L}])что(?![\p{L}])/iu,
  },
  de: {
    future: /(?<![\p{L}])(?:wird|werden|soll|sollen|sollte|sollten|will|wollen|geplant|voraussichtlich|bevorstehend\p{L}*|anstehend\p{L}*|kommend\p{L}*|nächst\p{L}*|morgen)(?![\p{L}])/gu,
    past: /(?<![\p{L}])(?:sagte|sagten|erklärte|erklärten|teilte|teilten|kündigte|kündigten|berichtete|berichteten|traf|trafen|hatte|hatten|war|waren|wurde|wurden|hat|haben|gestern|seit|vergangen\p{L}*|letzt\p{L}*)(?![\p{L}])/giu,
    that: /(?<![\p{L}])dass(?![\p{L}])/iu,
  },
};

// ---------------------------------------------------------------- chrono-node (Latin and Cyrillic)

const CHRONO_LOCALES = { en: chronoEn, fr: chronoFr, de: chronoDe, es: chronoEs, pt: chronoPt, it: chronoIt, nl: chronoNl, ru: chronoRu } as const;
type ChronoLang = keyof typeof CHRONO_LOCALES;
const isChronoLang = (lang: string): lang is ChronoLang => Object.hasOwn(CHRONO_LOCALES, lang);

// Parsers of times, durations ("in 3 days"), periods ("next month") and numeric dates, and the
// refiners that glue a time to a date: none gives a day this module keeps, and without them a
// date's `text` does not run on into "at 10 am". Matched by class name; were a build to rename
// them, they would merely stay (and their results still be dropped below).
const DROPPED_PARSERS = /Time(?:Expression|Unit)|CasualTime|SpecificTime|SlashDate|SlashMonth|ISOFormat|RelativeDateFormat|EndOfCurrentMonth|CasualDateTime|CasualDate|YearMonthDay/;
const DROPPED_REFINERS = /MergeDateTime|Timezone/;
const chronoParsers = new Map<ChronoLang, Chrono>();

function chronoFor(lang: ChronoLang): Chrono {
  let c = chronoParsers.get(lang);
  if (!c) {
    c = CHRONO_LOCALES[lang].casual.clone();
    c.parsers = c.parsers.filter((p) => !DROPPED_PARSERS.test(p.constructor.name));
    c.refiners = c.refiners.filter((r) => !DROPPED_REFINERS.test(r.constructor.name));
    chronoParsers.set(lang, c);
  }
  return c;
}

/** "next Thursday", "jeudi prochain", "el próximo martes", …: in chrono's text or just before it. */
const NEXT: Record<ChronoLang, RegExp> = {
  en: /\bnext\b/i, fr: /\bprochaine?\b/i, es: /pr[oó]xim[oa]|que viene/i, de: /n[aä]chste[nmrs]?\b|kommende[nmrs]?\b/i,
  pt: /pr[oó]xim[oa]/i, it: /prossim[oa]/i, nl: /\bvolgende\b|\bkomende\b/i, ru: /следующ/i,
};
/** "last Friday", "vendredi dernier", "el viernes pasado": the latest such weekday before publication. */
const LAST: Record<ChronoLang, RegExp> = {
  en: /\b(?:last|past)\b/i, fr: /(?<![\p{L}])derni[eè]re?(?![\p{L}])/iu, es: /pasad[oa]|[uú]ltim[oa]/i, de: /letzte[nmrs]?\b|vergangene[nmrs]?\b/i,
  pt: /passad[oa]|[uú]ltim[oa]/i, it: /scors[oa]/i, nl: /\bvorige\b|\bafgelopen\b/i, ru: /прошл/i,
};

/**
 * A weekday alone, in the languages whose tense is read (TENSE): its full names (chrono also
 * reads "Sun", "Mon", "segunda"), what before it makes it no one day ("Black Friday", "every
 * Thursday", « le jeudi », "los jueves") or after it ("Friday prayers", « mardi gras »), and
 * "this" (a day to come unless the sentence says otherwise).
 */
interface BareWeekday { name: RegExp; not: RegExp; notAfter?: RegExp; self: RegExp }
const BARE: Partial<Record<ChronoLang, BareWeekday>> = {
  en: {
    name: /\b(?:sun|mon|tues|wednes|thurs|fri|satur)day\b/i,
    not: /\b(?:black|good|holy|maundy|super|ash|bloody|palm|easter|cyber|giving|fat|shrove|every|each|any|a|one|other|mail\s+on)\s+$/i,
    notAfter: /^(?:['’]s)?\s+(?:prayers?|sermons?|mass|times|telegraph|mirror|express|herald|school)\b/i,
    self: /\bthis\b/i,
  },
  fr: {
    name: /(?<![\p{L}])(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?![\p{L}])/iu,
    not: /(?:^|[^\p{L}])(?:chaque|tous\s+les|toutes\s+les|les|le|un|prière\s+du|prêche\s+du|sermon\s+du)\s+$/iu,
    notAfter: /^\s+(?:saint|noir|gras|des\s+rameaux|de\s+p[aâ]ques)(?![\p{L}])/iu,
    self: /(?<![\p{L}])ce(?![\p{L}])/iu,
  },
  es: {
    name: /lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo/i,
    not: /(?:^|[^\p{L}])(?:cada|todos\s+los|los|un)\s+$/iu,
    notAfter: /^\s+(?:santo|negro)(?![\p{L}])/iu,
    self: /(?<![\p{L}])este(?![\p{L}])/iu,
  },
  pt: {
    name: /(?:segunda|ter[cç]a|quarta|quinta|sexta)-feira|s[aá]bado|domingo/i,
    not: /(?:^|[^\p{L}])(?:toda|todas\s+as|todos\s+os|às|as|os|uma|um|cada)\s+$/iu,
    notAfter: /^\s+(?:santa|negra)(?![\p{L}])/iu,
    self: /(?<![\p{L}])(?:esta|este|nesta|neste)(?![\p{L}])/iu,
  },
  it: {
    name: /luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|venerd[iì]|sabato|domenica/i,
    not: /(?:^|[^\p{L}])(?:ogni|il|i|tutti\s+i|tutte\s+le|la|le|una|un)\s+$/iu,
    notAfter: /^\s+(?:santo|nero|grasso)(?![\p{L}])/iu,
    self: /(?<![\p{L}])quest[oa](?![\p{L}])/iu,
  },
  de: {
    name: /Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag/i,
    not: /(?:^|[^\p{L}])(?:jeden|jedem|jeder)\s+$/iu,
    self: /(?<![\p{L}])diese[nmrs]?(?![\p{L}])/iu,
  },
  nl: {
    name: /(?<![\p{L}])(?:maan|dins|woens|donder|vrij|zater|zon)dag(?![\p{L}])/iu,
    not: /(?:^|[^\p{L}])(?:elke|iedere|goede|zwarte|op\s+de|een)\s+$/iu,
    self: /(?<![\p{L}])deze(?![\p{L}])/iu,
  },
  ru: {
    // The name in any case it takes after «в» (в среду, в пятницу, в субботу), not the plural («по понедельникам»).
    name: /(?<![\p{L}])(?:понедельник|вторник|сред[ауы]|четверг|пятниц[аеуы]|суббот[аеуы]|воскресень[ея])(?![\p{L}])/iu,
    not: /(?:^|[^\p{L}])(?:кажд\p{L}*|по|черн\p{L}*|страстн\p{L}*|чист\p{L}*)\s+$/iu,
    self: /(?<![\p{L}])эт(?:от|у|о|ом)(?![\p{L}])/iu,
  },
};

/** Words chrono puts before a date that are not part of its name ("on", "am", "le", "в"). */
const LEADING = /^(?:on|at|in|by|from|since|until|till|the|le|la|les|du|au|dès|depuis|el|los|del|al|desde|hasta|am|an|im|vom|zum|bis|seit|ab|den|o|no|na|do|da|em|il|lo|nel|dal|entro|op|van|vanaf|tot|в|во|на|с|со|до|к|по)\s+/iu;
/** English "may 5 people", "they march 3 miles": a month name in lower case is a verb. */
const EN_VERB_MONTH = /\b(?:may|march)\b/;

/** Tomorrow / yesterday, and the words before them that change the day ("the day after", "la"). */
const RELATIVE: Record<ChronoLang, { re: RegExp; not?: RegExp }> = {
  en: { re: /(?<![\p{L}\p{N}-])(?:(?<t>tomorrow)|(?<y>yesterday))(?![\p{L}\p{N}])/giu, not: /\b(?:after|before|of)\s+$/i },
  fr: { re: /(?<![\p{L}\p{N}-])(?:(?<t>demain)|(?<y>hier))(?![\p{L}\p{N}-])/giu, not: /(?:après|avant)[\s-]*$/i },
  es: { re: /(?<![\p{L}\p{N}-])(?:(?<t>mañana)|(?<y>ayer))(?![\p{L}\p{N}-])/giu, not: /(?:^|[^\p{L}])(?:la|una|esta|cada|pasado|antes\s+de)\s+$/iu },
  // Lower-case only: "Morgen" is the morning.
  de: { re: /(?<![\p{L}\p{N}-])(?:(?<t>morgen)|(?<y>gestern|Gestern))(?![\p{L}\p{N}-])/gu },
  pt: { re: /(?<![\p{L}\p{N}-])(?:(?<t>amanhã)|(?<y>ontem))(?![\p{L}\p{N}-])/giu, not: /depois\s+de\s+$/i },
  it: { re: /(?<![\p{L}\p{N}'’-])(?:(?<t>domani)|(?<y>ieri))(?![\p{L}\p{N}-])/giu, not: /altro\s*$/i },
  nl: { re: /(?<![\p{L}\p{N}-])(?:(?<t>morgen)|(?<y>gisteren))(?![\p{L}\p{N}-])/giu, not: /(?:^|[^\p{L}])(?:de|deze|die|elke|'s)\s+$/iu },
  ru: { re: /(?<![\p{L}\p{N}-])(?:(?<t>завтра)|(?<y>вчера))(?![\p{L}\p{N}-])/giu },
};

/** What "tomorrow's" names when it is a day: an event ("tomorrow's vote", "tomorrow's first session"). */
const TOMORROWS_EVENT = /^['’]s\s+(?:\p{L}+\s+){0,2}?(?:meetings?|votes?|voting|talks|summit|session|sitting|hearing|trial|match|game|final|race|elections?|polls?|referendum|visit|deadline|rally|protests?|strike|march|ceremony|launch|announcement|debate|conference|opening|funeral|parade|auction|kick-?off|deal|signing|decision|verdict|ruling|budget|speech|address)\b/iu;

function chronoHits(text: string, lang: ChronoLang, publishedAt: Date, pub: Pub, add: (s: number, e: number, dates: string[], weak?: boolean) => void): void {
  let bare = 0;
  // chrono's month-name patterns backtrack polynomially on a long run of spaces after a digit
  // (Spanish and Portuguese: 200 spaces take a quarter of a second, 500 take half a minute): it
  // is given the text with every run of 3+ spaces cut to its ends, the inside made "\u0001", so
  // offsets still match.
  const masked = text.replace(/\s{3,}/g, (run) => ` ${'\u0001'.repeat(run.length - 2)} `);
  for (const r of chronoFor(lang).parse(masked, { instant: publishedAt, timezone: 0 })) {
    // Numeric dates are the numeric rules' (chrono reads 3/4/2020 month first in every language).
    if (/[\n\u0001]/.test(r.text) || /\d\s*[/.]\s*\d|\d-\d{1,2}-\d/.test(r.text)) continue;
    let start = r.index;
    let words = r.text;
    for (let lead = LEADING.exec(words); lead; lead = LEADING.exec(words)) { start += lead[0].length; words = words.slice(lead[0].length); }
    words = words.replace(/[\s,;:–-]+$/u, '');
    if (!words) continue;
    const s = r.start;
    const dates: string[] = [];
    let weak = false;
    if (s.isCertain('day') && s.isCertain('month')) {
      // A certain year and no digit: today/now/tonight (tomorrow and yesterday are read by hand).
      if (s.isCertain('year') && !/\d/.test(words)) continue;
      if (lang === 'en' && EN_VERB_MONTH.test(words)) continue;
      const weekday = s.isCertain('weekday') ? s.get('weekday') ?? undefined : undefined;
      const year = s.isCertain('year') ? s.get('year') ?? undefined : undefined;
      const first = resolve(s.get('month')!, s.get('day')!, pub, year, weekday);
      if (!first) continue;
      dates.push(first);
      const e = r.end;
      if (e?.isCertain('day')) {
        // "20 to 22 August": the end shares the start's month and year unless written.
        const y0 = +first.slice(0, 4); const m0 = +first.slice(5, 7);
        const m1 = e.isCertain('month') ? e.get('month')! : m0;
        const y1 = e.isCertain('year') ? e.get('year')! : y0 + (m1 < m0 ? 1 : 0);
        const last = dayOf(y1, m1, e.get('day')!);
        if (last) dates.push(last);
      }
    } else if (s.isCertain('weekday') && !s.isCertain('day')) {
      const weekday = s.get('weekday')!;
      const before = text.slice(Math.max(0, start - 30), start);
      weak = true;
      if (NEXT[lang].test(words) || NEXT[lang].test(before.slice(-12))) dates.push(weekdayDate(weekday, pub, 'next'));
      else if (LAST[lang].test(words)) dates.push(weekdayDate(weekday, pub, 'last'));
      else {
        // A weekday alone: the nearest in the direction of the sentence's tense.
        const bareRules = BARE[lang];
        const cues = TENSE[lang];
        const end = start + words.length;
        if (!bareRules || !cues || !bareRules.name.test(words) || bareRules.not.test(before)) continue;
        if (bareRules.notAfter?.test(text.slice(end, end + 30)) || ++bare > MAX_BARE_WEEKDAYS) continue;
        const tense = tenseAround(text, start, end, cues, lang === 'de') ?? (bareRules.self.test(words) ? 'future' : 'past');
        dates.push(weekdayDate(weekday, pub, tense === 'future' ? 'from' : 'until'));
      }
    }
    if (dates.length) add(start, start + words.length, dates, weak);
  }
  const { re, not } = RELATIVE[lang];
  for (const m of text.matchAll(re)) {
    if (not?.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
    // "tomorrow's oil", "tomorrow's leaders": the future, not a day — unless it is an event's ("tomorrow's vote").
    if (lang === 'en' && m.groups!.t && /^['’]s\s/u.test(text.slice(m.index + m[0].length)) && !TOMORROWS_EVENT.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) continue;
    add(m.index, m.index + m[0].length, [isoOf(pub.n + (m.groups!.t ? 1 : -1))]);
  }
  if (lang === 'en') {
    // "the 20th of this month": chrono reads only "this month".
    for (const m of text.matchAll(/\bthe\s+(\d{1,2})(?:st|nd|rd|th)\s+of\s+(this|next|last)\s+month\b/giu)) {
      const total = pub.y * 12 + (pub.m - 1) + ({ this: 0, next: 1, last: -1 } as Record<string, number>)[m[2]!.toLowerCase()]!;
      const date = dayOf(Math.floor(total / 12), (total % 12) + 1, +m[1]!);
      if (date) add(m.index, m.index + m[0].length, [date]);
    }
  }
}

// ---------------------------------------------------------------- sentences

/** Abbreviations whose period ends no sentence ("Aug. 20", "Mr. Kadhimi"), and initials. */
const ABBREVIATION = /(?:^|[^\p{L}])(?:\p{Lu}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Sen|Rep|Gov|Prof|Jr|Sr|No|vs)$/u;

/** German writes the day as an ordinal with a period ("am 20. August"): no sentence end. */
const ORDINAL_DAY = /(?:^|[^\p{N}.])\p{N}{1,2}$/u;

function isSentenceEnd(text: string, i: number, ordinalDot: boolean): boolean {
  const c = text[i];
  if (c === '\n' || c === '!' || c === '?' || c === '\u061F' || c === '\u06D4') return true;
  if (c !== '.') return false;
  const next = text[i + 1];
  if (next !== undefined && !/\s/.test(next)) return false;
  const before = text.slice(Math.max(0, i - 6), i);
  return !ABBREVIATION.test(before) && !(ordinalDot && ORDINAL_DAY.test(before));
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ');

/** The sentence around [start, end), whitespace collapsed, a window of at most 300 characters. */
function sentenceAround(text: string, start: number, end: number, ordinalDot: boolean): string {
  let a = start;
  while (a > 0 && !isSentenceEnd(text, a - 1, ordinalDot)) a--;
  let b = end;
  while (b < text.length && !isSentenceEnd(text, b, ordinalDot)) b++;
  if (b < text.length && text[b] !== '\n') b++; // keep the sentence's own mark
  let before = collapse(text.slice(a, start)).trimStart();
  const mid = collapse(text.slice(start, end));
  let after = collapse(text.slice(end, b)).trimEnd();
  if (before.length + mid.length + after.length <= MAX_SENTENCE_CHARS) return before + mid + after;
  // Too long: a window around the mention, shared between both sides, cut at word boundaries.
  // Each side's budget includes its "…".
  const room = Math.max(0, MAX_SENTENCE_CHARS - mid.length);
  let left = Math.min(before.length, Math.floor(room / 2));
  const right = Math.min(after.length, room - left);
  left = Math.min(before.length, room - right);
  if (left < before.length) {
    const cut = before.slice(before.length - left);
    const space = cut.indexOf(' ');
    before = '…' + (space >= 0 && space < cut.length - 1 ? cut.slice(space + 1) : cut.slice(Math.min(cut.length, 1)));
  }
  if (right < after.length) {
    const cut = after.slice(0, right);
    const space = cut.lastIndexOf(' ');
    after = (space > 0 ? cut.slice(0, space) : cut.slice(0, Math.max(0, cut.length - 1))) + '…';
  }
  return (before + mid + after).slice(0, MAX_SENTENCE_CHARS);
}

// ---------------------------------------------------------------- entry point

/** Between a weekday and a date naming its day: spaces, commas, brackets, «الموافق», "the". */
const BESIDE_DATE = /^[\s,،;:()[\]\-–—]*(?:(?:the|le|el|den|der|am|il|o|de|del|du|al|و?الموافق[ةه]?|المصادف|الذي\s+يصادف|ل)[\s,،()\-–—ـ]*)?$/iu;
const besideDate = (gap: string): boolean => gap.length <= 24 && BESIDE_DATE.test(gap);

/**
 * The days an article names (title first, then body), each once at its first mention, in text
 * order, at most MAX_DATE_MENTIONS. `lang` is the article's ISO 639-1 code (or 'und'). Never
 * throws: any input it cannot read gives [].
 */
export function extractDateMentions(title: string, body: string, lang: string, publishedAt: Date): DateMention[] {
  try {
    if (!(publishedAt instanceof Date) || Number.isNaN(publishedAt.getTime())) return [];
    const text = `${typeof title === 'string' ? title : ''}\n${typeof body === 'string' ? body : ''}`.slice(0, MAX_DATE_TEXT_CHARS);
    const code = typeof lang === 'string' ? lang.toLowerCase().split(/[-_]/)[0]! : 'und';
    const pub: Pub = {
      y: publishedAt.getUTCFullYear(), m: publishedAt.getUTCMonth() + 1, d: publishedAt.getUTCDate(),
      n: Math.floor(publishedAt.getTime() / DAY_MS),
    };
    const src = fold(text);
    const { folded, map } = src;
    const hits: Hit[] = [];
    // Folded offsets to original ones; a date written with a weekday in Arabic text takes it in.
    const addFolded = (s: number, e: number, dates: string[], weekdayAware = false, weak = false): void => {
      let from = s;
      let to = e;
      if (weekdayAware && (code === 'ar' || code === 'fa')) {
        const w = weekdayBefore(folded, s, code);
        if (w) {
          from = w.start;
          if (w.paren) { const close = new RegExp(`^${S}*\\)`, 'u').exec(folded.slice(to, to + 8)); if (close) to += close[0].length; }
        }
      }
      let end = map[to - 1]! + 1;
      while (end < text.length && isDropped(text.charCodeAt(end)) && text.charCodeAt(end) < 0x2000) end++; // «غداً»'s tanween
      hits.push({ start: map[from]!, end, dates, weak });
    };
    numericHits(folded, code, addFolded);
    if (code === 'ar' || code === 'fa') arabicHits(src, code, pub, addFolded);
    if (isChronoLang(code)) chronoHits(text, code, publishedAt, pub, (s, e, dates, weak) => hits.push({ start: s, end: e, dates, weak }));

    // Overlaps: the hit starting first wins, then the longer ("Thursday, August 20" over "Thursday").
    // A weekday alone gives way to any date it overlaps or stands beside ("Thursday (December 3)",
    // «غدا الخميس»): the date says which Thursday.
    hits.sort((x, y) => x.start - y.start || y.end - x.end);
    const kept: Hit[] = [];
    let reached = 0;
    for (const h of hits) {
      if (h.weak || h.start < reached) continue;
      reached = h.end;
      kept.push(h);
    }
    const strong = kept.length;
    let i = 0;
    reached = 0;
    for (const h of hits) {
      if (!h.weak || h.start < reached) continue;
      while (i < strong && kept[i]!.end <= h.start) i++;
      const prev = kept[i - 1];
      const next = i < strong ? kept[i] : undefined;
      if (next && next.start < h.end) continue;
      if ((prev && besideDate(text.slice(prev.end, h.start))) || (next && besideDate(text.slice(h.end, next.start)))) continue;
      reached = h.end;
      kept.push(h);
    }
    kept.sort((x, y) => x.start - y.start);
    const out: DateMention[] = [];
    const seen = new Set<string>();
    for (const h of kept) {
      for (const date of h.dates) {
        if (seen.has(date) || out.length >= MAX_DATE_MENTIONS) continue;
        seen.add(date);
        out.push({ date, text: text.slice(h.start, h.end), sentence: sentenceAround(text, h.start, h.end, code === 'de') });
      }
      if (out.length >= MAX_DATE_MENTIONS) break;
    }
    return out;
  } catch {
    return [];
  }
}
