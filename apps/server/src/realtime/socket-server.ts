import { createAdapter } from '@socket.io/redis-streams-adapter';
import {
  MAX_RESYNC_KNOWN,
  SOCKET_PATH,
  type ClientToServerEvents,
  type QueueMoved,
  type ServerToClientEvents,
  type TransactionAction,
  type TransactionStatus,
} from '@spaflow/domain';
import type { FastifyInstance } from 'fastify';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { Services } from '../app.js';
import type { Principal } from '../modules/auth/principal.js';
import { listStaffViews } from '../modules/monitor/monitor.service.js';
import { estimateQueueWaits, therapistQueuePositions } from '../modules/queue/wait-estimates.js';
import { listRooms } from '../modules/rooms/rooms.service.js';
import { presentTransaction } from '../modules/transactions/transactions.presenter.js';
import {
  findTransaction,
  latestSeq,
  listEventsOfTransactions,
  listEventsSince,
  type TransactionRow,
} from '../modules/transactions/transactions.repository.js';
import {
  BOARD_ROOM,
  FLOOR_ROOMS,
  MONITOR_ROOM,
  THERAPIST_QUEUE_STATUSES,
  THERAPIST_ROOM,
  accountRoom,
  movesBoard,
  replayScopeOf,
  roomsOf,
  sessionRoom,
  staffRoomsFor,
  transactionRoom,
} from './audiences.js';
import type { Change, Revocation } from './changes.js';

/** Who is connected: a token's principal, or null for a public board (no token; it only listens). */
type SocketData = { principal: Principal | null };
type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Replays up to this many events; a client further behind is told to reload its snapshot. */
export const MAX_REPLAY = 500;
/**
 * Replays start this many seqs before the client's last one: commits on several nodes reach a client
 * out of seq order, and a client applies by version, so seeing an event twice is harmless while missing
 * one is not. (The monitor's client knows its first missing seq exactly and asks from there.)
 */
const REPLAY_OVERLAP = 200;
/** Per-socket limit on what a client may send: a few resyncs, not a flood. */
const CLIENT_EVENTS_PER_10S = 20;
/** Messages from clients are tiny; nothing bigger is read. */
const MAX_CLIENT_PAYLOAD_BYTES = 16 * 1024;

const handshakeAuthSchema = z.union([
  z.object({ token: z.string().min(1).max(256) }),
  // socket.io-client adds pid and offset when it reconnects, to recover the session.
  z.strictObject({ board: z.literal(true), pid: z.string().optional(), offset: z.string().optional() }),
]);
const resyncSchema = z.object({
  lastSeq: z.number().int().min(0),
  known: z
    .array(z.tuple([z.number().int().positive(), z.number().int().min(0)]))
    .max(MAX_RESYNC_KNOWN)
    .optional(),
});

function refusal(code: 'unauthenticated' | 'forbidden_origin'): Error & { data: { code: string } } {
  return Object.assign(new Error(code), { data: { code } });
}

/**
 * Socket.IO on the app's HTTP server: handshake checks, server-chosen rooms, events after
 * commit, replay on resync, and with REDIS_URL the Redis Streams adapter so all of it spans app nodes.
 */
