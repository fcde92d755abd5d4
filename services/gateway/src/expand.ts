import type { EntityExpansion } from '@akhbar/search';

/**
 * Cross-lingual search: a query that names a known entity (any language, script or common
 * transliteration — the gazetteer of @akhbar/nlp knows them) also matches articles *tagged* with
 * that entity, whatever language they are written in. The rest of the query must still match.
 */

export interface KnownEntity {
  id: string;
  type: string;
  name: string;
  names?: Record<string, string>;
}

/** What the gateway needs from the gazetteer (implemented by @akhbar/nlp). */
export interface EntityLookup {
  find(text: string): KnownEntity[];
  get(id: string): KnownEntity | undefined;
}

export interface Expansion {
  expansion?: EntityExpansion;
  /** What the response reports: the entities the query was expanded to. */
  entities: KnownEntity[];
}

const OPERATOR = new Set(['AND', 'OR', 'NOT', '&&', '||', '+', '|', '-']);

/** The words of a query that must be present (negated words and operators taken out). */
export function positiveWords(q: string): string[] {
  const tokens = q.match(/"[^"]*"?|[^\s"]+/g) ?? [];
  const words: string[] = [];
  let negate = false;
  for (const tok of tokens) {
    if (tok === 'NOT') {
      negate = true;
      continue;
    }
    if (OPERATOR.has(tok)) continue;
    const t = tok.replace(/^[(+|]+/, '');
    if (negate || t.startsWith('-')) {
      negate = false;
      continue;
    }
    const clean = t.replace(/["()*]/g, ' ').trim();
    if (clean) words.push(...clean.split(/\s+/));
  }
  return words;
}

/**
 * Expand a query. A word belongs to an entity mention when taking it out of the query loses that
 * entity; the words that do not are the residual that tagged articles must still match. The
 * lookup is an in-memory gazetteer, so the few extra look-ups cost microseconds.
 */
export function expandQuery(q: string | undefined, lookup: EntityLookup | undefined, maxEntities = 5): Expansion {
  if (!q || !lookup) return { entities: [] };
  const words = positiveWords(q);
  if (words.length === 0 || words.length > 32) return { entities: [] };
  const found = dedupe(lookup.find(words.join(' '))).slice(0, maxEntities);
  if (found.length === 0) return { entities: [] };
  const ids = new Set(found.map((e) => e.id));
  const residual: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const without = [...words.slice(0, i), ...words.slice(i + 1)].join(' ');
    const still = new Set(lookup.find(without).map((e) => e.id));
    const partOfMention = [...ids].some((id) => !still.has(id));
    if (!partOfMention) residual.push(words[i]!);
  }
  const names = new Set<string>();
  for (const e of found) {
    names.add(e.name);
    for (const n of Object.values(e.names ?? {})) names.add(n);
  }
  return {
    entities: found,
    expansion: { ids: [...ids], residual: residual.join(' '), names: [...names].slice(0, 20) },
  };
}

function dedupe(list: KnownEntity[]): KnownEntity[] {
  const seen = new Set<string>();
  return list.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}
