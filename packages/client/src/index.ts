import {
  MAX_RESYNC_KNOWN,
  SOCKET_PATH,
  boardSchema,
  type Board,
  type BoardHandshake,
  type Called,
  type ClientToServerEvents,
  type ResyncAnswer,
  type RoomView,
  type ServerToClientEvents,
  type StaffView,
  type TransactionUpdated,
  type TransactionView,
} from '@spaflow/domain';
import { io, type Socket } from 'socket.io-client';

/** How long a dismissed client waits before knocking again (its token is checked at the door). */
const DISMISSED_RETRY_MS = 1000;

/** How long a missing seq may stay missing (in flight from another node) before the client resyncs. */
const GAP_GRACE_MS = 2000;

export type FloorSnapshot = {
  seq: number;
  transactions: readonly TransactionView[];
  rooms?: readonly RoomView[];
  staff?: readonly StaffView[];
};

export type FloorClientOptions = {
  /** The server's base URL, e.g. http://localhost:3000. */
  url: string;
  /** A staff token or a customer token. */
  token: string;
  /** Reloads the whole picture (the monitor snapshot, a queue, or the customer's own transaction). */
  loadSnapshot?: () => Promise<FloorSnapshot>;
  /** Called after every applied change. */
  onChange?: (client: FloorClient) => void;
  /** Node only: headers for the handshake (browsers send their own Origin). */
  extraHeaders?: Record<string, string>;
  /**
   * True for stations that hear every step of the transactions they see (monitor, admin, a customer's
   * own ticket): a version that skips ahead then means events were missed, and the client resyncs.
   * Queue stations hear only their part of the lifecycle, so skips are normal there.
   */
  hearsEveryStep?: boolean;
  /**
   * True for the monitor and admin, who hear every event of every transaction: the client then knows
   * exactly which seqs it has not seen yet (events from other app nodes can arrive out of order) and
   * resyncs from the first missing one instead of from the newest seen.
   */
  hearsEverySeq?: boolean;
  /**
   * The server refused this client's token (logged out, deactivated, expired): the station should sign out.
   * The client stays disconnected.
   */
  onRefused?: (code: string) => void;
};

/** Opens a socket; resolves once connected, rejects with the server's refusal code as `code`. */
function connectSocket(socket: Socket): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onConnect = () => {
      socket.off('connect_error', onError);
      resolve();
    };
    const onError = (error: Error & { data?: { code?: string } }) => {
      socket.off('connect', onConnect);
      const code = error.data?.code ?? error.message;
      reject(Object.assign(new Error(code), { code }));
    };
    socket.once('connect', onConnect);
    socket.once('connect_error', onError);
    socket.connect();
  });
}

/**
 * Keeps a live copy of what one station may see. Updates apply only when their version is newer than
 * what it holds, so duplicates and replays are harmless; after a reconnect it asks the server to replay
 * what it missed since the newest `seq` it saw, and reloads the snapshot when told the gap is too large.
 */
export class FloorClient {
  readonly transactions = new Map<number, TransactionView>();
  readonly rooms = new Map<number, RoomView>();
  readonly staff = new Map<number, StaffView>();
  /** The newest `seq` this client has seen. */
  lastSeq = 0;
  /** With hearsEverySeq: every seq up to this one has been seen; `#ahead` holds those seen beyond it. */
  #contiguousSeq = 0;
  readonly #ahead = new Set<number>();
  #gapTimer: ReturnType<typeof setTimeout> | undefined;
  /** The seq of the newest queue_moved applied: an older one arriving late (another node) is ignored. */
  #queueSeq = 0;
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  #connectedOnce = false;
  #closed = false;

