import type { OfficeInfo, OfficeTerm } from '@akhbar/nlp';
import type { GeoPoint } from '@akhbar/core';
import { queryBranches, type EntityAlternative, type EntityExpansion } from '@akhbar/search';

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
  /** ISO 3166-1 alpha-2: the country itself, or the one the place, person or organisation belongs to. */
  country?: string;
  /** The offices a person held and when (`to` absent: still), as the gazetteer's data has them. */
  offices?: OfficeTerm[];
}

/** An office and who held it when: the gazetteer's own shape. */
export type { OfficeInfo };

/** A place or country with its point on the map. */
export interface LocatedEntity extends KnownEntity {
  location: GeoPoint;
}

/** What the gateway needs from the gazetteer (implemented by @akhbar/nlp). */
export interface EntityLookup {
  /** The entities a text names; `at` (a day) makes an office's title its holder that day ("Iraq's foreign minister"). */
  find(text: string, at?: Date): KnownEntity[];
  get(id: string): KnownEntity | undefined;
  /** Normalised word forms of every name and alias of an entity (for telling mention words apart). */
  mentionForms?(id: string): ReadonlySet<string>;
  /** The normalised forms of a query word (the same normalisation as mentionForms). */
  wordForms?(word: string): string[];
  /** The names and aliases of an entity as written, every language (a title-only search looks for them). */
  mentions?(id: string): string[];
  /** A place or country by id, else the first one named in the text (`near=Baghdad`). */
  place?(idOrName: string): LocatedEntity | undefined;
  /** Every entity with a point (places and countries), for maps. */
  located?(): readonly LocatedEntity[];
  /** The people a surname alone names ("Sudani", "السوداني"): what a reader types for a speaker. */
  bySurname?(word: string): KnownEntity[];
  /** An office by id, with each holder's term. */
  office?(id: string): OfficeInfo | undefined;
  /** The offices whose titles a text names ("Iraqi prime minister"). */
  officesIn?(text: string): string[];
  /** Every office. */
  offices?(): OfficeInfo[];
}

export interface Expansion {
  expansion?: EntityExpansion;
  /** What the response reports: the entities the query was expanded to. */
  entities: KnownEntity[];
}

/** The words of a query that must be present (negated words and operators taken out). */
export function positiveWords(q: string): string[] {
  return (queryBranches(q) ?? []).flatMap((b) => b.positive);
}

/**
 * Expand a query. Per OR-branch: the entities its words name, and the residual that tagged
 * articles must still match (the words that are not part of a mention, and every exclusion). A
 * word belongs to a mention when taking it out loses that entity. The lookup is an in-memory
 * gazetteer, so the few extra look-ups cost microseconds.
 */
export function expandQuery(q: string | undefined, lookup: EntityLookup | undefined, maxEntities = 5): Expansion {
  if (!q || !lookup) return { entities: [] };
  // Per branch of the query as Elasticsearch reads it (left to right, groups multiplied out):
  // `(Kadhimi OR Sudani) Washington` is two branches, each expanded on its own.
  const all = queryBranches(q, 8);
  if (!all) return { entities: [] };
  const parts = all.filter((b) => b.positive.length > 0);
  const entities = new Map<string, KnownEntity>();
  const alternatives: EntityAlternative[] = [];
  for (const b of parts) {
    const words = b.positive;
    if (words.length > 32) continue;
    const found = dedupe(lookup.find(words.join(' '))).slice(0, maxEntities);
    if (found.length === 0) continue;
    const ids = found.map((e) => e.id);
    const forms = ids.map((id) => lookup.mentionForms?.(id));
    const residual: string[] = [];
    const mentions = lookup.mentions ? ids.map((id) => lookup.mentions!(id)) : undefined;
    for (let i = 0; i < words.length; i++) {
      // Chinese is written without spaces: "卡迪米访问" is one word naming al-Kadhimi and saying
      // "visit". The name's Han spellings are cut out of it; what is left must still match.
      if (HAN.test(words[i]!) && mentions) {
        const rest = hanResidual(words[i]!, mentions.flat());
        if (rest !== words[i]) {
          residual.push(...rest.split(/\s+/).filter(Boolean));
          continue;
        }
      }
      const still = new Set(lookup.find([...words.slice(0, i), ...words.slice(i + 1)].join(' ')).map((e) => e.id));
      const needed = !ids.every((id) => still.has(id));
      // A redundant word of a longer name ("Mustafa" in "Mustafa al-Kadhimi") is part of the mention too.
      const w = lookup.wordForms?.(words[i]!) ?? [];
      const inName = w.length > 0 && forms.some((f) => f !== undefined && w.every((x) => f.has(x)));
      if (!needed && !inName) residual.push(words[i]!);
    }
    alternatives.push({ ids, residual: [...residual, ...b.negative].join(' '), ...(mentions ? { mentions } : {}) });
    for (const e of found) entities.set(e.id, e);
  }
  // Excluded names leave out the articles tagged with them too — those every branch excludes
  // (`a -x`, `(a OR b) -x`); an exclusion of one OR-branch only stays in that branch's residual.
  const excluded = (b: (typeof all)[number]) => new Set(dedupe(b.excluded.flatMap((n) => lookup.find(n))).map((e) => e.id));
  const common = all.length > 0 ? all.map(excluded).reduce((a, b) => new Set([...a].filter((id) => b.has(id)))) : new Set<string>();
  const excludeIds = [...common];
  if (alternatives.length === 0 && excludeIds.length === 0) return { entities: [] };
  const names = new Set<string>();
  for (const e of entities.values()) {
    names.add(e.name);
    for (const n of Object.values(e.names ?? {})) names.add(n);
  }
  return {
    entities: [...entities.values()],
    expansion: { alternatives, names: [...names].slice(0, 20), ...(excludeIds.length > 0 ? { excludeIds } : {}) },
  };
}

const HAN = /\p{Script=Han}/u;

/** A Han-script word without the Han names in `names` (longest first), the pieces left apart. */
function hanResidual(word: string, names: readonly string[]): string {
  let rest = word;
  for (const n of [...names].filter((x) => HAN.test(x)).sort((a, b) => b.length - a.length)) rest = rest.split(n).join(' ');
  return rest.trim();
}

function dedupe(list: KnownEntity[]): KnownEntity[] {
  const seen = new Set<string>();
  return list.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}
