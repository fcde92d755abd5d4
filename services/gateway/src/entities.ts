import { findEntities, gazetteer, getEntity, surnamesOf, tokenize } from '@akhbar/nlp';
import type { EntityLookup, KnownEntity, LocatedEntity } from './expand.ts';

/** The gazetteer of @akhbar/nlp (the same one enrichment tags articles with) as the gateway's lookup. */
export function defaultEntityLookup(): EntityLookup {
  const strip = (e: { id: string; type: string; name: string; names?: Record<string, string> | undefined; country?: string | undefined; offices?: KnownEntity['offices'] }): KnownEntity => ({
    id: e.id,
    type: e.type,
    name: e.name,
    ...(e.names ? { names: e.names } : {}),
    ...(e.country ? { country: e.country } : {}),
    ...(e.offices?.length ? { offices: e.offices } : {}),
  });
  const forms = new Map<string, ReadonlySet<string>>();
  const mentions = new Map<string, string[]>();
  const known = new Map<string, KnownEntity | undefined>();
  const located = (e: { id: string; type: string; name: string; names?: Record<string, string> | undefined; country?: string | undefined; location?: LocatedEntity['location'] | undefined }): LocatedEntity | undefined =>
    e.location ? { ...strip(e), location: e.location } : undefined;
  let allLocated: { size: number; list: LocatedEntity[] } | undefined;
  let surnames: { size: number; index: Map<string, KnownEntity[]> } | undefined;
  return {
    find: (text, at) => findEntities(text, at ? { at } : {}).map(strip),
    mentionForms: (id) => {
      let f = forms.get(id);
      if (!f) {
        const e = getEntity(id);
        const all = e ? [e.name, ...Object.values(e.names ?? {}), ...e.aliases] : [];
        f = new Set(all.flatMap((n) => tokenize(n).map((t) => t.norm)));
        if (forms.size > 10_000) forms.clear();
        forms.set(id, f);
      }
      return f;
    },
    wordForms: (word) => tokenize(word).map((t) => t.norm),
    mentions: (id) => {
      let m = mentions.get(id);
      if (!m) {
        const e = getEntity(id);
        m = e ? [...new Set([e.name, ...Object.values(e.names ?? {}), ...e.aliases])].slice(0, 40) : [];
        if (mentions.size > 10_000) mentions.clear();
        mentions.set(id, m);
      }
      return m;
    },
    place: (text) => {
      const byId = getEntity(text);
      if (byId) return located(byId);
      for (const e of findEntities(text)) {
        const l = located(e);
        if (l) return l;
      }
      return undefined;
    },
    bySurname: (word) => {
      const g = gazetteer();
      if (surnames?.size !== g.size) {
        const index = new Map<string, KnownEntity[]>();
        for (const e of g.all()) if (e.type === 'person') for (const s of surnamesOf(e)) index.set(s, [...(index.get(s) ?? []), strip(e)]);
        surnames = { size: g.size, index };
      }
      const words = tokenize(word);
      return words.length === 1 ? (surnames.index.get(words[0]!.norm) ?? []) : [];
    },
    office: (id) => gazetteer().office(id),
    officesIn: (text) => gazetteer().officesIn(text),
    offices: () => gazetteer().allOffices(),
    // Built once (the gazetteer only grows when a user's entities are registered at start-up).
    located: () => {
      const g = gazetteer();
      if (allLocated?.size !== g.size) allLocated = { size: g.size, list: g.all().flatMap((e) => located(e) ?? []) };
      return allLocated.list;
    },
    // Every hit's entities are looked up (their names in other languages), and the gazetteer
    // builds a fresh copy per call: answers are kept, shared and never mutated by callers. The
    // gazetteer does not change while the process runs; the bound only guards against junk ids.
    get: (id) => {
      if (known.has(id)) return known.get(id);
      const e = getEntity(id);
      const out = e ? strip(e) : undefined;
      if (known.size < 50_000) known.set(id, out);
      return out;
    },
  };
}

export type { EntityLookup };
