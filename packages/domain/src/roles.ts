/** Who can sign in. Customers never sign in: they hold a per-transaction customer token. */
export const STAFF_ROLES = ['therapist', 'cashier', 'monitor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type PrincipalRole = StaffRole | 'customer';

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}
