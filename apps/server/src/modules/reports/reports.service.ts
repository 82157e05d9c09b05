import { CANCEL_REASONS, type ReportRange, type ReportSummary } from '@spaflow/domain';
import type { ServiceContext } from '../../context.js';
import {
  cancellationsByReason,
  outcomesByDay,
  revenueByDayAndMethod,
  revenueByService,
  revenueByTherapist,
} from './reports.repository.js';

const seconds = (ms: number | null): number | null => (ms === null ? null : Math.round(Number(ms) / 1000));

type Revenue = ReportSummary['totals']['revenue'];

export class ReportsService {
  constructor(private readonly context: ServiceContext) {}

  /** The range's figures by business day of the ticket, all aggregated in SQL. */
  async summary(range: ReportRange): Promise<ReportSummary> {
    const db = this.context.database.db;
    const [outcomes, cancellations, revenueRows, services, therapists] = await Promise.all([
      outcomesByDay(db, range),
      cancellationsByReason(db, range),
      revenueByDayAndMethod(db, range),
      revenueByService(db, range),
      revenueByTherapist(db, range),
    ]);
    const revenueOf = (date: string | null): Revenue => {
      const rows = revenueRows.filter((row) => date === null || row.date === date);
      const by = (method: string) =>
        rows.filter((row) => row.method === method).reduce((sum, row) => sum + Number(row.amount), 0);
      const revenue = { cash: by('cash'), card: by('card'), ewallet: by('ewallet') };
      return { total: revenue.cash + revenue.card + revenue.ewallet, ...revenue };
    };
    const reasons = Object.fromEntries(CANCEL_REASONS.map((reason) => [reason, 0])) as Record<
      (typeof CANCEL_REASONS)[number],
      number
    >;
    for (const row of cancellations) {
      if (row.reason && row.reason in reasons) reasons[row.reason as keyof typeof reasons] = Number(row.count);
    }
    return {
      from: range.from,
      to: range.to,
      currency: this.context.config.currency,
      days: outcomes.days.map((day) => ({
        date: day.date!,
        paid: Number(day.paid),
        cancelled: Number(day.cancelled),
        revenue: revenueOf(day.date),
        avgWaitSeconds: seconds(day.avgWaitMs),
        avgServiceSeconds: seconds(day.avgServiceMs),
      })),
      totals: {
        paid: Number(outcomes.total.paid ?? 0),
        cancelled: Number(outcomes.total.cancelled ?? 0),
        cancelledByReason: reasons,
        revenue: revenueOf(null),
        avgWaitSeconds: seconds(outcomes.total.avgWaitMs),
        avgServiceSeconds: seconds(outcomes.total.avgServiceMs),
      },
      byService: services.map((row) => ({
        serviceName: row.serviceName,
        quantity: Number(row.quantity),
        revenue: Number(row.revenue),
      })),
      byTherapist: therapists.map((row) => ({
        therapistId: row.therapistId,
        displayName: row.displayName,
        served: Number(row.served),
        revenue: Number(row.revenue),
      })),
    };
  }
}

/** One line per business day and a total line; money in major units with two decimals, for spreadsheets. */
export function summaryToCsv(summary: ReportSummary): string {
  const money = (minor: number) => (minor / 100).toFixed(2);
  const cell = (value: string | number | null) => {
    const text = value === null ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const header = [
    'date',
    'paid',
    'cancelled',
    `revenue_${summary.currency}`,
    'cash',
    'card',
    'ewallet',
    'avg_wait_seconds',
    'avg_service_seconds',
  ];
  const line = (label: string, figures: ReportSummary['days'][number] | ReportSummary['totals']) =>
    [
      label,
      figures.paid,
      figures.cancelled,
      money(figures.revenue.total),
      money(figures.revenue.cash),
      money(figures.revenue.card),
      money(figures.revenue.ewallet),
      figures.avgWaitSeconds,
      figures.avgServiceSeconds,
    ]
      .map(cell)
      .join(',');
  return (
    [header.join(','), ...summary.days.map((day) => line(day.date, day)), line('total', summary.totals)].join('\r\n') +
    '\r\n'
  );
}
