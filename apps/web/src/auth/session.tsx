import { loginResultSchema, userSchema, type StaffRole, type User } from '@spaflow/domain';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, apiRequest, onUnauthenticated } from '../api/http';

export type StaffSession = { token: string; user: User; expiresAt: string };

/** Each station keeps its own sign-in, so one browser can run the cashier and the monitor side by side. */
export type Station = 'therapist' | 'cashier' | 'monitor' | 'admin';

/** Who may sign in at each station: an admin sees everything a monitor sees. */
export const STATION_ROLES: Record<Station, readonly StaffRole[]> = {
  therapist: ['therapist'],
  cashier: ['cashier'],
  monitor: ['monitor', 'admin'],
  admin: ['admin'],
};

const storageKey = (station: Station) => `spaflow.session.${station}`;

function storedSession(station: Station): StaffSession | null {
  try {
    const raw = localStorage.getItem(storageKey(station));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StaffSession;
    if (Date.parse(parsed.expiresAt) <= Date.now()) return null;
    return { ...parsed, user: userSchema.parse(parsed.user) };
  } catch {
    return null;
  }
}

/**
 * The signed-in person at a station. The token survives a reload (localStorage) until it expires, is
 * refused by the server (401: revoked, deactivated) or the person signs out.
 */
export function useStaffSession(station: Station) {
  const [session, setSession] = useState<StaffSession | null>(() => storedSession(station));
  const [checked, setChecked] = useState(false);

  const forget = useCallback(() => {
    localStorage.removeItem(storageKey(station));
    setSession(null);
  }, [station]);

  // A stored token is checked once on load: it may have been revoked while the screen was closed.
  useEffect(() => {
    if (!session || checked) return;
    apiRequest('GET', '/api/auth/me', { token: session.token })
      .then(() => setChecked(true))
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) forget();
        setChecked(true);
      });
  }, [session, checked, forget]);

  useEffect(() => onUnauthenticated((token) => token === session?.token && forget()), [session, forget]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const result = loginResultSchema.parse(
        await apiRequest('POST', '/api/auth/login', { body: { username, password } }),
      );
      if (!STATION_ROLES[station].includes(result.user.role)) {
        await apiRequest('POST', '/api/auth/logout', { token: result.token }).catch(() => undefined);
        throw new ApiError(
          403,
          'forbidden',
          `${result.user.displayName} is a ${result.user.role}; this is the ${station} station.`,
        );
      }
      const next = { token: result.token, user: result.user, expiresAt: result.expiresAt };
      localStorage.setItem(storageKey(station), JSON.stringify(next));
      setChecked(true);
      setSession(next);
    },
    [station],
  );

  const signOut = useCallback(async () => {
    if (session) await apiRequest('POST', '/api/auth/logout', { token: session.token }).catch(() => undefined);
    forget();
  }, [session, forget]);

  return { session, signIn, signOut };
}
