import { boardSchema, idParamsSchema, transactionResultSchema } from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../http/access.js';
import type { BoardService } from './board.service.js';

export function boardRoutes(board: BoardService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/board',
      {
        config: { access: 'public' },
        schema: {
          tags: ['board'],
          summary:
            'The public call board: codes being called (room or counter), recently called, waiting, estimated wait',
          description:
            'Ticket codes only: never names, services, money or priority reasons. `estimatedWaitMinutes` is for a ' +
            'customer confirming now, rounded up, never 0 while anyone waits, and null with no therapist on duty. ' +
            'Live: a Socket.IO connection with `auth: {board: true}` gets `board_updated {seq, board}` and ' +
            '`called {seq, code, destination, at}`.',
          response: { 200: boardSchema },
        },
      },
      async () => board.board(),
    );

    app.post(
      '/transactions/:id/recall',
      {
        config: { access: ['therapist', 'cashier'] },
        schema: {
          tags: ['board'],
          summary: 'Call the customer again (assigned therapist: to the room; claiming cashier: to the counter)',
          description:
            'Records an event `recall` (version + 1, no change of state) and a call-out on the board. At most once ' +
            'per 15 s per transaction, else 429 rate_limited.',
          security: [{ bearer: [] }],
          params: idParamsSchema,
          response: { 200: transactionResultSchema },
        },
      },
      async (request) => ({ transaction: await board.recall(principalOf(request), request.params.id) }),
    );
  };
}
