import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { F, entityBody } from '@akhbar/search';
import { notFound } from '../errors.ts';
import { EntityOut, totalOf } from '../present.ts';
import { IdParams, expandedFilters, officesNamed } from '../params.ts';
import { ProfileOut, ProfileQuery, presentProfile, profileNow } from '../profile.ts';

/**
 * Entities in the news: an entity's page (`/v1/entities/:id`: who or what it is, in every language,
 * and how the articles tagged with it look — volume, first and last seen, tone, languages,
 * sources, topics, who and what is named with it, its newest articles), and the lookup from a
 * name in any language or script to the entities it names (`/v1/entities?name=`).
 */

const EntityInfo = Type.Composite([
  EntityOut,
  Type.Object({
    country: Type.Optional(Type.String({ description: 'ISO 3166-1 alpha-2: the country itself, or the one the place, person or organisation belongs to' })),
    location: Type.Optional(Type.Object({ lat: Type.Number(), lon: Type.Number() })),
    wikidata: Type.Optional(Type.String({ description: 'Its Wikidata page, for ids that are Wikidata QIDs' })),
    offices: Type.Optional(Type.Array(Type.Object({
      office: Type.String({ description: 'The office\'s id (us-president, iq-foreign-minister …)' }),
      name: Type.String(),
      names: Type.Record(Type.String(), Type.String(), { description: 'The office\'s name per language' }),
      from: Type.String({ format: 'date' }),
      to: Type.Optional(Type.String({ format: 'date', description: 'The day the term ended (exclusive); absent: still held, as the gazetteer\'s data knows' })),
    }), { description: 'A person\'s offices and terms: an article naming the office alone ("Iraq\'s foreign minister", «رئيس الوزراء العراقي») is tagged with whoever held it the day it was published' })),
  }),
]);

const wikidataUrl = (id: string) => (/^Q\d+$/.test(id) ? { wikidata: `https://www.wikidata.org/wiki/${id}` } : {});

const OfficeOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  names: Type.Record(Type.String(), Type.String()),
  country: Type.Optional(Type.String()),
  of: Type.Optional(Type.String({ description: 'The entity its title names besides the holder (an organisation, a region); default its country' })),
  titles: Type.Array(Type.String(), { description: 'How the press names it: an article naming one is tagged with the holder of its publication day' }),
  generic: Type.Optional(Type.Array(Type.String(), { description: 'Titles without a country or body (رئيس الحكومة, the prime minister, the secretary-general) that other offices share: in an article, the holder when it names one who held the office, else when it is about the office\'s country (its source\'s when the text names it, else the one it names most) or names its body' })),
  holders: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), from: Type.String({ format: 'date' }),
    to: Type.Optional(Type.String({ format: 'date', description: 'Exclusive; absent: still held, as the gazetteer\'s data knows' })),
  })),
});

export const entityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/offices',
    {
      schema: {
        tags: ['articles'],
        summary: 'The offices the gazetteer knows, their titles and who held them when (office= filters by them)',
        querystring: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'Only the offices a title names, in any language (Iraqi prime minister, رئيس الوزراء العراقي), or an office id' })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ offices: Type.Array(OfficeOut) }) },
      },
    },
    async (req, reply) => {
      const name = req.query.name?.trim();
      const offices = name === undefined ? (app.entities?.offices?.() ?? []) : officesNamed(name, app.entities);
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      return { offices };
    },
  );

  app.get(
    '/v1/entities',
    {
      schema: {
        tags: ['articles'],
        summary: 'The known people, organisations, places and countries a name (or a text) names, in any language or spelling',
        querystring: Type.Object({ name: Type.String({ minLength: 1, maxLength: 300, description: 'A name or a short text (Kadhimi, الكاظمي, al-Kazimi, "the premier in Baghdad"), or an entity id (Q1530), as near= takes them' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ entities: Type.Array(EntityInfo) }) },
      },
    },
    async (req, reply) => {
      const byId = app.entities?.get(req.query.name.trim());
      // An office's title names whoever holds it today ("Iraqi prime minister", «وزير الخارجية الإيراني»).
      const found = byId ? [byId] : (app.entities?.find(req.query.name, new Date()) ?? []).map((e) => app.entities?.get(e.id) ?? e);
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      return {
        entities: found.map((e) => {
          const at = app.entities?.place?.(e.id);
          return { ...e, ...(at ? { location: at.location } : {}), ...wikidataUrl(e.id) };
        }),
      };
    },
  );

  app.get(
    '/v1/entities/:id',
    {
      schema: {
        tags: ['articles'],
        summary: 'An entity in the news: its names, and the articles tagged with it — volume, first and last seen, tone, languages, sources, topics, related people, organisations and places, newest articles',
        description: 'Any search filter narrows the articles counted (from/to for a period, lang, source, q…). 404 AKHBAR_NOT_FOUND when the id is neither known nor on any article.',
        params: IdParams,
        querystring: Type.Object(ProfileQuery, { additionalProperties: false }),
        response: {
          200: Type.Object({ entity: EntityInfo, ...ProfileOut, expandedEntities: Type.Array(EntityOut) }),
        },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      const q = req.query;
      const { filters, entities } = expandedFilters(q, app.entities, app.collections);
      const res = await app.esTimed('entity', () =>
        app.es.search(
          { index: app.gw.index, ...entityBody(id, { ...filters, timeoutMs: app.gw.esTimeoutMs }, { size: q.limit, articles: q.articles, now: profileNow() }), request_cache: true },
          { requestTimeout: app.gw.esTimeoutMs + 1_000 },
        ),
      );
      const total = totalOf(res.hits.total).total;
      let known = app.entities?.get(id);
      if (!known && total === 0) {
        // Not in the gazetteer (an entity from a since-removed entities file?) and not on the filtered articles: on any?
        const any = await app.esTimed('entity', () => app.es.count({ index: app.gw.index, query: { term: { [F.entityIds]: id } } }, { requestTimeout: app.gw.esTimeoutMs }));
        if (any.count === 0) throw notFound(`no entity with id ${id}`);
      }
      if (!known) {
        // Unknown to this gateway's gazetteer: named as its newest article names it.
        const tagged = (res.hits.hits[0]?._source as { entities?: Array<{ id: string; type: string; name: string }> } | undefined)?.entities?.find((e) => e.id === id);
        known = { id, type: tagged?.type ?? 'unknown', name: tagged?.name ?? id };
      }
      const at = app.entities?.place?.(id);
      reply.header('cache-control', `public, max-age=${String(app.gw.cacheMaxAgeSec)}`);
      return {
        entity: { ...known, ...(at ? { location: at.location } : {}), ...wikidataUrl(id) },
        ...(await presentProfile(app, res, q.names)),
        expandedEntities: entities,
      };
    },
  );
};
