import { toSimpleQuery } from './query.ts';

/**
 * The structure of a `q` as Elasticsearch's simple_query_string reads it, for the gateway's
 * cross-lingual expansion, which must widen each part of the query exactly where the text query
 * has it. Written by hand: simple_query_string is Lucene's SimpleQueryParser, whose reading no
 * JavaScript query parser shares (those follow the classic Lucene syntax, where AND binds tighter
 * than OR). SimpleQueryParser has no precedence at all: operators apply left to right, so
 * `a | b c` is `(a | b) c` while `a b | c` is `(a b) | c`; `-` may be repeated (an even count
 * cancels); an unclosed `(` or `"` is ignored and what follows is read on; `)` without its `(` is
 * ignored; `+`/`|` before anything, or after another operator, is ignored. The functions below
 * follow its parseSubQuery / consumeSubQuery / consumePhrase / consumeToken / buildQueryTree step
 * for step, with the flags Akhbar enables (no fuzzy `~` on words; `~N` after a phrase).
 */

export type QueryNode =
  | { kind: 'word'; text: string; raw: string }
  | { kind: 'phrase'; text: string; raw: string }
  | { kind: 'not'; node: QueryNode; raw: string }
  | { kind: 'and' | 'or'; nodes: QueryNode[]; raw: string };

type Op = 'and' | 'or';

interface State {
  s: string;
  i: number;
  end: number;
  top: QueryNode | undefined;
  current: Op | undefined;
  previous: Op | undefined;
  not: number;
}

const SPACE = new Set([' ', '\t', '\n', '\r']);
const finishesToken = (c: string) => c === '"' || c === '|' || c === '+' || c === '(' || c === ')' || SPACE.has(c);

function add(st: State, node: QueryNode): void {
  if (st.not % 2 === 1) node = { kind: 'not', node, raw: `-${node.raw}` };
  if (st.top === undefined) {
    st.top = node;
  } else {
    const op = st.current ?? 'and';
    // A change of operator makes what was read so far one clause of a new node (left to right).
    if (st.previous !== op) st.top = { kind: op, nodes: [st.top], raw: st.top.raw };
    const top = st.top as { kind: Op; nodes: QueryNode[]; raw: string };
    top.nodes.push(node);
    top.raw = `${top.raw} ${op === 'or' ? '| ' : ''}${node.raw}`;
    st.previous = op;
  }
  st.current = undefined;
}

function parseSub(st: State): void {
  while (st.i < st.end) {
    const c = st.s[st.i]!;
    if (c === '(') subQuery(st);
    else if (c === ')') st.i++;
    else if (c === '"') phrase(st);
    else if (c === '+' || c === '|') {
      if (st.current === undefined && st.top !== undefined) st.current = c === '+' ? 'and' : 'or';
      st.i++;
    } else if (c === '-') {
      st.not++;
      st.i++;
      continue;
    } else if (SPACE.has(c)) st.i++;
    else token(st);
    st.not = 0;
  }
}

function subQuery(st: State): void {
  const start = ++st.i;
  let depth = 1;
  let escaped = false;
  for (; st.i < st.end; st.i++) {
    if (escaped) {
      escaped = false;
      continue;
    }
    const c = st.s[st.i];
    if (c === '\\') escaped = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) break;
  }
  if (st.i >= st.end) {
    st.i = start; // never closed: the "(" is ignored
  } else if (st.i === start) {
    st.current = undefined; // "()": nothing, and the operator before it is dropped
    st.i++;
  } else {
    const inner: State = { s: st.s, i: start, end: st.i, top: undefined, current: undefined, previous: undefined, not: 0 };
    parseSub(inner);
    st.i++;
    if (inner.top) add(st, { ...inner.top, raw: `(${inner.top.raw})` });
  }
}

/**
 * Read from st.i up to the first unescaped character `stop` accepts (or the end), a backslash
 * escaping the character after it; st.i is left on that character. The text read, escapes removed.
 */
function readUntil(st: State, stop: (c: string) => boolean): string {
  let text = '';
  let escaped = false;
  for (; st.i < st.end; st.i++) {
    const c = st.s[st.i]!;
    if (!escaped) {
      if (c === '\\') {
        escaped = true;
        continue;
      }
      if (stop(c)) break;
    }
    escaped = false;
    text += c;
  }
  return text;
}

