import { snapshotSchema, type Snapshot } from '@spaflow/domain';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { apiRequest } from '../../api/http';
import { floorOfSnapshot, type Floor, type FloorFeed } from '../../realtime/useFloor';

/** The newest monitor snapshot and when this browser received it (for the server's clock and ticking figures). */
export type LatestSnapshot = { snapshot: Snapshot; receivedAt: number; serverOffsetMs: number };

let latest: LatestSnapshot | null = null;
const listeners = new Set<() => void>();

function publish(next: LatestSnapshot | null): void {
  latest = next;
  for (const listener of listeners) listener();
}

/** Loads the whole floor with the day's figures (computed on the server) and keeps it as the latest. */
async function fetchSnapshot(token: string): Promise<Snapshot> {
  const snapshot = snapshotSchema.parse(await apiRequest('GET', '/api/monitor/snapshot', { token }));
  const receivedAt = Date.now();
  publish({ snapshot, receivedAt, serverOffsetMs: Date.parse(snapshot.generatedAt) - receivedAt });
  return snapshot;
}

/** The monitor hears every event of every transaction: the snapshot first, then every change. */
export const monitorFeed: FloorFeed = {
  loadSnapshot: async (token) => {
    return floorOfSnapshot(await fetchSnapshot(token));
  },
  hearsEveryStep: true,
  hearsEverySeq: true,
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The latest snapshot (its `stats` are the KPIs), or null before the first one. */
export function useLatestSnapshot(): LatestSnapshot | null {
  return useSyncExternalStore(
    subscribe,
    () => latest,
    () => latest,
  );
}

/** At most one figures refresh this often after changes on the floor… */
const MIN_REFRESH_GAP_MS = 3000;
/** …and one this often regardless (the averages and estimates move with time too). */
const REFRESH_EVERY_MS = 30_000;

/**
 * Keeps the server's figures fresh: a refetch of the snapshot a moment after the floor changes (debounced,
 * at most every few seconds) and every 30 s. The figures themselves are never computed here.
 */
export function useFiguresRefresh(token: string, floor: Floor): void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  const refreshRef = useRef<(() => void) | undefined>(undefined);

  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      if (inFlight.current || stopped) return;
      inFlight.current = true;
      try {
        await fetchSnapshot(token);
      } catch {
        // The figures stay as they were; the next change or the next 30 s tries again.
      } finally {
        inFlight.current = false;
      }
    };
    const interval = setInterval(() => void refresh(), REFRESH_EVERY_MS);
    refreshRef.current = () => void refresh();
    return () => {
      stopped = true;
      clearInterval(interval);
      clearTimeout(timer.current);
      timer.current = undefined;
      refreshRef.current = undefined;
      publish(null);
    };
  }, [token]);

  const { transactions, rooms, staff, ready } = floor;
  const primed = useRef(false);
  useEffect(() => {
    if (!ready) {
      primed.current = false;
      return;
    }
    // The first picture is the snapshot itself, with its figures: nothing to refresh yet.
    if (!primed.current) {
      primed.current = true;
      return;
    }
    if (timer.current) return;
    const sinceLast = latest ? Date.now() - latest.receivedAt : Number.POSITIVE_INFINITY;
    timer.current = setTimeout(
      () => {
        timer.current = undefined;
        refreshRef.current?.();
      },
      Math.max(1000, MIN_REFRESH_GAP_MS - sinceLast),
    );
  }, [transactions, rooms, staff, ready]);
}
