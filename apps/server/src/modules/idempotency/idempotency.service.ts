import { createHash } from 'node:crypto';
import { AppError, isAppError } from '@spaflow/domain';
import type { ServiceContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { isDeadlock, isUniqueViolation } from '../../db/locking.js';
import { commitChanges, type Change } from '../../realtime/changes.js';
import { completeKey, deleteKeysCreatedBefore, findKey, insertKey } from './idempotency.repository.js';

export type StoredAnswer = { status: number; body: unknown };

type KeyScope = { accountId: number; key: string; requestHash: string };

/** Keys are kept at least this long; the sweeper removes older ones. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

export function hashRequest(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The key was taken by a request that committed first; its stored answer is read outside the transaction. */
class KeyTaken extends Error {}

/**
 * Runs a request at most once per (user, Idempotency-Key). The key row, the request's writes and its stored
 * answer commit in one database transaction: a process that dies at any point leaves either nothing (the
 * retry runs afresh) or the whole of it (the retry gets the stored answer). A duplicate arriving meanwhile
 * waits on the key's unique index (row lock; on SQLite the one writer) and then reads the answer. A refusal
 * is stored too, in its own write after the rolled-back attempt. The same key with another body is
 * refused with 422 idempotency_mismatch.
 */
export class IdempotencyService {
  constructor(private readonly context: ServiceContext) {}

  async run(scope: KeyScope, work: (tx: Tx, changes: Change[]) => Promise<StoredAnswer>): Promise<StoredAnswer> {
    for (;;) {
      const stored = await this.findStored(scope);
      if (stored) return stored;
      try {
        return await commitChanges(this.context, async (tx, changes) => {
          try {
            await insertKey(tx, scope, this.context.clock.now());
          } catch (error) {
            if (isUniqueViolation(error)) throw new KeyTaken();
            throw error;
          }
          const answer = await work(tx, changes);
          await completeKey(
            tx,
            scope,
            { status: answer.status, body: JSON.stringify(answer.body) },
            this.context.clock.now(),
          );
          return answer;
        });
      } catch (error) {
        // Another request with this key committed first, or two duplicates deadlocked on the key: read again.
        if (error instanceof KeyTaken || isDeadlock(error)) continue;
        if (!isAppError(error) || error.status >= 500) throw error;
        const refusal = { status: error.status, body: error.toBody() };
        try {
          await this.context.database.db.transaction().execute(async (tx) => {
            await insertKey(tx, scope, this.context.clock.now());
            await completeKey(
              tx,
              scope,
              { status: refusal.status, body: JSON.stringify(refusal.body) },
              this.context.clock.now(),
            );
          });
          return refusal;
        } catch (storeError) {
          if (!isUniqueViolation(storeError)) throw storeError;
          // A duplicate ran meanwhile and stored its answer: every request with this key gets that one.
        }
      }
    }
  }

  private async findStored(scope: KeyScope): Promise<StoredAnswer | null> {
    const stored = await findKey(this.context.database.db, scope.accountId, scope.key);
    if (!stored) return null;
    if (stored.request_hash !== scope.requestHash) {
      throw new AppError('idempotency_mismatch', 'This Idempotency-Key was used with a different request.');
    }
    if (stored.response_status === null || stored.response_body === null) {
      // Only a server from before migration 0004 left a key without its answer (it committed the key alone);
      // whether its payment committed is unknown, so say so instead of risking a second payment.
      throw new AppError(
        'idempotency_in_flight',
        'This payment was interrupted before it was answered. Check the payments already taken on this ticket before entering it again.',
      );
    }
    return { status: stored.response_status, body: JSON.parse(stored.response_body) as unknown };
  }

  async deleteExpired(): Promise<number> {
    return deleteKeysCreatedBefore(this.context.database.db, this.context.clock.now() - 2 * IDEMPOTENCY_RETENTION_MS);
  }
}
