import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '@spaflow/domain';
import { io, type Socket } from 'socket.io-client';

export type Heard = {
  event: string;
  seq: number;
  action?: string;
  transactionId?: number;
  version?: number;
  payload: any;
};

/** A raw Socket.IO client that records everything it hears, for asserting who got what. */
export type Listener = {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  heard: Heard[];
  close(): void;
};

/** `auth` replaces the handshake's `{token}`, e.g. `{board: true}` for a public board. */
export function openSocket(
  baseUrl: string,
  token: string | undefined,
  headers?: Record<string, string>,
  auth?: Record<string, unknown>,
) {
  return io(baseUrl, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(auth ? { auth } : token === undefined ? {} : { auth: { token } }),
    ...(headers ? { extraHeaders: headers } : {}),
  }) as Socket<ServerToClientEvents, ClientToServerEvents>;
}

/** Connects and resolves with the listener, or rejects with the refusal's data.code. */
export async function listen(
  baseUrl: string,
  token: string | undefined,
  headers?: Record<string, string>,
  auth?: Record<string, unknown>,
): Promise<Listener> {
  const socket = openSocket(baseUrl, token, headers, auth);
  const heard: Heard[] = [];
  socket.on('transaction_updated', (payload) =>
    heard.push({
      event: 'transaction_updated',
      seq: payload.seq,
      action: payload.action,
      transactionId: payload.transaction.id,
      version: payload.transaction.version,
      payload,
    }),
  );
  socket.on('room_updated', (payload) => heard.push({ event: 'room_updated', seq: payload.seq, payload }));
  socket.on('staff_updated', (payload) => heard.push({ event: 'staff_updated', seq: payload.seq, payload }));
  socket.on('queue_moved', (payload) => heard.push({ event: 'queue_moved', seq: payload.seq, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
      socket.close();
      reject(Object.assign(new Error(error.message), { code: error.data?.code ?? error.message }));
    });
  });
  return { socket, heard, close: () => socket.close() };
}

/** The refusal code a handshake gets, or 'connected'. */
export async function handshakeResult(
  baseUrl: string,
  token: string | undefined,
  headers?: Record<string, string>,
  auth?: Record<string, unknown>,
): Promise<string> {
  try {
    const listener = await listen(baseUrl, token, headers, auth);
    listener.close();
    return 'connected';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

/** Waits until `condition` holds, polling; fails with `what` after the timeout. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
