import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { buildSearchBody, indexNames } from '@akhbar/search';

const Query = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 1000 })),
    lang: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(,[a-z]{2,3})*$' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);

const Hit = Type.Object({
  id: Type.String(),
  url: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  lang: Type.String(),
  dir: Type.String(),
  publishedAt: Type.String(),
  source: Type.Object({ id: Type.String(), name: Type.String(), domain: Type.String() }),
});

export const searchRoutes: FastifyPluginAsyncTypebox<{ indexPrefix: string }> = async (app, opts) => {
  const index = indexNames(opts.indexPrefix).read;
  app.get(
    '/v1/search',
    { schema: { querystring: Query, response: { 200: Type.Object({ total: Type.Integer(), hits: Type.Array(Hit) }) } } },
    async (req) => {
      const { q, lang, limit } = req.query;
      const body = buildSearchBody({ ...(q !== undefined ? { q } : {}), ...(lang ? { lang: lang.split(',') } : {}), limit });
      const res = await app.es.search<Record<string, unknown>>({ index, ...body });
      const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
      return {
        total,
        hits: res.hits.hits.map((h) => {
          const s = h._source as Record<string, any>;
          return {
            id: s.id, url: s.url, title: s.title, summary: s.summary ?? '', lang: s.lang, dir: s.dir ?? 'ltr', publishedAt: s.publishedAt,
            source: { id: s.source.id, name: s.source.name, domain: s.source.domain },
          };
        }),
      };
    },
  );
};
