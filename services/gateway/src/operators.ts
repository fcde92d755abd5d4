import { queryTokens } from '@akhbar/search';
import { badParam } from './errors.ts';
import { listValue } from './lists.ts';

/**
 * Filters written into `q`, as GDELT's and Media Cloud's query boxes take them: `lang:ar`,
 * `domain:example.com`, `-domain:spam.example`, `author:"Rana Haddad"`, `tone<-2`, `from:now-7d`,
 * `in:title`, `edited:title`.
 * Each becomes the URL parameter of the same name, so a query typed into one box (the web UI's,
 * an alert's, a feed reader's URL) can carry its filters. Only known keys with a value are read;
 * any other `word:word` stays text. Hand-written: it reads the query language's own tokens
 * (queryTokens), which no query-string library knows.
 */

interface Operator {
  /** The filter parameter it sets. */
  param: string;
  /** The parameter a `-key:` sets, for the keys that can leave things out. */
  exclude?: string;
  pattern: RegExp;
  /** The value as the parameter takes it. */
  norm?: (v: string) => string;
  /** A country: its name in any language is taken too (country:Iraq, country:العراق → IQ). */
  country?: boolean;
}

/** A name or id: anything up to 128 characters (one holding a comma is quoted in its parameter). */
const NAME = /^.{1,128}$/s;
const CODE2 = /^[A-Za-z]{2}$/;
const DOMAIN = /^[A-Za-z0-9.:-]{1,253}$/;
const DATE = /^[0-9A-Za-z:.+\-/|]{3,40}$/;

/** Keys in lower case (a reader may type `Lang:` or `sourceCountry:`); a Map, so `constructor:` is no key. */
const OPERATORS = new Map<string, Operator>(Object.entries({
  lang: { param: 'lang', pattern: /^[A-Za-z]{2,3}$/, norm: (v) => v.toLowerCase() },
  source: { param: 'source', exclude: 'excludeSource', pattern: NAME },
  domain: { param: 'domain', exclude: 'excludeDomain', pattern: DOMAIN },
  country: { param: 'country', pattern: CODE2, country: true },
  sourcecountry: { param: 'sourceCountry', pattern: CODE2, country: true },
  topic: { param: 'topic', pattern: NAME },
  entity: { param: 'entity', pattern: NAME },
  author: { param: 'author', pattern: NAME },
  category: { param: 'category', pattern: NAME },
  collection: { param: 'collection', pattern: NAME },
  story: { param: 'story', pattern: /^[A-Za-z0-9_-]{1,64}$/ },
  // An office across its holders, as office=: office:iq-prime-minister, office:"Iraqi prime minister".
  office: { param: 'office', pattern: NAME },
  // Where the words must be, as in=: in:title searches headlines only (in:title in:summary, either).
  in: { param: 'in', pattern: /^(?:title|summary|body)$/i, norm: (v) => v.toLowerCase() },
  // Articles their sites edited, as edited=: edited:title (the headline changed), edited:any.
  edited: { param: 'edited', pattern: /^(?:title|summary|body|any)$/i, norm: (v) => v.toLowerCase() },
  from: { param: 'from', pattern: DATE },
  to: { param: 'to', pattern: DATE },
} satisfies Record<string, Operator>));
/** Parameters that take one value (the others take a list: a key written twice is OR-ed). */
const SINGLE = new Set(['from', 'to', 'toneMin', 'toneMax']);

const OPERATOR = /^(-?)([A-Za-z]+):(.*)$/s;
const TONE = /^tone(<=?|>=?)([+-]?\d{1,3}(?:\.\d{1,3})?)$/i;
const isOr = (tok: string | undefined) => tok === 'OR' || tok === '||';
const isAnd = (tok: string | undefined) => tok === 'AND' || tok === '&&';

export interface QueryFilters {
  /** What is left of q: the text to match (undefined when q was filters only). */
  text: string | undefined;
  /** Filter parameters, as their URL parameters write them (lists comma-joined, quoted where a value holds a comma). */
  params: Record<string, string>;
  /** The operator tokens as written, to put back after the text (a corrected "did you mean"). */
  written: string[];
  /** Each filter as read, in the order written: its parameter, its value as that takes it, and its token as written. */
  items: Array<{ param: string; value: string; written: string }>;
}

export interface QueryFilterOptions {
  /** The parameter q came in, for errors. @default 'q' */
  param?: string;
  /** A country's ISO code from its name in any language (the gazetteer), for country: and sourcecountry:. */
  countryCode?: (name: string) => string | undefined;
}