  constructor(private readonly options: FloorClientOptions) {
    this.socket = io(options.url, {
      path: SOCKET_PATH,
      auth: { token: options.token },
      transports: ['websocket'],
      autoConnect: false,
      ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
    });
    this.socket.on('transaction_updated', (event) => this.#applyTransaction(event));
    this.socket.on('room_updated', ({ seq, room }) => {
      this.#seenNewest(seq);
      this.rooms.set(room.id, room);
      this.options.onChange?.(this);
    });
    this.socket.on('staff_updated', ({ seq, staff }) => {
      this.#seenNewest(seq);
      this.staff.set(staff.id, staff);
      this.options.onChange?.(this);
    });
    this.socket.on('queue_moved', ({ seq, positions }) => {
      // Places are derived, not steps: the newest computation wins, and versions stay as they are.
      if (seq < this.#queueSeq) return;
      this.#queueSeq = seq;
      let moved = false;
      for (const { transactionId, queuePosition, estimatedWaitSeconds } of positions) {
        const held = this.transactions.get(transactionId);
        if (held?.status !== 'pending_therapist') continue;
        if (held.queuePosition === queuePosition && held.estimatedWaitSeconds === estimatedWaitSeconds) continue;
        this.transactions.set(transactionId, { ...held, queuePosition, estimatedWaitSeconds });
        moved = true;
      }
      if (moved) this.options.onChange?.(this);
    });
    this.socket.on('resync_required', () => {
      // The whole picture again; a client without a snapshot to load asks for a replay instead.
      if (this.options.loadSnapshot) this.reload().catch(() => undefined);
      else void this.#resyncWhileConnected();
    });
    this.socket.on('disconnect', (reason) => {
      // The server dismisses a connection on logout, deactivation, token expiry or a flood, and a dismissed
      // client does not reconnect by itself. One that still holds a valid token is let back in (and
      // resyncs); one that does not is refused at the handshake, and onRefused says so.
      if (reason === 'io server disconnect') {
        setTimeout(() => {
          if (!this.#closed) this.socket.connect();
        }, DISMISSED_RETRY_MS);
      }
    });
    this.socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      const code = error.data?.code;
      if (code === 'unauthenticated' || code === 'forbidden_origin') this.options.onRefused?.(code);
    });
    this.socket.on('connect', () => {
      const reconnect = this.#connectedOnce;
      this.#connectedOnce = true;
      // The first connection replays what happened between the snapshot's seq and joining the rooms.
      // Even a recovered session resyncs: recovery replays packets the adapter kept, and the resync
      // (cheap, and harmless to repeat since updates apply by version) covers anything it could not.
      if (reconnect || this.options.loadSnapshot) void this.#resyncWhileConnected();
    });
  }

  /** Connects; resolves once connected, rejects with the server's refusal code (e.g. `unauthenticated`). */
  async connect(): Promise<void> {
    if (this.options.loadSnapshot && this.lastSeq === 0) await this.reload();
    await connectSocket(this.socket);
  }

  /** Asks the server for every event after the last seq this client is sure it has everything up to. */
  async resync(): Promise<ResyncAnswer> {
    const from = this.options.hearsEverySeq ? this.#contiguousSeq : this.lastSeq;
    // The open transactions it holds, so the server can send any newer step it missed of those.
    const known = [...this.transactions.values()]
      .filter((transaction) => transaction.status !== 'paid' && transaction.status !== 'cancelled')
      .slice(-MAX_RESYNC_KNOWN)
      .map((transaction): [number, number] => [transaction.id, transaction.version]);
    // socket.io-client types acknowledgements under timeout() as any; the contract says what comes back.
    const answer = (await this.socket.timeout(10_000).emitWithAck('resync', { lastSeq: from, known })) as ResyncAnswer;
    // The server has now sent everything up to answer.seq: seqs never seen below it never will be
    // (a rolled-back transaction leaves a hole in the sequence).
    if ('seq' in answer) this.#everythingUpTo(answer.seq);
    return answer;
  }

  /**
   * Resyncs after a reconnect, retrying while the connection lasts: a resync lost to a slow server would
   * otherwise leave the gap open until the next reconnect. A new connection starts its own.
   */
  async #resyncWhileConnected(): Promise<void> {
    const connection = this.socket.id;
    for (let attempt = 1; attempt <= 10 && this.socket.connected && this.socket.id === connection; attempt++) {
      try {
        await this.resync();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  /** Replaces the local picture with a fresh snapshot. */
  async reload(): Promise<void> {
    if (!this.options.loadSnapshot) return;
    const snapshot = await this.options.loadSnapshot();
    this.transactions.clear();
    for (const transaction of snapshot.transactions) this.transactions.set(transaction.id, transaction);
    for (const room of snapshot.rooms ?? []) this.rooms.set(room.id, room);
    for (const member of snapshot.staff ?? []) this.staff.set(member.id, member);
    this.#everythingUpTo(snapshot.seq);
    this.options.onChange?.(this);
  }

  /**
   * The answer to this station's own request (a claim, a payment): shown at once, by the same rule as an
   * event (only if newer than what is held), so the socket's copy of that step or a later one supersedes it.
   */
  applyAnswer(transaction: TransactionView): void {
    if (this.#hasNewer(transaction)) return;
    this.transactions.set(transaction.id, transaction);
    this.options.onChange?.(this);
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#gapTimer);
    this.socket.disconnect();
  }

  #seenNewest(seq: number): void {
    if (seq > this.lastSeq) this.lastSeq = seq;
  }

  #seen(seq: number): void {
    this.#seenNewest(seq);
    if (seq <= this.#contiguousSeq) return;
    this.#ahead.add(seq);
    while (this.#ahead.delete(this.#contiguousSeq + 1)) this.#contiguousSeq++;
    if (this.options.hearsEverySeq && this.#ahead.size > 0) this.#watchGap();
  }

  /**
   * A seq still missing after a moment is a lost event, not one in flight from another node: resync.
   * (Holes left by rolled-back transactions are closed by the resync's answer.)
   */
  #watchGap(): void {
    if (this.#gapTimer) return;
    const stuckAt = this.#contiguousSeq;
    this.#gapTimer = setTimeout(() => {
      this.#gapTimer = undefined;
      if (this.#contiguousSeq === stuckAt && this.#ahead.size > 0 && this.socket.connected) {
        void this.#resyncWhileConnected();
      } else if (this.#ahead.size > 0) {
        this.#watchGap();
      }
    }, GAP_GRACE_MS);
  }

  #everythingUpTo(seq: number): void {
    this.#seenNewest(seq);
    if (seq <= this.#contiguousSeq) return;
    this.#contiguousSeq = seq;
    for (const ahead of this.#ahead) if (ahead <= seq) this.#ahead.delete(ahead);
    while (this.#ahead.delete(this.#contiguousSeq + 1)) this.#contiguousSeq++;
  }

  #hasNewer(transaction: TransactionView): boolean {
    const held = this.transactions.get(transaction.id);
    return held !== undefined && held.version >= transaction.version;
  }

  #applyTransaction(event: TransactionUpdated): void {
    this.#seen(event.seq);
    if (this.#hasNewer(event.transaction)) return;
    const held = this.transactions.get(event.transaction.id);
    if (this.options.hearsEveryStep && held && event.transaction.version > held.version + 1) {
      this.resync().catch(() => undefined);
    }
    this.transactions.set(event.transaction.id, event.transaction);
    this.options.onChange?.(this);
  }
}

export type BoardClientOptions = {
  /** The server's base URL, e.g. http://localhost:3000. */
  url: string;
  /** The board changed (a newer one than held arrived). */
  onBoard?: (board: Board) => void;
  /**
   * A customer is being called now: once per call-out `seq`, live only. Call-outs missed while disconnected
   * are never announced late (the board that arrives on reconnect shows them), so a chime or a spoken call
   * follows this and nothing else.
   */
  onCalled?: (called: Called) => void;
  /** Node only: headers for the handshake (browsers send their own Origin). */
  extraHeaders?: Record<string, string>;
};

/**
 * The public call board's live feed: a token-less connection that only listens. It keeps the
 * newest board by `seq` (the server sends the whole board on every connect and after every change that
 * moves it) and announces each call-out once.
 */
export class BoardClient {
  board: Board | null = null;
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly #announced = new Set<number>();
  /**
   * False from a disconnect until the next `connect` event. socket.io-client hands over the packets a
   * recovered connection missed before it emits `connect`: call-outs heard meanwhile are old news.
   */
  #live = false;

  constructor(private readonly options: BoardClientOptions) {
    const auth: BoardHandshake = { board: true };
    this.socket = io(options.url, {
      path: SOCKET_PATH,
      auth,
      transports: ['websocket'],
      autoConnect: false,
      ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
    });
    this.socket.on('board_updated', ({ board }) => this.#apply(board));
    this.socket.on('called', (called) => {
      if (this.#announced.has(called.seq)) return;
      this.#announced.add(called.seq);
      if (this.#announced.size > 1000) this.#announced.delete(this.#announced.values().next().value!);
      if (this.#live) this.options.onCalled?.(called);
    });
    this.socket.on('connect', () => {
      this.#live = true;
    });
    this.socket.on('disconnect', () => {
      this.#live = false;
    });
  }

  /** Connects; resolves once connected, rejects with the server's refusal code (e.g. `forbidden_origin`). */
  async connect(): Promise<void> {
    await connectSocket(this.socket);
  }

  /** Reads the board over HTTP (GET /api/board), e.g. to refresh the estimated wait as time passes. */
  async reload(): Promise<Board> {
    const response = await fetch(`${this.options.url}/api/board`);
    if (!response.ok) throw new Error(`GET /api/board answered ${response.status}`);
    const board = boardSchema.parse(await response.json());
    this.#apply(board);
    return this.board!;
  }

  close(): void {
    this.socket.disconnect();
  }

  /** Keeps the newest: an equal seq is a fresher read of the same floor (the estimate moves with time). */
  #apply(board: Board): void {
    if (this.board && board.seq < this.board.seq) return;
    this.board = board;
    this.options.onBoard?.(board);
  }
}
