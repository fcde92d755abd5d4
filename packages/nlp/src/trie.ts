import { cliticVariants, tokenize, type Token } from './text.ts';

/**
 * A token trie: every phrase of every dictionary (gazetteer names, topic lexicons) is a path of
 * normalised tokens, so finding all phrases in a text costs one walk per token position instead
 * of one regular expression per phrase. A step can also be a stem ("election*"), matched by a
 * character trie so stems do not turn the walk into a scan.
 *
 * Written here rather than taken from an Aho–Corasick package because matching is on tokens,
 * not characters: Arabic clitics are peeled off the first token of a phrase ("والكاظمي" →
 * "الكاظمي"), acronyms must keep their case ("US" but not "us"), and stems match token
 * prefixes, none of which a character automaton over the raw text does.
 */

/** One step of a phrase: a normalised token, or a stem when `prefix` is set. */
export interface PhraseStep {
  text: string;
  prefix?: boolean;
  /** Original token that the text must carry exactly (acronyms: "US", "WHO"). */
  exact?: string;
}

interface Terminal<T> {
  value: T;
  /** Per step, the exact surface required (acronyms), or undefined. */
  exact: Array<string | undefined> | undefined;
}

interface Node<T> {
  next: Map<string, Node<T>> | undefined;
  stems: CharTrie<Node<T>> | undefined;
  terminals: Terminal<T>[] | undefined;
}

/** Character trie for stems: all stored keys that are prefixes of a word. */
class CharTrie<V> {
  private readonly root: CharNode<V> = { kids: new Map(), value: undefined };

  getOrCreate(key: string, make: () => V): V {
    let n = this.root;
    for (const ch of key) {
      let k = n.kids.get(ch);
      if (!k) {
        k = { kids: new Map(), value: undefined };
        n.kids.set(ch, k);
      }
      n = k;
    }
    n.value ??= make();
    return n.value;
  }

  /** Values of every stored key that is a prefix of `word`. */
  prefixesOf(word: string, out: V[]): void {
    let n: CharNode<V> | undefined = this.root;
    for (const ch of word) {
      n = n.kids.get(ch);
      if (!n) return;
      if (n.value !== undefined) out.push(n.value);
    }
  }
}
interface CharNode<V> {
  kids: Map<string, CharNode<V>>;
  value: V | undefined;
}

export type Clitics = 'none' | 'proclitics' | 'article';

export interface PhraseMatch<T> {
  /** Index of the first token. */
  start: number;
  /** Index after the last token. */
  end: number;
  value: T;
  /** The form of the first token that matched (a clitic-stripped variant or the token itself). */
  via: string;
}

const newNode = <T>(): Node<T> => ({ next: undefined, stems: undefined, terminals: undefined });

export class PhraseIndex<T> {
  private readonly root: Node<T> = newNode();
  size = 0;

  add(steps: readonly PhraseStep[], value: T): void {
    if (steps.length === 0) return;
    let node = this.root;
    for (const step of steps) {
      if (step.prefix) {
        node.stems ??= new CharTrie();
        node = node.stems.getOrCreate(step.text, newNode);
      } else {
        node.next ??= new Map();
        let n = node.next.get(step.text);
        if (!n) {
          n = newNode();
          node.next.set(step.text, n);
        }
        node = n;
      }
    }
    const exact = steps.some((s) => s.exact !== undefined) ? steps.map((s) => s.exact) : undefined;
    (node.terminals ??= []).push({ value, exact });
    this.size++;
  }