/**
 * `q` → its text and the filters written into it; undefined when it has none. A malformed one
 * (an empty or invalid value, a filter inside parentheses or OR-ed with words, a `-key:` for a
 * filter that cannot leave things out, a one-value filter twice) is a 400 naming q.
 */
export function filtersInQuery(q: string | undefined, opts: QueryFilterOptions = {}): QueryFilters | undefined {
  const param = opts.param ?? 'q';
  if (!q || (!q.includes(':') && !/tone[<>]/i.test(q))) return undefined;
  const tokens = queryTokens(q);
  const lists = new Map<string, string[]>();
  const written: string[] = [];
  const items: QueryFilters['items'] = [];
  const kept: string[] = [];
  const set = (filter: string, value: string, as: string) => {
    const values = lists.get(filter) ?? [];
    if (SINGLE.has(filter) && values.length > 0) throw badParam(param, `${param} gives ${as} twice`);
    values.push(value);
    lists.set(filter, values);
    items.push({ param: filter, value, written: written.at(-1)! });
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const tone = TONE.exec(tok);
    const m = tone ? null : OPERATOR.exec(tok);
    const op = m ? OPERATORS.get(m[2]!.toLowerCase()) : undefined;
    if (!tone && !op) {
      // `(lang:ar` or `lang:ar)`: a filter inside a group, which it cannot be.
      const bare = tok.replace(/^[(+-]+/, '').replace(/\)+$/, '');
      const inner = bare !== tok ? OPERATOR.exec(bare) : null;
      if (inner && OPERATORS.has(inner[2]!.toLowerCase()) && inner[3]) throw badParam(param, `${bare} in ${param} filters the whole query: it cannot stand inside parentheses`);
      kept.push(tok);
      continue;
    }
    let raw = tok;
    let value = tone ? tone[2]! : m![3]!;
    // author:"Rana Haddad": the value is the phrase that follows.
    if (!tone && value === '' && tokens[i + 1]?.startsWith('"')) {
      const phrase = tokens[++i]!;
      raw += phrase;
      value = phrase.replace(/^"/, '').replace(/"$/, '');
    }
    value = value.trim();
    const name = tone ? 'tone' : m![2]!;
    // "Source: Reuters says…": a key with nothing joined to it is a word, not a filter.
    if (value === '' && raw === tok) {
      kept.push(tok);
      continue;
    }
    if (value === '') throw badParam(param, `${name}: in ${param} needs a value, e.g. ${name}:"…"`);
    if (isOr(kept.at(-1)) || isOr(tokens[i + 1])) {
      throw badParam(param, `${raw} in ${param} filters the whole query: it cannot be OR-ed (write the key twice for either value, e.g. lang:ar lang:en)`);
    }
    // `Kadhimi AND lang:ar`: the AND joins nothing once the filter is out.
    if (isAnd(kept.at(-1))) kept.pop();
    else if (isAnd(tokens[i + 1])) i++;
    let negated = m?.[1] === '-';
    if (kept.at(-1) === 'NOT') {
      negated = true;
      kept.pop();
    }
    written.push(negated && !raw.startsWith('-') ? `-${raw}` : raw);
    if (tone) {
      if (negated) throw badParam(param, `${raw} in ${param} cannot be negated`);
      const n = Number(value);
      if (n < -100 || n > 100) throw badParam(param, `tone in ${param} runs from -100 to 100 (got ${value})`);
      set(tone[1]!.startsWith('<') ? 'toneMax' : 'toneMin', value, `tone${tone[1]!}`);
      continue;
    }
    if (negated && !op!.exclude) throw badParam(param, `-${name}: in ${param}: only source and domain can be left out this way`);
    if (!op!.pattern.test(value)) {
      const code = op!.country ? opts.countryCode?.(value) : undefined;
      if (!code) throw badParam(param, `${name}:${value.slice(0, 60)} in ${param} is not a valid ${op!.param} value${op!.country ? ' (a two-letter code, or a country Akhbar knows by name)' : ''}`);
      value = code;
    }
    set(negated ? op!.exclude! : op!.param, op!.norm ? op!.norm(value) : value, `${name}:`);
  }
  if (written.length === 0) return undefined;
  const params: Record<string, string> = {};
  for (const [filter, values] of lists) params[filter] = SINGLE.has(filter) ? values[0]! : values.map(listValue).join(',');
  const text = kept.join(' ').trim();
  return { text: text === '' ? undefined : text, params, written, items };
}
