import { businessDateOf, estimateWaits, type QueueMoved, type WaitEstimate } from '@spaflow/domain';
import type { ServiceContext } from '../../context.js';
import {
  dayServiceFigures,
  listOpenCounters,
  listTherapistsOnFloor,
  recentCheckoutDurations,
} from '../monitor/monitor.repository.js';
import {
  countAhead,
  latestSeq,
  listTherapistQueueDurations,
  type TransactionRow,
} from '../transactions/transactions.repository.js';

/**
 * Today's pace (actual ÷ booked service minutes), the therapists on duty and the queue, turned into
 * estimated waits by the domain's estimateWaits. Read-only and index-backed: cheap enough per request.
 */
export async function estimateQueueWaits(
  context: ServiceContext,
  waiting?: readonly Pick<TransactionRow, 'id' | 'total_duration_minutes'>[],
): Promise<WaitEstimate & { pace: number }> {
  const db = context.database.db;
  const now = context.clock.now();
  const [queue, therapists, today] = await Promise.all([
    waiting ?? listTherapistQueueDurations(db),
    listTherapistsOnFloor(db),
    dayServiceFigures(db, businessDateOf(now, context.config.businessTimeZone)),
  ]);
  const actual = Number(today.actualServiceMs ?? 0);
  const booked = Number(today.bookedServiceMs ?? 0);
  const pace = actual > 0 && booked > 0 ? actual / booked : 1;
  const therapistFreeAt = therapists
    .filter((therapist) => therapist.transaction_id !== null || therapist.status === 'available')
    .map((therapist) => {
      if (therapist.transaction_id === null) return now;
      const booked = (therapist.total_duration_minutes ?? 0) * 60_000 * pace;
      return (therapist.service_start_at ?? now) + booked;
    });
  const estimate = estimateWaits({
    now,
    serverFreeAt: therapistFreeAt,
    queue: queue.map((row) => ({ id: row.id, durationMinutes: row.total_duration_minutes })),
    pace,
  });
  return { ...estimate, pace };
}

/** The estimate for one waiting transaction, reading the queue only up to it. */
export async function estimateWaitOf(
  context: ServiceContext,
  row: TransactionRow,
): Promise<ReadonlyMap<number, number>> {
  const ahead = await countAhead(context.database.db, row);
  if (ahead === null) return new Map();
  const upToIt = await listTherapistQueueDurations(context.database.db, ahead + 1);
  return (await estimateQueueWaits(context, upToIt)).byTransaction;
}

/** Every waiting ticket's place and estimated wait, as of `seq` (read first): what queue_moved tells. */
export async function therapistQueuePositions(
  context: ServiceContext,
): Promise<QueueMoved & { estimatedWaits: ReadonlyMap<number, number> }> {
  const db = context.database.db;
  const seq = await latestSeq(db);
  const waiting = await listTherapistQueueDurations(db);
  const estimatedWaits = (await estimateQueueWaits(context, waiting)).byTransaction;
  const positions = waiting.map((row, index) => ({
    transactionId: row.id,
    queuePosition: index + 1,
    estimatedWaitSeconds: estimatedWaits.get(row.id) ?? null,
  }));
  return { seq, positions, estimatedWaits };
}

/** A payment at the counter is assumed to take this long until the shop has paid tickets of its own to go by. */
export const DEFAULT_CHECKOUT_MS = 3 * 60_000;
/** The pace of payments is read from the tickets paid in this recent window (at most RECENT_CHECKOUTS of them). */
export const RECENT_CHECKOUT_WINDOW_MS = 2 * 60 * 60_000;
export const RECENT_CHECKOUTS = 20;

/**
 * Estimated waits for the cashier queue, by the domain's estimateWaits: the open counters (cashiers signed
 * in) are the servers, each free now or when the ticket it holds should be done; every ticket takes the
 * recent average time from a counter's claim to paid.
 */
export async function estimateCashierQueueWaits(
  context: ServiceContext,
  waiting: readonly Pick<TransactionRow, 'id'>[],
): Promise<WaitEstimate & { checkoutMs: number }> {
  const db = context.database.db;
  const now = context.clock.now();
  const [counters, recent] = await Promise.all([
    listOpenCounters(db, now),
    recentCheckoutDurations(db, now - RECENT_CHECKOUT_WINDOW_MS, RECENT_CHECKOUTS),
  ]);
  const checkoutMs =
    recent.length > 0
      ? recent.reduce((sum, row) => sum + Number(row.checkout_ms), 0) / recent.length
      : DEFAULT_CHECKOUT_MS;
  const estimate = estimateWaits({
    now,
    serverFreeAt: counters.map((counter) =>
      counter.cashier_claimed_at === null ? now : counter.cashier_claimed_at + checkoutMs,
    ),
    queue: waiting.map((row) => ({ id: row.id, durationMinutes: checkoutMs / 60_000 })),
    pace: 1,
  });
  return { ...estimate, checkoutMs };
}
