import { z } from 'zod';
import { appliedDiscountSchema } from './discounts.js';
import { CANCEL_REASONS, PRIORITY_REASONS, TRANSACTION_ACTIONS, TRANSACTION_STATUSES } from './lifecycle.js';

/** Limits of a cart. */
export const MAX_CART_LINES = 20;
export const MAX_LINE_QUANTITY = 10;

export const idParamsSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const cartItemInputSchema = z.strictObject({
  classificationId: z.number().int().positive(),
  /** Optional cross-check from the kiosk: the service the classification must belong to. */
  serviceId: z.number().int().positive().optional(),
  quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY).default(1),
});
export type CartItemInput = z.infer<typeof cartItemInputSchema>;

export const cartItemsSchema = z.array(cartItemInputSchema).max(MAX_CART_LINES, `at most ${MAX_CART_LINES} lines`);

export const createTransactionInputSchema = z.strictObject({
  items: cartItemsSchema.optional(),
  priority: z.enum(PRIORITY_REASONS).nullish(),
});
export type CreateTransactionInput = z.infer<typeof createTransactionInputSchema>;

export const replaceItemsInputSchema = z.strictObject({ items: cartItemsSchema });

export const cancelInputSchema = z.strictObject({
  reason: z.enum(CANCEL_REASONS).optional(),
  note: z.string().trim().max(500, 'at most 500 characters').optional(),
});
export type CancelInput = z.infer<typeof cancelInputSchema>;

export const claimInputSchema = z.strictObject({ roomId: z.number().int().positive().optional() });

export const therapistStatusInputSchema = z.strictObject({ status: z.enum(['available', 'on_break']) });

export const historyQuerySchema = z.strictObject({ before: z.coerce.number().int().positive().optional() });

const personSchema = z.object({ id: z.number().int(), displayName: z.string() });

export const transactionItemSchema = z.object({
  id: z.number().int(),
  classificationId: z.number().int(),
  serviceName: z.string(),
  classificationName: z.string(),
  durationMinutes: z.number().int(),
  unitPrice: z.number().int(),
  quantity: z.number().int(),
  lineTotal: z.number().int(),
});

export const transactionSchema = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  businessDate: z.string().nullable(),
  status: z.enum(TRANSACTION_STATUSES),
  version: z.number().int(),
  items: z.array(transactionItemSchema),
  totalAmount: z.number().int(),
  totalDurationMinutes: z.number().int(),
  /** Active discounts only; `amountDue = totalAmount − discountAmount`. */
  discounts: z.array(appliedDiscountSchema),
  discountAmount: z.number().int(),
  amountDue: z.number().int(),
  /** Payments not voided, tips excluded; `balance = amountDue − amountPaid`. */
  amountPaid: z.number().int(),
  balance: z.number().int(),
  /** Tips of payments not voided, for the therapist; never part of the sale. */
  tipAmount: z.number().int(),
  amountRefunded: z.number().int(),
  therapist: personSchema.nullable(),
  room: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  cashier: personSchema.nullable(),
  createdAt: z.string(),
  selectionConfirmedAt: z.string().nullable(),
  therapistConfirmedAt: z.string().nullable(),
  serviceStartAt: z.string().nullable(),
  serviceFinishAt: z.string().nullable(),
  cashierClaimedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.enum(CANCEL_REASONS).nullable(),
  priority: z.boolean(),
  /** Staff only: why the customer has priority. */
  priorityReason: z.enum(PRIORITY_REASONS).nullable().optional(),
  queuePosition: z.number().int().nullable(),
  estimatedWaitSeconds: z.number().int().nullable(),
});
export type TransactionView = z.infer<typeof transactionSchema>;

export const transactionResultSchema = z.object({ transaction: transactionSchema });
export const maybeTransactionResultSchema = z.object({ transaction: transactionSchema.nullable() });
export const transactionListSchema = z.object({ transactions: z.array(transactionSchema) });
/** A queue as of `seq`: a station replays events after it and misses nothing. */
export const queueSnapshotSchema = z.object({ seq: z.number().int(), transactions: z.array(transactionSchema) });
export type QueueSnapshot = z.infer<typeof queueSnapshotSchema>;
export const therapistStatusSchema = z.object({ status: z.enum(['available', 'on_break']) });
export const createTransactionResultSchema = z.object({ transaction: transactionSchema, customerToken: z.string() });

export const roomViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(['available', 'reserved', 'occupied', 'cleaning', 'out_of_service']),
  transactionId: z.number().int().nullable(),
});
export type RoomView = z.infer<typeof roomViewSchema>;
export const roomListSchema = z.object({ rooms: z.array(roomViewSchema) });

export const transactionActionSchema = z.enum(TRANSACTION_ACTIONS);
