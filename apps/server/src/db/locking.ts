import type { SelectQueryBuilder } from 'kysely';
import type { DatabaseEngine } from '../config.js';

/**
 * Row locks for the read-then-write steps of the lifecycle. PostgreSQL and MariaDB lock the selected rows
 * (`skip`: pass over rows another claimer holds, so concurrent claims spread instead of queueing); SQLite
 * has no row locks and no such syntax, and needs none: its write transactions begin IMMEDIATE and run one
 * at a time.
 */
export function lockRows<DB, TB extends keyof DB, O>(
  engine: DatabaseEngine,
  query: SelectQueryBuilder<DB, TB, O>,
  mode: 'wait' | 'skip' = 'wait',
): SelectQueryBuilder<DB, TB, O> {
  if (engine === 'sqlite') return query;
  return mode === 'skip' ? query.forUpdate().skipLocked() : query.forUpdate();
}

/** A unique key refused the write (two writers raced for the same slot). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return (
    code === '23505' || // PostgreSQL unique_violation
    code === 'ER_DUP_ENTRY' ||
    errno === 1062 || // MariaDB / MySQL
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** Two transactions waited on each other and the database rolled one back; running it again is safe. */
export function isDeadlock(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return code === '40P01' || code === 'ER_LOCK_DEADLOCK' || errno === 1213;
}
