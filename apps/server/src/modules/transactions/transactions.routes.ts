import {
  STAFF_ROLES,
  cancelInputSchema,
  createTransactionInputSchema,
  createTransactionResultSchema,
  idParamsSchema,
  replaceItemsInputSchema,
  transactionResultSchema,
} from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../http/access.js';
import type { TransactionsService } from './transactions.service.js';

const bearer = [{ bearer: [] }];

export function transactionsRoutes(transactions: TransactionsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/',
      {
        config: { access: 'public' },
        schema: {
          tags: ['transactions'],
          summary: 'Start a selection at the kiosk; answers the customer token for it',
          body: createTransactionInputSchema,
          response: { 201: createTransactionResultSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await transactions.create(request.body)),
    );

    app.get(
      '/:id',
      {
        config: { access: ['customer', ...STAFF_ROLES] },
        schema: {
          tags: ['transactions'],
          summary: 'One transaction (customers: their own)',
          security: bearer,
          params: idParamsSchema,
          response: { 200: transactionResultSchema },
        },
      },
      async (request) => ({ transaction: await transactions.get(principalOf(request), request.params.id) }),
    );

    app.put(
      '/:id/items',
      {
        config: { access: ['customer', 'therapist'] },
        schema: {
          tags: ['transactions'],
          summary: 'Replace the items (customer while selecting; the assigned therapist before finishing)',
          security: bearer,
          params: idParamsSchema,
          body: replaceItemsInputSchema,
          response: { 200: transactionResultSchema },
        },
      },
      async (request) => ({
        transaction: await transactions.replaceItems(principalOf(request), request.params.id, request.body.items),
      }),
    );

    app.post(
      '/:id/confirm',
      {
        config: { access: ['customer'] },
        schema: {
          tags: ['transactions'],
          summary: 'Confirm the selection: joins the queue with a ticket code',
          security: bearer,
          params: idParamsSchema,
          response: { 200: transactionResultSchema },
        },
      },
      async (request) => ({ transaction: await transactions.confirm(principalOf(request), request.params.id) }),
    );

    app.post(
      '/:id/cancel',
      {
        config: { access: ['customer', 'therapist', 'admin'] },
        schema: {
          tags: ['transactions'],
          summary: 'Cancel (customer: own, before a therapist claims; therapist: no-show; admin: before service)',
          security: bearer,
          params: idParamsSchema,
          body: cancelInputSchema.optional(),
          response: { 200: transactionResultSchema },
        },
      },
      async (request) => ({
        transaction: await transactions.cancel(principalOf(request), request.params.id, request.body ?? {}),
      }),
    );

    for (const [path, summary, step] of [
      ['start', 'Start the service (assigned therapist)', 'start'],
      ['finish', 'Finish the service: to the payment queue (assigned therapist)', 'finish'],
    ] as const) {
      app.post(
        `/:id/${path}`,
        {
          config: { access: ['therapist'] },
          schema: {
            tags: ['transactions'],
            summary,
            security: bearer,
            params: idParamsSchema,
            response: { 200: transactionResultSchema },
          },
        },
        async (request) => ({ transaction: await transactions[step](principalOf(request), request.params.id) }),
      );
    }

    app.post(
      '/:id/release',
      {
        config: { access: ['therapist', 'cashier', 'admin'] },
        schema: {
          tags: ['transactions'],
          summary: 'Give a claimed transaction back to its queue',
          security: bearer,
          params: idParamsSchema,
          response: { 200: transactionResultSchema },
        },
      },
      async (request) => ({ transaction: await transactions.release(principalOf(request), request.params.id) }),
    );
  };
}
