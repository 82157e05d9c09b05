import { AppError, bodyIssue, type StaffCreateInput } from '@spaflow/domain';
import type { Clock } from '../../clock.js';
import { inTransaction, type Database } from '../../db/database.js';
import { hashPassword } from '../auth/password.js';
import { findAccountByUsername, insertStaffMember } from './staff.repository.js';

/** Creates a sign-in for a therapist, cashier, monitor or admin. Usernames are unique across all roles. */
export async function createStaffMember(
  deps: { database: Database; clock: Clock },
  input: StaffCreateInput,
): Promise<number> {
  const db = deps.database.db;
  if (await findAccountByUsername(db, input.username)) {
    throw new AppError('validation_failed', `The username "${input.username}" is taken.`, [
      bodyIssue('username', 'taken'),
    ]);
  }
  const passwordHash = await hashPassword(input.password);
  // The account and its role row commit together; the slow hash above stays outside the transaction.
  return inTransaction(deps.database, (tx) =>
    insertStaffMember(
      tx,
      {
        role: input.role,
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        homeRoomId: input.role === 'therapist' ? (input.homeRoomId ?? null) : null,
        counter: input.role === 'cashier' ? (input.counter ?? null) : null,
        commissionPercent: input.role === 'therapist' ? (input.commissionPercent ?? null) : null,
      },
      deps.clock.now(),
    ),
  );
}