function phrase(st: State): void {
  const open = st.i;
  const start = ++st.i;
  const text = readUntil(st, (c) => c === '"');
  if (st.i >= st.end) {
    st.i = start; // never closed: the quote is ignored
    return;
  }
  if (st.i === start) {
    st.current = undefined;
    st.i++;
    return;
  }
  // `"…"~N`: the slop runs to where a token would end, and that character is passed over too.
  let slop = false;
  if (st.i + 1 < st.end && st.s[st.i + 1] === '~') {
    st.i++;
    slop = st.i + 1 < st.end;
  }
  if (slop) {
    st.i++;
    while (st.i < st.end && !finishesToken(st.s[st.i]!)) st.i++;
  }
  const raw = st.s.slice(open, slop ? st.i : st.i + 1);
  st.i++;
  add(st, { kind: 'phrase', text, raw });
}

function token(st: State): void {
  const start = st.i;
  const text = readUntil(st, finishesToken);
  if (text.length > 0) add(st, { kind: 'word', text, raw: st.s.slice(start, st.i) });
}

/** A q (Akhbar's query language: AND/OR/NOT words too) as simple_query_string reads it; undefined when it holds nothing to search. */
export function parseQuery(q: string): QueryNode | undefined {
  const s = toSimpleQuery(q);
  const st: State = { s, i: 0, end: s.length, top: undefined, current: undefined, previous: undefined, not: 0 };
  parseSub(st);
  return st.top;
}

/** One conjunction of a query's disjunctive normal form. */
export interface QueryBranch {
  /** Words that must be present (a phrase's words one by one, without `*` or `~N`). */
  positive: string[];
  /** What the branch excludes, as simple_query_string text (`-x`, `-"a b"`, `-(a | b)`). */
  negative: string[];
  /** The excluded words and phrases (not groups): names whose articles the branch leaves out. */
  excluded: string[];
}

const wordsOf = (text: string) => text.replace(/\*/g, ' ').split(/\s+/).filter(Boolean);

/**
 * The query as OR-ed conjunctions (its disjunctive normal form): `(a | b) c` → [a c], [b c].
 * undefined when it would take more than `max` branches (AND over ORs multiplies them).
 */
export function queryBranches(q: string, max = 8): QueryBranch[] | undefined {
  const root = parseQuery(q);
  if (!root) return [];
  const dnf = (n: QueryNode): QueryBranch[] | undefined => {
    switch (n.kind) {
      case 'word':
      case 'phrase':
        return [{ positive: wordsOf(n.text), negative: [], excluded: [] }];
      case 'not': {
        const inner = n.node;
        const excluded = inner.kind === 'word' || inner.kind === 'phrase' ? [inner.text] : [];
        return [{ positive: [], negative: [n.raw], excluded }];
      }
      case 'or': {
        const out: QueryBranch[] = [];
        for (const c of n.nodes) {
          const b = dnf(c);
          if (!b || out.length + b.length > max) return undefined;
          out.push(...b);
        }
        return out;
      }
      case 'and': {
        let out: QueryBranch[] = [{ positive: [], negative: [], excluded: [] }];
        for (const c of n.nodes) {
          const b = dnf(c);
          if (!b || out.length * b.length > max) return undefined;
          out = out.flatMap((x) => b.map((y) => ({ positive: [...x.positive, ...y.positive], negative: [...x.negative, ...y.negative], excluded: [...x.excluded, ...y.excluded] })));
        }
        return out;
      }
    }
  };
  return dnf(root);
}

/**
 * A query's reading written out for people: every AND, OR and NOT spelt, each group the parser
 * made in parentheses — `Kadhimi OR Sudani Washington` → `(Kadhimi OR Sudani) AND Washington`.
 * undefined when q holds nothing to search.
 */
export function queryReading(q: string): string | undefined {
  const write = (n: QueryNode, inner: boolean): string => {
    switch (n.kind) {
      case 'word':
      case 'phrase':
        return n.raw;
      case 'not':
        return `NOT ${write(n.node, true)}`;
      case 'and':
      case 'or': {
        const s = n.nodes.map((c) => write(c, true)).join(n.kind === 'and' ? ' AND ' : ' OR ');
        return inner ? `(${s})` : s;
      }
    }
  };
  const root = parseQuery(q);
  return root && write(root, false);
}
