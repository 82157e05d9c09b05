import { setTimeout as sleep } from 'node:timers/promises';
import {
  AppError,
  STAFF_ROLES,
  handoverInputSchema,
  idParamsSchema,
  idempotencyKeySchema,
  paymentInputSchema,
  paymentListSchema,
  paymentResultSchema,
  receiptSchema,
  refundInputSchema,
  refundResultSchema,
  transactionResultSchema,
  voidPaymentInputSchema,
  type PaymentResult,
} from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf, staffOf } from '../../http/access.js';
import type { PaymentsService } from './payments.service.js';

const bearer = [{ bearer: [] }];

export function paymentsRoutes(payments: PaymentsService, answerDelayMs: number): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/transactions/:id/payments',
      {
        config: { access: ['cashier'] },
        schema: {
          tags: ['payments'],
          summary:
            'Take a payment (cash with change, card, e-wallet), with an optional tip; the one that covers the balance completes it',
          description:
            'Requires an Idempotency-Key header (1–255 characters): a repeat with the same key and body gets the first answer. Cash: tendered ≥ amount + tipAmount; change = tendered − amount − tipAmount.',
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
      '/transactions/:id/payments',
      {
        config: { access: ['cashier', 'monitor', 'admin'] },
        schema: {
          tags: ['payments'],
          summary: 'The payments taken on a transaction so far (voided ones marked) and its refunds',
          security: bearer,
          params: idParamsSchema,
          response: { 200: paymentListSchema },
        },
      },
      async (request) => payments.list(principalOf(request), request.params.id),
    );

    app.get(
      '/transactions/:id/receipt',
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

    app.post(
      '/payments/:id/void',
      {
        config: { access: ['cashier', 'admin'] },
        schema: {
          tags: ['payments'],
          summary: 'Void a payment of a ticket still being paid (its cashier, or admin): the balance rises again',
          security: bearer,
          params: idParamsSchema,
          body: voidPaymentInputSchema,
          response: { 200: paymentResultSchema },
        },
      },
      async (request) => payments.voidPayment(staffOf(request), request.params.id, request.body.reason),
    );

    app.post(
      '/transactions/:id/refunds',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['payments'],
          summary: 'Refund part or all of a paid transaction (never more than paid, less earlier refunds)',
          security: bearer,
          params: idParamsSchema,
          body: refundInputSchema,
          response: { 201: refundResultSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await payments.refund(staffOf(request), request.params.id, request.body)),
    );

    app.post(
      '/transactions/:id/handover',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['payments'],
          summary: 'Hand a ticket being paid to another cashier (who holds nothing), its payments kept',
          security: bearer,
          params: idParamsSchema,
          body: handoverInputSchema,
          response: { 200: transactionResultSchema },
        },
      },
      async (request) => ({
        transaction: await payments.handover(staffOf(request), request.params.id, request.body.cashierId),
      }),
    );
  };
}
