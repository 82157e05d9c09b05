import type { CancelReason, TransactionStatus, TransactionView } from '@spaflow/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { listTransactionDiscounts } from '../discounts/discounts.repository.js';
import { countAhead, findNames, listItems, type TransactionRow } from './transactions.repository.js';

/** Staff see everything; a customer sees their own transaction without the staff-only fields. */
export type Audience = 'staff' | 'customer';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * The one place that shapes a transaction for the outside. Queue positions are given for
 * lists read in queue order, and counted on the queue index for single transactions.
 */
export async function presentTransactions(
  db: Kysely<DB>,
  rows: readonly TransactionRow[],
  audience: Audience,
  options: { queuePositions?: ReadonlyMap<number, number>; estimatedWaits?: ReadonlyMap<number, number> } = {},
): Promise<TransactionView[]> {
  const ids = rows.map((row) => row.id);
  const accountIds = new Set<number>();
  const roomIds = new Set<number>();
  for (const row of rows) {
    if (row.therapist_id !== null) accountIds.add(row.therapist_id);
    if (row.cashier_id !== null) accountIds.add(row.cashier_id);
    if (row.room_id !== null) roomIds.add(row.room_id);
  }
  const [items, discounts, names, positions] = await Promise.all([
    listItems(db, ids),
    listTransactionDiscounts(db, ids),
    findNames(db, [...accountIds], [...roomIds]),
    options.queuePositions ??
      Promise.all(rows.map(async (row) => [row.id, await countAhead(db, row)] as const)).then(
        (entries) =>
          new Map(
            entries
              .filter((entry): entry is [number, number] => entry[1] !== null)
              .map(([id, ahead]) => [id, ahead + 1]),
          ),
      ),
  ]);
  const itemsByTransaction = new Map<number, typeof items>();
  for (const item of items) {
    const list = itemsByTransaction.get(item.transaction_id) ?? [];
    list.push(item);
    itemsByTransaction.set(item.transaction_id, list);
  }

  /** The discounts active at the row's version: an event's snapshot shows the discounts of its own step. */
  const activeDiscounts = (row: TransactionRow) =>
    discounts.filter(
      (discount) =>
        discount.transaction_id === row.id &&
        discount.applied_version <= row.version &&
        (discount.removed_version === null || discount.removed_version > row.version),
    );

  return rows.map((row) => {
    const amountDue = row.total_amount - row.discount_amount;
    const person = (id: number | null) => (id === null ? null : { id, displayName: names.accounts.get(id) ?? '' });
    return {
      id: row.id,
      code: row.code,
      businessDate: row.business_date,
      status: row.status as TransactionStatus,
      version: row.version,
      items: (itemsByTransaction.get(row.id) ?? []).map((item) => ({
        id: item.id,
        classificationId: item.classification_id,
        serviceName: item.service_name,
        classificationName: item.classification_name,
        durationMinutes: item.duration_minutes,
        unitPrice: item.unit_price,
        quantity: item.quantity,
        lineTotal: item.line_total,
      })),
      totalAmount: row.total_amount,
      totalDurationMinutes: row.total_duration_minutes,
      discounts: activeDiscounts(row).map((discount) => ({
        id: discount.id,
        name: discount.name,
        kind: discount.kind,
        value: discount.value,
        amount: discount.amount,
        note: discount.note,
      })),
      discountAmount: row.discount_amount,
      amountDue,
      amountPaid: row.amount_paid,
      balance: amountDue - row.amount_paid,
      tipAmount: row.tip_amount,
      amountRefunded: row.amount_refunded,
      therapist: person(row.therapist_id),
      room: row.room_id === null ? null : { id: row.room_id, name: names.rooms.get(row.room_id) ?? '' },
      cashier: person(row.cashier_id),
      createdAt: new Date(row.created_at).toISOString(),
      selectionConfirmedAt: iso(row.selection_confirmed_at),
      therapistConfirmedAt: iso(row.therapist_confirmed_at),
      serviceStartAt: iso(row.service_start_at),
      serviceFinishAt: iso(row.service_finish_at),
      cashierClaimedAt: iso(row.cashier_claimed_at),
      paidAt: iso(row.paid_at),
      cancelledAt: iso(row.cancelled_at),
      cancelReason: row.cancel_reason as CancelReason | null,
      priority: row.priority !== null,
      ...(audience === 'staff' ? { priorityReason: row.priority } : {}),
      queuePosition: positions.get(row.id) ?? null,
      estimatedWaitSeconds: options.estimatedWaits?.get(row.id) ?? null,
    };
  });
}

export async function presentTransaction(
  db: Kysely<DB>,
  row: TransactionRow,
  audience: Audience,
  options: { estimatedWaits?: ReadonlyMap<number, number> } = {},
): Promise<TransactionView> {
  const [view] = await presentTransactions(db, [row], audience, options);
  return view!;
}
