import { z } from 'zod';
import { roomViewSchema, transactionSchema } from './transactions.js';

export const staffViewSchema = z.object({
  id: z.number().int(),
  role: z.enum(['therapist', 'cashier']),
  displayName: z.string(),
  /** therapists: available | on_break | serving; cashiers: available | serving. */
  status: z.enum(['available', 'on_break', 'serving']),
  roomId: z.number().int().nullable(),
  counter: z.string().nullable(),
  transactionId: z.number().int().nullable(),
});
export type StaffView = z.infer<typeof staffViewSchema>;

export const floorStatsSchema = z.object({
  waitingCount: z.number().int(),
  longestWaitSeconds: z.number().int(),
  avgWaitSecondsToday: z.number().int().nullable(),
  avgServiceSecondsToday: z.number().int().nullable(),
  estimatedWaitSeconds: z.number().int().nullable(),
  servedToday: z.number().int(),
  revenueToday: z.object({
    total: z.number().int(),
    cash: z.number().int(),
    card: z.number().int(),
    ewallet: z.number().int(),
  }),
  servedByTherapist: z.array(z.object({ therapistId: z.number().int(), count: z.number().int() })),
});
export type FloorStats = z.infer<typeof floorStatsSchema>;

export const snapshotSchema = z.object({
  seq: z.number().int(),
  generatedAt: z.string(),
  businessDate: z.string(),
  waiting: z.array(transactionSchema),
  serving: z.array(transactionSchema),
  awaitingPayment: z.array(transactionSchema),
  paying: z.array(transactionSchema),
  rooms: z.array(roomViewSchema),
  therapists: z.array(staffViewSchema),
  cashiers: z.array(staffViewSchema),
  stats: floorStatsSchema,
});
export type Snapshot = z.infer<typeof snapshotSchema>;
