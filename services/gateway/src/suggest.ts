import { Type, type Static } from '@fastify/type-provider-typebox';
import { normalizeText } from '@akhbar/nlp';
import { nameTails } from '@akhbar/search';
import { EntityOut } from './present.ts';

/** One answer of GET /v1/suggest (its response schema, and the type presentSuggestions returns). */
export const Suggestion = Type.Object({
  text: Type.String(),
  kind: Type.Union([Type.Literal('title'), Type.Literal('entity')]),
  articleId: Type.Optional(Type.String({ description: 'For a title: the article it belongs to' })),
  entity: Type.Optional(EntityOut),
});
type Suggestion = Static<typeof Suggestion>;
type SuggestEntity = Static<typeof EntityOut>;

/** One option of Elasticsearch's completion suggester, with the parts of `_source` the gateway asks for. */
export interface CompletionOption {
  text: string;
  _source?: { id?: string; entities?: SuggestEntity[] };
}

/**
 * The entity a completion came from (its text is one of the entity's names, or a tail of one,
 * see nameTails) and the name to show: the whole name in the spelling that was being typed, the
 * entity's main name first ("Ira" shows "Iraq", "Irak" shows "Irak", "Trump" shows "Donald
 * Trump", "ترامب" shows "دونالد ترامب"). `exact` is false when no spelling starts with what was
 * typed — the suggester matched it with one typo allowed — and the matched name is shown whole.
 */
function entityFor(entities: SuggestEntity[] | undefined, text: string, typed: string): { entity: SuggestEntity; text: string; exact: boolean } | undefined {
  for (const entity of entities ?? []) {
    const forms = [...new Set([entity.name, ...Object.values(entity.names ?? {})])];
    const matched = forms.find((f) => nameTails(f).includes(text));
    if (matched === undefined) continue;
    const shown = forms.find((f) => nameTails(f).some((tail) => normalizeText(tail).startsWith(typed)));
    return { entity, text: shown ?? matched, exact: shown !== undefined };
  }
  return undefined;
}

/**
 * Completion options → suggestions: each entity once, titles once, and what starts with the
 * typed prefix before what the suggester found with a typo (it scores both alike, so "الكا"
 * listed "إلكتريك", one letter off, before "الكاظمي"). Spellings are compared as the taggers
 * fold them (case, accents, harakat, alef/yeh/heh forms).
 */
export function presentSuggestions(options: readonly CompletionOption[], prefix: string): Suggestion[] {
  const typed = normalizeText(prefix);
  const seen = new Set<string>();
  const exact: Suggestion[] = [];
  const near: Suggestion[] = [];
  for (const o of options) {
    const src = o._source ?? {};
    const hit = entityFor(src.entities, o.text, typed);
    const key = hit ? `e:${hit.entity.id}` : `t:${o.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (hit) {
      const { id, type, name, names } = hit.entity;
      (hit.exact ? exact : near).push({ text: hit.text, kind: 'entity', entity: { id, type, name, ...(names ? { names } : {}) } });
    } else {
      (normalizeText(o.text).startsWith(typed) ? exact : near).push({ text: o.text, kind: 'title', ...(src.id ? { articleId: src.id } : {}) });
    }
  }
  return [...exact, ...near];
}
