import { diffWords } from 'diff';

/** One run of a word-by-word comparison: words that stayed, were taken out, or were put in. */
export interface WordChange {
  op: 'same' | 'removed' | 'added';
  text: string;
}

/**
 * How long one comparison may take. Two versions of a 100 000-character text that share little
 * would take Myers' algorithm long to align; past this, there is no word-by-word answer (both
 * versions are still given whole).
 */
const DIFF_TIMEOUT_MS = 250;

const segmenters = new Map<string, Intl.Segmenter>();
/** Words as the language splits them (ICU through Intl.Segmenter): Arabic and Persian words, not letters, are the unit. */
function segmenter(lang: string | undefined): Intl.Segmenter {
  const key = lang && lang !== 'und' ? lang : '';
  let s = segmenters.get(key);
  if (!s) {
    try {
      s = new Intl.Segmenter(key || undefined, { granularity: 'word' });
    } catch {
      s = new Intl.Segmenter(undefined, { granularity: 'word' });
    }
    segmenters.set(key, s);
  }
  return s;
}

/**
 * What changed from `before` to `after`, word by word (jsdiff's diffWords over the language's
 * word segmentation; whitespace follows the words it sits between), in reading order; undefined
 * when the comparison would take longer than DIFF_TIMEOUT_MS.
 */
export function wordChanges(before: string, after: string, lang: string | undefined): WordChange[] | undefined {
  const parts = diffWords(before, after, { intlSegmenter: segmenter(lang), timeout: DIFF_TIMEOUT_MS });
  if (!parts) return undefined;
  const out: WordChange[] = [];
  for (const p of parts) {
    const op = p.added ? 'added' : p.removed ? 'removed' : 'same';
    const last = out.at(-1);
    if (last && last.op === op) last.text += p.value;
    else if (p.value !== '') out.push({ op, text: p.value });
  }
  return out;
}
