import {
  THERAPIST_HELD_STATUSES,
  type QueueSnapshot,
  type CartItemInput,
  type RoomView,
  type TransactionStatus,
  type TransactionView,
} from '@spaflow/domain';
import { apiRequest } from '../../api/http';
import type { FloorFeed } from '../../realtime/useFloor';

type TransactionResult = { transaction: TransactionView };
type MaybeTransaction = { transaction: TransactionView | null };

/** What the therapist station sees: the waiting queue (as of its seq), the rooms and the customer held. */
export const therapistFeed: FloorFeed = {
  loadSnapshot: async (token) => {
    const [queue, rooms, current] = await Promise.all([
      apiRequest<QueueSnapshot>('GET', '/api/queues/therapist', { token }),
      apiRequest<{ rooms: RoomView[] }>('GET', '/api/rooms', { token }),
      apiRequest<MaybeTransaction>('GET', '/api/therapist/current', { token }),
    ]);
    const transactions = [...queue.transactions];
    if (current.transaction) transactions.push(current.transaction);
    return { seq: queue.seq, transactions, rooms: rooms.rooms };
  },
};

export const isHeld = (status: TransactionStatus) => (THERAPIST_HELD_STATUSES as readonly string[]).includes(status);

/** The therapist queue's order: priority customers first, then by confirm time (as the server claims). */
export function queueOrder(a: TransactionView, b: TransactionView): number {
  if (a.priority !== b.priority) return a.priority ? -1 : 1;
  const byConfirm = (a.selectionConfirmedAt ?? '').localeCompare(b.selectionConfirmedAt ?? '');
  return byConfirm !== 0 ? byConfirm : a.id - b.id;
}

export const therapistApi = {
  claimNext: (token: string, roomId: number | null) =>
    apiRequest<MaybeTransaction>('POST', '/api/therapist/claim-next', {
      token,
      body: roomId === null ? {} : { roomId },
    }),
  claim: (token: string, id: number, roomId: number | null) =>
    apiRequest<TransactionResult>('POST', `/api/transactions/${id}/claim`, {
      token,
      body: roomId === null ? {} : { roomId },
    }),
  step: (token: string, id: number, step: 'start' | 'finish' | 'release') =>
    apiRequest<TransactionResult>('POST', `/api/transactions/${id}/${step}`, { token }),
  recall: (token: string, id: number) =>
    apiRequest<TransactionResult>('POST', `/api/transactions/${id}/recall`, { token }),
  noShow: (token: string, id: number) =>
    apiRequest<TransactionResult>('POST', `/api/transactions/${id}/cancel`, { token, body: { reason: 'no_show' } }),
  replaceItems: (token: string, id: number, items: CartItemInput[]) =>
    apiRequest<TransactionResult>('PUT', `/api/transactions/${id}/items`, { token, body: { items } }),
  roomReady: (token: string, roomId: number) =>
    apiRequest<{ room: RoomView }>('POST', `/api/rooms/${roomId}/ready`, { token }),
  status: (token: string) =>
    apiRequest<{ status: 'available' | 'on_break' }>('GET', '/api/therapist/status', { token }),
  setStatus: (token: string, status: 'available' | 'on_break') =>
    apiRequest<{ status: 'available' | 'on_break' }>('POST', '/api/therapist/status', { token, body: { status } }),
  history: (token: string) =>
    apiRequest<{ transactions: TransactionView[] }>('GET', '/api/therapist/history', { token }),
};
