/**
 * Feed dates. RSS says RFC 822, Atom and JSON Feed say RFC 3339; real feeds write whatever their
 * CMS prints: missing weekdays or seconds, two-digit years, "+03:00" in RFC 822, named zones
 * (EST, CEST, AST), a space instead of "T", no zone at all, Arabic-Indic digits, French or Arabic
 * month names, Unix timestamps. `Date.parse` accepts some of that in implementation-specific
 * ways, so the common shapes are parsed here explicitly; Date.parse is only the last resort.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  // French
  janv: 1, janvier: 1, 'févr': 2, fevr: 2, 'février': 2, fevrier: 2, mars: 3, avr: 4, avril: 4, mai: 5, juin: 6, juil: 7, juillet: 7,
  'août': 8, aout: 8, 'déc': 12, 'décembre': 12, decembre: 12, octobre: 10, novembre: 11, septembre: 9,
  // Arabic (Levantine/Iraqi and Egyptian/Gulf month names)
  'كانون الثاني': 1, 'شباط': 2, 'آذار': 3, 'اذار': 3, 'نيسان': 4, 'أيار': 5, 'ايار': 5, 'حزيران': 6, 'تموز': 7, 'آب': 8, 'اب': 8,
  'أيلول': 9, 'ايلول': 9, 'تشرين الأول': 10, 'تشرين الاول': 10, 'تشرين الثاني': 11, 'كانون الأول': 12, 'كانون الاول': 12,
  'يناير': 1, 'فبراير': 2, 'مارس': 3, 'أبريل': 4, 'ابريل': 4, 'إبريل': 4, 'مايو': 5, 'يونيو': 6, 'يوليو': 7, 'أغسطس': 8, 'اغسطس': 8,
  'سبتمبر': 9, 'أكتوبر': 10, 'اكتوبر': 10, 'نوفمبر': 11, 'ديسمبر': 12,
};

/** Offsets in minutes of zone names feeds use. Ambiguous ones (IST, CST) take the common meaning. */
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, bst: 60, cet: 60, cest: 120, met: 60, mest: 120, eet: 120, eest: 180, msk: 180,
  ast: 180, ist: 330, pkt: 300, jst: 540, kst: 540, hkt: 480, sgt: 480, aest: 600, aedt: 660, awst: 480, nzst: 720, nzdt: 780,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420, akst: -540, akdt: -480, hst: -600,
  a: 60, m: 720, n: -60, y: -720,
};

const WEEKDAYS = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s*|^(?:lun|mar|mer|jeu|ven|sam|dim)[a-z]*\.?,?\s*|^(?:الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|الأحد|الاحد)\s*[،,]?\s*/i;

function toAsciiDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

function monthOf(name: string): number | undefined {
  const k = name.toLowerCase().replace(/\.$/, '');
  return MONTHS[k] ?? MONTHS[k.slice(0, 3)];
}

/** Offset in minutes from a zone designator; undefined when it is not one. Empty means UTC. */
function zoneOffset(z: string): number | undefined {
  const s = z.trim().replace(/\s*\(.*\)$/, '');
  if (s === '') return 0;
  const num = /^(?:(?:gmt|utc|ut)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(s);
  if (num) {
    const h = Number(num[2]);
    const m = Number(num[3] ?? 0);
    if (h > 14 || m > 59) return undefined;
    return (num[1] === '-' ? -1 : 1) * (h * 60 + m);
  }
  return ZONES[s.toLowerCase()];
}

function build(year: string, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number): Date | undefined {
  let y = Number(year);
  // Only a year written with two digits is a two-digit year ("02-Jun-25"); "0001" is year 1.
  if (year.length <= 2) y += y < 70 ? 2000 : 1900;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  // Reject 31 February and friends, which Date.UTC would roll into March.
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCMonth() !== mo - 1) return undefined;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - offsetMin * 60_000);
}

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = /^p/i.test(ampm);
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(.*)$/;
const SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[Tt\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/;
const RFC822 = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([^\s\d,.-]+(?:\s[^\s\d,.-]+)?)\.?,?[\s-]+(\d{2,4})(?:[\s,T]+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap]\.?m\.?))?)?\s*(.*)$/i;
const US = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\s,]+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap]\.?m\.?))?)?\s*(.*)$/i;
/** asctime / Date.toString(): "Mon Jan  2 15:04:05 2006" or "Jan 2 15:04:05 +0000 2006". */
const ASCTIME = /^([A-Za-z]+)\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:([+-]\d{4}|[A-Za-z]{1,5})\s+)?(\d{4})$/;

/** Parse a feed date; undefined when it cannot be read (the caller falls back to fetch time). */
export function parseFeedDate(raw: string | undefined | null): Date | undefined {
  if (!raw) return undefined;
  let s = toAsciiDigits(String(raw)).replace(/\s+/g, ' ').trim();
  if (!s || s.length > 100) return undefined;
  let d: Date | undefined;
  if (/^\d{9,13}$/.test(s)) {
    const n = Number(s);
    d = new Date(s.length >= 12 ? n : n * 1000);
    return plausible(d);
  }
  s = s.replace(WEEKDAYS, '');
  let m: RegExpExecArray | null;
  if ((m = ISO.exec(s))) {
    const off = zoneOffset(m[8] ?? '');
    if (off === undefined) return fallback(raw);
    d = build(m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), Math.round(Number(`0.${m[7] ?? '0'}`) * 1000), off);
  } else if ((m = SLASHED.exec(s))) {
    const off = zoneOffset(m[7] ?? '');
    if (off === undefined) return fallback(raw);
    d = build(m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, off);
  } else if ((m = RFC822.exec(s))) {
    const mo = monthOf(m[2]!);
    const off = zoneOffset(m[8] ?? '');
    if (mo === undefined || off === undefined) return fallback(raw);
    d = build(m[3]!, mo, +m[1]!, hour12(+(m[4] ?? 0), m[7]), +(m[5] ?? 0), +(m[6] ?? 0), 0, off);
  } else if ((m = US.exec(s))) {
    const mo = monthOf(m[1]!);
    const off = zoneOffset(m[8] ?? '');
    if (mo === undefined || off === undefined) return fallback(raw);
    d = build(m[3]!, mo, +m[2]!, hour12(+(m[4] ?? 0), m[7]), +(m[5] ?? 0), +(m[6] ?? 0), 0, off);
  } else if ((m = ASCTIME.exec(s))) {
    const mo = monthOf(m[1]!);
    const off = zoneOffset(m[6] ?? '');
    if (mo === undefined || off === undefined) return fallback(raw);
    d = build(m[7]!, mo, +m[2]!, +m[3]!, +m[4]!, +(m[5] ?? 0), 0, off);
  } else {
    return fallback(raw);
  }
  return plausible(d);
}

function fallback(raw: string): Date | undefined {
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : plausible(new Date(t));
}

/** Dates before the web had feeds are placeholders (0001-01-01, 1970-01-01), not dates. */
function plausible(d: Date | undefined): Date | undefined {
  if (!d || Number.isNaN(d.getTime())) return undefined;
  const y = d.getUTCFullYear();
  return y >= 1995 && y <= 9999 ? d : undefined;
}
