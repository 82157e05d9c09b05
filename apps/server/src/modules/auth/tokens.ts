import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque bearer tokens: 32 random bytes behind a prefix that says which table holds the hash
 * (staff sessions or customer transactions). Only the SHA-256 of a token is ever stored.
 */
export const STAFF_TOKEN_PREFIX = 'sfs_';
export const CUSTOMER_TOKEN_PREFIX = 'sfc_';

export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

export function generateToken(prefix: typeof STAFF_TOKEN_PREFIX | typeof CUSTOMER_TOKEN_PREFIX): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
