import type { TransactionView } from '@spaflow/domain';
import { useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../api/http';
import { useFloor, type FloorFeed } from '../../realtime/useFloor';

/** A customer's ticket: its id and the customer token that reads it (never put in a URL). */
export type TicketRef = { id: number; token: string };

/** Which transaction each customer token is for (a token answers for exactly one). */
const ticketIds = new Map<string, number>();

export async function loadTicket(ref: TicketRef): Promise<TransactionView> {
  const { transaction } = await apiRequest<{ transaction: TransactionView }>('GET', `/api/transactions/${ref.id}`, {
    token: ref.token,
  });
  return transaction;
}

/** A customer's own ticket: the socket sends every step of it, and nothing else. */
const ticketFeed: FloorFeed = {
  loadSnapshot: async (token) => {
    const id = ticketIds.get(token);
    if (id === undefined) throw new Error('unknown ticket');
    return { seq: 0, transactions: [await loadTicket({ id, token })] };
  },
  hearsEveryStep: true,
};

const GONE = [401, 403, 404];

/**
 * The ticket, live: the first load, then every step over the socket (a reconnect catches up by itself).
 * `unavailable` tells a ticket that can no longer be read (token expired) from one still loading.
 */
export function useLiveTicket(ref: TicketRef | null) {
  if (ref) ticketIds.set(ref.token, ref.id);
  const floor = useFloor(ref?.token ?? null, ticketFeed);
  const transaction = floor.transactions.find((candidate) => candidate.id === ref?.id) ?? null;
  const check = useQuery({
    queryKey: ['ticket', ref?.id, ref?.token],
    queryFn: () => loadTicket(ref!),
    retry: (failures, error) => !(error instanceof ApiError && GONE.includes(error.status)) && failures < 2,
    enabled: ref !== null && !floor.ready,
  });
  const unavailable = check.error instanceof ApiError && GONE.includes(check.error.status);
  return { transaction, connected: floor.connected, unavailable, remember: floor.remember };
}
