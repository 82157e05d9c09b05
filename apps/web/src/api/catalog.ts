import { catalogSchema } from '@spaflow/domain';
import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from './http';

/** The active menu, shared by every screen that shows it (the kiosk, a therapist adding a service). */
export const catalogQuery = queryOptions({
  queryKey: ['catalog'],
  queryFn: async () => catalogSchema.parse(await apiRequest('GET', '/api/catalog')),
  staleTime: 60_000,
});
