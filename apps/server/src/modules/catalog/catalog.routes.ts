import { catalogSchema } from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/database.js';
import { getCatalog } from './catalog.service.js';

export function catalogRoutes(database: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { access: 'public' },
        schema: {
          tags: ['catalog'],
          summary: 'The active menu: categories, services and their classifications (duration and price tiers)',
          response: { 200: catalogSchema },
        },
      },
      async () => getCatalog(database),
    );
  };
}
