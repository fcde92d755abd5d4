import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/**
 * OpenAPI 3 from the routes' own JSON schemas (one source of truth for validation and docs):
 * the spec at /docs/json (and /docs/yaml), Swagger UI at /docs. Untagged routes (the queue
 * dashboard's internals) are left out.
 */
export const docsPlugin = fp(async (app) => {
  await app.register(swagger, {
    hideUntagged: true,
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Akhbar API',
        version: '1',
        description: 'Multilingual (Arabic-first) news search: search, facets, timelines, trending, stories, search as RSS/Atom, feed administration.',
      },
      tags: [
        { name: 'search', description: 'Search and search-as-a-feed' },
        { name: 'articles', description: 'Articles, related articles, stories, suggestions' },
        { name: 'stats', description: 'Dashboards: timelines, top values, trending' },
        { name: 'feeds', description: 'Feed administration (admin token)' },
        { name: 'alerts', description: 'Saved searches that call a webhook for each new matching article (admin token)' },
        { name: 'ops', description: 'Health, readiness, metrics' },
      ],
      components: {
        securitySchemes: {
          admin: { type: 'http', scheme: 'bearer', description: 'AKHBAR_ADMIN_TOKEN' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'One of AKHBAR_API_KEYS (only when configured)' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { docExpansion: 'list', deepLinking: true } });
}, { name: 'akhbar-docs' });
