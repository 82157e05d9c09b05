import type { StaffRole } from '@spaflow/domain';

/** Who is calling, as established from the bearer token once per request. */
export type StaffPrincipal = {
  kind: 'staff';
  sessionId: number;
  accountId: number;
  username: string;
  displayName: string;
  role: StaffRole;
  expiresAt: number;
};

export type CustomerPrincipal = {
  kind: 'customer';
  transactionId: number;
  expiresAt: number;
};

export type Principal = StaffPrincipal | CustomerPrincipal;
