import type { TransactionStatus } from '@spaflow/domain';
import type { Principal } from '../modules/auth/principal.js';
import type { Change } from './changes.js';

/** The Socket.IO rooms. The server alone decides them; a client never names one. */
export const MONITOR_ROOM = 'monitor';
export const THERAPIST_ROOM = 'therapist_queue';
export const CASHIER_ROOM = 'cashier_queue';
/** The public call board: connections without a token that only listen. */
export const BOARD_ROOM = 'board';
export const transactionRoom = (id: number) => `txn_${id}`;
export const sessionRoom = (id: number) => `session_${id}`;
export const accountRoom = (id: number) => `account_${id}`;

export const THERAPIST_QUEUE_STATUSES: readonly TransactionStatus[] = [
  'pending_therapist',
  'therapist_confirmed',
  'in_service',
];
export const CASHIER_QUEUE_STATUSES: readonly TransactionStatus[] = ['awaiting_payment', 'paying', 'paid'];

/** Staff rooms that hear of a transaction moving from → to (its own txn room always hears too). */
export function staffRoomsFor(from: TransactionStatus | null, to: TransactionStatus): string[] {
  const touches = (statuses: readonly TransactionStatus[]) =>
    (from !== null && statuses.includes(from)) || statuses.includes(to);
  return [
    MONITOR_ROOM,
    ...(touches(THERAPIST_QUEUE_STATUSES) ? [THERAPIST_ROOM] : []),
    ...(touches(CASHIER_QUEUE_STATUSES) ? [CASHIER_ROOM] : []),
  ];
}

/**
 * What the public board shows moves when a ticket joins, leaves or moves through the therapist queue (its
 * waiting list and estimate), is called, or stops being called (started, paid, released, cancelled).
 */
const BOARD_STATUSES: readonly TransactionStatus[] = [...THERAPIST_QUEUE_STATUSES, 'paying', 'paid'];

export function movesBoard(change: Change): boolean {
  if (change.kind === 'transaction') {
    return [change.from, change.to].some((status) => status !== null && BOARD_STATUSES.includes(status));
  }
  // A therapist's break changes the estimated wait; a room does not show on the board.
  return change.kind !== 'room';
}

/** Room and staff updates go to the monitor and the therapists (who pick rooms and see colleagues). */
export const FLOOR_ROOMS = [MONITOR_ROOM, THERAPIST_ROOM];

/** The rooms a connection joins, by who it is. */
export function roomsOf(principal: Principal): string[] {
  if (principal.kind === 'customer') return [transactionRoom(principal.transactionId)];
  const personal = [sessionRoom(principal.sessionId), accountRoom(principal.accountId)];
  switch (principal.role) {
    case 'therapist':
      return [THERAPIST_ROOM, ...personal];
    case 'cashier':
      return [CASHIER_ROOM, ...personal];
    case 'monitor':
      return [MONITOR_ROOM, ...personal];
    case 'admin':
      return [MONITOR_ROOM, THERAPIST_ROOM, CASHIER_ROOM, ...personal];
  }
}

/** What a connection may replay: its own transaction, its queue's statuses, or (monitor, admin) everything. */
export function replayScopeOf(principal: Principal): {
  transactionId?: number;
  statuses?: readonly TransactionStatus[];
} {
  if (principal.kind === 'customer') return { transactionId: principal.transactionId };
  if (principal.role === 'therapist') return { statuses: THERAPIST_QUEUE_STATUSES };
  if (principal.role === 'cashier') return { statuses: CASHIER_QUEUE_STATUSES };
  return {};
}
