import type { Kysely } from 'kysely';
import { insertReturningId } from '../../db/insert-id.js';
import type { DB } from '../../db/schema.js';

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
