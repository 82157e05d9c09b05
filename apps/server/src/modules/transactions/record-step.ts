import {
  AppError,
  findTransition,
  stepRefusal,
  type EventDetail,
  type TransactionAction,
  type TransactionStatus,
} from '@spaflow/domain';
import type { Updateable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { TransactionsTable } from '../../db/schema.js';
import type { Change } from '../../realtime/changes.js';
import type { Principal } from '../auth/principal.js';
import {
  insertTransactionEvent,
  updateTransactionIfUnchanged,
  type TransactionRow,
} from './transactions.repository.js';

export type ActorRef = { type: 'customer' | 'staff' | 'system'; id: number | null };

export const SYSTEM_ACTOR: ActorRef = { type: 'system', id: null };

export function actorRefOf(principal: Principal): ActorRef {
  return principal.kind === 'customer' ? { type: 'customer', id: null } : { type: 'staff', id: principal.accountId };
}

/**
 * Writes one lifecycle step inside `tx`: the row's new values, its status per the lifecycle table,
 * `version + 1`, and one `transaction_events` row whose id becomes the change's `seq`. Who may take the
 * step is checked before (transactions.policy.ts); this only refuses what the table does not allow.
 */
export async function recordStep(
  tx: Tx,
  step: {
    row: TransactionRow;
    action: TransactionAction;
    values?: Updateable<TransactionsTable>;
    actor: ActorRef;
    now: number;
    changes: Change[];
    /** What the step did beyond its status, for the audit trail: a payment's method and amount, a reason. */
    detail?: EventDetail;
    /** Rooms and staff this step changed too: their updates carry the step's `seq`. */
    related?: { roomIds?: readonly number[]; staffIds?: readonly number[] };
  },
): Promise<TransactionRow> {
  const { row, action, actor, now } = step;
  const transition = findTransition(action, row.status as TransactionStatus);
  if (!transition) throw new AppError('invalid_transition', stepRefusal(action, row.status as TransactionStatus));
  const values = { ...step.values, status: transition.to, updated_at: now };
  if (!(await updateTransactionIfUnchanged(tx, row, values))) {
    throw new AppError('invalid_transition', 'This transaction changed meanwhile. Reload it and try again.');
  }
  const version = row.version + 1;
  const after: TransactionRow = { ...row, ...values, version };
  const seq = await insertTransactionEvent(tx, {
    transaction_id: row.id,
    action,
    from_status: row.status,
    to_status: transition.to,
    version,
    actor_type: actor.type,
    actor_id: actor.id,
    at: now,
    snapshot: JSON.stringify(after),
    detail: step.detail ? JSON.stringify(step.detail) : null,
  });
  step.changes.push({
    kind: 'transaction',
    seq,
    transactionId: row.id,
    action,
    from: row.status as TransactionStatus,
    to: transition.to,
    version,
    at: now,
    row: after,
  });
  for (const roomId of step.related?.roomIds ?? []) step.changes.push({ kind: 'room', seq, roomId });
  for (const staffId of step.related?.staffIds ?? []) step.changes.push({ kind: 'staff', seq, staffId });
  return after;
}
