import type { CallDestination, TransactionAction, TransactionStatus } from '@spaflow/domain';
import { inTransaction, type Database, type Tx } from '../db/database.js';
import type { TransactionRow } from '../modules/transactions/transactions.repository.js';

/** One committed lifecycle step, as recorded in `transaction_events` (its id is the global `seq`). */
export type TransactionChange = {
  kind: 'transaction';
  seq: number;
  transactionId: number;
  action: TransactionAction;
  from: TransactionStatus | null;
  to: TransactionStatus;
  version: number;
  at: number;
  /** The transaction as this step left it: each event carries its own snapshot. */
  row: TransactionRow;
};

/**
 * A room or a staff member changed: as part of the lifecycle step with this `seq`, or on its own (a room
 * marked ready, a break taken) with `seq` null.
 */
export type RoomChange = { kind: 'room'; seq: number | null; roomId: number };
export type StaffChange = { kind: 'staff'; seq: number | null; staffId: number };

/** A customer called to a room or a counter by the step with this `seq` (a claim or a recall). */
export type CallChange = {
  kind: 'call';
  seq: number;
  transactionId: number;
  code: string;
  destination: CallDestination;
  at: number;
};

export type Change = TransactionChange | RoomChange | StaffChange | CallChange;

/**
 * The seam where committed changes leave the services: they are handed over only after the database
 * transaction commits, never for a rolled-back one. The real-time layer subscribes here.
 */
export class ChangeFeed {
  readonly #listeners = new Set<(changes: readonly Change[]) => void>();

  subscribe(listener: (changes: readonly Change[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(changes: readonly Change[]): void {
    if (changes.length === 0) return;
    for (const listener of this.#listeners) listener(changes);
  }
}

/**
 * Runs `work` in one database transaction, collecting the changes it records, and publishes them only
 * once the transaction has committed.
 */
export async function commitChanges<T>(
  context: { database: Database; changes: ChangeFeed },
  work: (tx: Tx, changes: Change[]) => Promise<T>,
): Promise<T> {
  let changes: Change[] = [];
  const result = await inTransaction(context.database, (tx) => {
    changes = []; // a retried transaction records its changes afresh
    return work(tx, changes);
  });
  context.changes.publish(changes);
  return result;
}

/** Sessions that must lose their sockets now: a logout (one session) or a deactivation (every session of an account). */
export type Revocation = { sessionId: number } | { accountId: number };

export class RevocationFeed {
  readonly #listeners = new Set<(revocation: Revocation) => void>();

  subscribe(listener: (revocation: Revocation) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(revocation: Revocation): void {
    for (const listener of this.#listeners) listener(revocation);
  }
}
