import { AppError } from '@spaflow/domain';
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.js';

export function healthRoutes(database: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      { config: { access: 'public' }, schema: { tags: ['health'], summary: 'Liveness' } },
      async () => ({
        status: 'ok',
      }),
    );

    app.get(
      '/readyz',
      { config: { access: 'public' }, schema: { tags: ['health'], summary: 'Readiness: the database answers' } },
      async (request) => {
        try {
          await sql`select 1`.execute(database.db);
        } catch (error) {
          request.log.warn({ err: error }, 'readiness check failed');
          throw new AppError('unavailable', 'The database does not answer.');
        }
        return { status: 'ready', database: database.engine };
      },
    );
  };
}
