import {
  AppError,
  businessDayRange,
  drawerBalance,
  type DrawerCloseInput,
  type DrawerOpenInput,
  type DrawerView,
} from '@spaflow/domain';
import type { Kysely } from 'kysely';
import type { DatabaseEngine } from '../../config.js';
import type { ServiceContext } from '../../context.js';
import { inTransaction, type Tx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/locking.js';
import type { DB } from '../../db/schema.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { lockCashier } from '../staff/staff.repository.js';
import {
  closeDrawer,
  drawerCashFigures,
  findDrawer,
  findOpenDrawer,
  insertDrawer,
  listDrawersOpenDuring,
  lockDrawer,
  lockOpenDrawer,
  type DrawerRow,
} from './drawers.repository.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Drawers as the cashier and admin see them, each with its cash figures read from the rows. */
export async function presentDrawers(db: Kysely<DB>, rows: readonly DrawerRow[]): Promise<DrawerView[]> {
  const figures = await drawerCashFigures(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row, index) => {
    const cash = figures[index]!;
    const balance = drawerBalance({ openingFloat: row.opening_float, ...cash, countedCash: row.counted_cash });
    return {
      id: row.id,
      cashier: { id: row.cashier_id, displayName: row.cashier_display_name },
      counter: row.counter,
      openedAt: iso(row.opened_at)!,
      closedAt: iso(row.closed_at),
      openingFloat: row.opening_float,
      cashSales: cash.cashSales,
      cashTips: cash.cashTips,
      cashRefunds: cash.cashRefunds,
      expectedCash: balance.expectedCash,
      countedCash: row.counted_cash,
      difference: balance.difference,
      note: row.note,
    };
  });
}

/**
 * The drawer a cash payment goes into: the taking cashier's open one, locked until the payment commits (so
 * a close cannot slip between them). Without one, cash is refused; card and e-wallet need no drawer.
 */
export async function drawerForCashPayment(tx: Tx, engine: DatabaseEngine, cashierId: number): Promise<number> {
  const drawer = await lockOpenDrawer(tx, engine, cashierId);
  if (!drawer) {
    throw new AppError(
      'drawer_closed',
      'Your cash drawer is not open. Open it with its float before taking cash; card and e-wallet need no drawer.',
    );
  }
  return drawer.id;
}

/**
 * The drawer a cash refund is paid out of: the one the admin names, else the open drawer of the cashier
 * who settled the ticket. It must be open: cash handed back is counted at that drawer's close.
 */
export async function drawerForCashRefund(
  tx: Tx,
  engine: DatabaseEngine,
  settledBy: number | null,
  drawerId?: number,
): Promise<number> {
  const drawer =
    drawerId !== undefined
      ? await lockDrawer(tx, engine, drawerId)
      : settledBy === null
        ? undefined
        : await lockOpenDrawer(tx, engine, settledBy);
  if (drawerId !== undefined && !drawer) throw new AppError('not_found', `There is no drawer ${drawerId}.`);
  if (!drawer || drawer.open_cashier_id === null) {
    throw new AppError(
      'drawer_closed',
      drawerId !== undefined
        ? `Drawer ${drawerId} is closed. Pay the cash from an open drawer, or refund by card or e-wallet.`
        : 'The cashier who took this payment has no open drawer. Name an open drawer to pay the cash from, or refund by card or e-wallet.',
    );
  }
  return drawer.id;
}

/** Opening, closing and listing drawers; the cash rules of payments and refunds are the functions above. */
export class DrawersService {
  constructor(private readonly context: ServiceContext) {}

  private get db() {
    return this.context.database.db;
  }

  /** The caller's open drawer with its running figures, or null. */
  async current(principal: StaffPrincipal): Promise<DrawerView | null> {
    const row = await findOpenDrawer(this.db, principal.accountId);
    return row ? (await presentDrawers(this.db, [row]))[0]! : null;
  }

  /** Opens a drawer with its float at the cashier's counter. One open drawer per cashier (its unique key). */
  async open(principal: StaffPrincipal, input: DrawerOpenInput): Promise<DrawerView> {
    const refusal = () =>
      new AppError(
        'drawer_already_open',
        'Your drawer is already open. Close it with its count before opening another.',
      );
    let id: number;
    try {
      id = await inTransaction(this.context.database, async (tx) => {
        const engine = this.context.database.engine;
        const cashier = await lockCashier(tx, engine, principal.accountId);
        if (await lockOpenDrawer(tx, engine, principal.accountId)) throw refusal();
        return insertDrawer(tx, {
          cashierId: principal.accountId,
          counter: cashier?.counter ?? null,
          openingFloat: input.openingFloat,
          now: this.context.clock.now(),
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw refusal();
      throw error;
    }
    return (await presentDrawers(this.db, [(await findDrawer(this.db, id))!]))[0]!;
  }

  /** Closes the caller's open drawer with the cash counted in it; the answer shows expected and the difference. */
  async close(principal: StaffPrincipal, input: DrawerCloseInput): Promise<DrawerView> {
    const id = await inTransaction(this.context.database, async (tx) => {
      const drawer = await lockOpenDrawer(tx, this.context.database.engine, principal.accountId);
      if (!drawer) throw new AppError('drawer_closed', 'You have no open drawer to close.');
      await closeDrawer(tx, drawer.id, {
        countedCash: input.countedCash,
        note: input.note ?? null,
        now: this.context.clock.now(),
      });
      return drawer.id;
    });
    return (await presentDrawers(this.db, [(await findDrawer(this.db, id))!]))[0]!;
  }

  /** Every drawer open at some moment of the business day, by opening time. */
  async listOfDay(date: string): Promise<DrawerView[]> {
    const range = businessDayRange(date, this.context.config.businessTimeZone);
    return presentDrawers(this.db, await listDrawersOpenDuring(this.db, range));
  }
}
