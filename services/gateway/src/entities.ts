import { findEntities, getEntity, tokenize } from '@akhbar/nlp';
import type { EntityLookup, KnownEntity } from './expand.ts';

/** The gazetteer of @akhbar/nlp (the same one enrichment tags articles with) as the gateway's lookup. */
export function defaultEntityLookup(): EntityLookup {
  const strip = (e: { id: string; type: string; name: string; names?: Record<string, string> | undefined }): KnownEntity => ({
    id: e.id,
    type: e.type,
    name: e.name,
    ...(e.names ? { names: e.names } : {}),
  });
  const forms = new Map<string, ReadonlySet<string>>();
  return {
    find: (text) => findEntities(text).map(strip),
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
    get: (id) => {
      const e = getEntity(id);
      return e ? strip(e) : undefined;
    },
  };
}

export type { EntityLookup };
