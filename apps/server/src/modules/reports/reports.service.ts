import {
  CANCEL_REASONS,
  PAYMENT_METHODS,
  allocateDiscount,
  businessDateOf,
  businessDayRange,
  businessHourOf,
  commissionOf,
  minorToTypedAmount,
  type DayReport,
  type PaymentMethod,
  type ReportRange,
  type ReportSummary,
} from '@spaflow/domain';
import type { Kysely } from 'kysely';
import type { ServiceContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { presentDrawers } from '../drawers/drawers.service.js';
import { listDrawersOpenDuring } from '../drawers/drawers.repository.js';
import {
  cancellationsByReason,
  listSaleItems,
  listSalePayments,
  listSales,
  outcomesByDay,
  refundsByMethod,
  type Period,
} from './reports.repository.js';

const seconds = (ms: number | null): number | null => (ms === null ? null : Math.round(Number(ms) / 1000));

type ByMethod = Record<PaymentMethod, number>;
const noMoney = (): ByMethod => ({ cash: 0, card: 0, ewallet: 0 });
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** One sale (a ticket paid in full in the period) with its money and its lines' share of it. */
export type Sale = {
  id: number;
  paidAt: number;
  grossSales: number;
  discounts: number;
  netSales: number;
  /** The ticket's own tip total (tips of its payments not voided, kept on the ticket). */
  tips: number;
  /** Payment amounts (tips excluded) and tips, by method, from the payment rows not voided. */
  amounts: ByMethod;
  paymentTips: ByMethod;
  therapist: { id: number; displayName: string; commissionPercent: number | null } | null;
  lines: { serviceName: string; quantity: number; minutes: number; netSales: number; commission: number }[];
};

/**
 * The period's sales, the one set every sales figure is taken from (docs/reports.md): each ticket paid in
 * full during the period, its discount spread over its lines, and each line's commission at the therapist's
 * override or else the service's percent.
 */
export async function loadSales(db: Kysely<DB>, period: Period): Promise<Sale[]> {
  const [rows, payments, items] = await Promise.all([
    listSales(db, period),
    listSalePayments(db, period),
    listSaleItems(db, period),
  ]);
  const groupBy = <T extends { transactionId: number }>(list: readonly T[]) => {
    const groups = new Map<number, T[]>();
    for (const entry of list) {
      const group = groups.get(entry.transactionId);
      if (group) group.push(entry);
      else groups.set(entry.transactionId, [entry]);
    }
    return groups;
  };
  const paymentsOf = groupBy(payments);
  const itemsOf = groupBy(items);
  return rows.map((row) => {
    const amounts = noMoney();
    const paymentTips = noMoney();
    for (const payment of paymentsOf.get(row.id) ?? []) {
      amounts[payment.method] += Number(payment.amount);
      paymentTips[payment.method] += Number(payment.tip);
    }
    const lines = itemsOf.get(row.id) ?? [];
    const lineNet = allocateDiscount(
      lines.map((line) => line.lineTotal),
      row.discountAmount,
    );
    const override = row.therapistCommissionPercent ?? null;
    return {
      id: row.id,
      paidAt: Number(row.paidAt),
      grossSales: row.totalAmount,
      discounts: row.discountAmount,
      netSales: row.totalAmount - row.discountAmount,
      tips: row.tipAmount,
      amounts,
      paymentTips,
      therapist:
        row.therapistId === null
          ? null
          : { id: row.therapistId, displayName: row.therapistName ?? '', commissionPercent: override },
      lines: lines.map((line, index) => ({
        serviceName: line.serviceName,
        quantity: line.quantity,
        minutes: line.durationMinutes * line.quantity,
        netSales: lineNet[index]!,
        commission: commissionOf(lineNet[index]!, override ?? line.commissionPercent),
      })),
    };
  });
}

/** Revenue as the monitor and the summary show it: net sales, split by the method its payments used. */
export function revenueOf(sales: readonly Sale[]): { total: number } & ByMethod {
  const byMethod = noMoney();
  for (const sale of sales) for (const method of PAYMENT_METHODS) byMethod[method] += sale.amounts[method];
  return { total: sum(sales.map((sale) => sale.netSales)), ...byMethod };
}

export class ReportsService {
  constructor(private readonly context: ServiceContext) {}

  private get timeZone() {
    return this.context.config.businessTimeZone;
  }

  /**
   * The range's figures by business day: outcomes and times by the ticket's day, revenue by the day each
   * ticket was paid (the sales of docs/reports.md), so every revenue figure here is the day report's net sales.
   */
  async summary(range: ReportRange): Promise<ReportSummary> {
    const db = this.context.database.db;
    const period = {
      start: businessDayRange(range.from, this.timeZone).start,
      end: businessDayRange(range.to, this.timeZone).end,
    };
    const [outcomes, cancellations, sales] = await Promise.all([
      outcomesByDay(db, range),
      cancellationsByReason(db, range),
      loadSales(db, period),
    ]);
    const salesByDate = new Map<string, Sale[]>();
    for (const sale of sales) {
      const date = businessDateOf(sale.paidAt, this.timeZone);
      const day = salesByDate.get(date);
      if (day) day.push(sale);
      else salesByDate.set(date, [sale]);
    }
    const dates = [...new Set([...outcomes.days.map((day) => day.date!), ...salesByDate.keys()])].sort();
    const reasons = Object.fromEntries(CANCEL_REASONS.map((reason) => [reason, 0])) as Record<
      (typeof CANCEL_REASONS)[number],
      number
    >;
    for (const row of cancellations) {
      if (row.reason && row.reason in reasons) reasons[row.reason as keyof typeof reasons] = Number(row.count);
    }
    const services = new Map<string, { quantity: number; revenue: number }>();
    const therapists = new Map<number, { displayName: string; served: number; revenue: number }>();
    for (const sale of sales) {
      for (const line of sale.lines) {
        const service = services.get(line.serviceName) ?? { quantity: 0, revenue: 0 };
        services.set(line.serviceName, {
          quantity: service.quantity + line.quantity,
          revenue: service.revenue + line.netSales,
        });
      }
      if (sale.therapist) {
        const therapist = therapists.get(sale.therapist.id) ?? {
          displayName: sale.therapist.displayName,
          served: 0,
          revenue: 0,
        };
        therapists.set(sale.therapist.id, {
          ...therapist,
          served: therapist.served + 1,
          revenue: therapist.revenue + sale.netSales,
        });
      }
    }
    return {
      from: range.from,
      to: range.to,
      currency: this.context.config.currency,
      days: dates.map((date) => {
        const day = outcomes.days.find((row) => row.date === date);
        return {
          date,
          paid: Number(day?.paid ?? 0),
          cancelled: Number(day?.cancelled ?? 0),
          revenue: revenueOf(salesByDate.get(date) ?? []),
          avgWaitSeconds: seconds(day?.avgWaitMs ?? null),
          avgServiceSeconds: seconds(day?.avgServiceMs ?? null),
        };
      }),
      totals: {
        paid: Number(outcomes.total.paid ?? 0),
        cancelled: Number(outcomes.total.cancelled ?? 0),
        cancelledByReason: reasons,
        revenue: revenueOf(sales),
        avgWaitSeconds: seconds(outcomes.total.avgWaitMs),
        avgServiceSeconds: seconds(outcomes.total.avgServiceMs),
      },
      byService: [...services]
        .map(([serviceName, figures]) => ({ serviceName, ...figures }))
        .sort((a, b) => b.revenue - a.revenue || a.serviceName.localeCompare(b.serviceName)),
      byTherapist: [...therapists]
        .map(([therapistId, figures]) => ({ therapistId, ...figures }))
        .sort((a, b) => b.revenue - a.revenue || a.therapistId - b.therapistId),
    };
  }

  /** One business day closed out: sales, money in and out, drawers, earnings, and whether it all reconciles. */
  async day(date: string): Promise<DayReport> {
    const db = this.context.database.db;
    const period = businessDayRange(date, this.timeZone);
    const [sales, refundRows, drawerRows] = await Promise.all([
      loadSales(db, period),
      refundsByMethod(db, period),
      listDrawersOpenDuring(db, period),
    ]);
    const drawers = await presentDrawers(db, drawerRows);

    const paymentsByMethod = noMoney();
    for (const sale of sales) {
      for (const method of PAYMENT_METHODS) paymentsByMethod[method] += sale.amounts[method] + sale.paymentTips[method];
    }
    const refundsByMethodOfDay = noMoney();
    for (const row of refundRows) refundsByMethodOfDay[row.method] += Number(row.amount);

    const grossSales = sum(sales.map((sale) => sale.grossSales));
    const discounts = sum(sales.map((sale) => sale.discounts));
    const netSales = grossSales - discounts;
    const tips = sum(sales.map((sale) => sale.tips));
    const refundsPaidOut = sum(Object.values(refundsByMethodOfDay));
    const paymentsReceived = sum(Object.values(paymentsByMethod));
    const left = netSales + tips - refundsPaidOut;
    const right = paymentsReceived - refundsPaidOut;

    const therapists = new Map<number, DayReport['therapists'][number]>();
    for (const sale of sales) {
      if (!sale.therapist) continue;
      const current = therapists.get(sale.therapist.id) ?? {
        therapistId: sale.therapist.id,
        displayName: sale.therapist.displayName,
        services: 0,
        minutes: 0,
        netSales: 0,
        commissionPercent: sale.therapist.commissionPercent,
        commission: 0,
        tips: 0,
      };
      therapists.set(sale.therapist.id, {
        ...current,
        services: current.services + sum(sale.lines.map((line) => line.quantity)),
        minutes: current.minutes + sum(sale.lines.map((line) => line.minutes)),
        netSales: current.netSales + sale.netSales,
        commission: current.commission + sum(sale.lines.map((line) => line.commission)),
        tips: current.tips + sale.tips,
      });
    }
    const earnings = [...therapists.values()].sort(
      (a, b) => a.displayName.localeCompare(b.displayName) || a.therapistId - b.therapistId,
    );

    const salesByHour = Array.from({ length: 24 }, (_, hour) => ({ hour, netSales: 0 }));
    for (const sale of sales) salesByHour[businessHourOf(sale.paidAt, this.timeZone)]!.netSales += sale.netSales;

    return {
      date,
      currency: this.context.config.currency,
      salesCount: sales.length,
      grossSales,
      discounts,
      netSales,
      tips,
      refunds: refundsPaidOut,
      paymentsByMethod,
      paymentsReceived,
      refundsByMethod: refundsByMethodOfDay,
      refundsPaidOut,
      salesByHour,
      tipsByTherapist: earnings
        .filter((therapist) => therapist.tips > 0)
        .map(({ therapistId, displayName, tips: therapistTips }) => ({
          therapistId,
          displayName,
          tips: therapistTips,
        })),
      therapists: earnings,
      totalCommission: sum(earnings.map((therapist) => therapist.commission)),
      drawers,
      drawersDifference: sum(drawers.map((drawer) => drawer.difference ?? 0)),
      reconciles: left === right,
      reconciliation: { left, right, difference: left - right },
    };
  }
}

/** Minor units to major with two decimals, by string arithmetic (no float rounding): -500 → "-5.00". */
const money = (minor: number) => minorToTypedAmount(minor, 2);

const cell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const csvLines = (lines: readonly string[]) => lines.join('\r\n') + '\r\n';

/** One line per business day and a total line; money in major units with two decimals, for spreadsheets. */
export function summaryToCsv(summary: ReportSummary): string {
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
  return csvLines([header.join(','), ...summary.days.map((day) => line(day.date, day)), line('total', summary.totals)]);
}

/**
 * The day report for spreadsheets: a block of `figure,value` lines, then one table each for earnings per
 * therapist, drawers and sales by hour, blocks apart by an empty line. Money in major units, two decimals.
 */
export function dayReportToCsv(report: DayReport): string {
  const row = (...values: (string | number | null)[]) => values.map(cell).join(',');
  const figures: [string, number][] = [
    ['sales_count', report.salesCount],
    ['gross_sales', report.grossSales],
    ['discounts', report.discounts],
    ['net_sales', report.netSales],
    ['tips', report.tips],
    ['refunds', report.refunds],
    ['payments_cash', report.paymentsByMethod.cash],
    ['payments_card', report.paymentsByMethod.card],
    ['payments_ewallet', report.paymentsByMethod.ewallet],
    ['payments_received', report.paymentsReceived],
    ['refunds_cash', report.refundsByMethod.cash],
    ['refunds_card', report.refundsByMethod.card],
    ['refunds_ewallet', report.refundsByMethod.ewallet],
    ['refunds_paid_out', report.refundsPaidOut],
    ['total_commission', report.totalCommission],
    ['drawers_difference', report.drawersDifference],
    ['reconciliation_left', report.reconciliation.left],
    ['reconciliation_right', report.reconciliation.right],
  ];
  return csvLines([
    row('date', report.date),
    row('currency', report.currency),
    ...figures.map(([name, value]) => (name === 'sales_count' ? row(name, value) : row(name, money(value)))),
    row('reconciles', report.reconciles ? 'yes' : 'no'),
    '',
    row('therapist', 'services', 'minutes', 'net_sales', 'commission_percent', 'commission', 'tips'),
    ...report.therapists.map((therapist) =>
      row(
        therapist.displayName,
        therapist.services,
        therapist.minutes,
        money(therapist.netSales),
        therapist.commissionPercent,
        money(therapist.commission),
        money(therapist.tips),
      ),
    ),
    '',
    row(
      'drawer',
      'cashier',
      'counter',
      'opened_at',
      'closed_at',
      'opening_float',
      'cash_sales',
      'cash_tips',
      'cash_refunds',
      'expected_cash',
      'counted_cash',
      'difference',
    ),
    ...report.drawers.map((drawer) =>
      row(
        drawer.id,
        drawer.cashier.displayName,
        drawer.counter,
        drawer.openedAt,
        drawer.closedAt,
        money(drawer.openingFloat),
        money(drawer.cashSales),
        money(drawer.cashTips),
        money(drawer.cashRefunds),
        money(drawer.expectedCash),
        drawer.countedCash === null ? null : money(drawer.countedCash),
        drawer.difference === null ? null : money(drawer.difference),
      ),
    ),
    '',
    row('hour', 'net_sales'),
    ...report.salesByHour.map((hour) => row(hour.hour, money(hour.netSales))),
  ]);
}
