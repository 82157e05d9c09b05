import { loginInputSchema, loginResultSchema, userSchema } from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffOf } from '../../http/access.js';
import { STAFF_ROLES } from '@spaflow/domain';
import { userOf, type AuthService } from './auth.service.js';

export function authRoutes(auth: AuthService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/login',
      {
        config: { access: 'public', rateLimit: { max: 100, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with a staff username and password',
          body: loginInputSchema,
          response: { 200: loginResultSchema },
        },
      },
      async (request) => auth.login(request.body, request.ip),
    );

    app.post(
      '/logout',
      {
        config: { access: STAFF_ROLES },
        schema: { tags: ['auth'], summary: 'Revoke this token', security: [{ bearer: [] }] },
      },
      async (request, reply) => {
        await auth.logout(staffOf(request));
        return reply.status(204).send();
      },
    );

    app.get(
      '/me',
      {
        config: { access: STAFF_ROLES },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user',
          security: [{ bearer: [] }],
          response: { 200: z.object({ user: userSchema }) },
        },
      },
      async (request) => ({ user: userOf(staffOf(request)) }),
    );
  };
}
