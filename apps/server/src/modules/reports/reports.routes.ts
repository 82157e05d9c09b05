import { dayReportQuerySchema, dayReportSchema, reportRangeSchema, reportSummarySchema } from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dayReportToCsv, summaryToCsv, type ReportsService } from './reports.service.js';

export function reportsRoutes(reports: ReportsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/summary',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['reports'],
          summary:
            'Revenue by day, method, service and therapist; outcomes; average wait and service times (from/to inclusive, business dates)',
          security: [{ bearer: [] }],
          querystring: reportRangeSchema,
          response: { 200: reportSummarySchema },
        },
      },
      async (request) => reports.summary(request.query),
    );

    app.get(
      '/summary.csv',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['reports'],
          summary: 'The same summary as CSV, one line per business day',
          security: [{ bearer: [] }],
          querystring: reportRangeSchema,
        },
      },
      async (request, reply) => {
        const summary = await reports.summary(request.query);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="spaflow-summary-${summary.from}-to-${summary.to}.csv"`)
          .send(summaryToCsv(summary));
      },
    );

    app.get(
      '/day',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['reports'],
          summary:
            'One business day closed out: sales, discounts, tips, refunds, payments by method, drawers, earnings per therapist, sales by hour, and whether it reconciles',
          security: [{ bearer: [] }],
          querystring: dayReportQuerySchema,
          response: { 200: dayReportSchema },
        },
      },
      async (request) => reports.day(request.query.date),
    );

    app.get(
      '/day.csv',
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['reports'],
          summary: 'The same day report as CSV: the figures, then earnings per therapist, drawers and sales by hour',
          security: [{ bearer: [] }],
          querystring: dayReportQuerySchema,
        },
      },
      async (request, reply) => {
        const report = await reports.day(request.query.date);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="spaflow-day-${report.date}.csv"`)
          .send(dayReportToCsv(report));
      },
    );
  };
}
