import { businessDateOf, businessDayRange, type Snapshot, type StaffView } from '@spaflow/domain';
import type { Kysely } from 'kysely';
import type { ServiceContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { estimateCashierQueueWaits, estimateQueueWaits } from '../queue/wait-estimates.js';
import { listRooms } from '../rooms/rooms.service.js';
import { presentTransactions } from '../transactions/transactions.presenter.js';
import { latestSeq, listQueue } from '../transactions/transactions.repository.js';
import {
  dayServedByTherapist,
  dayServiceFigures,
  listCashiersOnFloor,
  listPaying,
  listServing,
  listTherapistsOnFloor,
} from './monitor.repository.js';
import { loadSales, revenueOf } from '../reports/reports.service.js';

const seconds = (ms: number | null | undefined): number | null =>
  ms === null || ms === undefined ? null : Math.round(Number(ms) / 1000);

/** Staff as the monitor and `staff_updated` show them. */
export async function listStaffViews(db: Kysely<DB>, accountIds?: readonly number[]): Promise<StaffView[]> {
  const [therapists, cashiers] = await Promise.all([
    listTherapistsOnFloor(db, accountIds),
    listCashiersOnFloor(db, accountIds),
  ]);
  return [
    ...therapists.map((therapist): StaffView => ({
      id: therapist.id,
      role: 'therapist',
      displayName: therapist.display_name,
      status: therapist.transaction_id !== null ? 'serving' : therapist.status,
      roomId: therapist.room_id ?? therapist.home_room_id,
      counter: null,
      transactionId: therapist.transaction_id,
    })),
    ...cashiers.map((cashier): StaffView => ({
      id: cashier.id,
      role: 'cashier',
      displayName: cashier.display_name,
      status: cashier.transaction_id !== null ? 'serving' : 'available',
      roomId: null,
      counter: cashier.counter,
      transactionId: cashier.transaction_id,
    })),
  ];
}

export class MonitorService {
  constructor(private readonly context: ServiceContext) {}

  /**
   * The whole floor at one `seq`: the seq is read first, so a client that applies later events on top
   * misses nothing. Every figure comes from an indexed query or an aggregate, never from loading history.
   */
  async snapshot(): Promise<Snapshot> {
    const db = this.context.database.db;
    const seq = await latestSeq(db);
    const now = this.context.clock.now();
    const businessDate = businessDateOf(now, this.context.config.businessTimeZone);
    const [waitingRows, servingRows, awaitingRows, payingRows, rooms, staff, today, servedBy, sales] =
      await Promise.all([
        listQueue(db, 'therapist'),
        listServing(db),
        listQueue(db, 'cashier'),
        listPaying(db),
        listRooms(db),
        listStaffViews(db),
        dayServiceFigures(db, businessDate),
        dayServedByTherapist(db, businessDate),
        loadSales(db, businessDayRange(businessDate, this.context.config.businessTimeZone)),
      ]);
    const [estimate, checkoutEstimate] = await Promise.all([
      estimateQueueWaits(this.context, waitingRows),
      estimateCashierQueueWaits(this.context, awaitingRows),
    ]);
    const positions = (rows: readonly { id: number }[]) => new Map(rows.map((row, index) => [row.id, index + 1]));
    const [waiting, serving, awaitingPayment, paying] = await Promise.all([
      presentTransactions(db, waitingRows, 'staff', {
        queuePositions: positions(waitingRows),
        estimatedWaits: estimate.byTransaction,
      }),
      presentTransactions(db, servingRows, 'staff'),
      presentTransactions(db, awaitingRows, 'staff', {
        queuePositions: positions(awaitingRows),
        estimatedWaits: checkoutEstimate.byTransaction,
      }),
      presentTransactions(db, payingRows, 'staff'),
    ]);
    const oldestConfirm = waitingRows.reduce<number | null>(
      (oldest, row) =>
        row.selection_confirmed_at !== null && (oldest === null || row.selection_confirmed_at < oldest)
          ? row.selection_confirmed_at
          : oldest,
      null,
    );
    return {
      seq,
      generatedAt: new Date(now).toISOString(),
      businessDate,
      waiting,
      serving,
      awaitingPayment,
      paying,
      rooms,
      therapists: staff.filter((member) => member.role === 'therapist'),
      cashiers: staff.filter((member) => member.role === 'cashier'),
      stats: {
        waitingCount: waitingRows.length,
        longestWaitSeconds: oldestConfirm === null ? 0 : Math.round((now - oldestConfirm) / 1000),
        avgWaitSecondsToday: seconds(today.avgWaitMs),
        avgServiceSecondsToday: seconds(today.avgServiceMs),
        estimatedWaitSeconds: estimate.newCustomerSeconds,
        servedToday: Number(today.served),
        // The day report's net sales so far, by the method its payments used (docs/reports.md).
        revenueToday: revenueOf(sales),
        servedByTherapist: servedBy.map((row) => ({ therapistId: Number(row.therapist_id), count: Number(row.count) })),
      },
    };
  }
}
