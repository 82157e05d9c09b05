import { sql, type Kysely } from 'kysely';
import type { ReportRange } from '@spaflow/domain';
import type { DB } from '../../db/schema.js';

/** Transactions of the business days in the range (inclusive), on the (business_date, code) index. */
function inRange(db: Kysely<DB>, range: ReportRange) {
  return db
    .selectFrom('transactions as t')
    .where('t.business_date', '>=', range.from)
    .where('t.business_date', '<=', range.to);
}

const waitMs = sql<number>`t.therapist_confirmed_at - t.selection_confirmed_at`;
const serviceMs = sql<number>`t.service_finish_at - t.service_start_at`;

/** Counts and average times, one row per business day, plus the same over the whole range (date null). */
export async function outcomesByDay(db: Kysely<DB>, range: ReportRange) {
  const figures = (query: ReturnType<typeof inRange>) =>
    query.select((eb) => [
      eb.fn.sum<number>(eb.case().when('t.status', '=', 'paid').then(1).else(0).end()).as('paid'),
      eb.fn.sum<number>(eb.case().when('t.status', '=', 'cancelled').then(1).else(0).end()).as('cancelled'),
      eb.fn.avg<number | null>(waitMs).as('avgWaitMs'),
      eb.fn.avg<number | null>(serviceMs).as('avgServiceMs'),
    ]);
  const [days, [total]] = await Promise.all([
    figures(inRange(db, range))
      .select('t.business_date as date')
      .groupBy('t.business_date')
      .orderBy('t.business_date')
      .execute(),
    figures(inRange(db, range)).execute(),
  ]);
  return { days, total: total! };
}

export async function cancellationsByReason(db: Kysely<DB>, range: ReportRange) {
  return inRange(db, range)
    .where('t.status', '=', 'cancelled')
    .select((eb) => ['t.cancel_reason as reason', eb.fn.countAll<number>().as('count')])
    .groupBy('t.cancel_reason')
    .execute();
}

/** Instants [start, end) of one or more business days. */
export type Period = { start: number; end: number };

/**
 * The period's sales: tickets paid in full (status `paid`) with `paid_at` in the period, on the paid_at
 * index. Every sales figure of the reports and the monitor starts from this one set.
 */
function salesIn(db: Kysely<DB>, period: Period) {
  return db
    .selectFrom('transactions as t')
    .where('t.status', '=', 'paid')
    .where('t.paid_at', '>=', period.start)
    .where('t.paid_at', '<', period.end);
}

export async function listSales(db: Kysely<DB>, period: Period) {
  return salesIn(db, period)
    .leftJoin('accounts as a', 'a.id', 't.therapist_id')
    .leftJoin('therapists as th', 'th.account_id', 't.therapist_id')
    .select([
      't.id',
      't.paid_at as paidAt',
      't.total_amount as totalAmount',
      't.discount_amount as discountAmount',
      't.tip_amount as tipAmount',
      't.therapist_id as therapistId',
      'a.display_name as therapistName',
      'th.commission_percent as therapistCommissionPercent',
    ])
    .orderBy('t.paid_at')
    .orderBy('t.id')
    .execute();
}

/** The payments (not voided) on the period's sales: amount and tip per ticket and method. */
export async function listSalePayments(db: Kysely<DB>, period: Period) {
  return salesIn(db, period)
    .innerJoin('payments as p', 'p.transaction_id', 't.id')
    .leftJoin('payment_voids as v', 'v.payment_id', 'p.id')
    .where('v.id', 'is', null)
    .select((eb) => [
      'p.transaction_id as transactionId',
      'p.method',
      eb.fn.sum<number>('p.amount').as('amount'),
      eb.fn.sum<number>('p.tip_amount').as('tip'),
    ])
    .groupBy(['p.transaction_id', 'p.method'])
    .execute();
}

/** The lines of the period's sales, with their service's commission percent, in ticket order. */
export async function listSaleItems(db: Kysely<DB>, period: Period) {
  return salesIn(db, period)
    .innerJoin('transaction_items as i', 'i.transaction_id', 't.id')
    .innerJoin('service_classifications as cl', 'cl.id', 'i.classification_id')
    .innerJoin('services as s', 's.id', 'cl.service_id')
    .select([
      'i.transaction_id as transactionId',
      'i.service_name as serviceName',
      'i.quantity',
      'i.duration_minutes as durationMinutes',
      'i.line_total as lineTotal',
      's.commission_percent as commissionPercent',
    ])
    .orderBy('i.transaction_id')
    .orderBy('i.position')
    .execute();
}

/** Refunds recorded in the period (whatever day the ticket was sold), by method. */
export async function refundsByMethod(db: Kysely<DB>, period: Period) {
  return db
    .selectFrom('refunds')
    .where('created_at', '>=', period.start)
    .where('created_at', '<', period.end)
    .select((eb) => ['method', eb.fn.sum<number>('amount').as('amount')])
    .groupBy('method')
    .execute();
}
