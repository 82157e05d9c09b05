import { createRootRoute, createRoute, createRouter, lazyRouteComponent, Outlet } from '@tanstack/react-router';
import { Suspense } from 'react';
import { CenteredLoader } from './components/CenteredLoader';
import { NotFound } from './screens/NotFound';
import { Home } from './screens/Home';

const rootRoute = createRootRoute({
  component: () => (
    <Suspense fallback={<CenteredLoader />}>
      <Outlet />
    </Suspense>
  ),
  notFoundComponent: NotFound,
});

/** A station's route; each station loads only its own code (a kiosk never downloads the admin console). */
function station<T extends Record<string, unknown>>(path: string, load: () => Promise<T>, exportName: keyof T) {
  return createRoute({
    getParentRoute: () => rootRoute,
    path,
    component: lazyRouteComponent(load, exportName),
    pendingComponent: CenteredLoader,
  });
}

const routeTree = rootRoute.addChildren([
  createRoute({ getParentRoute: () => rootRoute, path: '/', component: Home }),
  station('/kiosk', () => import('./screens/kiosk/KioskScreen'), 'KioskScreen'),
  station('/therapist', () => import('./screens/therapist/TherapistScreen'), 'TherapistScreen'),
  station('/cashier', () => import('./screens/cashier/CashierScreen'), 'CashierScreen'),
  station('/monitor', () => import('./screens/monitor/MonitorScreen'), 'MonitorScreen'),
  station('/admin', () => import('./screens/admin/AdminScreen'), 'AdminScreen'),
  station('/board', () => import('./screens/board/BoardScreen'), 'BoardScreen'),
  station('/t/$handoffCode', () => import('./screens/phone/PhoneTicketScreen'), 'PhoneTicketScreen'),
]);

export const router = createRouter({ routeTree, defaultPreload: false });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
