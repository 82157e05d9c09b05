import {
  claimInputSchema,
  historyQuerySchema,
  idParamsSchema,
  maybeTransactionResultSchema,
  queueSnapshotSchema,
  therapistStatusInputSchema,
  therapistStatusSchema,
  transactionListSchema,
  transactionResultSchema,
} from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffOf } from '../../http/access.js';
import type { QueueService } from './queue.service.js';

const bearer = [{ bearer: [] }];

export function queueRoutes(queue: QueueService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/queues/therapist',
      {
        config: { access: ['therapist', 'admin'] },
        schema: {
          tags: ['queues'],
          summary: 'Customers waiting for a therapist, in claim order, as of seq',
          security: bearer,
          response: { 200: queueSnapshotSchema },
        },
      },
      async () => queue.list('therapist'),
    );

    app.get(
      '/queues/cashier',
      {
        config: { access: ['cashier', 'admin'] },
        schema: {
          tags: ['queues'],
          summary: 'Customers waiting to pay, in claim order, as of seq',
          security: bearer,
          response: { 200: queueSnapshotSchema },
        },
      },
      async () => queue.list('cashier'),
    );

    app.post(
      '/therapist/claim-next',
      {
        config: { access: ['therapist'] },
        schema: {
          tags: ['therapist'],
          summary: 'Claim the next waiting customer and a room (yours, the given one, or the first free)',
          security: bearer,
          body: claimInputSchema.optional(),
          response: { 200: maybeTransactionResultSchema },
        },
      },
      async (request) => ({
        transaction: await queue.claimNextForTherapist(staffOf(request), request.body?.roomId),
      }),
    );

    app.post(
      '/transactions/:id/claim',
      {
        config: { access: ['therapist'] },
        schema: {
          tags: ['therapist'],
          summary: 'Claim this waiting customer',
          security: bearer,
          params: idParamsSchema,
          body: claimInputSchema.optional(),
          response: { 200: transactionResultSchema },
        },
      },
      async (request) => ({
        transaction: await queue.claimForTherapist(staffOf(request), request.params.id, request.body?.roomId),
      }),
    );

    app.post(
      '/cashier/claim-next',
      {
        config: { access: ['cashier'] },
        schema: {
          tags: ['cashier'],
          summary: 'Claim the next customer waiting to pay',
          security: bearer,
          response: { 200: maybeTransactionResultSchema },
        },
      },
      async (request) => ({ transaction: await queue.claimNextForCashier(staffOf(request)) }),
    );

    for (const role of ['therapist', 'cashier'] as const) {
      app.get(
        `/${role}/current`,
        {
          config: { access: [role] },
          schema: {
            tags: [role],
            summary: `The customer this ${role} holds now, or null`,
            security: bearer,
            response: { 200: maybeTransactionResultSchema },
          },
        },
        async (request) => ({ transaction: await queue.current(staffOf(request), role) }),
      );

      app.get(
        `/${role}/history`,
        {
          config: { access: [role] },
          schema: {
            tags: [role],
            summary: `Transactions this ${role} handled, newest first, 50 a page (?before=<id> for the next)`,
            security: bearer,
            querystring: historyQuerySchema,
            response: { 200: transactionListSchema },
          },
        },
        async (request) => ({ transactions: await queue.history(staffOf(request), role, request.query.before) }),
      );
    }

    app.get(
      '/therapist/status',
      {
        config: { access: ['therapist'] },
        schema: {
          tags: ['therapist'],
          summary: 'Whether you are available or on a break',
          security: bearer,
          response: { 200: therapistStatusSchema },
        },
      },
      async (request) => queue.therapistStatus(staffOf(request)),
    );

    app.post(
      '/therapist/status',
      {
        config: { access: ['therapist'] },
        schema: {
          tags: ['therapist'],
          summary: 'Start or end a break',
          security: bearer,
          body: therapistStatusInputSchema,
          response: { 200: therapistStatusSchema },
        },
      },
      async (request) => queue.setTherapistStatus(staffOf(request), request.body.status),
    );
  };
}
