import type { Kysely } from 'kysely';
import type { DatabaseEngine } from '../../config.js';
import { insertReturningId } from '../../db/insert-id.js';
import { lockRows } from '../../db/locking.js';
import type { DB } from '../../db/schema.js';

/** The cashier's open drawer, locked: a cash payment into it and its close take turns here. */
export async function lockOpenDrawer(db: Kysely<DB>, engine: DatabaseEngine, cashierId: number) {
  return lockRows(
    engine,
    db.selectFrom('drawers').selectAll().where('open_cashier_id', '=', cashierId),
  ).executeTakeFirst();
}

/** One drawer by id, locked (a refund paid out of a named drawer takes turns with its close). */
export async function lockDrawer(db: Kysely<DB>, engine: DatabaseEngine, id: number) {
  return lockRows(engine, db.selectFrom('drawers').selectAll().where('id', '=', id)).executeTakeFirst();
}

export async function insertDrawer(
  db: Kysely<DB>,
  drawer: { cashierId: number; counter: string | null; openingFloat: number; now: number },
): Promise<number> {
  return insertReturningId(
    db,
    db.insertInto('drawers').values({
      cashier_id: drawer.cashierId,
      open_cashier_id: drawer.cashierId,
      counter: drawer.counter,
      opening_float: drawer.openingFloat,
      opened_at: drawer.now,
    }),
  );
}

/** Closes an open drawer once: the count is written with the close and never changed after. */
export async function closeDrawer(
  db: Kysely<DB>,
  id: number,
  close: { countedCash: number; note: string | null; now: number },
): Promise<void> {
  await db
    .updateTable('drawers')
    .set({ open_cashier_id: null, closed_at: close.now, counted_cash: close.countedCash, note: close.note })
    .where('id', '=', id)
    .where('open_cashier_id', 'is not', null)
    .execute();
}

/** Drawers with their cashier's name; the figures come from `drawerCashFigures`. */
function drawers(db: Kysely<DB>) {
  return db
    .selectFrom('drawers as d')
    .innerJoin('accounts as a', 'a.id', 'd.cashier_id')
    .selectAll('d')
    .select('a.display_name as cashier_display_name');
}

export type DrawerRow = Awaited<ReturnType<typeof findDrawer>> & {};

export async function findDrawer(db: Kysely<DB>, id: number) {
  return drawers(db).where('d.id', '=', id).executeTakeFirst();
}

export async function findOpenDrawer(db: Kysely<DB>, cashierId: number) {
  return drawers(db).where('d.open_cashier_id', '=', cashierId).executeTakeFirst();
}

/** Every drawer that was open at some moment of [start, end): opened before its end, not closed before its start. */
export async function listDrawersOpenDuring(db: Kysely<DB>, range: { start: number; end: number }) {
  return drawers(db)
    .where('d.opened_at', '<', range.end)
    .where((eb) => eb.or([eb('d.closed_at', 'is', null), eb('d.closed_at', '>=', range.start)]))
    .orderBy('d.opened_at')
    .orderBy('d.id')
    .execute();
}

/**
 * Cash that went through each drawer, from the rows that name it: payments not voided (amount and tip
 * apart) and cash refunds paid out of it.
 */
export async function drawerCashFigures(db: Kysely<DB>, drawerIds: readonly number[]) {
  if (drawerIds.length === 0) return [];
  const [payments, refunds] = await Promise.all([
    db
      .selectFrom('payments as p')
      .leftJoin('payment_voids as v', 'v.payment_id', 'p.id')
      .where('p.drawer_id', 'in', drawerIds)
      .where('v.id', 'is', null)
      .select((eb) => [
        'p.drawer_id as drawerId',
        eb.fn.sum<number>('p.amount').as('cashSales'),
        eb.fn.sum<number>('p.tip_amount').as('cashTips'),
      ])
      .groupBy('p.drawer_id')
      .execute(),
    db
      .selectFrom('refunds as r')
      .where('r.drawer_id', 'in', drawerIds)
      .select((eb) => ['r.drawer_id as drawerId', eb.fn.sum<number>('r.amount').as('cashRefunds')])
      .groupBy('r.drawer_id')
      .execute(),
  ]);
  return drawerIds.map((drawerId) => {
    const paid = payments.find((row) => row.drawerId === drawerId);
    const refunded = refunds.find((row) => row.drawerId === drawerId);
    return {
      drawerId,
      cashSales: Number(paid?.cashSales ?? 0),
      cashTips: Number(paid?.cashTips ?? 0),
      cashRefunds: Number(refunded?.cashRefunds ?? 0),
    };
  });
}
