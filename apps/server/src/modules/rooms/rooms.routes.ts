import { STAFF_ROLES, idParamsSchema, roomListSchema, roomViewSchema } from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RoomsService } from './rooms.service.js';

const bearer = [{ bearer: [] }];

export function roomsRoutes(rooms: RoomsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/',
      {
        config: { access: STAFF_ROLES },
        schema: {
          tags: ['rooms'],
          summary: 'Every room with its status and the transaction using it',
          security: bearer,
          response: { 200: roomListSchema },
        },
      },
      async () => ({ rooms: await rooms.list() }),
    );

    app.post(
      '/:id/ready',
      {
        config: { access: ['therapist', 'admin'] },
        schema: {
          tags: ['rooms'],
          summary: 'A cleaned room is ready again',
          security: bearer,
          params: idParamsSchema,
          response: { 200: z.object({ room: roomViewSchema }) },
        },
      },
      async (request) => ({ room: await rooms.markReady(request.params.id) }),
    );
  };
}
