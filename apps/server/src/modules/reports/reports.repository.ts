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

/** Money taken for the range's transactions, by their business day and method. */
export async function revenueByDayAndMethod(db: Kysely<DB>, range: ReportRange) {
  return inRange(db, range)
    .innerJoin('payments as p', 'p.transaction_id', 't.id')
    .select((eb) => ['t.business_date as date', 'p.method', eb.fn.sum<number>('p.amount').as('amount')])
    .groupBy(['t.business_date', 'p.method'])
    .orderBy('t.business_date')
    .execute();
}

export async function revenueByService(db: Kysely<DB>, range: ReportRange) {
  return inRange(db, range)
    .innerJoin('transaction_items as i', 'i.transaction_id', 't.id')
    .where('t.status', '=', 'paid')
    .select((eb) => [
      'i.service_name as serviceName',
      eb.fn.sum<number>('i.quantity').as('quantity'),
      eb.fn.sum<number>('i.line_total').as('revenue'),
    ])
    .groupBy('i.service_name')
    .orderBy('revenue', 'desc')
    .orderBy('i.service_name')
    .execute();
}

export async function revenueByTherapist(db: Kysely<DB>, range: ReportRange) {
  return inRange(db, range)
    .innerJoin('accounts as a', 'a.id', 't.therapist_id')
    .where('t.status', '=', 'paid')
    .select((eb) => [
      'a.id as therapistId',
      'a.display_name as displayName',
      eb.fn.countAll<number>().as('served'),
      eb.fn.sum<number>('t.total_amount').as('revenue'),
    ])
    .groupBy(['a.id', 'a.display_name'])
    .orderBy('revenue', 'desc')
    .orderBy('a.id')
    .execute();
}
