/**
 * Estimated waits for a queue served by several people. For the therapist queue: each therapist on duty
 * becomes free when their current service should end (or now, if free); customers in queue order go to
 * whoever is free first, each taking their booked minutes scaled by today's pace (actual over booked
 * service time). The cashier queue uses the same with open counters and the recent time a payment takes.
 * Pure, so the monitor, the queues and the kiosk all show the same figures.
 */
export type WaitEstimateInput = {
  now: number;
  /** When each server (a therapist on duty, an open counter) is expected to be free, epoch ms. */
  serverFreeAt: readonly number[];
  /** The waiting transactions in queue order with the minutes each will take. */
  queue: readonly { id: number; durationMinutes: number }[];
  /** Actual ÷ booked service time of recent services (1 when unknown). */
  pace: number;
};

export type WaitEstimate = {
  /** Seconds until each waiting transaction is likely claimed. */
  byTransaction: Map<number, number>;
  /** Seconds a customer joining now would likely wait; null with nobody serving. */
  newCustomerSeconds: number | null;
};

export function estimateWaits(input: WaitEstimateInput): WaitEstimate {
  const byTransaction = new Map<number, number>();
  if (input.serverFreeAt.length === 0) return { byTransaction, newCustomerSeconds: null };
  const pace = Math.min(Math.max(input.pace, 0.5), 2);
  const freeAt = input.serverFreeAt.map((at) => Math.max(at, input.now));
  const takeEarliest = (): number => {
    let index = 0;
    for (let i = 1; i < freeAt.length; i++) if (freeAt[i]! < freeAt[index]!) index = i;
    return index;
  };
  for (const waiting of input.queue) {
    const index = takeEarliest();
    byTransaction.set(waiting.id, Math.round((freeAt[index]! - input.now) / 1000));
    freeAt[index] = freeAt[index]! + waiting.durationMinutes * 60_000 * pace;
  }
  return { byTransaction, newCustomerSeconds: Math.round((freeAt[takeEarliest()]! - input.now) / 1000) };
}
