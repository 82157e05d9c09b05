import { snapshotSchema } from '@spaflow/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { apiRequest } from '../../api/http';
import { floorOfSnapshot, useFloor, type FloorFeed } from '../../realtime/useFloor';
import { adminKeys } from './api';

/** The admin hears the whole floor, as the monitor does: every step, every room and staff change. */
const ADMIN_FEED: FloorFeed = {
  loadSnapshot: async (token) => {
    return floorOfSnapshot(snapshotSchema.parse(await apiRequest('GET', '/api/monitor/snapshot', { token })));
  },
  hearsEveryStep: true,
  hearsEverySeq: true,
};

/**
 * Keeps the console's lists current without a reload: when the floor says a room, a staff member or a
 * transaction changed (from any station), the admin lists, today's report and an open audit trail refetch.
 * Returns whether the live connection is up.
 */
export function useLiveAdmin(token: string): boolean {
  const floor = useFloor(token, ADMIN_FEED);
  const queryClient = useQueryClient();
  const rooms = useMemo(() => JSON.stringify(floor.rooms), [floor.rooms]);
  const staff = useMemo(() => JSON.stringify(floor.staff), [floor.staff]);
  const steps = useMemo(
    () => floor.transactions.map((transaction) => `${transaction.id}:${transaction.version}`).join(','),
    [floor.transactions],
  );

  useEffect(() => {
    if (floor.ready) void queryClient.invalidateQueries({ queryKey: adminKeys.rooms });
  }, [rooms, floor.ready, queryClient]);
  useEffect(() => {
    if (floor.ready) void queryClient.invalidateQueries({ queryKey: adminKeys.staff });
  }, [staff, floor.ready, queryClient]);
  useEffect(() => {
    if (!floor.ready) return;
    void queryClient.invalidateQueries({ queryKey: ['admin', 'reports'] });
    void queryClient.invalidateQueries({ queryKey: ['admin', 'events'] });
    void queryClient.invalidateQueries({ queryKey: ['admin', 'transaction'] });
  }, [steps, floor.ready, queryClient]);

  return floor.connected;
}
