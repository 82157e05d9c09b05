import { z } from 'zod';
import { BUSINESS_DATE_PATTERN } from './business-time.js';
import { MAX_PAYMENT_AMOUNT } from './payments.js';

/**
 * Cash-up: a cashier's drawer from the opening float to the counted close. What the drawer should hold is
 * read from the payment and refund rows that name it, never kept as a running total:
 * `expectedCash = openingFloat + cashSales + cashTips − cashRefunds`, `difference = countedCash − expectedCash`
 * (negative: cash is missing; positive: there is more than the rows explain).
 */

const cash = z.number().int('a whole number of centavos').min(0, 'at least 0').max(MAX_PAYMENT_AMOUNT);

export const drawerOpenInputSchema = z.strictObject({ openingFloat: cash });
export type DrawerOpenInput = z.infer<typeof drawerOpenInputSchema>;

export const DRAWER_NOTE_MAX = 500;

export const drawerCloseInputSchema = z.strictObject({
  countedCash: cash,
  note: z.string().trim().min(1, 'leave it out, or write something').max(DRAWER_NOTE_MAX).optional(),
});
export type DrawerCloseInput = z.infer<typeof drawerCloseInputSchema>;

export const drawerSchema = z.object({
  id: z.number().int(),
  cashier: z.object({ id: z.number().int(), displayName: z.string() }),
  /** The cashier's counter when the drawer was opened. */
  counter: z.string().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  openingFloat: z.number().int(),
  /** Cash payments into this drawer (tips excluded), voided ones left out. */
  cashSales: z.number().int(),
  /** Tips paid in cash with those payments. */
  cashTips: z.number().int(),
  /** Cash refunds paid out of this drawer. */
  cashRefunds: z.number().int(),
  expectedCash: z.number().int(),
  /** Null while the drawer is open. */
  countedCash: z.number().int().nullable(),
  difference: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type DrawerView = z.infer<typeof drawerSchema>;

export const drawerAnswerSchema = z.object({ drawer: drawerSchema });
export const currentDrawerSchema = z.object({ drawer: drawerSchema.nullable() });
export const drawerListSchema = z.object({ drawers: z.array(drawerSchema) });

export const drawerDayQuerySchema = z.strictObject({
  date: z.iso.date('a date like 2026-11-26').regex(BUSINESS_DATE_PATTERN),
});

/** The drawer's figures from its rows: what it should hold, and how far the count is off. */
export function drawerBalance(figures: {
  openingFloat: number;
  cashSales: number;
  cashTips: number;
  cashRefunds: number;
  countedCash: number | null;
}): { expectedCash: number; difference: number | null } {
  const expectedCash = figures.openingFloat + figures.cashSales + figures.cashTips - figures.cashRefunds;
  return { expectedCash, difference: figures.countedCash === null ? null : figures.countedCash - expectedCash };
}