export async function attachRealtime(app: FastifyInstance, services: Services): Promise<RealtimeServer> {
  const { config, clock, changes, revocations } = services.context;
  const io: RealtimeServer = new Server(app.server, {
    path: SOCKET_PATH,
    serveClient: false,
    maxHttpBufferSize: MAX_CLIENT_PAYLOAD_BYTES,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
  });

  let redis: ReturnType<typeof createClient> | undefined;
  if (config.redisUrl) {
    redis = createClient({ url: config.redisUrl });
    redis.on('error', (error: unknown) => app.log.error({ err: error }, 'redis connection error'));
    await redis.connect();
    io.adapter(createAdapter(redis, { streamName: `${config.redisKeyPrefix}:socket.io`, blockTimeInMs: 1000 }));
  }

  const originAllowed = (origin: string | undefined, host: string | undefined): boolean => {
    if (!origin) return true; // not a browser
    try {
      const parsed = new URL(origin);
      return parsed.host === host || config.allowedOrigins.includes(parsed.origin);
    } catch {
      return false;
    }
  };

  io.use((socket, next) => {
    if (!originAllowed(socket.handshake.headers.origin, socket.handshake.headers.host)) {
      next(refusal('forbidden_origin'));
      return;
    }
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) {
      next(refusal('unauthenticated'));
      return;
    }
    if (!('token' in auth.data)) {
      socket.data.principal = null;
      next();
      return;
    }
    services.auth
      .authenticate(auth.data.token)
      .then((principal) => {
        if (!principal) return next(refusal('unauthenticated'));
        socket.data.principal = principal;
        next();
      })
      .catch((error: unknown) => next(error instanceof Error ? error : new Error('authentication failed')));
  });

  io.on('connection', (socket: RealtimeSocket) => {
    const principal = socket.data.principal;
    if (principal === null) {
      connectBoard(socket);
      return;
    }
    void socket.join(roomsOf(principal));

    // The token's absolute expiry ends the connection too.
    const expiresIn = Math.min(principal.expiresAt - clock.now(), 2 ** 31 - 1);
    const expiry = setTimeout(() => socket.disconnect(true), Math.max(expiresIn, 0));
    socket.on('disconnect', () => clearTimeout(expiry));

    dropFloods(socket, (_packet, next) => next());

    socket.on('resync', (request, answer) => {
      if (typeof answer !== 'function') return;
      const parsed = resyncSchema.safeParse(request);
      if (!parsed.success) {
        answer({ error: { code: 'validation_failed', message: 'Send {lastSeq} as a whole number.' } });
        return;
      }
      replay(socket, principal, parsed.data.lastSeq, parsed.data.known ?? [])
        .then(answer)
        .catch((error: unknown) => {
          app.log.error({ err: error }, 'replay failed');
          answer({ error: { code: 'internal_error', message: 'Reload the snapshot.' } });
        });
    });
  });

  /**
   * A public board joins the board room only and gets the board at once (so a reconnect needs no replay and
   * no call-out is ever sent twice). It may send nothing: every message is answered with a refusal, and a
   * flood ends the connection.
   */
  function connectBoard(socket: RealtimeSocket) {
    void socket.join(BOARD_ROOM);
    services.board
      .board()
      .then((board) => socket.emit('board_updated', { seq: board.seq, board }))
      .catch((error: unknown) => app.log.error({ err: error }, 'reading the board failed'));
    dropFloods(socket, (packet) => {
      const answer: unknown = packet.at(-1);
      if (typeof answer === 'function') {
        (answer as (result: unknown) => void)({
          error: { code: 'forbidden', message: 'A board connection only listens.' },
        });
      }
    });
  }

  /** Sends this socket what its audience missed since lastSeq, or tells it to reload when that is too much. */
  async function replay(
    socket: RealtimeSocket,
    principal: Principal,
    lastSeq: number,
    known: readonly [number, number][],
  ) {
    const db = services.context.database.db;
    const events = await listEventsSince(
      db,
      Math.max(lastSeq - REPLAY_OVERLAP, 0),
      replayScopeOf(principal),
      MAX_REPLAY + 1,
    );
    if (events.length > MAX_REPLAY) {
      const newest = await latestSeq(db);
      socket.emit('resync_required', { seq: newest, reason: 'gap_too_large' });
      return { replayed: 0, seq: newest };
    }
    const newest = events.at(-1)?.seq ?? lastSeq;
    const audience = principal.kind === 'customer' ? 'customer' : 'staff';
    const scope = replayScopeOf(principal);
    // Transactions the client holds an older version of than the newest step its audience may see: an
    // event of theirs may have been in flight on another node beyond the overlap.
    const heldVersion = new Map(
      known.filter(([id]) => scope.transactionId === undefined || id === scope.transactionId),
    );
    const newestOfHeld = new Map<number, (typeof events)[number]>();
    for (const event of await listEventsOfTransactions(db, [...heldVersion.keys()], scope)) {
      if (event.version > heldVersion.get(event.transaction_id)! && event.seq <= lastSeq - REPLAY_OVERLAP) {
        newestOfHeld.set(event.transaction_id, event);
      }
    }
    const toSend = [...newestOfHeld.values(), ...events].sort((a, b) => a.seq - b.seq);
    const estimatedWaits = (await estimateQueueWaits(services.context)).byTransaction;
    for (const event of toSend) {
      // Each event is replayed with the state its own step left (its snapshot), as it was sent live.
      const row = event.snapshot
        ? // Snapshots written before migration 0004 lack its money totals, which were then all 0.
          ({ discount_amount: 0, tip_amount: 0, amount_refunded: 0, ...JSON.parse(event.snapshot) } as TransactionRow)
        : await findTransaction(db, event.transaction_id);
      if (!row) continue;
      socket.emit('transaction_updated', {
        seq: event.seq,
        action: event.action as TransactionAction,
        from: event.from_status as TransactionStatus | null,
        to: event.to_status as TransactionStatus,
        at: new Date(event.at).toISOString(),
        transaction: await presentTransaction(db, row, audience, { estimatedWaits }),
      });
    }
    return { replayed: toSend.length, seq: newest };
  }

  /**
   * Emits committed changes to the rooms that may see them, in publish order; never throws. Under load,
   * commits that arrive while one batch is being sent are sent together, sharing one read of the wait
   * estimates.
   */
  async function emitChanges(committed: readonly Change[]) {
    // One read of the queue and its estimates serves the batch: the estimates waiting tickets' events carry,
    // and the queue_moved that tells every waiting ticket its new place. It is read before the events only
    // when one of them needs it, so the others leave at once. Without it the events still go out.
    const needsEstimates = committed.some(
      (change) => change.kind === 'transaction' && change.row.status === 'pending_therapist',
    );
    let queue = needsEstimates ? await therapistQueuePositions(services.context).catch(() => undefined) : undefined;
    const estimatedWaits = queue?.estimatedWaits;
    for (const change of committed) {
      // A change that cannot be presented (its reads failed) must not hold back the rest of the batch;
      // its audience is told to replay it from transaction_events instead.
      await emitChange(change, estimatedWaits ? { estimatedWaits } : {}).catch((error: unknown) => {
        app.log.error({ err: error, kind: change.kind, seq: change.seq }, 'emitting a change failed');
        const rooms =
          change.kind === 'transaction'
            ? [...staffRoomsFor(change.from, change.to), transactionRoom(change.transactionId)]
            : FLOOR_ROOMS;
        io.to(rooms).emit('resync_required', { seq: change.seq ?? 0, reason: 'delivery_failed' });
      });
    }
    if (committed.some(movesTherapistQueue)) {
      queue ??= await therapistQueuePositions(services.context).catch(() => undefined);
      if (queue) emitQueueMoved(queue);
    }
    if (committed.some(movesBoard)) {
      // Boards keep the newest by seq; one that misses this gets the next, or the whole board on reconnect.
      await services.board
        .board()
        .then((board) => io.to(BOARD_ROOM).emit('board_updated', { seq: board.seq, board }))
        .catch((error: unknown) => app.log.error({ err: error }, 'reading the board failed'));
    }
  }

  /** A step into, out of or within the therapist's part of the lifecycle, or a therapist's break. */
  function movesTherapistQueue(change: Change): boolean {
    if (change.kind === 'staff') return true;
    if (change.kind !== 'transaction') return false;
    return [change.from, change.to].some((status) => status !== null && THERAPIST_QUEUE_STATUSES.includes(status));
  }

  function emitQueueMoved({ seq, positions }: { seq: number; positions: QueueMoved['positions'] }) {
    io.to([THERAPIST_ROOM, MONITOR_ROOM]).emit('queue_moved', { seq, positions });
    for (const position of positions) {
      io.to(transactionRoom(position.transactionId)).emit('queue_moved', { seq, positions: [position] });
    }
  }

  async function emitChange(change: Change, options: { estimatedWaits?: ReadonlyMap<number, number> }) {
    const db = services.context.database.db;
    if (change.kind === 'transaction') {
      const event = {
        seq: change.seq,
        action: change.action,
        from: change.from,
        to: change.to,
        at: new Date(change.at).toISOString(),
      };
      const [staffView, customerView] = await Promise.all([
        presentTransaction(db, change.row, 'staff', options),
        presentTransaction(db, change.row, 'customer', options),
      ]);
      io.to(staffRoomsFor(change.from, change.to)).emit('transaction_updated', { ...event, transaction: staffView });
      io.to(transactionRoom(change.transactionId)).emit('transaction_updated', {
        ...event,
        transaction: customerView,
      });
    } else if (change.kind === 'call') {
      const called = {
        seq: change.seq,
        code: change.code,
        destination: change.destination,
        at: new Date(change.at).toISOString(),
      };
      io.to([BOARD_ROOM, transactionRoom(change.transactionId)]).emit('called', called);
    } else if (change.kind === 'room') {
      const [room] = await listRooms(db, [change.roomId]);
      if (room) io.to(FLOOR_ROOMS).emit('room_updated', { seq: change.seq ?? (await latestSeq(db)), room });
    } else {
      const [staff] = await listStaffViews(db, [change.staffId]);
      if (staff) io.to(FLOOR_ROOMS).emit('staff_updated', { seq: change.seq ?? (await latestSeq(db)), staff });
    }
  }

  let backlog: Change[] = [];
  let draining: Promise<void> | undefined;
  const drain = async () => {
    while (backlog.length > 0) {
      const batch = backlog;
      backlog = [];
      await emitChanges(batch);
    }
    draining = undefined;
  };
  const unsubscribeChanges = changes.subscribe((committed) => {
    backlog.push(...committed);
    draining ??= drain();
  });
  const unsubscribeRevocations = revocations.subscribe((revocation: Revocation) => {
    const room = 'sessionId' in revocation ? sessionRoom(revocation.sessionId) : accountRoom(revocation.accountId);
    io.in(room).disconnectSockets(true);
  });

  app.addHook('preClose', async () => {
    unsubscribeChanges();
    unsubscribeRevocations();
    await draining;
    // Close the connections without dismissing the clients (a dismissed socket.io client never reconnects):
    // like after a network drop, each station comes back by itself, to another node or to this one when
    // it is up again, and resyncs.
    io.engine.close();
  });
  app.addHook('onClose', async () => {
    await io.close();
    await redis?.quit();
  });
  return io;
}

/**
 * Ends a connection that sends more than CLIENT_EVENTS_PER_10S messages in 10 seconds; every other message
 * goes on to `handle` (Socket.IO middleware: call `next` to let it reach the event handlers).
 */
function dropFloods(socket: RealtimeSocket, handle: (packet: unknown[], next: (error?: Error) => void) => void): void {
  let windowStart = Date.now();
  let received = 0;
  socket.use((packet, next) => {
    if (Date.now() - windowStart > 10_000) {
      windowStart = Date.now();
      received = 0;
    }
    if (++received > CLIENT_EVENTS_PER_10S) {
      socket.disconnect(true);
      return;
    }
    handle(packet, next);
  });
}
