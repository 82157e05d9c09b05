import {
  handoffResultSchema,
  idParamsSchema,
  redeemHandoffInputSchema,
  redeemHandoffResultSchema,
} from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../http/access.js';
import type { HandoffService } from './handoff.service.js';

/**
 * Redeem attempts per address and minute (per app node). A shop's phones redeem a few codes a minute; a
 * guesser gets 300 tries in a code's 10 minutes against 30⁸ possible codes.
 */
export const REDEEM_ATTEMPTS_PER_MINUTE = 30;

export function handoffRoutes(handoff: HandoffService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/transactions/:id/handoff',
      {
        config: { access: ['customer'] },
        schema: {
          tags: ['handoff'],
          summary: 'A one-time code (10 minutes) that moves the confirmed ticket to the customer’s phone',
          description:
            'The kiosk shows it as a QR of `<origin>/t/<handoffCode>` and as 8 typeable characters. A new code ' +
            'replaces an earlier unredeemed one. 409 invalid_transition before confirm or once the ticket is closed.',
          security: [{ bearer: [] }],
          params: idParamsSchema,
          response: { 200: handoffResultSchema },
        },
      },
      async (request) => handoff.issue(principalOf(request), request.params.id),
    );

    app.post(
      '/handoff/redeem',
      {
        config: { access: 'public', rateLimit: { max: REDEEM_ATTEMPTS_PER_MINUTE, timeWindow: '1 minute' } },
        schema: {
          tags: ['handoff'],
          summary: 'Trade a hand-off code for the ticket and a new customer token of its own',
          description:
            'Case, spaces and dashes in the code do not matter. 404 not_found for an unknown code, 410 handoff_used ' +
            'for a second redeem, 410 handoff_expired after 10 minutes; at most ' +
            `${REDEEM_ATTEMPTS_PER_MINUTE} attempts a minute per address (429 rate_limited).`,
          body: redeemHandoffInputSchema,
          response: { 200: redeemHandoffResultSchema },
        },
      },
      async (request) => handoff.redeem(request.body.handoffCode),
    );
  };
}
