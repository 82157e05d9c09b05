import { reportRangeSchema, reportSummarySchema } from '@spaflow/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { summaryToCsv, type ReportsService } from './reports.service.js';

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
  };
}
