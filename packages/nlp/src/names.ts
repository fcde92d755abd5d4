import { tokenize } from './text.ts';

/**
 * A personal name's consonant skeleton, the same for its Arabic-script and Latin spellings:
 * "Rana Haddad" and "رنا حداد" both read `rn ht`, "Mustafa al-Kadhimi", "Moustafa al-Kazimi" and
 * "مصطفى الكاظمي" all `mstf ktm`. What an author's page offers as "possibly also written as", so
 * a journalist who signs in two scripts is found under both.
 *
 * Written by hand: transliteration libraries go one way (Arabic to a scheme such as ALA-LC) and
 * a byline follows no scheme. The skeleton keeps only what spellings agree on — consonants, with
 * the letters romanisations confuse merged (q/k, the dental and emphatic t/d/z/th/dh, s/sh/ṣ,
 * h/ḥ/kh) and the long vowels and weak letters (ا و ي ى ع ء, a e i o u w y) dropped — and the
 * article (al-, el-, ال) as a word of its own is left out. Equal skeletons are a hint, not a proof.
 */

const ARABIC: Record<string, string> = {
  ب: 'b', ت: 't', ث: 't', ج: 'j', ح: 'h', خ: 'h', د: 't', ذ: 't', ر: 'r', ز: 't', س: 's', ش: 's', ص: 's', ض: 't', ط: 't', ظ: 't',
  غ: 'g', ف: 'f', ق: 'k', ك: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'h', ة: '', پ: 'b', چ: 's', ژ: 't', گ: 'g', ک: 'k', ی: '', ڤ: 'f',
};
/** Latin digraphs first (kh before k…), then single letters; vowels and weak letters drop. */
const LATIN: Array<[RegExp, string]> = [
  // "Abdel", "Abdul": عبد and the article, fused.
  [/^abd(el|ul|al)$/, 'abd'],
  // gh is غ; a g alone is ج as Egypt writes it (Gamal).
  [/gh/g, '#'], [/g/g, 'j'], [/#/g, 'g'],
  [/kh/g, 'h'], [/sh|ch/g, 's'], [/th|dh|d|z/g, 't'], [/ph/g, 'f'], [/q|c/g, 'k'], [/x/g, 'ks'], [/p/g, 'b'], [/v/g, 'f'], [/[aeiouwy'’ʿʾ]/g, ''],
];
const ARTICLES = new Set(['al', 'el', 'ال']);

/** One word's skeleton (empty for a word of vowels only). */
function wordSkeleton(word: string): string {
  let out = '';
  if (/[\u0600-\u06ff]/u.test(word)) {
    // The article joined to the word (الكاظمي) goes too.
    const w = word.replace(/^(ال|وال|بال|لل)(?=\p{L}{2})/u, '');
    for (const ch of w) out += ARABIC[ch] ?? '';
  } else {
    let w = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (const [re, to] of LATIN) w = w.replace(re, to);
    out = w.replace(/[^a-z]/g, '');
  }
  // A doubled letter (Haddad, حدّاد) is written once.
  return out.replace(/(.)\1+/g, '$1');
}

/** The skeleton of a whole name: its words' skeletons, the article and empty ones left out. */
export function nameSkeleton(name: string): string {
  return name
    .split(/[\s\-‐_.]+/u)
    .filter((w) => w !== '' && !ARTICLES.has(w.toLowerCase()))
    .map(wordSkeleton)
    .filter((s) => s !== '')
    .join(' ');
}

/** Whether a name is written in Arabic script (Arabic, Persian, Kurdish…). */
export function isArabicScript(name: string): boolean {
  return /[\u0600-\u06ff]/u.test(name);
}

/**
 * Whether two names in different scripts may be the same person: equal skeletons of two words or
 * more and at least four consonants in all — a single or shorter name collides too easily to be offered.
 */
export function mayBeSameName(a: string, b: string): boolean {
  if (isArabicScript(a) === isArabicScript(b)) return false;
  const sa = nameSkeleton(a);
  return sa.includes(' ') && sa.replace(/ /g, '').length >= 4 && sa === nameSkeleton(b);
}

/**
 * The last word of each of a person's names, normalised as the tokenizer folds words ("السوداني",
 * "sudani" for Mohammed Shia al-Sudani): what a report calls them by after the first mention, and
 * what a reader types. Words of fewer than three letters are left out (they name too many).
 */
const ROYAL_STYLE = /\s+of\s.*$|(?<=\s[IVX]+)\s+(?:de|du|des|d')\s*.*$/iu;
const ROMAN = /^[ivx]+$/i;

export function surnamesOf(person: { name: string; names?: Readonly<Record<string, string>> | undefined }): string[] {
  const out = new Set<string>();
  for (const name of [person.name, ...Object.values(person.names ?? {})]) {
    // A monarch's style names his country, not his family: "Abdullah II of Jordan", « Mohammed VI du Maroc », "Salman of
    // Saudi Arabia" (so "Jordan's foreign minister" is not the king). The name before it; a regnal number is no surname.
    const own = name.replace(ROYAL_STYLE, '');
    const last = tokenize(own).at(-1)?.norm;
    if (last && [...last].length >= 3 && !ROMAN.test(last)) out.add(last);
  }
  return [...out];
}
