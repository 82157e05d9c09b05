import { businessDateOf, estimateWaits, type QueueMoved, type WaitEstimate } from '@spaflow/domain';
import type { ServiceContext } from '../../context.js';
import { dayServiceFigures, listTherapistsOnFloor } from '../monitor/monitor.repository.js';
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
    therapistFreeAt,
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
