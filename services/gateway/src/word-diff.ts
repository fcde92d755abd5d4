import { diffLines, diffSentences, diffWords, type ChangeObject } from 'diff';

/** One run of a word-by-word comparison: words that stayed, were taken out, or were put in. */
export interface WordChange {
  op: 'same' | 'removed' | 'added';
  text: string;
}

/**
 * How long one comparison may take, all of it. Two versions of a 100 000-character text that
 * share little would take Myers' algorithm long to align; past this there is no answer (both
 * versions are still given whole), and a paragraph not compared in time is given as taken out and
 * put in whole.
 */
const DIFF_TIMEOUT_MS = 250;

/**
 * The longest changed passage compared word by word; a longer one is given as taken out and put in
 * whole. Word segmentation of a long string costs memory in proportion to its length times its
 * words on some V8 versions (each segment object copies the input): a bound keeps it small.
 */
const MAX_WORD_DIFF_CHARS = 20_000;

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
 * What changed from `before` to `after`, in reading order: paragraph by paragraph first (jsdiff's
 * diffLines: an edit of one paragraph leaves the others as they were at little cost), a changed
 * passage too long to compare word by word sentence by sentence, then word by word (diffWords over
 * the language's word segmentation; whitespace follows the words it sits between). Undefined when
 * even the paragraphs could not be aligned within DIFF_TIMEOUT_MS.
 */
export function wordChanges(before: string, after: string, lang: string | undefined, now: () => number = () => performance.now()): WordChange[] | undefined {
  const deadline = now() + DIFF_TIMEOUT_MS;
  const paragraphs = diffLines(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (!paragraphs) return undefined;
  const out: WordChange[] = [];
  const push = (op: WordChange['op'], text: string) => {
    const last = out.at(-1);
    if (last && last.op === op) last.text += text;
    else if (text !== '') out.push({ op, text });
  };
  const left = () => Math.ceil(deadline - now());
  const short = (text: string) => text.length <= MAX_WORD_DIFF_CHARS;
  // Each passage taken out with the one put in its place (jsdiff gives the removal first), compared
  // more finely: word by word when both are short, else (paragraphs only) sentence by sentence and
  // each changed sentence word by word. What is not compared in time is given whole.
  const walk = (parts: ChangeObject<string>[], sentences: boolean) => {
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (!p.added && !p.removed) {
        push('same', p.value);
        continue;
      }
      const removed = p.removed ? p.value : '';
      const added = p.added ? p.value : parts[i + 1]?.added ? parts[++i]!.value : '';
      if (removed && added && left() > 0) {
        if (short(removed) && short(added)) {
          const words = diffWords(removed, added, { intlSegmenter: segmenter(lang), timeout: left() });
          if (words) {
            for (const w of words) push(w.added ? 'added' : w.removed ? 'removed' : 'same', w.value);
            continue;
          }
        } else if (sentences) {
          const finer = diffSentences(removed, added, { timeout: left() });
          if (finer) {
            walk(finer, false);
            continue;
          }
        }
      }
      push('removed', removed);
      push('added', added);
    }
  };
  walk(paragraphs, true);
  return out;
}
