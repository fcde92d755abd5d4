import { diffArrays, diffLines, diffSentences, type ChangeObject } from 'diff';

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

/** A text as the language splits it: words, punctuation and the spaces between, each a token, all of it. */
function tokens(text: string, lang: string | undefined): string[] {
  return Array.from(segmenter(lang).segment(text), (s) => s.segment);
}

const SPACE = /^\s+$/u;

/**
 * Two passages word by word: jsdiff's diffArrays over their tokens, spaces included so both
 * passages are rebuilt exactly from the runs (its diffWords treats spaces as insignificant and can
 * lose one beside an insertion). A space left alone between two changes goes with them, so a
 * changed phrase reads as one run taken out and one put in, not word, space, word. Undefined when
 * not done within `timeout` ms.
 */
function diffTokens(removed: string, added: string, lang: string | undefined, timeout: number): WordChange[] | undefined {
  const parts = diffArrays(tokens(removed, lang), tokens(added, lang), { timeout });
  if (!parts) return undefined;
  const runs = parts.map((p) => ({ op: p.added ? 'added' : p.removed ? 'removed' : 'same', text: p.value.join('') }) as WordChange);
  const out: WordChange[] = [];
  // Change groups: consecutive changed runs and the lone spaces between them, as one removal and one addition.
  let group: WordChange[] | undefined;
  const flush = () => {
    if (!group) return;
    const take = (op: WordChange['op']) => group!.filter((r) => r.op === op || r.op === 'same').map((r) => r.text).join('');
    const was = take('removed');
    const now = take('added');
    if (was) out.push({ op: 'removed', text: was });
    if (now) out.push({ op: 'added', text: now });
    group = undefined;
  };
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i]!;
    const between = r.op === 'same' && SPACE.test(r.text) && group !== undefined && i + 1 < runs.length && runs[i + 1]!.op !== 'same';
    if (r.op !== 'same' || between) (group ??= []).push(r);
    else {
      flush();
      out.push(r);
    }
  }
  flush();
  return out;
}

/**
 * What changed from `before` to `after`, in reading order: paragraph by paragraph first (jsdiff's
 * diffLines: an edit of one paragraph leaves the others as they were at little cost), a changed
 * passage too long to compare word by word sentence by sentence, then word by word (diffTokens).
 * Undefined when even the paragraphs could not be aligned within DIFF_TIMEOUT_MS.
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
          const words = diffTokens(removed, added, lang, left());
          if (words) {
            for (const w of words) push(w.op, w.text);
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
