import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export async function listServing(db: Kysely<DB>) {
  return db
    .selectFrom('transactions')
    .selectAll()
    .where('status', 'in', ['therapist_confirmed', 'in_service'])
    .orderBy('therapist_confirmed_at')
    .orderBy('id')
    .execute();
}

export async function listPaying(db: Kysely<DB>) {
  return db
    .selectFrom('transactions')
    .selectAll()
    .where('status', '=', 'paying')
    .orderBy('cashier_claimed_at')
    .orderBy('id')
    .execute();
}

/** Active therapists with their duty status, home room and the transaction they hold. */
export async function listTherapistsOnFloor(db: Kysely<DB>, accountIds?: readonly number[]) {
  let query = db
    .selectFrom('therapists as th')
    .innerJoin('accounts as a', 'a.id', 'th.account_id')
    .leftJoin('transactions as t', 't.active_therapist_id', 'th.account_id')
    .where('a.active', '=', 1)
    .select([
      'a.id',
      'a.display_name',
      'th.status',
      'th.home_room_id',
      't.id as transaction_id',
      't.room_id',
      't.status as transaction_status',
      't.service_start_at',
      't.total_duration_minutes',
    ])
    .orderBy('a.display_name');
  if (accountIds) query = query.where('a.id', 'in', accountIds);
  return query.execute();
}

export async function listCashiersOnFloor(db: Kysely<DB>, accountIds?: readonly number[]) {
  let query = db
    .selectFrom('cashiers as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .leftJoin('transactions as t', 't.active_cashier_id', 'c.account_id')
    .where('a.active', '=', 1)
    .select(['a.id', 'a.display_name', 'c.counter', 't.id as transaction_id'])
    .orderBy('c.counter')
    .orderBy('a.display_name');
  if (accountIds) query = query.where('a.id', 'in', accountIds);
  return query.execute();
}

/**
 * The open counters: active cashiers signed in now (a live session), each with when it claimed the ticket
 * it is taking, if any.
 */
export async function listOpenCounters(db: Kysely<DB>, now: number) {
  return db
    .selectFrom('cashiers as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .leftJoin('transactions as t', 't.active_cashier_id', 'c.account_id')
    .where('a.active', '=', 1)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('sessions as s')
          .select('s.id')
          .whereRef('s.account_id', '=', 'a.id')
          .where('s.revoked_at', 'is', null)
          .where('s.expires_at', '>', now),
      ),
    )
    .select(['a.id', 't.cashier_claimed_at'])
    .execute();
}

/** How long the most recent payments took, from a counter's claim to paid (transactions_paid_at_idx). */
export async function recentCheckoutDurations(db: Kysely<DB>, since: number, limit: number) {
  return db
    .selectFrom('transactions')
    .where('paid_at', '>=', since)
    .where('cashier_claimed_at', 'is not', null)
    .select(sql<number>`paid_at - cashier_claimed_at`.as('checkout_ms'))
    .orderBy('paid_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * A business day's service figures, aggregated in SQL over that day's transactions (the
 * (business_date, code) index): waits from confirm to claim, services from start to finish.
 */
export async function dayServiceFigures(db: Kysely<DB>, businessDate: string) {
  return db
    .selectFrom('transactions')
    .where('business_date', '=', businessDate)
    .select((eb) => [
      eb.fn.avg<number | null>(sql<number>`therapist_confirmed_at - selection_confirmed_at`).as('avgWaitMs'),
      eb.fn.avg<number | null>(sql<number>`service_finish_at - service_start_at`).as('avgServiceMs'),
      eb.fn.count<number>('service_finish_at').as('served'),
      eb.fn.sum<number | null>(sql<number>`service_finish_at - service_start_at`).as('actualServiceMs'),
      eb.fn
        .sum<number | null>(
          sql<number>`case when service_finish_at is not null then total_duration_minutes * 60000 else null end`,
        )
        .as('bookedServiceMs'),
    ])
    .executeTakeFirstOrThrow();
}

export async function dayServedByTherapist(db: Kysely<DB>, businessDate: string) {
  return db
    .selectFrom('transactions')
    .where('business_date', '=', businessDate)
    .where('service_finish_at', 'is not', null)
    .where('therapist_id', 'is not', null)
    .select((eb) => ['therapist_id', eb.fn.countAll<number>().as('count')])
    .groupBy('therapist_id')
    .orderBy('therapist_id')
    .execute();
}
