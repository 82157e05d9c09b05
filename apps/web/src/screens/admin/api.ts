import type {
  AdminCategoryView,
  AdminClassificationView,
  AdminRoomView,
  AdminServiceView,
  AdminStaffView,
} from '@spaflow/domain';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { apiRequest, errorMessage } from '../../api/http';

/** The admin lists, each one query, refetched after every change made here. */
export const adminKeys = {
  categories: ['admin', 'categories'],
  services: ['admin', 'services'],
  classifications: ['admin', 'classifications'],
  staff: ['admin', 'staff'],
  rooms: ['admin', 'rooms'],
} as const satisfies Record<string, QueryKey>;

function useList<Body, T>(token: string, key: QueryKey, path: string, pick: (body: Body) => T[]) {
  return useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => pick(await apiRequest<Body>('GET', path, { token, signal })),
  });
}

export const useCategories = (token: string) =>
  useList(
    token,
    adminKeys.categories,
    '/api/admin/categories',
    (body: { categories: AdminCategoryView[] }) => body.categories,
  );
export const useServices = (token: string) =>
  useList(token, adminKeys.services, '/api/admin/services', (body: { services: AdminServiceView[] }) => body.services);
export const useClassifications = (token: string) =>
  useList(
    token,
    adminKeys.classifications,
    '/api/admin/classifications',
    (body: { classifications: AdminClassificationView[] }) => body.classifications,
  );
export const useStaff = (token: string) =>
  useList(token, adminKeys.staff, '/api/admin/staff', (body: { staff: AdminStaffView[] }) => body.staff);
export const useRooms = (token: string) =>
  useList(token, adminKeys.rooms, '/api/admin/rooms', (body: { rooms: AdminRoomView[] }) => body.rooms);

/**
 * One admin write (POST or PATCH): refreshes the lists it touches, says so when it worked, and leaves the
 * refusal to the caller (forms put it on their fields) unless `notifyError` is set (row buttons).
 */
export function useAdminWrite<Body, Result = unknown>(
  token: string,
  options: {
    invalidate: readonly QueryKey[];
    success?: (result: Result, body: Body) => string;
    notifyError?: boolean;
    errorTitle?: string;
  },
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body }: { method: 'POST' | 'PATCH'; path: string; body: Body }) =>
      apiRequest<Result>(method, path, { token, body }),
    onSuccess: async (result, { body }) => {
      if (options.success) notifications.show({ color: 'teal', message: options.success(result, body) });
      await Promise.all(options.invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
    onError: (error) => {
      if (options.notifyError)
        notifications.show({ color: 'red', title: options.errorTitle, message: errorMessage(error) });
    },
  });
}

/** Sorted as the kiosk shows them: by sort order, then by id. */
export function bySortOrder<T extends { sortOrder: number; id: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
}

/**
 * The PATCHes that move `rows[index]` one place up or down: the whole list is renumbered 10, 20, 30… in its
 * new order (equal sort orders would otherwise not move), and only the rows whose number changes are sent.
 */
export function reorderPatches<T extends { sortOrder: number; id: number }>(
  rows: readonly T[],
  index: number,
  direction: -1 | 1,
): { id: number; sortOrder: number }[] {
  const target = index + direction;
  if (target < 0 || target >= rows.length) return [];
  const order = [...rows];
  [order[index], order[target]] = [order[target]!, order[index]!];
  return order
    .map((row, position) => ({ id: row.id, sortOrder: (position + 1) * 10, before: row.sortOrder }))
    .filter((row) => row.sortOrder !== row.before)
    .map(({ id, sortOrder }) => ({ id, sortOrder }));
}
