import { z } from 'zod';
import type { MinorUnits } from './money.js';

export const DISCOUNT_KINDS = ['percent', 'fixed'] as const;
export type DiscountKind = (typeof DISCOUNT_KINDS)[number];

/** A fixed discount at most this (₱10,000,000.00), like the largest payment. */
export const MAX_FIXED_DISCOUNT = 1_000_000_000;
export const DISCOUNT_NAME_MAX = 120;
export const DISCOUNT_NOTE_MAX = 200;

/**
 * What a discount takes off a total: a whole percent rounded to the nearest minor unit (half up), or a
 * fixed amount. The sum of a ticket's discounts may not exceed its total (checked where they are applied).
 */
export function discountAmountOf(kind: DiscountKind, value: number, totalAmount: MinorUnits): MinorUnits {
  return kind === 'percent' ? Math.floor((totalAmount * value + 50) / 100) : value;
}

const discountName = z
  .string()
  .trim()
  .min(1, 'required')
  .max(DISCOUNT_NAME_MAX, `at most ${DISCOUNT_NAME_MAX} characters`);
const discountValue = z.number().int('a whole number').min(1, 'at least 1').max(MAX_FIXED_DISCOUNT);

/** `percent`: value is a whole percent 1–100; `fixed`: value in minor units ≥ 1. */
function valueFitsKind(input: { kind?: DiscountKind | undefined; value?: number | undefined }, ctx: z.RefinementCtx) {
  if (input.kind === 'percent' && input.value !== undefined && input.value > 100) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'a percent discount is at most 100' });
  }
}

export const discountTypeCreateInputSchema = z
  .strictObject({
    name: discountName,
    kind: z.enum(DISCOUNT_KINDS),
    value: discountValue,
    requiresNote: z.boolean().default(false),
    active: z.boolean().default(true),
  })
  .superRefine(valueFitsKind);
export type DiscountTypeCreateInput = z.infer<typeof discountTypeCreateInputSchema>;

/** A PATCH changes what it names; a value is checked against the kind it will have (sent or stored). */
export const discountTypeUpdateInputSchema = z
  .strictObject({
    name: discountName.optional(),
    kind: z.enum(DISCOUNT_KINDS).optional(),
    value: discountValue.optional(),
    requiresNote: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), {
    message: 'send at least one field to change',
  })
  .superRefine(valueFitsKind);
export type DiscountTypeUpdateInput = z.infer<typeof discountTypeUpdateInputSchema>;

export const discountTypeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(DISCOUNT_KINDS),
  value: z.number().int(),
  requiresNote: z.boolean(),
  active: z.boolean(),
});
export type DiscountTypeView = z.infer<typeof discountTypeSchema>;
export const discountTypeResultSchema = z.object({ discount: discountTypeSchema });
export const discountTypeListSchema = z.object({ discounts: z.array(discountTypeSchema) });

export const applyDiscountInputSchema = z.strictObject({
  discountTypeId: z.number().int().positive().max(2_147_483_647),
  note: z
    .string()
    .trim()
    .min(1, 'required')
    .max(DISCOUNT_NOTE_MAX, `at most ${DISCOUNT_NOTE_MAX} characters`)
    .optional(),
});
export type ApplyDiscountInput = z.infer<typeof applyDiscountInputSchema>;

export const discountParamsSchema = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  discountId: z.coerce.number().int().positive().max(2_147_483_647),
});

/** A discount applied to a transaction, as the transaction shows it (active ones only). */
export const appliedDiscountSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(DISCOUNT_KINDS),
  value: z.number().int(),
  amount: z.number().int(),
  note: z.string().nullable(),
});
export type AppliedDiscountView = z.infer<typeof appliedDiscountSchema>;
