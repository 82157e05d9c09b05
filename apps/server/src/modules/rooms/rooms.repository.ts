import type { Kysely, Selectable } from 'kysely';
import type { DatabaseEngine } from '../../config.js';
import { insertReturningId } from '../../db/insert-id.js';
import { lockRows } from '../../db/locking.js';
import type { DB, RoomStatus, RoomsTable } from '../../db/schema.js';

export async function findRoomByName(db: Kysely<DB>, name: string) {
  return db.selectFrom('rooms').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertRoom(db: Kysely<DB>, room: { name: string }, now: number): Promise<number> {
  return insertReturningId(
    db,
    db.insertInto('rooms').values({
      name: room.name,
      status: 'available',
      out_of_service: 0,
      active: 1,
      created_at: now,
      updated_at: now,
    }),
  );
}

export type RoomRow = Selectable<RoomsTable>;

/** A room in service that a claim may reserve. */
function reservable(db: Kysely<DB>) {
  return db
    .selectFrom('rooms')
    .selectAll()
    .where('status', '=', 'available')
    .where('out_of_service', '=', 0)
    .where('active', '=', 1);
}

/** The named room if it can be reserved now, locked. */
export async function lockReservableRoom(
  db: Kysely<DB>,
  engine: DatabaseEngine,
  roomId: number,
): Promise<RoomRow | undefined> {
  return lockRows(engine, reservable(db).where('id', '=', roomId)).executeTakeFirst();
}

/**
 * The room an automatic claim takes: the therapist's home room when free, else the free room with the
 * lowest name. Rooms another claimer is reserving are skipped, not waited for.
 */
export async function lockFirstReservableRoom(
  db: Kysely<DB>,
  engine: DatabaseEngine,
  homeRoomId: number | null,
): Promise<RoomRow | undefined> {
  if (homeRoomId !== null) {
    const home = await lockRows(engine, reservable(db).where('id', '=', homeRoomId), 'skip').executeTakeFirst();
    if (home) return home;
  }
  return lockRows(engine, reservable(db).orderBy('name').limit(1), 'skip').executeTakeFirst();
}

export async function lockRoom(db: Kysely<DB>, engine: DatabaseEngine, roomId: number): Promise<RoomRow | undefined> {
  return lockRows(engine, db.selectFrom('rooms').selectAll().where('id', '=', roomId)).executeTakeFirst();
}

/** Moves a room from one status to the next; false if it was not in `from`. */
export async function setRoomStatus(
  db: Kysely<DB>,
  roomId: number,
  change: { from: RoomStatus; to: RoomStatus },
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('rooms')
    .set({ status: change.to, updated_at: now })
    .where('id', '=', roomId)
    .where('status', '=', change.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every active room with the transaction using it (reserved or occupied), in name order. */
export async function listRoomsWithUse(db: Kysely<DB>, roomIds?: readonly number[]) {
  let query = db
    .selectFrom('rooms as r')
    .leftJoin('transactions as t', (join) =>
      join.onRef('t.room_id', '=', 'r.id').on('t.status', 'in', ['therapist_confirmed', 'in_service']),
    )
    .where('r.active', '=', 1)
    .select(['r.id', 'r.name', 'r.status', 'r.out_of_service', 't.id as transactionId'])
    .orderBy('r.name');
  if (roomIds) query = query.where('r.id', 'in', roomIds);
  return query.execute();
}

/** Every room, inactive and out-of-service ones included, in name order. */
export async function listAllRooms(db: Kysely<DB>): Promise<RoomRow[]> {
  return db.selectFrom('rooms').selectAll().orderBy('name').orderBy('id').execute();
}

export async function findRoom(db: Kysely<DB>, roomId: number): Promise<RoomRow | undefined> {
  return db.selectFrom('rooms').selectAll().where('id', '=', roomId).executeTakeFirst();
}

/** The admin's settings of a room; absent fields stay as they are. */
export async function updateRoomSettings(
  db: Kysely<DB>,
  roomId: number,
  changes: { name?: string; active?: boolean; outOfService?: boolean },
  now: number,
): Promise<void> {
  const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? (1 as const) : (0 as const));
  await db
    .updateTable('rooms')
    .set({
      name: changes.name,
      active: flag(changes.active),
      out_of_service: flag(changes.outOfService),
      updated_at: now,
    })
    .where('id', '=', roomId)
    .execute();
}
