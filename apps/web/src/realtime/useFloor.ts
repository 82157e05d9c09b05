import { FloorClient, type FloorSnapshot } from '@spaflow/client';
import type { RoomView, Snapshot, StaffView, TransactionView } from '@spaflow/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { reportUnauthenticated } from '../api/http';

/** The monitor snapshot as a FloorClient's picture: every open transaction, the rooms and the staff, at its seq. */
export function floorOfSnapshot(snapshot: Snapshot): FloorSnapshot {
  return {
    seq: snapshot.seq,
    transactions: [...snapshot.waiting, ...snapshot.serving, ...snapshot.awaitingPayment, ...snapshot.paying],
    rooms: snapshot.rooms,
    staff: [...snapshot.therapists, ...snapshot.cashiers],
  };
}

/** How a station watches the floor; declared once per station, outside any component. */
export type FloorFeed = {
  /** The whole picture this station may see (its queue, the monitor snapshot, a customer's ticket). */
  loadSnapshot: (token: string) => Promise<FloorSnapshot>;
  /** See FloorClientOptions: stations that hear every step (monitor, admin, a customer's own ticket). */
  hearsEveryStep?: boolean;
  hearsEverySeq?: boolean;
};

export type Floor = {
  transactions: TransactionView[];
  rooms: RoomView[];
  staff: StaffView[];
  /** False while the socket is down: the screen says so, and catches up by itself when it is back. */
  connected: boolean;
  /** True once the first snapshot is in. */
  ready: boolean;
  /** Reloads the whole picture now. */
  reload: () => Promise<void>;
  /** Shows the answer to this station's own request at once, until the socket brings that step or a later one. */
  remember: (transaction: TransactionView) => void;
};

type FloorView = Pick<Floor, 'transactions' | 'rooms' | 'staff'>;
const NOTHING: FloorView = { transactions: [], rooms: [], staff: [] };

/**
 * A live copy of what this station may see, kept by a FloorClient: the snapshot first, then every change
 * the server pushes, with replays after reconnects. Re-renders on every applied change.
 */
export function useFloor(token: string | null, feed: FloorFeed): Floor {
  const [view, setView] = useState<FloorView>(NOTHING);
  const [connected, setConnected] = useState(false);
  const [ready, setReady] = useState(false);
  const clientRef = useRef<FloorClient | null>(null);

  useEffect(() => {
    if (!token) return;
    const client = new FloorClient({
      url: window.location.origin,
      token,
      loadSnapshot: () => feed.loadSnapshot(token),
      ...(feed.hearsEveryStep ? { hearsEveryStep: true } : {}),
      ...(feed.hearsEverySeq ? { hearsEverySeq: true } : {}),
      // Logged out elsewhere, deactivated or expired: the station signs out (as after an HTTP 401).
      onRefused: () => reportUnauthenticated(token),
      onChange: (changed) =>
        setView({
          transactions: [...changed.transactions.values()],
          rooms: [...changed.rooms.values()],
          staff: [...changed.staff.values()],
        }),
    });
    clientRef.current = client;
    client.socket.on('connect', () => setConnected(true));
    client.socket.on('disconnect', () => setConnected(false));
    let stopped = false;
    // A failed first load or handshake is retried: a station opened before the server is up comes up with it.
    const start = async () => {
      for (let attempt = 1; !stopped; attempt++) {
        try {
          await client.connect();
          if (!stopped) setReady(true);
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * attempt, 5000)));
        }
      }
    };
    void start();
    return () => {
      stopped = true;
      client.close();
      clientRef.current = null;
      setView(NOTHING);
      setReady(false);
      setConnected(false);
    };
  }, [token, feed]);

  const reload = useCallback(async () => {
    await clientRef.current?.reload();
  }, []);
  const remember = useCallback((transaction: TransactionView) => clientRef.current?.applyAnswer(transaction), []);

  return { ...view, connected, ready, reload, remember };
}
