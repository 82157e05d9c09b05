import { snapshotSchema } from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { MonitorService } from './monitor.service.js';

export function monitorRoutes(monitor: MonitorService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/snapshot',
      {
        config: { access: ['monitor', 'admin'] },
        schema: {
          tags: ['monitor'],
          summary: 'The whole floor now, with the day’s figures; apply events with a newer seq on top',
          security: [{ bearer: [] }],
          response: { 200: snapshotSchema },
        },
      },
      async () => monitor.snapshot(),
    );
  };
}
