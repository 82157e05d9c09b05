import {
  applyDiscountInputSchema,
  discountParamsSchema,
  discountTypeCreateInputSchema,
  discountTypeListSchema,
  discountTypeResultSchema,
  discountTypeUpdateInputSchema,
  idParamsSchema,
  transactionResultSchema,
} from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffOf } from '../../http/access.js';
import type { DiscountsService } from './discounts.service.js';

const security = [{ bearer: [] }];
const tags = ['discounts'];

/** Discount types (admin keeps them, cashiers pick from the active ones) and a ticket's discounts. */
export function discountsRoutes(discounts: DiscountsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/discounts',
      {
        config: { access: ['cashier', 'admin'] },
        schema: {
          tags,
          summary: 'The discount types in use, for the counter',
          security,
          response: { 200: discountTypeListSchema },
        },
      },
      async () => ({ discounts: await discounts.list({ activeOnly: true }) }),
    );

    app.get(
      '/admin/discounts',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Every discount type, inactive ones too',
          security,
          response: { 200: discountTypeListSchema },
        },
      },
      async () => ({ discounts: await discounts.list({ activeOnly: false }) }),
    );

    app.post(
      '/admin/discounts',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Add a discount type (percent: whole percent 1–100; fixed: minor units)',
          security,
          body: discountTypeCreateInputSchema,
          response: { 201: discountTypeResultSchema },
        },
      },
      async (request, reply) => reply.status(201).send({ discount: await discounts.create(request.body) }),
    );

    app.patch(
      '/admin/discounts/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: 'Change a discount type (tickets that carry it keep it as applied)',
          security,
          params: idParamsSchema,
          body: discountTypeUpdateInputSchema,
          response: { 200: discountTypeResultSchema },
        },
      },
      async (request) => ({ discount: await discounts.update(request.params.id, request.body) }),
    );

    app.post(
      '/transactions/:id/discounts',
      {
        config: { access: ['cashier'] },
        schema: {
          tags,
          summary: 'Apply a discount to the ticket you are taking, before its first payment',
          security,
          params: idParamsSchema,
          body: applyDiscountInputSchema,
          response: { 200: transactionResultSchema },
        },
      },
      async (request) => ({ transaction: await discounts.apply(staffOf(request), request.params.id, request.body) }),
    );

    app.delete(
      '/transactions/:id/discounts/:discountId',
      {
        config: { access: ['cashier'] },
        schema: {
          tags,
          summary: 'Remove a discount before the first payment (the row is kept, marked removed)',
          security,
          params: discountParamsSchema,
          response: { 200: transactionResultSchema },
        },
      },
      async (request) => ({
        transaction: await discounts.remove(staffOf(request), request.params.id, request.params.discountId),
      }),
    );
  };
}
