import type { Kysely } from 'kysely';
import type { StaffRole } from '@spaflow/domain';
import type { DatabaseEngine } from '../../config.js';
import { insertReturningId } from '../../db/insert-id.js';
import { lockRows } from '../../db/locking.js';
import type { DB } from '../../db/schema.js';

export type NewStaffMember = {
  role: StaffRole;
  username: string;
  displayName: string;
  passwordHash: string;
  homeRoomId?: number | null;
  counter?: string | null;
  /** Therapists: their commission override (null: each service's percent applies). */
  commissionPercent?: number | null;
};

export async function findAccountByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function countAccounts(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** One account plus the row its role needs (therapists: home room and status; cashiers: counter). */
export async function insertStaffMember(db: Kysely<DB>, member: NewStaffMember, now: number): Promise<number> {
  const id = await insertReturningId(
    db,
    db.insertInto('accounts').values({
      username: member.username,
      password_hash: member.passwordHash,
      role: member.role,
      display_name: member.displayName,
      active: 1,
      created_at: now,
      updated_at: now,
    }),
  );
  if (member.role === 'therapist') {
    await db
      .insertInto('therapists')
      .values({
        account_id: id,
        home_room_id: member.homeRoomId ?? null,
        status: 'available',
        commission_percent: member.commissionPercent ?? null,
      })
      .execute();
  } else if (member.role === 'cashier') {
    await db
      .insertInto('cashiers')
      .values({ account_id: id, counter: member.counter ?? null })
      .execute();
  }
  return id;
}

/** The therapist's duty row, locked: one therapist's concurrent requests take turns here. */
export async function lockTherapist(db: Kysely<DB>, engine: DatabaseEngine, accountId: number) {
  return lockRows(
    engine,
    db.selectFrom('therapists').select(['account_id', 'home_room_id', 'status']).where('account_id', '=', accountId),
  ).executeTakeFirst();
}

export async function lockCashier(db: Kysely<DB>, engine: DatabaseEngine, accountId: number) {
  return lockRows(
    engine,
    db.selectFrom('cashiers').select(['account_id', 'counter']).where('account_id', '=', accountId),
  ).executeTakeFirst();
}

export async function findTherapistStatus(db: Kysely<DB>, accountId: number) {
  const row = await db.selectFrom('therapists').select('status').where('account_id', '=', accountId).executeTakeFirst();
  return row?.status;
}

export async function setTherapistStatus(db: Kysely<DB>, accountId: number, status: 'available' | 'on_break') {
  await db.updateTable('therapists').set({ status }).where('account_id', '=', accountId).execute();
}

/** Staff as the admin sees them: the account plus its role's row. Never the password hash. */
function staffMembers(db: Kysely<DB>) {
  return db
    .selectFrom('accounts as a')
    .leftJoin('therapists as t', 't.account_id', 'a.id')
    .leftJoin('cashiers as c', 'c.account_id', 'a.id')
    .select([
      'a.id',
      'a.role',
      'a.username',
      'a.display_name as displayName',
      'a.active',
      'c.counter',
      't.home_room_id as homeRoomId',
      't.commission_percent as commissionPercent',
      't.status',
    ]);
}

/** Every account, inactive ones included, by role then username. */
export async function listStaffMembers(db: Kysely<DB>) {
  return staffMembers(db).orderBy('a.role').orderBy('a.username').execute();
}

export async function findStaffMember(db: Kysely<DB>, accountId: number) {
  return staffMembers(db).where('a.id', '=', accountId).executeTakeFirst();
}

/** The account's own fields; absent ones stay as they are. */
export async function updateAccount(
  db: Kysely<DB>,
  accountId: number,
  changes: { displayName?: string; passwordHash?: string; active?: boolean },
  now: number,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      display_name: changes.displayName,
      password_hash: changes.passwordHash,
      active: changes.active === undefined ? undefined : changes.active ? 1 : 0,
      updated_at: now,
    })
    .where('id', '=', accountId)
    .execute();
}

export async function setCashierCounter(db: Kysely<DB>, accountId: number, counter: string | null): Promise<void> {
  await db.updateTable('cashiers').set({ counter }).where('account_id', '=', accountId).execute();
}

export async function setTherapistCommission(
  db: Kysely<DB>,
  accountId: number,
  commissionPercent: number | null,
): Promise<void> {
  await db
    .updateTable('therapists')
    .set({ commission_percent: commissionPercent })
    .where('account_id', '=', accountId)
    .execute();
}

export async function setTherapistHomeRoom(
  db: Kysely<DB>,
  accountId: number,
  homeRoomId: number | null,
): Promise<void> {
  await db.updateTable('therapists').set({ home_room_id: homeRoomId }).where('account_id', '=', accountId).execute();
}
