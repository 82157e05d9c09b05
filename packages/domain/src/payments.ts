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
export type PaymentInput = z.infer<typeof paymentInputSchema>;

export const idempotencyKeySchema = z.string().min(1).max(255);

export const paymentSchema = z.object({
  id: z.number().int(),
  transactionId: z.number().int(),
  method: z.enum(PAYMENT_METHODS),
  amount: z.number().int(),
  tendered: z.number().int().nullable(),
  change: z.number().int().nullable(),
  reference: z.string().nullable(),
  cashier: z.object({ id: z.number().int(), displayName: z.string() }),
  createdAt: z.string(),
});
export type PaymentView = z.infer<typeof paymentSchema>;

export const paymentResultSchema = z.object({ payment: paymentSchema, transaction: transactionSchema });
export const paymentListSchema = z.object({ payments: z.array(paymentSchema) });
export type PaymentResult = z.infer<typeof paymentResultSchema>;

export const receiptSchema = z.object({
  receiptNumber: z.string(),
  shop: z.object({ name: z.string(), address: z.string() }),
  currency: z.string(),
  locale: z.string(),
  transaction: transactionSchema,
  payments: z.array(paymentSchema),
  totalTendered: z.number().int(),
  totalChange: z.number().int(),
});
export type Receipt = z.infer<typeof receiptSchema>;