  /**
   * Every phrase starting at token `i`. The first token is also tried without its Arabic
   * proclitics (`clitics`: 'proclitics'), and without its article as well ('article').
   */
  matchAt(tokens: readonly Token[], i: number, clitics: Clitics = 'proclitics'): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    const first = tokens[i];
    if (!first) return out;
    const forms = clitics !== 'none' && first.arabic ? cliticVariants(first.norm, clitics === 'article') : [first.norm];
    for (const form of forms) {
      for (const n1 of this.step(this.root, form)) this.walk(n1, tokens, i, i + 1, form, out);
    }
    if (out.length < 2) return out;
    // One value once per end: a stem and an exact step, or two clitic readings, can reach the same place.
    const seen = new Map<T, Set<number>>();
    return out.filter((m) => {
      const ends = seen.get(m.value) ?? new Set<number>();
      seen.set(m.value, ends);
      if (ends.has(m.end)) return false;
      ends.add(m.end);
      return true;
    });
  }

  /**
   * Leftmost-longest matches over the whole text, without overlaps: the reading a person makes
   * ("مصطفى الكاظمي" is one mention, not two). Several values ending at the same place (an
   * ambiguous name) are all returned; the caller resolves them.
   */
  matchAll(tokens: readonly Token[], clitics: Clitics = 'proclitics'): PhraseMatch<T>[] {
    return this.scan(tokens, clitics, Infinity)!;
  }

  /**
   * As `matchAll`, but undefined as soon as a token where a match could start begins with a
   * character at or above `code` (the caller then reads the text another way: the gazetteer, Han
   * runs a character at a time). One comparison per token on the walk the matching makes anyway.
   */
  matchAllBelow(tokens: readonly Token[], code: number, clitics: Clitics = 'proclitics'): PhraseMatch<T>[] | undefined {
    return this.scan(tokens, clitics, code);
  }

  private scan(tokens: readonly Token[], clitics: Clitics, below: number): PhraseMatch<T>[] | undefined {
    const out: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      if (tokens[i]!.norm.charCodeAt(0) >= below) return undefined;
      const here = this.matchAt(tokens, i, clitics);
      if (here.length === 0) {
        i++;
        continue;
      }
      let longest = 0;
      for (const m of here) longest = Math.max(longest, m.end);
      // Prefer the token as written over a clitic-stripped reading of the same length.
      const best = here.filter((m) => m.end === longest);
      const direct = best.filter((m) => m.via === tokens[i]!.norm);
      out.push(...(direct.length > 0 ? direct : best));
      i = longest;
    }
    return out;
  }

  private step(node: Node<T>, word: string): Node<T>[] {
    const res: Node<T>[] = [];
    const n = node.next?.get(word);
    if (n) res.push(n);
    node.stems?.prefixesOf(word, res);
    return res;
  }

  private walk(node: Node<T>, tokens: readonly Token[], start: number, pos: number, via: string, out: PhraseMatch<T>[]): void {
    if (node.terminals) {
      for (const term of node.terminals) {
        if (term.exact && !term.exact.every((e, k) => e === undefined || tokens[start + k]?.raw === e)) continue;
        out.push({ start, end: pos, value: term.value, via });
      }
    }
    const t = tokens[pos];
    // Phrases do not run across sentences.
    if (!t || t.sentence !== tokens[pos - 1]!.sentence) return;
    if (!node.next && !node.stems) return;
    for (const n of this.step(node, t.norm)) this.walk(n, tokens, start, pos + 1, via, out);
  }
}

/**
 * A lexicon term (topics, tone) as trie steps: a word or phrase, `stem*` for any word starting
 * with the stem, `=Word` for that exact case, and `|weight` (default 1).
 */
export function parseTerm(term: string): { steps: PhraseStep[]; weight: number } | undefined {
  const [text = '', w] = term.split('|');
  const weight = w === undefined ? 1 : Number(w);
  const steps: PhraseStep[] = [];
  for (const part of text.trim().split(/\s+/)) {
    const exact = part.startsWith('=');
    const stem = part.endsWith('*');
    const bare = part.replace(/^=/, '').replace(/\*$/, '');
    const toks = tokenize(bare);
    toks.forEach((t, k) => {
      const step: PhraseStep = { text: t.norm };
      if (stem && k === toks.length - 1) step.prefix = true;
      if (exact) step.exact = t.raw;
      steps.push(step);
    });
  }
  if (steps.length === 0 || !Number.isFinite(weight)) return undefined;
  return { steps, weight };
}
