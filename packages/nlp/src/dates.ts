import * as chrono from 'chrono-node';
import type { DateMention } from '@akhbar/core';

/**
 * "Which days does this article name?": the calendar days an article mentions ("يوم الخميس الموافق
 * العشرين من أغسطس", "on Thursday, August 20", "demain"), read against its publication date. It
 * feeds the agenda of scheduled events and the "mentions this day" filter, so it keeps only what a
 * reader would call a day: a day and a month (a month alone, a year alone, a time alone are not),
 * tomorrow / yesterday, and "next Thursday".
 *
 * Three sources, merged in text order (where two overlap the one starting first, then the longer,
 * is kept):
 * - Numeric dates, by hand, in every language: ISO 2020-08-20 and 2020/08/20; dd/mm/yyyy,
 *   dd-mm-yyyy, dd.mm.yyyy except in English (month first in American copy: read there only when
 *   one number is over 12) and in text of unknown language. A 4-digit year is required ("20/8"
 *   is a score or a fraction as often as a date) and it must be 1900–2100, which also leaves out
 *   Hijri (1442/1/1) and Solar Hijri (1399/05/24) dates, whose calendars are not converted.
 * - Arabic (and Persian), by hand. chrono-node ships an Arabic locale, but it reads «اليوم» as
 *   today (it is in outlet names such as «بغداد اليوم»), «مارس» in «مارس الضغط» as March, and
 *   misses the Maghrebi months (جانفي, جوان, أوت), «الـ20», «إبريل», «يونيه», «الشهر الجاري», the
 *   combined «آب/أغسطس»: wire copy from Baghdad, Cairo and Algiers needs all of them. Everything
 *   is matched on an offset-preserving folded copy of the text (tashkeel, tatweel and bidi marks
 *   dropped; hamza/alef variants, ى, ة folded; Arabic-Indic and Persian digits made ASCII), so
 *   one spelling of each word covers its variants and `text` is still cut from the original.
 * - chrono-node for en, fr, de, es, pt, it, nl, ru: its month-name parsers are good and cost
 *   under 1 ms for a 5 000-character article (measured: about 0.5 ms, see the tests), so it is
 *   run on the whole text, no prefilter needed, with its time, duration and numeric parsers taken out (numeric dates are read by
 *   the rules above, times are no days). From its results only those whose day and month are
 *   both written are kept, plus "next <weekday>"; the year is always chosen here (below), not
 *   by chrono, so every language follows the same rule. Tomorrow/yesterday words are matched by
 *   hand in these languages, with guards chrono lacks ("la mañana" is the morning, "am Morgen"
 *   too, "the day after tomorrow" is not tomorrow).
 *
 * A year left unsaid is the one that puts the day nearest the publication date; when a weekday
 * is written beside the day, the year (publication year ±1) in which the day falls on that
 * weekday, when there is exactly one and it is within 11 months of publication. Relative days
 * count from the publication date's UTC calendar day.
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

/** A span of the original text naming one day (a range, two). */
interface Hit { start: number; end: number; dates: string[] }
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

/** The first `weekday` (0 = Sunday) strictly after the publication day. */
function nextWeekday(weekday: number, pub: Pub): string {
  const today = new Date(pub.n * DAY_MS).getUTCDay();
  return isoOf(pub.n + (((weekday - today + 6) % 7) + 1));
}

// ---------------------------------------------------------------- offset-preserving folding

/**
 * The text folded as normalizeArabic (normalize.ts) folds it, but character for character: marks
 * and invisible controls are dropped and everything else maps to one character, so `map[i]` is
 * where folded character i came from and a match is cut from the original text as written.
 */
function fold(text: string): { folded: string; map: Int32Array } {
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
  return { folded: out.join(''), map: map.subarray(0, j + 1) };
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
    if (y < 1900 || y > 2100) continue;
    const date = dayOf(y, mo, d);
    if (date) add(m.index, m.index + m[0].length, [date], true);
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

interface ArabicRules { dayMonth: RegExp; months: Map<string, number> }
const arabicRules = new Map<string, ArabicRules>();

function rulesFor(lang: string): ArabicRules {
  let r = arabicRules.get(lang);
  if (r) return r;
  const table = lang === 'fa' ? { ...AR_MONTHS, ...FA_MONTHS } : AR_MONTHS;
  const MONTH = `(?:${alternation(Object.keys(table))})(?![\\p{L}])`;
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
        `|(?:(?:من${S}+)?(?:ال)?(?:عام|سنه)${S}+)?(?<year>\\d{4})(?!\\d)(?:${S}?م(?![\\p{L}]))?))?` +
    `|(?<rel>(?:هذا${S}+الشهر|(?:ال)?شهر${S}+(?<shift>${SHIFT_ALT}))(?![\\p{L}])))`,
    'gu',
  );
  const months = new Map(Object.entries(table).map(([w, n]) => [key(w), n]));
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
/** «الخميس المقبل», «يوم الجمعة القادمة»: the first such weekday after publication. */
const AR_NEXT_WEEKDAY = new RegExp(`(?<![\\p{L}])[وفب]?(?<t>(?:(?:يوم|نهار)${S}+)?(?<name>${WEEKDAY_ALT})${S}+(?:${NEXT_WORDS}))(?![\\p{L}])`, 'gu');
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

function arabicHits(folded: string, lang: string, pub: Pub, add: (s: number, e: number, dates: string[], weekdayAware?: boolean) => void): void {
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
      const month = months.get(key(g.mon!))!;
      if (g.alt !== undefined && months.get(key(g.mon2!)) !== month) {
        // «آب/أيلول» is a span of months, not one month twice: the day is the first one's.
        end = m.index + m[0].indexOf(g.alt, m[0].indexOf(g.mon!) + g.mon!.length);
      }
      let year: number | undefined = g.year !== undefined && end === m.index + m[0].length ? +g.year : undefined;
      if (g.yshift !== undefined) year = pub.y + MONTH_SHIFT[g.yshift]!;
      const weekday = year === undefined && g.mshift === undefined ? weekdayBefore(folded, dayStart) : undefined;
      for (const d of days) {
        let y = year;
        if (g.mshift !== undefined) {
          // «20 آب الماضي»: the last 20 August before publication; «المقبل», the next one after it.
          const shift = MONTH_SHIFT[g.mshift]!;
          const n = dayNumber(pub.y, month, d);
          y = shift === 0 ? pub.y : shift > 0 ? (n > pub.n ? pub.y : pub.y + 1) : (n < pub.n ? pub.y : pub.y - 1);
        }
        const x = resolve(month, d, pub, y, weekday?.day);
        if (x) dates.push(x);
      }
    }
    if (dates.length) add(dayStart, end, dates, true);
  }
  if (lang !== 'ar') return; // Persian names its weekdays and tomorrow otherwise
  for (const m of folded.matchAll(AR_NEXT_WEEKDAY)) {
    const start = m.index + m[0].length - m.groups!.t!.length;
    add(start, m.index + m[0].length, [nextWeekday(AR_WEEKDAYS[m.groups!.name!]!, pub)]);
  }
  for (const m of folded.matchAll(AR_RELATIVE)) {
    const g = m.groups!;
    const end = m.index + m[0].length;
    if (g.tomorrow === 'غدا' && GHADA_VERB.test(folded.slice(end, end + 40))) continue;
    const shift = g.after ? 2 : g.before ? -2 : g.tomorrow ? 1 : -1;
    add(end - g.t!.length, end, [isoOf(pub.n + shift)]);
  }
}

