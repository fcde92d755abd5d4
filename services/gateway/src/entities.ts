import { findEntities, getEntity } from '@akhbar/nlp';
import type { EntityLookup, KnownEntity } from './expand.ts';

/** The gazetteer of @akhbar/nlp (the same one enrichment tags articles with) as the gateway's lookup. */
export function defaultEntityLookup(): EntityLookup {
  const strip = (e: { id: string; type: string; name: string; names?: Record<string, string> | undefined }): KnownEntity => ({
    id: e.id,
    type: e.type,
    name: e.name,
    ...(e.names ? { names: e.names } : {}),
  });
  return {
    find: (text) => findEntities(text).map(strip),
    get: (id) => {
      const e = getEntity(id);
      return e ? strip(e) : undefined;
    },
  };
}

export type { EntityLookup };
