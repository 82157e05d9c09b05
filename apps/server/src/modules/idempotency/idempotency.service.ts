import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, isAppError } from '@spaflow/domain';
import type { ServiceContext } from '../../context.js';
import { isUniqueViolation } from '../../db/locking.js';
import {
  completeKey,
  deleteKey,
  deleteKeysCreatedBefore,
  findKey,
  insertInFlightKey,
} from './idempotency.repository.js';

export type StoredAnswer = { status: number; body: unknown };

/** Keys are kept at least this long (DESIGN.md 3.1); the sweeper removes older ones. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** A duplicate waits this long for the first request's answer before it gets 409 idempotency_in_flight. */
export const IN_FLIGHT_WAIT_MS = 10_000;
const POLL_INTERVAL_MS = 25;

export function hashRequest(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Runs a request at most once per (user, Idempotency-Key). The first request inserts the key and runs;
 * its answer, refusals included, is stored. A duplicate gets the stored answer, waiting for it while the
 * first is still running; the same key with another body is refused with 422 idempotency_mismatch.
 * An unexpected failure frees the key so the client's retry runs afresh.
 */
export class IdempotencyService {
  constructor(private readonly context: ServiceContext) {}

  async run(
    scope: { accountId: number; key: string; requestHash: string },
    work: () => Promise<StoredAnswer>,
  ): Promise<StoredAnswer> {
    const db = this.context.database.db;
    const deadline = Date.now() + IN_FLIGHT_WAIT_MS;
    for (;;) {
      try {
        await insertInFlightKey(db, scope, this.context.clock.now());
        break;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const stored = await this.awaitStored(scope, deadline);
      if (stored) return stored;
      // The first request failed unexpectedly and freed the key: this one runs it now.
    }

    let answer: StoredAnswer;
    try {
      answer = await work();
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) {
        await deleteKey(db, scope);
        throw error;
      }
      answer = { status: error.status, body: error.toBody() };
    }
    await completeKey(
      db,
      scope,
      { status: answer.status, body: JSON.stringify(answer.body) },
      this.context.clock.now(),
    );
    return answer;
  }

  /** The first request's answer once it is stored; null if that request failed and freed the key. */
  private async awaitStored(
    scope: { accountId: number; key: string; requestHash: string },
    deadline: number,
  ): Promise<StoredAnswer | null> {
    for (;;) {
      const stored = await findKey(this.context.database.db, scope.accountId, scope.key);
      if (stored && stored.request_hash !== scope.requestHash) {
        throw new AppError('idempotency_mismatch', 'This Idempotency-Key was used with a different request.');
      }
      if (stored?.state === 'completed' && stored.response_status !== null && stored.response_body !== null) {
        return { status: stored.response_status, body: JSON.parse(stored.response_body) as unknown };
      }
      if (!stored) return null;
      if (Date.now() >= deadline) {
        throw new AppError('idempotency_in_flight', 'A request with this Idempotency-Key is still being processed.');
      }
      await sleep(POLL_INTERVAL_MS);
    }
  }

  async deleteExpired(): Promise<number> {
    return deleteKeysCreatedBefore(this.context.database.db, this.context.clock.now() - 2 * IDEMPOTENCY_RETENTION_MS);
  }
}
