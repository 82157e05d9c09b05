import { setTimeout as sleep } from 'node:timers/promises';
import {
  AppError,
  STAFF_ROLES,
  idParamsSchema,
  idempotencyKeySchema,
  paymentInputSchema,
  paymentListSchema,
  paymentResultSchema,
  receiptSchema,
  type PaymentResult,
} from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf, staffOf } from '../../http/access.js';
import type { PaymentsService } from './payments.service.js';

const bearer = [{ bearer: [] }];

export function paymentsRoutes(payments: PaymentsService, answerDelayMs: number): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/:id/payments',
      {
        config: { access: ['cashier'] },
        schema: {
          tags: ['payments'],
          summary: 'Take a payment (cash with change, card, e-wallet); the one that covers the total completes it',
          description:
            'Requires an Idempotency-Key header (1–255 characters): a repeat with the same key and body gets the first answer.',
          security: bearer,
          params: idParamsSchema,
          body: paymentInputSchema,
          response: { 201: paymentResultSchema },
        },
      },
      async (request, reply) => {
        const key = idempotencyKeySchema.safeParse(request.headers['idempotency-key']);
        if (!key.success) {
          throw new AppError(
            'idempotency_key_required',
            'Send an Idempotency-Key header (1–255 characters) with every payment.',
          );
        }
        const answer = await payments.recordOnce(staffOf(request), request.params.id, request.body, key.data);
        if (answerDelayMs > 0) await sleep(answerDelayMs); // tests only: the window the crash test kills in
        // A stored answer is this route's 201 body or one of its refusals, replayed byte for byte.
        return reply.status(answer.status as 201).send(answer.body as PaymentResult);
      },
    );

    app.get(
      '/:id/payments',
      {
        config: { access: ['cashier', 'monitor', 'admin'] },
        schema: {
          tags: ['payments'],
          summary: 'The payments taken on a transaction so far (a split in progress, or a paid one)',
          security: bearer,
          params: idParamsSchema,
          response: { 200: paymentListSchema },
        },
      },
      async (request) => ({ payments: await payments.list(principalOf(request), request.params.id) }),
    );

    app.get(
      '/:id/receipt',
      {
        config: { access: ['customer', ...STAFF_ROLES] },
        schema: {
          tags: ['payments'],
          summary: 'The receipt of a paid transaction',
          security: bearer,
          params: idParamsSchema,
          response: { 200: receiptSchema },
        },
      },
      async (request) => payments.receipt(principalOf(request), request.params.id),
    );
  };
}