/** The weekday written just before `start` in the folded text, and where its words begin. */
function weekdayBefore(folded: string, start: number): { day: number; start: number; paren: boolean } | undefined {
  const from = Math.max(0, start - 60);
  const m = WEEKDAY_BEFORE.exec(folded.slice(from, start));
  if (!m) return undefined;
  return { day: AR_WEEKDAYS[m.groups!.name!]!, start: from + m.index + m[0].length - m.groups!.w!.length, paren: m.groups!.paren !== undefined };
}

// ---------------------------------------------------------------- chrono-node (Latin and Cyrillic)

const CHRONO_LOCALES = { en: chrono.en, fr: chrono.fr, de: chrono.de, es: chrono.es, pt: chrono.pt, it: chrono.it, nl: chrono.nl, ru: chrono.ru } as const;
type ChronoLang = keyof typeof CHRONO_LOCALES;
const isChronoLang = (lang: string): lang is ChronoLang => Object.hasOwn(CHRONO_LOCALES, lang);

// Parsers of times, durations ("in 3 days"), periods ("next month") and numeric dates, and the
// refiners that glue a time to a date: none gives a day this module keeps, and without them a
// date's `text` does not run on into "at 10 am". Matched by class name; were a build to rename
// them, they would merely stay (and their results still be dropped below).
const DROPPED_PARSERS = /Time(?:Expression|Unit)|CasualTime|SpecificTime|SlashDate|SlashMonth|ISOFormat|RelativeDateFormat|EndOfCurrentMonth|CasualDateTime|CasualDate|YearMonthDay/;
const DROPPED_REFINERS = /MergeDateTime|Timezone/;
const chronoParsers = new Map<ChronoLang, chrono.Chrono>();

function chronoFor(lang: ChronoLang): chrono.Chrono {
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

function chronoHits(text: string, lang: ChronoLang, publishedAt: Date, pub: Pub, add: (s: number, e: number, dates: string[]) => void): void {
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
      if (!NEXT[lang].test(words) && !NEXT[lang].test(text.slice(Math.max(0, start - 12), start))) continue;
      dates.push(nextWeekday(s.get('weekday')!, pub));
    }
    if (dates.length) add(start, start + words.length, dates);
  }
  const { re, not } = RELATIVE[lang];
  for (const m of text.matchAll(re)) {
    if (not?.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
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
    const { folded, map } = fold(text);
    const hits: Hit[] = [];
    // Folded offsets to original ones; a date written with a weekday in Arabic text takes it in.
    const addFolded = (s: number, e: number, dates: string[], weekdayAware = false): void => {
      let from = s;
      let to = e;
      if (weekdayAware && (code === 'ar' || code === 'fa')) {
        const w = weekdayBefore(folded, s);
        if (w) {
          from = w.start;
          if (w.paren) { const close = new RegExp(`^${S}*\\)`, 'u').exec(folded.slice(to, to + 8)); if (close) to += close[0].length; }
        }
      }
      let end = map[to - 1]! + 1;
      while (end < text.length && isDropped(text.charCodeAt(end)) && text.charCodeAt(end) < 0x2000) end++; // «غداً»'s tanween
      hits.push({ start: map[from]!, end, dates });
    };
    numericHits(folded, code, addFolded);
    if (code === 'ar' || code === 'fa') arabicHits(folded, code, pub, addFolded);
    if (isChronoLang(code)) chronoHits(text, code, publishedAt, pub, (s, e, dates) => hits.push({ start: s, end: e, dates }));

    // Overlaps: the hit starting first wins, then the longer ("Thursday, August 20" over "Thursday").
    hits.sort((x, y) => x.start - y.start || y.end - x.end);
    const out: DateMention[] = [];
    const seen = new Set<string>();
    let reached = 0;
    for (const h of hits) {
      if (h.start < reached) continue;
      reached = h.end;
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
