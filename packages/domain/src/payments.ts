import { z } from 'zod';
import { PAYMENT_METHODS } from './lifecycle.js';
import { transactionSchema } from './transactions.js';

/** The largest single amount a counter takes (₱10,000,000.00): anything above is a typing slip. */
export const MAX_PAYMENT_AMOUNT = 1_000_000_000;

const amount = z.number().int('a whole number of centavos').min(1, 'at least 1').max(MAX_PAYMENT_AMOUNT);

export const paymentInputSchema = z
  .strictObject({
    method: z.enum(PAYMENT_METHODS),
    amount,
    /** For the transaction's therapist, on top of the amount; never part of the sale. */
    tipAmount: z.number().int('a whole number of centavos').min(0, 'at least 0').max(MAX_PAYMENT_AMOUNT).default(0),
    tendered: amount.optional(),
    reference: z.string().trim().min(1).max(120).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.method === 'cash' && input.tendered === undefined) {
      ctx.addIssue({ code: 'custom', path: ['tendered'], message: 'required for cash: what the customer handed over' });
    }
    if (input.method !== 'cash' && input.tendered !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['tendered'], message: 'only for cash' });
    }
  });
/** What a client sends (tipAmount may be left out) and what the server works with once parsed. */
export type PaymentInput = z.input<typeof paymentInputSchema>;
export type ParsedPaymentInput = z.output<typeof paymentInputSchema>;

export const idempotencyKeySchema = z.string().min(1).max(255);

export const paymentSchema = z.object({
  id: z.number().int(),
  transactionId: z.number().int(),
  method: z.enum(PAYMENT_METHODS),
  amount: z.number().int(),
  tipAmount: z.number().int(),
  tendered: z.number().int().nullable(),
  /** Cash only: tendered − amount − tipAmount. */
  change: z.number().int().nullable(),
  reference: z.string().nullable(),
  cashier: z.object({ id: z.number().int(), displayName: z.string() }),
  createdAt: z.string(),
  /** Set when the payment was voided (a reversal row); it then counts for nothing. */
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export type PaymentView = z.infer<typeof paymentSchema>;

const reason = z.string().trim().min(1, 'required').max(500, 'at most 500 characters');

export const voidPaymentInputSchema = z.strictObject({ reason });
export type VoidPaymentInput = z.infer<typeof voidPaymentInputSchema>;

/**
 * `drawerId` (cash only): the open drawer the cash comes out of; without it, the open drawer of the cashier
 * who settled the ticket (docs/reports.md, drawers).
 */
export const refundInputSchema = z
  .strictObject({
    amount,
    method: z.enum(PAYMENT_METHODS),
    reason,
    drawerId: z.number().int().positive().max(2_147_483_647).optional(),
  })
  .refine((input) => input.method === 'cash' || input.drawerId === undefined, {
    message: 'only for cash',
    path: ['drawerId'],
  });
export type RefundInput = z.infer<typeof refundInputSchema>;

export const refundSchema = z.object({
  id: z.number().int(),
  amount: z.number().int(),
  method: z.enum(PAYMENT_METHODS),
  reason: z.string(),
  createdAt: z.string(),
  refundedBy: z.object({ id: z.number().int(), displayName: z.string() }),
});
export type RefundView = z.infer<typeof refundSchema>;

export const paymentResultSchema = z.object({ payment: paymentSchema, transaction: transactionSchema });
export const refundResultSchema = z.object({ refund: refundSchema, transaction: transactionSchema });
/** Voided payments included, marked; refunds of a paid transaction after them. */
export const paymentListSchema = z.object({ payments: z.array(paymentSchema), refunds: z.array(refundSchema) });
export type PaymentResult = z.infer<typeof paymentResultSchema>;
export type RefundResult = z.infer<typeof refundResultSchema>;

export const handoverInputSchema = z.strictObject({ cashierId: z.number().int().positive().max(2_147_483_647) });

export const receiptSchema = z.object({
  receiptNumber: z.string(),
  shop: z.object({ name: z.string(), address: z.string() }),
  currency: z.string(),
  locale: z.string(),
  transaction: transactionSchema,
  /** Voided ones included, marked. */
  payments: z.array(paymentSchema),
  refunds: z.array(refundSchema),
  /** Of payments not voided. */
  totalTendered: z.number().int(),
  totalChange: z.number().int(),
});
export type Receipt = z.infer<typeof receiptSchema>;
