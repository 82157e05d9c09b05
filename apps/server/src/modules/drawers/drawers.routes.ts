import {
  currentDrawerSchema,
  drawerAnswerSchema,
  drawerCloseInputSchema,
  drawerDayQuerySchema,
  drawerListSchema,
  drawerOpenInputSchema,
} from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffOf } from '../../http/access.js';
import type { DrawersService } from './drawers.service.js';

const bearer = [{ bearer: [] }];

export function drawersRoutes(drawers: DrawersService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/cashier/drawer',
      {
        config: { access: ['cashier'] },
        schema: {
          tags: ['drawers'],
          summary: 'Your open drawer with its running cash figures, or null',
          security: bearer,
          response: { 200: currentDrawerSchema },
        },
      },
      async (request) => ({ drawer: await drawers.current(staffOf(request)) }),
    );

    app.post(
      '/cashier/drawer/open',
      {
        config: { access: ['cashier'] },
        schema: {
          tags: ['drawers'],
          summary: 'Open your drawer with its float (centavos); 409 drawer_already_open',
          security: bearer,
          body: drawerOpenInputSchema,
          response: { 201: drawerAnswerSchema },
        },
      },
      async (request, reply) => reply.status(201).send({ drawer: await drawers.open(staffOf(request), request.body) }),
    );

    app.post(
      '/cashier/drawer/close',
      {
        config: { access: ['cashier'] },
        schema: {
          tags: ['drawers'],
          summary: 'Close your drawer with the cash counted in it: expected, counted and the difference',
          security: bearer,
          body: drawerCloseInputSchema,
          response: { 200: drawerAnswerSchema },
        },
      },
      async (request) => ({ drawer: await drawers.close(staffOf(request), request.body) }),
    );

    app.get(
      '/admin/drawers',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['drawers'],
          summary: 'Every drawer open at some moment of a business day, with its figures',
          security: bearer,
          querystring: drawerDayQuerySchema,
          response: { 200: drawerListSchema },
        },
      },
      async (request) => ({ drawers: await drawers.listOfDay(request.query.date) }),
    );
  };
}
