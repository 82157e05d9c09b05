import { AppError, type RoomView } from '@spaflow/domain';
import type { Kysely } from 'kysely';
import type { ServiceContext } from '../../context.js';
import type { DatabaseEngine } from '../../config.js';
import type { Tx } from '../../db/database.js';
import type { DB, RoomStatus } from '../../db/schema.js';
import { commitChanges } from '../../realtime/changes.js';
import {
  lockFirstReservableRoom,
  lockReservableRoom,
  lockRoom,
  listRoomsWithUse,
  setRoomStatus,
  type RoomRow,
} from './rooms.repository.js';

/**
 * Room statuses follow the service: available → reserved (claim) → occupied (start) → cleaning (finish)
 * → available (marked ready). Each move checks the room is where the lifecycle says it must be.
 */
export async function moveRoom(tx: Tx, roomId: number, from: RoomStatus, to: RoomStatus, now: number): Promise<void> {
  if (!(await setRoomStatus(tx, roomId, { from, to }, now))) {
    throw new AppError('invalid_transition', `Room ${roomId} is not ${from}.`);
  }
}

/** Reserves the room a therapist asked for, or picks one (home room first, then lowest name): 409 when none is free. */
export async function reserveRoom(
  tx: Tx,
  engine: DatabaseEngine,
  choice: { roomId?: number | undefined; homeRoomId: number | null },
  now: number,
): Promise<RoomRow> {
  let room: RoomRow | undefined;
  if (choice.roomId !== undefined) {
    room = await lockReservableRoom(tx, engine, choice.roomId);
    if (!room) {
      const exists = await lockRoom(tx, engine, choice.roomId);
      if (!exists?.active) throw new AppError('not_found', `There is no room ${choice.roomId}.`);
      throw new AppError('no_room_available', `Room ${exists.name} is not free.`);
    }
  } else {
    room = await lockFirstReservableRoom(tx, engine, choice.homeRoomId);
    if (!room) throw new AppError('no_room_available', 'Every room is in use or being cleaned.');
  }
  await moveRoom(tx, room.id, 'available', 'reserved', now);
  return room;
}

export function presentRoom(row: {
  id: number;
  name: string;
  status: RoomStatus;
  out_of_service: number;
  transactionId: number | null;
}): RoomView {
  return {
    id: row.id,
    name: row.name,
    status: row.out_of_service ? 'out_of_service' : row.status,
    transactionId: row.transactionId,
  };
}

export async function listRooms(db: Kysely<DB>, roomIds?: readonly number[]): Promise<RoomView[]> {
  return (await listRoomsWithUse(db, roomIds)).map(presentRoom);
}

export class RoomsService {
  constructor(private readonly context: ServiceContext) {}

  list(): Promise<RoomView[]> {
    return listRooms(this.context.database.db);
  }

  /** cleaning → available, by any therapist or an admin. */
  async markReady(roomId: number): Promise<RoomView> {
    await commitChanges(this.context, async (tx, changes) => {
      const room = await lockRoom(tx, this.context.database.engine, roomId);
      if (!room?.active) throw new AppError('not_found', `There is no room ${roomId}.`);
      if (room.status !== 'cleaning') {
        throw new AppError('invalid_transition', `Room ${room.name} is ${room.status}, not being cleaned.`);
      }
      await moveRoom(tx, roomId, 'cleaning', 'available', this.context.clock.now());
      changes.push({ kind: 'room', seq: null, roomId });
    });
    const [view] = await listRooms(this.context.database.db, [roomId]);
    return view!;
  }
}
