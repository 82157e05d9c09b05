import type { Board, CallDestination } from './board.js';
import type { RoomView, TransactionView } from './transactions.js';
import type { StaffView } from './monitor.js';
import type { TransactionAction, TransactionStatus } from './lifecycle.js';

/** The real-time contract, shared by the server, the web app, tests and benchmarks. */
export type TransactionUpdated = {
  seq: number;
  action: TransactionAction;
  from: TransactionStatus | null;
  to: TransactionStatus;
  at: string;
  transaction: TransactionView;
};

export type RoomUpdated = { seq: number; room: RoomView };

/**
 * The therapist queue moved (someone joined or left it, a therapist started, finished or took a break):
 * each waiting ticket's place and estimated wait, as of `seq`. Therapists and the monitor get the whole
 * queue; each waiting customer gets only their own line. Versions do not change: no step was taken.
 */
export type QueueMoved = {
  seq: number;
  positions: { transactionId: number; queuePosition: number; estimatedWaitSeconds: number | null }[];
};
export type StaffUpdated = { seq: number; staff: StaffView };

/**
 * Reload the snapshot: the client has missed too much for a replay (`gap_too_large`), or the server could
 * not send an event it committed (`delivery_failed`).
 */
export type ResyncRequired = { seq: number; reason: 'gap_too_large' | 'delivery_failed' };

/** The public board changed (the shape GET /api/board answers), as of `seq`. Board connections get it on connecting too. */
export type BoardUpdated = { seq: number; board: Board };

/**
 * A customer is called (a claim or a recall): to the public board and to that customer's own ticket.
 * Sent once per call-out `seq`, live only: never replayed, never on reconnect.
 */
export type Called = { seq: number; code: string; destination: CallDestination; at: string };

export type ServerToClientEvents = {
  transaction_updated: (event: TransactionUpdated) => void;
  room_updated: (event: RoomUpdated) => void;
  staff_updated: (event: StaffUpdated) => void;
  queue_moved: (event: QueueMoved) => void;
  resync_required: (event: ResyncRequired) => void;
  board_updated: (event: BoardUpdated) => void;
  called: (event: Called) => void;
};

/** The handshake of a public board: no token; the connection only listens to the `board` room. */
export type BoardHandshake = { board: true };

/** At most this many [transactionId, version] pairs per resync. */
export const MAX_RESYNC_KNOWN = 500;

export type ResyncRequest = { lastSeq: number; known?: [transactionId: number, version: number][] };

export type ResyncAnswer = { replayed: number; seq: number } | { error: { code: string; message: string } };

export type ClientToServerEvents = {
  /**
   * "I have everything up to lastSeq, and these transactions at these versions": the server replays what
   * this socket's audience missed since, and the newest step it may see of each listed transaction that
   * it holds an older version of.
   */
  resync: (request: ResyncRequest, answer: (result: ResyncAnswer) => void) => void;
};

export const SOCKET_PATH = '/socket.io';
