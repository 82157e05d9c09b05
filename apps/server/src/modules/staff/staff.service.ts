import { AppError, passwordSchema, staffRoleSchema, usernameSchema } from '@spaflow/domain';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/database.js';
import { hashPassword } from '../auth/password.js';
import { findAccountByUsername, insertStaffMember } from './staff.repository.js';

export const newStaffMemberSchema = z.strictObject({
  role: staffRoleSchema,
  username: usernameSchema,
  displayName: z.string().trim().min(1, 'required').max(120, 'at most 120 characters'),
  password: passwordSchema,
  counter: z.string().trim().min(1).max(16).nullish(),
  homeRoomId: z.number().int().positive().nullish(),
});
export type NewStaffMemberInput = z.infer<typeof newStaffMemberSchema>;

/** Creates a sign-in for a therapist, cashier, monitor or admin. Usernames are unique across all roles. */
export async function createStaffMember(
  deps: { database: Database; clock: Clock },
  input: NewStaffMemberInput,
): Promise<number> {
  const db = deps.database.db;
  if (await findAccountByUsername(db, input.username)) {
    throw new AppError('validation_failed', `The username "${input.username}" is taken.`, [
      { path: 'username', message: 'taken' },
    ]);
  }
  const passwordHash = await hashPassword(input.password);
  return insertStaffMember(
    db,
    {
      role: input.role,
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      homeRoomId: input.role === 'therapist' ? (input.homeRoomId ?? null) : null,
      counter: input.role === 'cashier' ? (input.counter ?? null) : null,
    },
    deps.clock.now(),
  );
}
