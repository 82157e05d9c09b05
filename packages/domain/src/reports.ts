import { z } from 'zod';
import { BUSINESS_DATE_PATTERN } from './business-time.js';

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
