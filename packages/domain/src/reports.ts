import { z } from 'zod';
import { BUSINESS_DATE_PATTERN } from './business-time.js';
import { drawerSchema } from './drawers.js';

export const MAX_REPORT_DAYS = 366;

const businessDate = z
  .string()
  .regex(BUSINESS_DATE_PATTERN, 'a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'not a calendar date');

export const reportRangeSchema = z
  .strictObject({ from: businessDate, to: businessDate })
  .refine((range) => range.from <= range.to, { message: 'from must not be after to', path: ['to'] })
  .refine((range) => (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 < MAX_REPORT_DAYS, {
    message: `at most ${MAX_REPORT_DAYS} days`,
    path: ['to'],
  });
export type ReportRange = z.infer<typeof reportRangeSchema>;

const revenue = z.object({
  total: z.number().int(),
  cash: z.number().int(),
  card: z.number().int(),
  ewallet: z.number().int(),
});

const dayFigures = z.object({
  paid: z.number().int(),
  cancelled: z.number().int(),
  revenue,
  avgWaitSeconds: z.number().int().nullable(),
  avgServiceSeconds: z.number().int().nullable(),
});

export const reportSummarySchema = z.object({
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  days: z.array(dayFigures.extend({ date: z.string() })),
  totals: dayFigures.extend({
    cancelledByReason: z.object({
      customer_request: z.number().int(),
      no_show: z.number().int(),
      expired: z.number().int(),
      staff_decision: z.number().int(),
    }),
  }),
  byService: z.array(z.object({ serviceName: z.string(), quantity: z.number().int(), revenue: z.number().int() })),
  byTherapist: z.array(
    z.object({
      therapistId: z.number().int(),
      displayName: z.string(),
      served: z.number().int(),
      revenue: z.number().int(),
    }),
  ),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

/** The day report: one business day's sales, money, drawers and earnings (definitions in docs/reports.md). */
export const dayReportQuerySchema = z.strictObject({ date: businessDate });
export type DayReportQuery = z.infer<typeof dayReportQuerySchema>;

const byMethod = z.object({ cash: z.number().int(), card: z.number().int(), ewallet: z.number().int() });

export const dayReportSchema = z.object({
  date: z.string(),
  currency: z.string(),
  /** Tickets paid in full during the day: the day's sales. */
  salesCount: z.number().int(),
  grossSales: z.number().int(),
  discounts: z.number().int(),
  netSales: z.number().int(),
  tips: z.number().int(),
  refunds: z.number().int(),
  /** Amount plus tip of the payments (not voided) on the day's sales, by method. */
  paymentsByMethod: byMethod,
  paymentsReceived: z.number().int(),
  refundsByMethod: byMethod,
  refundsPaidOut: z.number().int(),
  /** Net sales by the hour (0–23, shop time) each ticket was paid in; all 24 hours. */
  salesByHour: z.array(z.object({ hour: z.number().int(), netSales: z.number().int() })),
  tipsByTherapist: z.array(
    z.object({ therapistId: z.number().int(), displayName: z.string(), tips: z.number().int() }),
  ),
  therapists: z.array(
    z.object({
      therapistId: z.number().int(),
      displayName: z.string(),
      /** Service lines done (quantities added up). */
      services: z.number().int(),
      /** Booked minutes of those services. */
      minutes: z.number().int(),
      netSales: z.number().int(),
      /** The therapist's override, or null when each service's own percent applied. */
      commissionPercent: z.number().int().nullable(),
      commission: z.number().int(),
      tips: z.number().int(),
    }),
  ),
  totalCommission: z.number().int(),
  drawers: z.array(drawerSchema),
  /** Counted less expected over the day's closed drawers. */
  drawersDifference: z.number().int(),
  /** netSales + tips − refunds = paymentsReceived − refundsPaidOut. */
  reconciles: z.boolean(),
  reconciliation: z.object({ left: z.number().int(), right: z.number().int(), difference: z.number().int() }),
});
export type DayReport = z.infer<typeof dayReportSchema>;
