import { z } from 'zod';
import { transactionSchema } from './transactions.js';

/**
 * The public call board (the waiting area's TV) and the ticket handed off to a customer's phone. The board
 * shows ticket codes only: never names, services, money or priority reasons.
 */

/** Where a called customer goes: a therapist's room or a cashier's counter (empty when none is set). */
export const callDestinationSchema = z.object({ kind: z.enum(['room', 'counter']), name: z.string() });
export type CallDestination = z.infer<typeof callDestinationSchema>;

export const callOutSchema = z.object({ code: z.string(), destination: callDestinationSchema, at: z.string() });
export type CallOut = z.infer<typeof callOutSchema>;

/** At most this many earlier call-outs are shown under the current ones. */
export const RECENTLY_CALLED_LIMIT = 5;
/** A recall (calling the same customer again) is allowed once per this many seconds per transaction. */
export const RECALL_INTERVAL_SECONDS = 15;

export const boardSchema = z.object({
  /** The newest event this board reflects: a client keeps the board with the highest seq. */
  seq: z.number().int(),
  shopName: z.string(),
  /** Customers called and not yet seen (room not started, payment not finished), newest first. */
  calling: z.array(callOutSchema),
  /** Earlier call-outs of the day, newest first, at most RECENTLY_CALLED_LIMIT. */
  recentlyCalled: z.array(callOutSchema),
  /** Codes waiting for a therapist, in claim order. */
  waiting: z.array(z.object({ code: z.string() })),
  /** Minutes a customer confirming now would likely wait; null with no therapist on duty. */
  estimatedWaitMinutes: z.number().int().nullable(),
});
export type Board = z.infer<typeof boardSchema>;

/**
 * A wait in whole minutes for people: rounded up, and never 0 while anyone waits (the head of a queue with
 * a free therapist still waits to be called).
 */
export function waitMinutes(seconds: number, someoneWaits: boolean): number {
  const minutes = Math.ceil(Math.max(seconds, 0) / 60);
  return someoneWaits ? Math.max(minutes, 1) : minutes;
}

/**
 * Hand-off codes: 8 characters a customer can type from the kiosk's screen, from an alphabet without
 * look-alikes (no 0, O, 1, I, L or U). 30⁸ ≈ 6.6 × 10¹¹ codes, each valid for
 * 10 minutes and once.
 */
export const HANDOFF_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const HANDOFF_CODE_LENGTH = 8;
export const HANDOFF_LIFETIME_SECONDS = 10 * 60;

/** What a customer typed, as the code it stands for: case and spaces or dashes between groups do not matter. */
export function normalizeHandoffCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export const handoffCodeSchema = z
  .string()
  .max(32)
  .transform(normalizeHandoffCode)
  .pipe(
    z
      .string()
      .regex(
        new RegExp(`^[${HANDOFF_CODE_ALPHABET}]{${HANDOFF_CODE_LENGTH}}$`),
        `${HANDOFF_CODE_LENGTH} characters from ${HANDOFF_CODE_ALPHABET}`,
      ),
  );

export const handoffResultSchema = z.object({ handoffCode: z.string(), expiresAt: z.string() });
export type HandoffResult = z.infer<typeof handoffResultSchema>;

export const redeemHandoffInputSchema = z.strictObject({ handoffCode: handoffCodeSchema });
export const redeemHandoffResultSchema = z.object({ transaction: transactionSchema, customerToken: z.string() });
